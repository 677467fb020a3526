"""Where the ontology, gazetteer, shapes and queries live: inside the installed package, or the
source tree when installed in editable mode."""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).resolve().parent / "_data"
_SOURCE_TREE = Path(__file__).resolve().parents[2]


def data_dir(name: str) -> Path:
    """Directory of bundled data: 'ontology', 'gazetteer', 'shapes' or 'queries'."""
    for base in (_PACKAGED, _SOURCE_TREE):
        path = base / name
        if path.is_dir():
            return path
    raise FileNotFoundError(f"strikegraph data directory {name!r} not found (looked in {_PACKAGED} and {_SOURCE_TREE})")


def source_tree() -> Path:
    """The checkout this package runs from (in an editable install); the benchmarks live there."""
    return _SOURCE_TREE


def ontology_file() -> Path:
    return data_dir("ontology") / "strikegraph.ttl"


def gazetteer_files() -> list[Path]:
    return sorted(data_dir("gazetteer").glob("*.ttl"))


def shapes_files() -> list[Path]:
    return sorted(data_dir("shapes").glob("*.ttl"))


def query_files() -> list[Path]:
    return sorted(data_dir("queries").glob("*.rq"))
