"""Validate strikegraph data against the SHACL shapes (shapes/*.ttl) and the content hashes.

The shapes rely on the ontology's class hierarchy being in the data graph (sh:targetClass sg:Claim must
reach sg:FigureClaim), so the ontology is mixed into a copy of the data and pyshacl runs without
inference: RDFS inference would type every object of sg:reportedIn as an sg:Article from the property's
range and so hide exactly the errors sh:class is meant to catch.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pyshacl
from rdflib import RDF, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, NamespaceManager
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from .namespaces import OA, PREFIXES, SG, bind_prefixes
from .reference import load_ontology
from .resources import shapes_files

SGSH = Namespace("https://w3id.org/strikegraph/shapes#")

__all__ = ["SGSH", "ValidationReport", "Violation", "check_hashes", "shapes_graph", "validate"]

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class Violation:
    """One failed rule, with the article and quote it concerns resolved for the reader."""

    focus_node: Node
    path: str | None
    """The result path in SPARQL property-path syntax with prefixed names (``sg:stance``)."""
    message: str
    severity: str
    """``Violation``, ``Warning`` or ``Info``."""
    source_shape: Node | None
    constraint: str
    """The SHACL constraint component's local name (``MinCountConstraintComponent``), or
    ``ContentHash`` for the hash check done in Python."""
    value: Node | None = None
    article: str | None = None
    """File name of the article the focus node belongs to (claims, spans, articles)."""
    quote: str | None = None
    """The evidence quote (spans; for claims, the first evidence span)."""

    def sort_key(self) -> tuple[int, str, str, str, str, str]:
        return (
            _SEVERITY_ORDER.get(self.severity, 3),
            self.article or "",
            str(self.focus_node),
            self.path or "",
            self.message,
            str(self.value) if self.value is not None else "",
        )


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def format(self) -> str:
        """A readable report: a summary line, then one block per violation in a stable order."""
        nm = _namespace_manager()
        counts: dict[str, int] = {}
        for v in self.violations:
            counts[v.severity] = counts.get(v.severity, 0) + 1
        if not self.violations:
            return "Conforms: yes (no violations)\n"
        summary = ", ".join(f"{n} {sev.lower()}{'s' if n != 1 else ''}" for sev, n in sorted(counts.items()))
        lines = [f"Conforms: {'yes' if self.conforms else 'no'} ({summary})", ""]
        for v in sorted(self.violations, key=Violation.sort_key):
            lines.append(f"[{v.severity}] {_term(v.focus_node, nm)}")
            if v.path:
                lines.append(f"  path:    {v.path}")
            lines.append(f"  message: {v.message}")
            if v.value is not None:
                lines.append(f"  value:   {_short(_term(v.value, nm))}")
            if v.article:
                lines.append(f"  article: {v.article}")
            if v.quote is not None:
                lines.append(f"  quote:   {_short(_quoted(v.quote))}")
            shape = _term(v.source_shape, nm) if v.source_shape is not None else "check_hashes"
            lines.append(f"  rule:    {shape} ({v.constraint})")
            lines.append("")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()


def _quoted(text: str) -> str:
    return '"' + " ".join(text.split()) + '"'


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@lru_cache(maxsize=1)
def _namespace_manager() -> NamespaceManager:
    nm = NamespaceManager(Graph(), bind_namespaces="none")
    bind_prefixes(nm)
    nm.bind("sgsh", SGSH)
    return nm


def _term(node: Node, nm: NamespaceManager) -> str:
    if isinstance(node, URIRef):
        return _compact_iri(str(node)) or f"<{node}>"
    if isinstance(node, Literal):
        return node.n3(nm)
    return node.n3() if hasattr(node, "n3") else str(node)


def _compact_iri(iri: str) -> str | None:
    """``claim:001_57c3b067881c0695/3f2a`` for display; rdflib's own compaction refuses local names
    with a slash, which every claim and span IRI has."""
    for prefix, ns in _MESSAGE_PREFIXES:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return None


# Longest namespace first so that a namespace inside another is not cut short.
_MESSAGE_PREFIXES = sorted({**PREFIXES, "sgsh": str(SGSH)}.items(), key=lambda kv: -len(kv[1]))
_IRI_IN_MESSAGE = re.compile(r"<?(https?://[^\s<>\"{}|\\^`]+)>?")


def _compact_iris(message: str) -> str:
    """Messages filled in by SPARQL constraints hold full IRIs; show them as prefixed names."""

    def repl(match: re.Match[str]) -> str:
        iri = match.group(1)
        trailing = ""
        while iri and iri[-1] in ".,;:)":
            trailing = iri[-1] + trailing
            iri = iri[:-1]
        compact = _compact_iri(iri)
        return compact + trailing if compact else match.group(0)

    return _IRI_IN_MESSAGE.sub(repl, message)


# --------------------------------------------------------------------------------------------
# Shapes and ontology, parsed once per process
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The shapes of shapes/*.ttl as one graph, parsed once per process. Callers must not modify it."""
    graph = Graph()
    bind_prefixes(graph.namespace_manager)
    graph.namespace_manager.bind("sgsh", SGSH)
    for path in shapes_files():
        graph.parse(path, format="turtle")
    return graph


