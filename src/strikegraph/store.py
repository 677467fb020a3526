"""Open a build's dataset for querying."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from rdflib import Dataset

from .namespaces import bind_prefixes

StoreKind = Literal["oxigraph", "memory"]


def dataset_file(path: str | Path = "build/") -> Path:
    """The N-Quads (or, failing that, TriG) file of a build directory, or the file itself."""
    p = Path(path)
    if p.is_file():
        return p
    for name in ("dataset.nq", "dataset.trig"):
        if (p / name).is_file():
            return p / name
    if not p.exists():
        raise FileNotFoundError(f"build directory {p} does not exist: run `strikegraph build` first")
    raise FileNotFoundError(f"no dataset.nq or dataset.trig in {p}: run `strikegraph build` first")


def load_graph(path: str | Path = "build/", *, store: StoreKind = "oxigraph") -> Dataset:
    """The build's dataset, whose default graph is the union of all its graphs.

    `store="oxigraph"` (default) bulk-loads into an in-memory Oxigraph store, which queries far
    faster than rdflib's own engine; `store="memory"` uses rdflib's in-memory store."""
    file = dataset_file(path)
    fmt = "nquads" if file.suffix == ".nq" else "trig"
    if store == "oxigraph":
        import pyoxigraph as ox
        from oxrdflib import OxigraphStore

        inner = ox.Store()
        ox_format = ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.TRIG
        # bulk_load skips per-quad transactions: the store is new, so atomicity buys nothing.
        inner.bulk_load(path=str(file), format=ox_format)
        ds = Dataset(store=OxigraphStore(store=inner), default_union=True)
    elif store == "memory":
        ds = Dataset(default_union=True)
        ds.parse(file, format=fmt)
    else:
        raise ValueError(f"unknown store {store!r}: use 'oxigraph' or 'memory'")
    bind_prefixes(ds.namespace_manager)
    return ds
