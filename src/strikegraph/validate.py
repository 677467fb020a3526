"""Validate strikegraph data against the SHACL shapes (shapes/*.ttl) and the content hashes.

The shapes rely on the ontology's class hierarchy being in the data graph (sh:targetClass sg:Claim must
reach sg:FigureClaim), so the ontology is mixed into a copy of the data and pyshacl runs without
inference: RDFS inference would type every object of sg:reportedIn as an sg:Article from the property's
range and so hide exactly the errors sh:class is meant to catch.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from typing import Literal as Choice

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, Namespace, URIRef
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

__all__ = [
    "SGSH",
    "UnsupportedShape",
    "ValidationReport",
    "Violation",
    "check_hashes",
    "compiled_shapes",
    "shapes_graph",
    "validate",
]

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

    def sort_key(self) -> tuple[int, str, str, str, str, str, str, str, str]:
        # The shape, component and value's N3 break ties, so that two rules failing on the same node
        # with the same message (sh:datatype and sh:minInclusive on one value) keep a fixed order.
        return (
            _SEVERITY_ORDER.get(self.severity, 3),
            self.article or "",
            str(self.focus_node),
            self.path or "",
            self.message,
            str(self.value) if self.value is not None else "",
            str(self.source_shape) if self.source_shape is not None else "",
            self.constraint,
            self.value.n3() if isinstance(self.value, (URIRef, BNode, Literal)) else "",
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


Method = Choice["fast", "pyshacl"]


def validate(data: Graph, *, ontology: Graph | None = None, method: Method = "fast") -> ValidationReport:
    """Validate ``data`` (a Graph, or a Dataset whose graphs are taken together) against the shapes
    and check every article's content hash.

    Resources the data only refers to (gazetteer actors and places) must be in ``data`` too, or the
    sh:class checks report them as untyped. ``ontology`` defaults to the bundled ontology.

    ``method="fast"`` runs the shapes compiled to SPARQL on an in-memory Oxigraph store and reports
    what ``method="pyshacl"`` (the reference) reports; shapes it cannot compile, and data it cannot
    represent faithfully, are handed to pyshacl.
    """
    ontology = ontology if ontology is not None else _default_ontology()
    if method == "pyshacl":
        working = _working_graph(data, ontology)
        violations = _pyshacl_violations(working, shapes_graph())
        violations.extend(check_hashes(working))
    elif method == "fast":
        violations = _fast_violations(data, ontology)
    else:
        raise ValueError(f"unknown validation method {method!r}: use 'fast' or 'pyshacl'")
    violations.sort(key=Violation.sort_key)
    conforms = not any(v.severity == "Violation" for v in violations)
    return ValidationReport(conforms=conforms, violations=violations)


def validate_nt(nt: str | Iterable[str | bytes], *, extra: Graph | None = None, ontology: Graph | None = None,
                canonical: bool = False) -> ValidationReport:
    """validate() for data given as N-Triples text without blank nodes (as the build renders articles):
    a string, or an iterable of chunks of whole lines that can be read more than once. ``extra`` (such
    as the gazetteer) is more data as an rdflib graph. The report is the one validate() gives for their
    union, without an rdflib object per term of the text. ``canonical=True`` promises that every typed literal of the text is in
    its canonical form (as the build writes them), which saves looking for literals Oxigraph rewrites."""
    ontology = ontology if ontology is not None else _default_ontology()
    chunks: Iterable[str | bytes] = [nt] if isinstance(nt, str) else nt
    if not canonical:
        chunks = list(chunks)  # read twice: for rewritten literals, then into the store
    violations = _fast_violations(extra if extra is not None else Graph(), ontology, chunks, canonical)
    violations.sort(key=Violation.sort_key)
    conforms = not any(v.severity == "Violation" for v in violations)
    return ValidationReport(conforms=conforms, violations=violations)


def _with_nt(data: Graph, nt: Iterable[str | bytes]) -> Graph:
    text = "".join(c.decode("utf-8") if isinstance(c, bytes) else c for c in nt)
    if not text:
        return data
    union = Graph()
    _add_all(union, data)
    union.parse(data=text, format="nt")
    return union


class _ChunkReader(io.RawIOBase):
    """Text chunks as one binary stream, so Oxigraph parses them without one big joined copy."""

    def __init__(self, chunks: Iterable[str | bytes]) -> None:
        self.chunks = iter(chunks)
        self.buffer = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self.buffer:
            chunk = next(self.chunks, None)
            if chunk is None:
                return 0
            self.buffer = memoryview(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
        n = min(len(target), len(self.buffer))
        target[:n] = self.buffer[:n]
        self.buffer = self.buffer[n:]
        return n


def _working_graph(data: Graph, ontology: Graph) -> Graph:
    working = _QueryCachingGraph()
    bind_prefixes(working.namespace_manager)
    _add_all(working, data)
    _add_all(working, ontology)
    return working


def _pyshacl_violations(working: Graph, shapes: Graph) -> list[Violation]:
    import pyshacl  # imported when used: it takes longer to import than a small build

    _conforms, results, _text = pyshacl.validate(
        working,
        shacl_graph=shapes,
        inference="none",
        advanced=False,
        inplace=True,  # the working graph is already a private copy
        allow_warnings=True,
        allow_infos=True,
        meta_shacl=False,
        debug=False,
    )
    assert isinstance(results, Graph)
    lookup = _graph_lookup(working)
    return [_violation_from_result(results, r, lookup) for r in results.subjects(RDF.type, SH.ValidationResult)]


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
                    article=_file_name(_graph_lookup(data), article),
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


def _violation_from_result(results: Graph, result: Node, lookup: _Lookup) -> Violation:
    focus = results.value(result, SH.focusNode)
    assert focus is not None
    path_node = results.value(result, SH.resultPath)
    severity = results.value(result, SH.resultSeverity)
    component = results.value(result, SH.sourceConstraintComponent)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    article, quote = _resolve_context(lookup, focus)
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


_Lookup = Callable[[Node, URIRef], list[Node]]
"""objects(subject, predicate): how the report finds a focus node's article and quote."""


def _graph_lookup(graph: Graph) -> _Lookup:
    return lambda s, p: list(graph.objects(s, p))  # type: ignore[arg-type]


