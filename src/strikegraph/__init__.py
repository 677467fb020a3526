"""strikegraph: news reporting on military strikes as a knowledge graph of attributed claims."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "ask", "load_graph"]


def __getattr__(name: str) -> object:
    # Lazy, so that `import strikegraph` (and the CLI's --help) does not load rdflib.
    if name == "ask":
        from .api import ask

        return ask
    if name == "load_graph":
        from .store import load_graph

        return load_graph
    raise AttributeError(f"module 'strikegraph' has no attribute {name!r}")