@lru_cache(maxsize=1)
def _default_ontology() -> Graph:
    # Parsed separately from reference_graphs() so that validation does not depend on the gazetteer.
    return load_ontology()


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class _QueryCachingGraph(Graph):
    """pyshacl sends the same SPARQL constraint text once per focus node, and rdflib parses it every
    time (about 50 ms a parse, most of the validation time); parse each text once instead."""

    def query(  # type: ignore[override]
        self,
        query_object: str | Query,
        processor: Any = "sparql",
        result: Any = "sparql",
        initNs: Any = None,
        initBindings: Any = None,
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Result:
        if isinstance(query_object, str) and not initNs and processor == "sparql":
            query_object = _prepared(query_object)
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)


def validate(data: Graph, *, ontology: Graph | None = None) -> ValidationReport:
    """Validate ``data`` (a Graph, or a Dataset whose graphs are taken together) against the shapes
    and check every article's content hash.

    Resources the data only refers to (gazetteer actors and places) must be in ``data`` too, or the
    sh:class checks report them as untyped. ``ontology`` defaults to the bundled ontology.
    """
    ontology = ontology if ontology is not None else _default_ontology()
    working = _QueryCachingGraph()
    bind_prefixes(working.namespace_manager)
    _add_all(working, data)
    _add_all(working, ontology)

    _conforms, results, _text = pyshacl.validate(
        working,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=False,
        inplace=True,  # the working graph is already a private copy
        allow_warnings=True,
        allow_infos=True,
        meta_shacl=False,
        debug=False,
    )
    assert isinstance(results, Graph)
    violations = [_violation_from_result(results, r, working) for r in results.subjects(RDF.type, SH.ValidationResult)]
    violations.extend(check_hashes(working))
    violations.sort(key=Violation.sort_key)
    conforms = not any(v.severity == "Violation" for v in violations)
    return ValidationReport(conforms=conforms, violations=violations)


def check_hashes(data: Graph) -> list[Violation]:
    """Articles whose sg:contentHash is not the SHA-256 (UTF-8, hexadecimal) of their sg:text."""
    found: list[Violation] = []
    for article, text in _triples_by_predicate(data, SG.text):
        if not isinstance(text, Literal):
            continue
        expected = hashlib.sha256(str(text).encode("utf-8")).hexdigest()
        for stored in data.objects(article, SG.contentHash):
            if str(stored) == expected:
                continue
            found.append(
                Violation(
                    focus_node=article,
                    path="sg:contentHash",
                    message=(
                        f"The sg:contentHash does not match the article's sg:text, whose SHA-256 is {expected}: "
                        "the text was changed after it was hashed, or the hash belongs to another file. "
                        "Rebuild the article from its source file."
                    ),
                    severity="Violation",
                    source_shape=None,
                    constraint="ContentHash",
                    value=stored,
                    article=_file_name(data, article),
                )
            )
    return found


