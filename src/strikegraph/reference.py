"""Load the reference data: the ontology and the curated gazetteer of actors, places and ties."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from .namespaces import bind_prefixes
from .resources import gazetteer_files, ontology_file


def load_ontology() -> Graph:
    """The strikegraph ontology as an rdflib Graph."""
    graph = Graph()
    bind_prefixes(graph.namespace_manager)
    graph.parse(ontology_file(), format="turtle")
    return graph


def load_gazetteer(files: list[Path] | None = None) -> Graph:
    """The curated gazetteer (all gazetteer/*.ttl) as one rdflib Graph."""
    graph = Graph()
    bind_prefixes(graph.namespace_manager)
    for path in files if files is not None else gazetteer_files():
        graph.parse(path, format="turtle")
    return graph


@lru_cache(maxsize=1)
def _cached_reference() -> tuple[Graph, Graph]:
    return load_ontology(), load_gazetteer()


def reference_graphs() -> tuple[Graph, Graph]:
    """(ontology, gazetteer), parsed once per process. Callers must not modify them."""
    return _cached_reference()