def _first(values: list[Node]) -> Node | None:
    # A node with several values (two sg:reportedIn) is itself a violation; pick one by a fixed rule
    # rather than by the store's iteration order, which varies between processes.
    return min(values, key=lambda n: (type(n).__name__, str(n))) if values else None


def _file_name(lookup: _Lookup, article: Node) -> str | None:
    name = _first(lookup(article, SG.fileName))
    return str(name) if name is not None else None


def _resolve_context(lookup: _Lookup, focus: Node) -> tuple[str | None, str | None]:
    """(article file name, evidence quote) for a claim, span or article; (None, None) otherwise."""
    exact = _first(lookup(focus, OA.exact))
    in_article = lookup(focus, SG.inArticle)
    if exact is not None or in_article:
        article = _first(in_article)
        return (_file_name(lookup, article) if article is not None else None), (str(exact) if exact is not None else None)
    reported_in = lookup(focus, SG.reportedIn)
    evidence = lookup(focus, SG.evidence)
    if reported_in or evidence:
        spans = sorted(set(evidence), key=lambda s: (_int_or_max(_first(lookup(s, OA.start))), str(s)))
        article = _first(reported_in)
        if article is None and spans:
            article = _first(lookup(spans[0], SG.inArticle))
        quote = next((str(q) for s in spans if (q := _first(lookup(s, OA.exact))) is not None), None)
        return (_file_name(lookup, article) if article is not None else None), quote
    if lookup(focus, SG.fileName):
        return _file_name(lookup, focus), None
    return None, None


def _int_or_max(node: Node | None) -> int:
    if isinstance(node, Literal) and isinstance(node.value, int):
        return node.value
    return 2**63


# --------------------------------------------------------------------------------------------
# Fast path: the shapes compiled to SPARQL, run over all focus nodes at once on Oxigraph
# --------------------------------------------------------------------------------------------
#
# pyshacl evaluates every constraint once per focus node in Python; here each constraint becomes one
# SELECT over all focus nodes. Where pyshacl's decision depends on rdflib's Python values (sh:datatype's
# ill-typed literals, sh:minInclusive and sh:lessThan comparisons, sh:pattern with Python's re), the
# query only leaves out the rows that surely pass and the remaining candidates are decided in Python
# with pyshacl's own rules, so the two methods cannot disagree on edge cases of value comparison.

_TARGETS = (SH.targetClass, SH.targetSubjectsOf)
_DESCRIPTIVE = {RDF.type, RDFS.label, RDFS.comment, SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group}
_COMPONENTS = {
    SH.minCount: "MinCountConstraintComponent",
    SH.maxCount: "MaxCountConstraintComponent",
    SH["class"]: "ClassConstraintComponent",
    SH.datatype: "DatatypeConstraintComponent",
    SH["in"]: "InConstraintComponent",
    SH.hasValue: "HasValueConstraintComponent",
    SH.pattern: "PatternConstraintComponent",
    SH.minInclusive: "MinInclusiveConstraintComponent",
    SH.lessThan: "LessThanConstraintComponent",
    SH.lessThanOrEquals: "LessThanOrEqualsConstraintComponent",
    SH["or"]: "OrConstraintComponent",
    SH["not"]: "NotConstraintComponent",
    SH.sparql: "SPARQLConstraintComponent",
}
"""The constraint parameters the compiler handles; a shape with any other is validated by pyshacl."""

_INTEGER_LEXICAL = "^-?[0-9]+$"
# Without a time zone and inside Python's datetime range, so rdflib parses it like Oxigraph does.
_DATETIME_LEXICAL = "^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"
_XSD_STRING = str(XSD.string)


class UnsupportedShape(Exception):
    """A shape uses something the compiler does not translate faithfully."""


@dataclass(frozen=True)
class _Rule:
    """One constraint of one shape as a SELECT whose rows are (candidate) results."""

    shape: Node
    component: str
    query: str
    check: str
    """How rows become results: ``focus`` (one per ?this, no value), ``value`` (one per ?this ?value),
    ``datatype``/``pattern``/``min``/``lt``/``ltoe`` (candidates decided in Python), ``sparql``."""
    path: str | None
    messages: tuple[str, ...]
    severity: str
    param: Any = None
    projection: tuple[str, ...] = ()
    is_property_shape: bool = False


@dataclass(frozen=True)
class CompiledShapes:
    rules: tuple[_Rule, ...]
    fallback: dict[Node, str]
    """Shapes left to pyshacl, with the reason."""
    predicates: dict[Node, frozenset[URIRef]]
    """Per shape, the predicates its constraints read (None in the set: any predicate)."""
    classes: frozenset[Node] = frozenset()
    """The classes whose instances the rules look up in the closure graph."""


