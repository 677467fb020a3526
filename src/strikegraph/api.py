"""The Python entry point for questions: `ask("who-struck", place="Boukamal")`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Dataset

from .query import Row, run_query
from .store import dataset_file, load_graph


@lru_cache(maxsize=4)
def _cached(file: str, mtime_ns: int) -> Dataset:
    return load_graph(file)


def ask(name: str, *, build: str | Path = "build/", endpoint: str | None = None, **params: str) -> list[Row]:
    """Run canned query `name` on a build directory (loaded once and cached while the file is
    unchanged) or on a SPARQL endpoint. Parameters are keyword arguments; a trailing underscore is
    dropped so that Python keywords work: `ask("timeline", region="Syria", from_="2023-01-01")`."""
    values = {k[:-1] if k.endswith("_") else k: v for k, v in params.items()}
    if endpoint is not None:
        return run_query(name, endpoint, values)
    file = dataset_file(build)
    return run_query(name, _cached(str(file.resolve()), file.stat().st_mtime_ns), values)
