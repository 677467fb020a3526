"""The Python entry point for questions: `ask("who-struck", place="Boukamal")`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .query import Row, run_query
from .store import has_store, open_store

if TYPE_CHECKING:
    import pyoxigraph as ox


@lru_cache(maxsize=4)
def _cached(build: str, stamp: int) -> ox.Store:
    return open_store(build)


def _stamp(build: Path) -> int:
    """Changes whenever a build replaces the output (the manifest is rewritten by every build)."""
    from .store.staging import MANIFEST

    for path in (build / MANIFEST, build / "dataset.nq", build / "dataset.trig", build):
        if path.exists():
            return path.stat().st_mtime_ns
    return 0


def ask(name: str, *, build: str | Path = "build/", endpoint: str | None = None, **params: str) -> list[Row]:
    """Run canned query `name` on a build directory (its store opened once and kept while the build
    is unchanged) or on a SPARQL endpoint. Parameters are keyword arguments; a trailing underscore is
    dropped so that Python keywords work: `ask("timeline", region="Syria", from_="2023-01-01")`."""
    values = {k[:-1] if k.endswith("_") else k: v for k, v in params.items()}
    if endpoint is not None:
        return run_query(name, endpoint, values)
    root = Path(build).resolve()
    if not has_store(root):
        open_store(root)  # a clear error, or a hand-made dataset file
    return run_query(name, _cached(str(root), _stamp(root)), values)