def _n(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return _sparql_literal(term)
    raise UnsupportedShape(f"cannot write {term!r} into a query")


def _sparql_literal(lit: Literal) -> str:
    text = str(lit).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lit.language:
        return f'"{text}"@{lit.language}'
    return f'"{text}"^^<{lit.datatype or XSD.string}>'


class _Compiler:
    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self.counter = 0
        self.read: set[URIRef | None] = set()
        self.classes: set[Node] = set()

    def fresh(self) -> str:
        self.counter += 1
        return f"?_v{self.counter}"

    def path(self, node: Node) -> str:
        g = self.shapes
        if isinstance(node, URIRef):
            self.read.add(node)
            return f"<{node}>"
        if (node, RDF.first, None) in g:
            return "(" + "/".join(self.path(p) for p in Collection(g, node)) + ")"
        for predicate, template in (
            (SH.inversePath, "^({})"),
            (SH.zeroOrMorePath, "({})*"),
            (SH.oneOrMorePath, "({})+"),
            (SH.zeroOrOnePath, "({})?"),
        ):
            inner = g.value(node, predicate)
            if inner is not None:
                return template.format(self.path(inner))
        alternatives = g.value(node, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self.path(p) for p in Collection(g, alternatives)) + ")"
        raise UnsupportedShape(f"unknown path {node!r}")

    def one(self, shape: Node, parameter: URIRef) -> Node:
        values = list(self.shapes.objects(shape, parameter))
        if len(values) != 1:
            raise UnsupportedShape(f"{len(values)} values of {parameter}")
        return values[0]

    def members(self, node: Node) -> list[Node]:
        return list(Collection(self.shapes, node))

    def conforms(self, shape: Node, var: str) -> str:
        """A SPARQL expression (never an error) that holds when ``var`` conforms to the nested shape,
        for the constraints that shapes use inside sh:or and sh:not."""
        g = self.shapes
        parts: list[str] = []
        path_node = g.value(shape, SH.path)
        path = self.path(path_node) if path_node is not None else None
        for p, o in sorted(g.predicate_objects(shape)):
            if p in _DESCRIPTIVE or p == SH.path:
                continue
            if p == SH["class"]:
                if path is not None:
                    raise UnsupportedShape("sh:class on a nested property shape")
                self.read.update({RDF.type, RDFS.subClassOf})
                parts.append(f"EXISTS {{ {_instance(var, o, self)} }}")
            elif p == SH["in"] and path is None:
                parts.append(_in_expression(var, self.members(o)))
            elif p == SH.hasValue:
                if path is None:
                    parts.append(f"sameTerm({var}, {_n(o)})")
                else:
                    v = self.fresh()
                    parts.append(f"EXISTS {{ {var} {path} {v} FILTER (sameTerm({v}, {_n(o)})) }}")
            elif p == SH.minCount and path is not None and isinstance(o, Literal) and o.value in (0, 1):
                if o.value == 1:
                    parts.append(f"EXISTS {{ {var} {path} {self.fresh()} }}")
            elif p == SH.maxCount and path is not None and isinstance(o, Literal) and o.value == 0:
                parts.append(f"NOT EXISTS {{ {var} {path} {self.fresh()} }}")
            else:
                raise UnsupportedShape(f"nested {p}")
        return "(" + " && ".join(parts) + ")" if parts else "true"


_CLOSURE_GRAPH = "urn:x-strikegraph:class-closure"
_INSTANCE_OF = "urn:x-strikegraph:instance-of"


def _instance(var: str, cls: Node, compiler: _Compiler) -> str:
    """``var rdf:type/rdfs:subClassOf* cls``, read from the closure that _materialise_classes computes
    once per validation instead of walking the hierarchy in every query."""
    compiler.classes.add(cls)
    compiler.read.update({RDF.type, RDFS.subClassOf})
    return f"GRAPH <{_CLOSURE_GRAPH}> {{ {var} <{_INSTANCE_OF}> {_n(cls)} }}"


def _materialise_classes(store: ox.Store, classes: frozenset[Node]) -> None:
    # In a named graph of its own: the SPARQL constraints query the default graph and never see it.
    if classes:
        values = " ".join(_n(c) for c in sorted(classes, key=str))
        store.update(
            f"INSERT {{ GRAPH <{_CLOSURE_GRAPH}> {{ ?x <{_INSTANCE_OF}> ?c }} }} "
            f"WHERE {{ VALUES ?c {{ {values} }} ?t <{RDFS.subClassOf}>* ?c . ?x <{RDF.type}> ?t }}"
        )


def _in_expression(var: str, members: list[Node]) -> str:
    # sh:in compares RDF terms (pyshacl: Python set membership), not values as SPARQL IN does.
    return "(" + " || ".join(f"sameTerm({var}, {_n(m)})" for m in members) + ")" if members else "false"


def _focus_pattern(shapes: Graph, shape: Node, compiler: _Compiler) -> str:
    alternatives: list[str] = []
    for cls in sorted(shapes.objects(shape, SH.targetClass)):
        compiler.read.update({RDF.type, RDFS.subClassOf})
        alternatives.append(f"{{ {_instance('?this', cls, compiler)} }}")
    for prop in sorted(shapes.objects(shape, SH.targetSubjectsOf)):
        compiler.read.add(prop)  # type: ignore[arg-type]
        alternatives.append(f"{{ ?this {_n(prop)} [] }}")
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(alternatives) + " } }"


def _messages(shapes: Graph, node: Node) -> tuple[str, ...]:
    # One per distinct literal, as in pyshacl's result graph: "x"@en and "x"@fr are two messages.
    return tuple(sorted(str(m) for m in set(shapes.objects(node, SH.message))))


def _severity(shapes: Graph, shape: Node) -> str:
    severity = shapes.value(shape, SH.severity)
    return _local_name(severity) if severity is not None else "Violation"


def _prologue(shapes: Graph, constraint: Node) -> str:
    lines = []
    for prefixes in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(prefixes, SH.declare):
            prefix, namespace = shapes.value(decl, SH.prefix), shapes.value(decl, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines))) + "\n"


_SELECT = re.compile(r"^\s*SELECT\s+((?:[?$]\w+\s+)*[?$]\w+)\s+WHERE\s*\{(.*)\}\s*$", re.S | re.I)
_UNSAFE_SPARQL = re.compile(
    r"\b(SELECT|MINUS|SERVICE|GRAPH|VALUES|ORDER|LIMIT|OFFSET|GROUP)\b|\$(PATH|currentShape|shapesGraph)\b", re.I
)


_IRI_IN_QUERY = re.compile(r"<([^<>\s]+)>|\b([A-Za-z][\w-]*):([\w-]*)")
_PREFIX_LINE = re.compile(r"^PREFIX\s+(\w*):\s*<([^>]*)>", re.M)
_VARIABLE_PREDICATE = re.compile(r"[?$]\w+\s+[?$]\w+\s+[?$]\w+")
_STRING_FUNCTIONS = re.compile(r"\b(STR|STRLEN|SUBSTR|REGEX|CONCAT|CONTAINS|STRSTARTS|STRENDS|REPLACE|UCASE|LCASE)\s*\(", re.I)


def _sparql_reads(query: str) -> set[URIRef | None]:
    """The IRIs a SPARQL rule names (a superset of the predicates it reads); None as well when a variable
    predicate's values may reach string functions, whose results depend on the stored lexical form."""
    prefixes = dict(_PREFIX_LINE.findall(query))
    body = re.split(r"\bWHERE\b", _PREFIX_LINE.sub("", query), maxsplit=1, flags=re.I)[-1]  # not the projection
    reads: set[URIRef | None] = set()
    for iri, prefix, local in _IRI_IN_QUERY.findall(body):
        if iri:
            reads.add(URIRef(iri))
        elif prefix in prefixes:
            reads.add(URIRef(prefixes[prefix] + local))
    if _VARIABLE_PREDICATE.search(body) and _STRING_FUNCTIONS.search(body):
        reads.add(None)
    return reads


