"""The benchmark corpus generator and a quick run of the benchmark harness (no timing assertions)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks import bench
from benchmarks.corpus import EXPECTED, MAX_BYTES, MIN_BYTES, generate

from strikegraph.corpus import read_article


def _digest(paths: list[Path]) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in paths]


def test_corpus_is_deterministic_sized_and_readable(tmp_path: Path) -> None:
    a = generate(200, tmp_path / "a", seed=7)
    b = generate(200, tmp_path / "b", seed=7)
    assert _digest(a) == _digest(b), "same n and seed must give byte-identical articles"
    assert (tmp_path / "a" / EXPECTED).read_bytes() == (tmp_path / "b" / EXPECTED).read_bytes()
    c = generate(20, tmp_path / "c", seed=8)
    assert _digest(c) != _digest(a[:20]), "another seed gives another corpus"
    assert len(a) == 200
    for p in a:
        assert MIN_BYTES <= p.stat().st_size <= MAX_BYTES, p.name
        art = read_article(p)
        assert art.published is not None and art.title and art.url and art.outlet and art.language == "en"
    expected = [json.loads(line) for line in (tmp_path / "a" / EXPECTED).read_text(encoding="utf-8").splitlines()]
    assert [e["file"] for e in expected] == [p.name for p in a]
    follow_ups = sum(not e["strike"]["first_report"] for e in expected)
    assert 30 <= follow_ups <= 90, "about 30% of the articles report an earlier strike"
    assert all(e["claims"] for e in expected)


def test_corpus_prefix_is_stable(tmp_path: Path) -> None:
    # Smaller corpora are prefixes of larger ones with the same seed, so sizes are comparable.
    small = generate(10, tmp_path / "s")
    large = generate(30, tmp_path / "l")
    assert _digest(small) == _digest(large[:10])


@pytest.mark.slow
def test_quick_benchmark_has_every_section(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    bench.main(["--sizes", "200", "--quick", "--reason-size", "8", "--full-build-size", "200", "--out", str(out),
                "--work", str(tmp_path / "work")])
    results = json.loads(out.read_text(encoding="utf-8"))
    for section in bench.SECTIONS:
        assert section in results, section
    assert results["machine"]["cores"] and results["machine"]["python"]
    assert results["extraction"]["200"]["status"] == "ok"
    assert results["extraction"]["200"]["articles"] == 200
    assert results["build"]["200 no-validate-no-reason"]["status"] == "ok"
    full = results["build"]["200 full"]
    assert full["status"] == "ok" and full["inferred"] > 0
    assert list(full["steps_s"]) == ["check", "read", "extract", "merge", "render", "validate", "reason", "write"]
    assert {"build_s", "build_rss_mb", "incremental_s", "reasoning_speedup", "validation_speedup"} <= set(results["targets"])
    assert results["targets"]["build_s"]["measured_at"] == 200
    assert all(isinstance(t["met"], bool) for t in results["targets"].values())
    assert results["incremental"]["status"] == "ok"
    assert list(results["incremental"]["steps_s"])[-1] == "write"
    assert list(results["incremental"]["unchanged"]["steps_s"]) == ["check"]  # nothing changed: nothing done
    assert results["queries"]["status"] == "ok" and results["queries"]["local"]
    assert "server" in results["queries"]
    assert {"owlrl", "fast"} <= set(results["reasoning"])
    assert {"pyshacl", "fast"} <= set(results["validation"])
    for kind in ("attribution", "figure", "relation"):
        assert 0 <= results["extraction_accuracy"][kind]["precision"] <= 1
