"""Shared fixtures: the seed corpus built once per test session, with validation and reasoning."""

from __future__ import annotations

from pathlib import Path

import pytest

from strikegraph.build import BuildResult, build

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpus" / "seeds"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    out = tmp_path_factory.mktemp("seed") / "build"
    return out, build([SEEDS], out)