def _compile_sparql(shapes: Graph, shape: Node, constraint: Node, focus: str, severity: str) -> _Rule:
    if shapes.value(constraint, SH.deactivated) is not None:
        raise UnsupportedShape("sh:deactivated")
    select = shapes.value(constraint, SH.select)
    match = _SELECT.match(str(select)) if select is not None else None
    if match is None or _UNSAFE_SPARQL.search(match.group(2)):
        raise UnsupportedShape("SPARQL constraint is not a plain SELECT ... WHERE { ... }")
    projection = tuple(v[1:] for v in match.group(1).split())
    # $this and ?this are one variable: joining the body with the focus nodes is pre-binding $this
    # for each of them, as SHACL defines it, in a single query.
    query = (
        _prologue(shapes, constraint)
        + "SELECT ?this "
        + " ".join(f"?{v}" for v in projection if v != "this")
        + f" WHERE {{ {focus} {match.group(2)} }}"
    )
    messages = tuple(sorted({*_messages(shapes, constraint), *_messages(shapes, shape)}))
    return _Rule(shape, "SPARQLConstraintComponent", query, "sparql", None, messages, severity, projection=projection)


def _compile_shape(shapes: Graph, shape: Node, focus: str, compiler: _Compiler) -> list[_Rule]:
    """The rules of one shape (node or property) whose focus nodes are the rows of ``focus``."""
    path_node = shapes.value(shape, SH.path)
    is_property = path_node is not None
    path = compiler.path(path_node) if path_node is not None else None
    rendered = _render_path(shapes, path_node) if path_node is not None else None
    severity = _severity(shapes, shape)
    messages = _messages(shapes, shape)
    if shapes.value(shape, SH.deactivated) is not None:
        raise UnsupportedShape("sh:deactivated")
    # Value nodes: the objects along the path, or the focus node itself for a node shape.
    values = f"?this {path} ?value ." if path is not None else "BIND (?this AS ?value)"
    rules: list[_Rule] = []

    def rule(component: URIRef, query: str, check: str, param: Any = None) -> None:
        if not messages:
            raise UnsupportedShape("no sh:message (pyshacl would write a generic one)")
        rules.append(_Rule(shape, _COMPONENTS[component], query, check, rendered, messages, severity, param, (), is_property))

    for p, o in sorted(shapes.predicate_objects(shape)):
        if p in _DESCRIPTIVE or p in _TARGETS or p in (SH.path, SH.property, SH.flags):
            continue
        if p not in _COMPONENTS:
            raise UnsupportedShape(f"constraint parameter {p} is not compiled")
        if p == SH.sparql:
            if is_property:
                raise UnsupportedShape("sh:sparql on a property shape")
            compiled = _compile_sparql(shapes, shape, o, focus, severity)
            compiler.read.update(_sparql_reads(compiled.query))
            rules.append(compiled)
            continue
        if path is None and p in (SH.minCount, SH.maxCount, SH.lessThan, SH.lessThanOrEquals):
            raise UnsupportedShape(f"{p} on a node shape")
        if p == SH.minCount:
            n = o.value if isinstance(o, Literal) else None
            if not isinstance(n, int):
                raise UnsupportedShape("sh:minCount is not an integer")
            if n == 1:
                rule(p, f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} ?value }} }}", "focus")
            elif n > 1:
                rule(
                    p,
                    f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?value }} }} "
                    f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {n})",
                    "focus",
                )
        elif p == SH.maxCount:
            n = o.value if isinstance(o, Literal) else None
            if not isinstance(n, int):
                raise UnsupportedShape("sh:maxCount is not an integer")
            rule(
                p,
                f"SELECT ?this WHERE {{ {focus} ?this {path} ?value }} GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {n})",
                "focus",
            )
        elif p == SH["class"]:
            compiler.read.update({RDF.type, RDFS.subClassOf})
            rule(
                p,
                f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} "
                f"FILTER NOT EXISTS {{ {_instance('?value', o, compiler)} }} }}",
                "value",
            )
        elif p == SH.datatype:
            surely = f"isLiteral(?value) && sameTerm(DATATYPE(?value), {_n(o)}) && LANG(?value) = \"\""
            if o == XSD.integer:
                surely += f' && REGEX(STR(?value), "{_INTEGER_LEXICAL}")'
            elif o == XSD.dateTime:
                # The cast fails (and COALESCE makes the row a candidate) for an invalid date.
                surely += f' && REGEX(STR(?value), "{_DATETIME_LEXICAL}") && xsd:dateTime(?value) = ?value'
            elif o != XSD.string:
                surely = "false"  # pyshacl's check for other datatypes is left to Python
            query = f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} FILTER (!COALESCE({surely}, false)) }}"
            rule(p, f"PREFIX xsd: <{XSD}>\n" + query, "datatype", o)
        elif p == SH["in"]:
            rule(
                p,
                f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} "
                f"FILTER (!{_in_expression('?value', compiler.members(o))}) }}",
                "value",
            )
        elif p == SH.hasValue:
            if path is None:
                query = f"SELECT ?this WHERE {{ {focus} FILTER (!sameTerm(?this, {_n(o)})) }}"
            else:
                query = (
                    f"SELECT ?this WHERE {{ {focus} "
                    f"FILTER NOT EXISTS {{ ?this {path} ?value FILTER (sameTerm(?value, {_n(o)})) }} }}"
                )
            rule(p, query, "focus")
        elif p == SH.pattern:
            flags = shapes.value(shape, SH.flags)
            if len(list(shapes.objects(shape, SH.pattern))) != 1:
                raise UnsupportedShape("several sh:pattern values")
            matcher = _pattern_matcher(o, flags)
            rule(p, f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} }}", "pattern", matcher)
        elif p == SH.minInclusive:
            if not isinstance(o, Literal):
                raise UnsupportedShape("sh:minInclusive is not a literal")
            surely = "false"
            if o.datatype == XSD.integer and isinstance(o.value, int):
                surely = (
                    f'sameTerm(DATATYPE(?value), <{XSD.integer}>) && REGEX(STR(?value), "{_INTEGER_LEXICAL}") '
                    f"&& ?value >= {o.value}"
                )
            rule(
                p,
                f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} FILTER (!COALESCE({surely}, false)) }}",
                "min",
                o,
            )
        elif p in (SH.lessThan, SH.lessThanOrEquals):
            if not isinstance(o, URIRef):
                raise UnsupportedShape(f"{p} with a path")
            compiler.read.add(o)
            op = "<" if p == SH.lessThan else "<="
            both_int = (
                f'sameTerm(DATATYPE(?value), <{XSD.integer}>) && sameTerm(DATATYPE(?other), <{XSD.integer}>) '
                f'&& REGEX(STR(?value), "{_INTEGER_LEXICAL}") && REGEX(STR(?other), "{_INTEGER_LEXICAL}")'
            )
            both_time = (
                f'sameTerm(DATATYPE(?value), <{XSD.dateTime}>) && sameTerm(DATATYPE(?other), <{XSD.dateTime}>) '
                f'&& REGEX(STR(?value), "{_DATETIME_LEXICAL}") && REGEX(STR(?other), "{_DATETIME_LEXICAL}")'
            )
            surely = f"(({both_int}) || ({both_time})) && ?value {op} ?other"
            rule(
                p,
                f"SELECT DISTINCT ?this ?value ?other WHERE {{ {focus} {values} ?this {_n(o)} ?other "
                f"FILTER (!COALESCE({surely}, false)) }}",
                "lt" if p == SH.lessThan else "ltoe",
            )
        elif p == SH["or"]:
            alternatives = [compiler.conforms(member, "?value") for member in compiler.members(o)]
            rule(
                p,
                f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} FILTER (!({' || '.join(alternatives) or 'false'})) }}",
                "value",
            )
        elif p == SH["not"]:
            condition = compiler.conforms(o, "?value")
            rule(p, f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} FILTER ({condition}) }}", "value")
    return rules


