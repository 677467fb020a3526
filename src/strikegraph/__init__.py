"""strikegraph: news reporting on military strikes as a knowledge graph of attributed claims."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
