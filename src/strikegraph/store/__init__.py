"""The build's store: an on-disk Oxigraph store in ``<build>/store/`` with one named graph per
article, the reference graphs (ontology, gazetteer) and the inferred graph.

Everything that asks the build (queries, SPARQL, export, serve, push, the Python API) opens it
read-only: there is nothing to load first. Hand-made build directories holding only a
``dataset.nq`` or ``dataset.trig`` file (and such files given directly) are still read, into memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # imported on use: a query process needs pyoxigraph only
    import pyoxigraph as ox
    from rdflib import Dataset

STORE_DIR = "store"
# The reference graphs as the build rendered them (blank-node labels and literal forms as written):
# the store keeps its own forms of some terms, so the dataset export takes these graphs from here.
REFERENCE_NQ = "reference.nq"
StoreKind = Literal["oxigraph", "memory"]


def store_dir(build: str | Path = "build/") -> Path:
    """``<build>/store``; FileNotFoundError when the directory holds no built store."""
    p = Path(build)
    location = p / STORE_DIR
    if (location / "CURRENT").is_file():  # RocksDB's pointer to its live manifest: a complete store
        return location
    if not p.exists():
        raise FileNotFoundError(f"build directory {p} does not exist: run `strikegraph build` first")
    raise FileNotFoundError(f"no store in {p}: run `strikegraph build` first")


def has_store(build: str | Path) -> bool:
    return (Path(build) / STORE_DIR / "CURRENT").is_file()


def open_store(build: str | Path = "build/") -> ox.Store:
    """The build's store, read-only. A build running meanwhile does not change what it shows."""
    import pyoxigraph as ox

    if not has_store(build):
        file = dataset_file(build)  # a hand-made dataset file: loaded into memory
        store = ox.Store()
        store.bulk_load(path=str(file), format=ox.RdfFormat.N_QUADS if file.suffix == ".nq" else ox.RdfFormat.TRIG)
        return store
    return ox.Store.read_only(str(store_dir(build)))


def dataset_file(path: str | Path = "build/") -> Path:
    """The N-Quads (or, failing that, TriG) file of a hand-made build directory, or the file itself."""
    p = Path(path)
    if p.is_file():
        return p
    for name in ("dataset.nq", "dataset.trig"):
        if (p / name).is_file():
            return p / name
    if not p.exists():
        raise FileNotFoundError(f"build directory {p} does not exist: run `strikegraph build` first")
    raise FileNotFoundError(f"no store (nor dataset.nq or dataset.trig) in {p}: run `strikegraph build` first")


def load_graph(path: str | Path = "build/", *, store: StoreKind = "oxigraph") -> Dataset:
    """The build as an rdflib Dataset whose default graph is the union of all its graphs.

    ``store="oxigraph"`` (default) wraps the build's Oxigraph store, opened read-only (a dataset file
    is bulk-loaded into an in-memory one); ``store="memory"`` parses a dataset file into rdflib's own
    store."""
    from rdflib import Dataset

    from ..namespaces import bind_prefixes

    if store == "oxigraph":
        from oxrdflib import OxigraphStore

        ds = Dataset(store=OxigraphStore(store=open_store(path)), default_union=True)
    elif store == "memory":
        file = dataset_file(path)
        ds = Dataset(default_union=True)
        ds.parse(file, format="nquads" if file.suffix == ".nq" else "trig")
    else:
        raise ValueError(f"unknown store {store!r}: use 'oxigraph' or 'memory'")
    bind_prefixes(ds.namespace_manager)
    return ds