def _triples_by_predicate(data: Graph, predicate: URIRef) -> Iterable[tuple[Node, Node]]:
    if isinstance(data, Dataset):
        seen: set[tuple[Node, Node]] = set()
        for s, _p, o, _g in data.quads((None, predicate, None, None)):
            if (s, o) not in seen:
                seen.add((s, o))
                yield s, o
    else:
        yield from data.subject_objects(predicate)


def _add_all(target: Graph, source: Graph) -> None:
    if isinstance(source, Dataset):
        target.addN((s, p, o, target) for s, p, o, _g in source.quads((None, None, None, None)))
    else:
        target.addN((s, p, o, target) for s, p, o in source)


def _violation_from_result(results: Graph, result: Node, data: Graph) -> Violation:
    focus = results.value(result, SH.focusNode)
    assert focus is not None
    path_node = results.value(result, SH.resultPath)
    severity = results.value(result, SH.resultSeverity)
    component = results.value(result, SH.sourceConstraintComponent)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    article, quote = _resolve_context(data, focus)
    return Violation(
        focus_node=focus,
        path=_render_path(results, path_node) if path_node is not None else None,
        message=_compact_iris(" ".join(messages)) if messages else "(no message)",
        severity=_local_name(severity) if severity is not None else "Violation",
        source_shape=results.value(result, SH.sourceShape),
        constraint=_local_name(component) if component is not None else "",
        value=results.value(result, SH.value),
        article=article,
        quote=quote,
    )


def _local_name(node: Node) -> str:
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _render_path(graph: Graph, path: Node) -> str:
    """A SHACL path as a SPARQL property path with prefixed names."""
    nm = _namespace_manager()
    if isinstance(path, URIRef):
        return _term(path, nm)
    if isinstance(path, BNode):
        if (path, RDF.first, None) in graph:
            return "/".join(_render_path(graph, p) for p in Collection(graph, path))
        for predicate, template in (
            (SH.alternativePath, None),
            (SH.inversePath, "^{}"),
            (SH.zeroOrMorePath, "{}*"),
            (SH.oneOrMorePath, "{}+"),
            (SH.zeroOrOnePath, "{}?"),
        ):
            inner = graph.value(path, predicate)
            if inner is None:
                continue
            if template is None:
                return "|".join(_render_path(graph, p) for p in Collection(graph, inner))
            rendered = _render_path(graph, inner)
            if not isinstance(inner, URIRef):
                rendered = f"({rendered})"
            return template.format(rendered)
    return str(path)


def _file_name(data: Graph, article: Node) -> str | None:
    name = data.value(article, SG.fileName)  # type: ignore[arg-type]
    return str(name) if name is not None else None


def _resolve_context(data: Graph, focus: Node) -> tuple[str | None, str | None]:
    """(article file name, evidence quote) for a claim, span or article; (None, None) otherwise."""
    exact = data.value(focus, OA.exact)  # type: ignore[arg-type]
    if exact is not None or (focus, SG.inArticle, None) in data:  # type: ignore[operator]
        article = data.value(focus, SG.inArticle)  # type: ignore[arg-type]
        return (_file_name(data, article) if article is not None else None), (str(exact) if exact is not None else None)
    if (focus, SG.reportedIn, None) in data or (focus, SG.evidence, None) in data:  # type: ignore[operator]
        spans = sorted(
            data.objects(focus, SG.evidence),  # type: ignore[arg-type]
            key=lambda s: (_int_or_max(data.value(s, OA.start)), str(s)),
        )
        article = data.value(focus, SG.reportedIn)  # type: ignore[arg-type]
        if article is None and spans:
            article = data.value(spans[0], SG.inArticle)
        quote = next((str(q) for s in spans if (q := data.value(s, OA.exact)) is not None), None)
        return (_file_name(data, article) if article is not None else None), quote
    if (focus, SG.fileName, None) in data:  # type: ignore[operator]
        return _file_name(data, focus), None
    return None, None


def _int_or_max(node: Node | None) -> int:
    if isinstance(node, Literal) and isinstance(node.value, int):
        return node.value
    return 2**63