def _pattern_matcher(pattern: Node, flags: Node | None) -> re.Pattern[str]:
    # As pyshacl compiles it: Python's re, with the i and m flags.
    if not isinstance(pattern, Literal):
        raise UnsupportedShape("sh:pattern is not a literal")
    re_flags = 0
    if flags is not None:
        text = str(flags.value if isinstance(flags, Literal) else flags).lower()
        re_flags |= re.I if "i" in text else 0
        re_flags |= re.M if "m" in text else 0
    source = str(pattern.value) if pattern.value is not None and len(pattern.value) > 1 else str(pattern)
    return re.compile(source, re_flags)


def _top_level_shapes(shapes: Graph) -> list[Node]:
    found = {s for t in _TARGETS for s in shapes.subjects(t, None)}
    for unsupported in (SH.targetNode, SH.targetObjectsOf):
        found.update(shapes.subjects(unsupported, None))
    for cls in (RDFS.Class, URIRef("http://www.w3.org/2002/07/owl#Class")):
        found.update(s for s in shapes.subjects(RDF.type, cls) if (s, RDF.type, SH.NodeShape) in shapes)
    return sorted(found, key=str)


@lru_cache(maxsize=4)
def _compile_cached(shapes: Graph) -> CompiledShapes:
    rules: list[_Rule] = []
    fallback: dict[Node, str] = {}
    predicates: dict[Node, frozenset[URIRef]] = {}
    classes: set[Node] = set()
    for top in _top_level_shapes(shapes):
        compiler = _Compiler(shapes)
        try:
            for unsupported in (SH.targetNode, SH.targetObjectsOf):
                if (top, unsupported, None) in shapes:
                    raise UnsupportedShape(f"{unsupported}")
            if (top, RDF.type, RDFS.Class) in shapes or (top, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in shapes:
                raise UnsupportedShape("implicit class target")
            focus = _focus_pattern(shapes, top, compiler)
            target_read = set(compiler.read)
        except UnsupportedShape as why:
            fallback[top] = str(why)
            fallback.update({p: f"its node shape: {why}" for p in shapes.objects(top, SH.property)})
            continue
        for shape in [top, *sorted(shapes.objects(top, SH.property), key=str)]:
            compiler.read = set(target_read)
            try:
                if shape != top and shapes.value(shape, SH.path) is None:
                    raise UnsupportedShape("sh:property without sh:path")
                if shape != top and any(shapes.objects(shape, SH.property)):
                    raise UnsupportedShape("nested sh:property")
                compiled = _compile_shape(shapes, shape, focus, compiler)
            except UnsupportedShape as why:
                fallback[shape] = str(why)
                continue
            rules.extend(compiled)
            predicates[shape] = frozenset(compiler.read)  # type: ignore[arg-type]
            classes |= compiler.classes
    return CompiledShapes(tuple(rules), fallback, predicates, frozenset(classes))


def compiled_shapes(shapes: Graph | None = None) -> CompiledShapes:
    """The shapes as SPARQL rules (once per process for the bundled shapes) and the shapes left to
    pyshacl with the reason; an empty ``fallback`` means every rule runs on the fast path."""
    return _compile_cached(shapes if shapes is not None else shapes_graph())


def _shapes_subset(shapes: Graph, keep: set[Node]) -> Graph:
    """A copy of the shapes in which only the shapes in ``keep`` still constrain anything: targets stay,
    sh:property links to other shapes and the own constraints of other shapes are removed."""
    subset = Graph()
    for prefix, namespace in shapes.namespaces():
        subset.bind(prefix, namespace)
    keep_on_shape = {*_DESCRIPTIVE, *_TARGETS, SH.targetNode, SH.targetObjectsOf, SH.property}
    tops = set(_top_level_shapes(shapes))
    for s, p, o in shapes:
        if s in tops and s not in keep and p not in keep_on_shape:
            continue
        if s in tops and p == SH.property and o not in keep:
            continue
        subset.add((s, p, o))
    return subset


# -- data in Oxigraph ------------------------------------------------------------------------------


class _Unrepresentable(Exception):
    """A term Oxigraph does not accept (an IRI with a space): the whole graph goes to pyshacl."""


class _Terms:
    """rdflib ↔ Oxigraph terms. Blank nodes keep their own Oxigraph label, mapped in both directions."""

    def __init__(self) -> None:
        self.bnodes: dict[str, BNode] = {}
        self.labels: dict[BNode, ox.BlankNode] = {}
        self.datatypes: dict[str, URIRef] = {}
        self.suspect: dict[tuple[str, str | None, str | None], Literal] = {}
        """Literals Oxigraph may store differently from rdflib, by (lexical, datatype, language)."""
        self.restore: dict[tuple[str, str | None, str | None], Literal] = {}
        """(lexical, datatype, language) as Oxigraph stores it -> the rdflib literal of the data, for
        literals Oxigraph rewrites ("34.4500"^^xsd:decimal is kept as "34.45")."""

    def ox(self, term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        try:
            if isinstance(term, URIRef):
                return ox.NamedNode(str(term))
            if isinstance(term, BNode):
                label = self.labels.get(term)
                if label is None:
                    label = self.labels[term] = ox.BlankNode(f"b{len(self.labels)}")
                    self.bnodes[label.value] = term
                return label
            if isinstance(term, Literal):
                if term.language:
                    return ox.Literal(str(term), language=term.language)
                if term.datatype is not None:
                    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
                return ox.Literal(str(term))
        except ValueError as error:
            raise _Unrepresentable(f"{term!r}: {error}") from error
        raise _Unrepresentable(repr(term))

    def rdflib(self, term: Any) -> Node:
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return self.bnodes.get(term.value) or BNode(term.value)
        if isinstance(term, ox.Literal):
            if self.restore:
                original = self.restore.get(_stored_key(term))
                if original is not None:
                    return original
            # normalize=False: the lexical form is the one stored, as rdflib keeps the one it parsed.
            if term.language:
                return Literal(term.value, lang=term.language, normalize=False)
            dt = term.datatype.value
            if dt == _XSD_STRING:
                return Literal(term.value, normalize=False)
            datatype = self.datatypes.get(dt)
            if datatype is None:
                datatype = self.datatypes[dt] = URIRef(dt)
            return Literal(term.value, datatype=datatype, normalize=False)
        raise TypeError(f"unexpected term {term!r}")


def _triples(graph: Graph) -> Iterator[tuple[Node, Node, Node]]:
    if isinstance(graph, Dataset):
        for s, p, o, _g in graph.quads((None, None, None, None)):
            yield s, p, o
    else:
        yield from graph


def _nt_escape(text: str) -> str:
    # str.replace runs in C over long article texts; str.translate is several times slower there.
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


# A typed or language-tagged literal ending an N-Triples line; group 1 is the line up to its lexical form.
_NT_TAGGED = re.compile(r'"((?:[^"\\\n]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>) \.$', re.MULTILINE)
_NT_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_NT_CHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _nt_unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _NT_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if m.group(3) is None else _NT_CHARS[m.group(3)], text)


def _load(data: Graph, ontology: Graph, nt: Iterable[str | bytes] = (), canonical: bool = False) -> tuple[ox.Store, _Terms]:
    """Data and ontology in one Oxigraph store. Written as N-Triples for Oxigraph's parser, which is
    many times faster than building a Python object per term; triples with blank nodes are added as
    objects instead, because the parser would relabel the blank nodes. ``nt`` is more data, already
    N-Triples without blank nodes."""
    terms = _Terms()
    suspect = terms.suspect
    datatypes: dict[str, URIRef] = {}
    texts = (c.decode("utf-8") if isinstance(c, bytes) else c for c in nt)
    for m in () if canonical else (m for text in texts for m in _NT_TAGGED.finditer(text)):
        lexical, lang, datatype = _nt_unescape(m.group(1)), m.group(2), m.group(3)
        if lang:
            suspect.setdefault((lexical, None, lang), Literal(lexical, lang=lang, normalize=False))
        else:
            dt = datatypes.get(datatype) or datatypes.setdefault(datatype, URIRef(datatype))
            suspect.setdefault((lexical, datatype, None), Literal(lexical, datatype=dt, normalize=False))
    lines: list[str] = []
    with_bnodes: list[ox.Quad] = []
    uri, literal = URIRef, Literal
    for graph in (data, ontology):
        for s, p, o in _triples(graph):
            kind = type(o)
            if kind is uri:
                obj = f"<{o}>"
            elif kind is literal or isinstance(o, literal):
                text = _nt_escape(str(o))
                lang, datatype = o.language, o.datatype  # type: ignore[union-attr]
                if lang:
                    obj = f'"{text}"@{lang}'
                    suspect.setdefault((str(o), None, lang), o)  # type: ignore[arg-type]
                elif datatype is not None:
                    obj = f'"{text}"^^<{datatype}>'
                    suspect.setdefault((str(o), str(datatype), None), o)  # type: ignore[arg-type]
                else:
                    obj = f'"{text}"'
            else:
                obj = ""
            if obj and type(s) is uri and type(p) is uri:
                lines.append(f"<{s}> <{p}> {obj} .\n")
            else:
                with_bnodes.append(ox.Quad(terms.ox(s), terms.ox(p), terms.ox(o)))  # type: ignore[arg-type]
    store = ox.Store()
    try:
        store.load("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        store.load(io.BufferedReader(_ChunkReader(nt), 1 << 20), format=ox.RdfFormat.N_TRIPLES)
    except SyntaxError as error:  # an IRI Oxigraph rejects, such as one with a space
        raise _Unrepresentable(str(error)) from error
    store.extend(with_bnodes)
    return store, terms


def _stored_key(term: ox.Literal) -> tuple[str, str | None, str | None]:
    if term.language:
        return (term.value, None, term.language)
    dt = term.datatype.value
    return (term.value, None if dt == _XSD_STRING else dt, None)


def _rewritten_literals(store: ox.Store, terms: _Terms) -> tuple[set[URIRef], set[URIRef]]:
    """Literals Oxigraph keeps in another form than rdflib: a non-canonical number or date
    ("34.4500"), an explicit ^^xsd:string, an upper-case language tag. Each is mapped back to the
    data's form for the report. Returns the predicates of rewritten literals, and of those that are
    ambiguous (two literals of the data stored as one: counts and sh:in could differ from rdflib's)."""
    probe = ox.Store()
    subject = ox.NamedNode("urn:x-strikegraph:probe")
    suspects = sorted(terms.suspect, key=lambda k: (k[0], k[1] or "", k[2] or ""))
    for i, (lexical, datatype, lang) in enumerate(suspects):
        try:
            datatype_node = ox.NamedNode(datatype or _XSD_STRING)
            lit = ox.Literal(lexical, language=lang) if lang else ox.Literal(lexical, datatype=datatype_node)
        except ValueError as error:
            raise _Unrepresentable(f"{lexical!r}: {error}") from error
        probe.add(ox.Quad(subject, ox.NamedNode(f"urn:x-strikegraph:p{i}"), lit, ox.DefaultGraph()))
    stored: dict[tuple[str, str | None, str | None], list[tuple[str, str | None, str | None]]] = {}
    changed: list[tuple[tuple[str, str | None, str | None], ox.Literal]] = []
    for quad in probe:
        original = suspects[int(quad.predicate.value.rsplit("p", 1)[1])]
        key = _stored_key(quad.object)
        stored.setdefault(key, []).append(original)
        # An explicit ^^xsd:string is stored as the plain literal, which the data may also hold.
        if key != original or original[1] == _XSD_STRING:
            changed.append((original, quad.object))
    rewritten: set[URIRef] = set()
    ambiguous: set[URIRef] = set()
    for (lexical, datatype, lang), as_stored in changed:
        key = _stored_key(as_stored)
        predicates = {URIRef(q.predicate.value) for q in store.quads_for_pattern(None, None, as_stored, None)}
        rewritten |= predicates
        if len(stored[key]) > 1 or datatype == _XSD_STRING:
            ambiguous |= predicates
        else:
            terms.restore[key] = terms.suspect[(lexical, datatype, lang)]  # the data's own object
    return rewritten, ambiguous


# -- running the rules -----------------------------------------------------------------------------


def _fast_violations(data: Graph, ontology: Graph, nt: Iterable[str | bytes] = (), canonical: bool = False) -> list[Violation]:
    compiled = compiled_shapes()
    try:
        store, terms = _load(data, ontology, nt, canonical)
    except _Unrepresentable:
        working = _working_graph(_with_nt(data, nt), ontology)
        return _pyshacl_violations(working, shapes_graph()) + check_hashes(working)
    fallback = set(compiled.fallback)
    rewritten, ambiguous = _rewritten_literals(store, terms)
    _materialise_classes(store, compiled.classes)
    for shape, read in compiled.predicates.items():
        # Values are mapped back, but a SPARQL rule could also read a rewritten literal's lexical form.
        has_sparql = any(r.shape == shape and r.check == "sparql" for r in compiled.rules)
        reads_ambiguous = bool(ambiguous) and (None in read or bool(read & ambiguous))
        reads_rewritten = bool(rewritten) and (None in read or bool(read & rewritten))
        if reads_ambiguous or (has_sparql and reads_rewritten):
            fallback.add(shape)
    hashes_in_store = not ambiguous & {SG.text, SG.contentHash, SG.fileName}

    def lookup(s: Node, p: URIRef) -> list[Node]:
        return [terms.rdflib(q.object) for q in store.quads_for_pattern(terms.ox(s), terms.ox(p), None, None)]  # type: ignore[arg-type]

    found: list[Violation] = []
    contexts: dict[Node, tuple[str | None, str | None]] = {}
    core = [r for r in compiled.rules if r.check != "sparql" and r.shape not in fallback]
    results = _run_all(store, terms, core)
    if any(r.component == "DatatypeConstraintComponent" and rows for r, rows in zip(core, results, strict=True)):
        # rdflib's SPARQL orders a string against a number ("70" > 920 is true) where SPARQL 1.1
        # and Oxigraph raise a type error. Such mistyped literals fail an sh:datatype rule, so
        # then, and only then, the SPARQL-based shapes go to pyshacl.
        fallback.update(r.shape for r in compiled.rules if r.check == "sparql")
    sparql = [r for r in compiled.rules if r.check == "sparql" and r.shape not in fallback]
    results += _run_all(store, terms, sparql)
    for rule, rows in zip(core + sparql, results, strict=True):
        for focus, path, message, value in rows:
            if focus not in contexts:
                contexts[focus] = _resolve_context(lookup, focus)
            article, quote = contexts[focus]
            found.append(
                Violation(
                    focus_node=focus,
                    path=path,
                    message=message,
                    severity=rule.severity,
                    source_shape=rule.shape,
                    constraint=rule.component,
                    value=value,
                    article=article,
                    quote=quote,
                )
            )
    working = _working_graph(_with_nt(data, nt), ontology) if fallback or not hashes_in_store else None
    if fallback:
        assert working is not None
        found.extend(_pyshacl_violations(working, _shapes_subset(shapes_graph(), fallback)))
    found.extend(_hashes_in_store(store, terms, lookup) if working is None else check_hashes(working))
    return found


def _run_all(store: ox.Store, terms: _Terms, rules: list[_Rule]) -> list[list[tuple[Node, str | None, str, Node | None]]]:
    # Oxigraph evaluates queries without the GIL, so two threads use both cores; results keep rule order.
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        return list(pool.map(lambda rule: list(_run(store, terms, rule)), rules))


def _run(store: ox.Store, terms: _Terms, rule: _Rule) -> Iterator[tuple[Node, str | None, str, Node | None]]:
    """(focus node, rendered path, message, value) for each result of the rule, as pyshacl makes them."""
    message = _compact_iris(" ".join(rule.messages))
    rows = store.query(rule.query)
    assert isinstance(rows, ox.QuerySolutions)
    if rule.check == "focus":
        for row in rows:
            yield terms.rdflib(row["this"]), rule.path, message, None
    elif rule.check == "value":
        for row in rows:
            yield terms.rdflib(row["this"]), rule.path, message, terms.rdflib(row["value"])
    elif rule.check in ("datatype", "pattern", "min"):
        decide = {"datatype": _datatype_matches, "pattern": _pattern_matches, "min": _min_inclusive_passes}[rule.check]
        for row in rows:
            value = terms.rdflib(row["value"])
            if not decide(value, rule.param):
                yield terms.rdflib(row["this"]), rule.path, message, value
    elif rule.check in ("lt", "ltoe"):
        for row in rows:
            value, other = terms.rdflib(row["value"]), terms.rdflib(row["other"])
            if not _ordered(value, other, strict=rule.check == "lt"):
                yield terms.rdflib(row["this"]), rule.path, message, value
    elif rule.check == "sparql":
        yield from _sparql_results(rows, terms, rule)
    else:  # pragma: no cover - the compiler only makes the checks above
        raise AssertionError(rule.check)


def _sparql_results(rows: ox.QuerySolutions, terms: _Terms, rule: _Rule) -> Iterator[tuple[Node, str | None, str, Node | None]]:
    # As pyshacl's SPARQL constraint: one result per distinct (this, path, value, other variables) of a
    # focus node, ?value defaulting to the focus node, messages filled in with re.sub.
    seen: set[tuple[Node, ...]] = set()
    extra = [v for v in rule.projection if v not in ("this", "path", "value")]
    for row in rows:
        focus = terms.rdflib(row["this"])
        bound: dict[str, Node] = {}
        for name in extra:
            term = row[name]
            if term is not None:
                bound[name] = terms.rdflib(term)
        path = row["path"] if "path" in rule.projection else None
        value = row["value"] if "value" in rule.projection else None
        path_node = terms.rdflib(path) if path is not None else None
        value_node = terms.rdflib(value) if value is not None else focus
        key = (focus, path_node, value_node, *((k, bound[k]) for k in extra if k in bound))  # type: ignore[arg-type]
        if key in seen:
            continue
        seen.add(key)
        fill: dict[str, Node] = dict(bound)
        if "this" in rule.projection:
            fill["this"] = focus
        if path_node is not None:
            fill["path"] = path_node
        fill["value"] = value_node
        messages = set()
        for template in rule.messages:
            text = template
            for var, val in fill.items():
                text = re.sub(f"{{[?$]{var}}}", str(val), text)
            messages.add(text)
        rendered = _term(path_node, _namespace_manager()) if path_node is not None else None
        yield focus, rendered, _compact_iris(" ".join(sorted(messages))), value_node


def _datatype_matches(value: Node, datatype: URIRef) -> bool:
    """pyshacl's sh:datatype test (DatatypeConstraintComponent) for one value node."""
    if not isinstance(value, Literal):
        return False
    if value.datatype == datatype:
        return value.ill_typed is not True and _value_of_type(value, datatype)
    if datatype == RDFS.Literal:
        return True
    if datatype == RDFS.Datatype and value.datatype:
        return True
    if value.datatype is None and value.language is None and datatype == XSD.string:
        return _value_of_type(value, datatype)
    if datatype == RDF.langString and value.language:
        return _value_of_type(value, datatype)
    return False


def _value_of_type(value: Literal, datatype: URIRef) -> bool:
    import datetime as dt
    from decimal import Decimal

    python = value.value
    expected: dict[URIRef, type | tuple[type, ...]] = {
        XSD.string: (str, bytes),
        RDF.langString: (str, bytes),
        XSD.integer: int,
        XSD.float: float,
        XSD.decimal: Decimal,
        XSD.boolean: bool,
        XSD.date: dt.date,
        XSD.time: dt.time,
        XSD.dateTime: dt.datetime,
    }
    kind = expected.get(datatype)
    return True if kind is None else isinstance(python, kind)


def _pattern_matches(value: Node, matcher: re.Pattern[str]) -> bool:
    if isinstance(value, BNode):
        return False
    if isinstance(value, Literal) and value.value is not None and value.datatype in (None, RDF.langString, XSD.string):
        text = str(value.value)
    else:
        text = str(value)
    return bool(matcher.match(text) or matcher.search(text))


def _min_inclusive_passes(value: Node, minimum: Literal) -> bool:
    if not isinstance(value, Literal):
        return False
    if isinstance(minimum.value, str) != isinstance(value.value, str):
        return False
    from pyshacl.rdfutil.compare import compare_literal

    try:
        return compare_literal(value, minimum) >= 0
    except (TypeError, NotImplementedError):
        return False


def _ordered(value: Node, other: Node, *, strict: bool) -> bool:
    """pyshacl's sh:lessThan / sh:lessThanOrEquals test for one pair of values."""
    if isinstance(value, BNode) or isinstance(other, BNode):
        from pyshacl.errors import ReportableRuntimeError

        name = "sh:lessThan" if strict else "sh:lessThanOrEquals"
        raise ReportableRuntimeError(f"Cannot use {name} to compare a BlankNode.")
    left: Any = value
    right: Any = other
    left_is_string = isinstance(value, URIRef) or (isinstance(value, Literal) and isinstance(value.value, str))
    right_is_string = isinstance(other, URIRef) or (isinstance(other, Literal) and isinstance(other.value, str))
    if isinstance(value, URIRef):
        left = str(value)
    elif left_is_string:
        left = value.value  # type: ignore[union-attr]
    if isinstance(other, URIRef):
        right = str(other)
    elif right_is_string:
        right = other.value  # type: ignore[union-attr]
    if left_is_string != right_is_string:
        return False
    return bool(left < right) if strict else bool(left <= right)


def _hashes_in_store(store: ox.Store, terms: _Terms, lookup: _Lookup) -> list[Violation]:
    """check_hashes over the store: the same test, without an rdflib copy of the data."""
    graph = Graph()
    rows = store.query(f"SELECT ?a ?text ?hash WHERE {{ ?a <{SG.text}> ?text ; <{SG.contentHash}> ?hash }}")
    assert isinstance(rows, ox.QuerySolutions)
    for row in rows:
        article = terms.rdflib(row["a"])
        graph.add((article, SG.text, terms.rdflib(row["text"])))
        graph.add((article, SG.contentHash, terms.rdflib(row["hash"])))
        for name in lookup(article, SG.fileName):
            graph.add((article, SG.fileName, name))
    return check_hashes(graph)
