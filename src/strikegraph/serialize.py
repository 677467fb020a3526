"""Deterministic N-Quads and TriG writers over triples whose terms are N-Triples strings.

The build renders each article straight to N-Triples terms (``<iri>``, ``"text"@en``,
``"5"^^<…#integer>``) instead of rdflib objects, so an article's output can be made in a worker,
cached and concatenated. rdflib graphs (ontology, gazetteer) are converted once with
:func:`nt_triples`. Output is in a fixed order (graphs as given; subjects, predicates and objects
sorted), so identical graphs give byte-identical files.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .namespaces import PREFIXES

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

NtTriple = tuple[str, str, str]
"""A triple of terms in N-Triples syntax."""


def _escape(text: str) -> str:
    out = text.translate(_ESCAPES)
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04X}", out) if _CONTROL.search(out) else out


def literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    """A literal in N-Triples syntax."""
    body = f'"{_escape(text)}"'
    if lang:
        return f"{body}@{lang}"
    if datatype is not None and datatype != XSD_STRING:
        return f"{body}^^<{datatype}>"
    return body


def nt_term(term: Node) -> str:
    """An rdflib term in N-Triples syntax."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        return literal(str(term), str(term.datatype) if term.datatype is not None else None, term.language)
    raise TypeError(f"not an RDF term: {term!r}")


def nt_triples(triples: Iterable[tuple[Node, Node, Node]]) -> list[NtTriple]:
    """rdflib triples as N-Triples terms."""
    return [(nt_term(s), nt_term(p), nt_term(o)) for s, p, o in triples]


def nquads_block(name: str, triples: Iterable[NtTriple]) -> str:
    """One graph's N-Quads lines, sorted."""
    g = f"<{name}>"
    return "".join(sorted(f"{s} {p} {o} {g} .\n" for s, p, o in triples))


def nquads_lines(name: str, triples: Iterable[NtTriple]) -> Iterator[str]:
    """nquads_block() line by line, for graphs too big to hold twice. Sorting the triples orders the
    lines alike: no term is a prefix of another term that continues with a character below the space."""
    g = f"<{name}>"
    # The lines are sorted rather than the triples: the same order, but compared as one string each.
    yield from sorted({f"{s} {p} {o} {g} .\n" for s, p, o in triples})


def nquads(graphs: Iterable[tuple[str, Iterable[NtTriple]]]) -> str:
    """N-Quads: graphs in the given order, lines sorted within each graph."""
    return "".join(nquads_block(name, triples) for name, triples in graphs)


class _Compactor:
    """IRIs as prefixed names where the local part is plain, full IRIs otherwise."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        # Longest namespace first, so "…/id/actor/" wins over "…/id/".
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        # When every namespace ends in '/' or '#', only the one ending at an IRI's last '/' or '#' can
        # leave a plain local part: one dictionary lookup instead of trying each namespace.
        self.by_namespace = {ns: p for p, ns in prefixes.items()} if all(ns[-1:] in "/#" for ns in prefixes.values()) else None
        self.used: set[str] = set()
        self.seen: dict[str, tuple[str, str | None]] = {}  # IRI → (written form, prefix used)

    def iri(self, iri: str) -> str:
        hit = self.seen.get(iri)
        if hit is None:
            hit = self.seen[iri] = self._compact(iri)
        if hit[1] is not None:
            self.used.add(hit[1])
        return hit[0]

    def _compact(self, iri: str) -> tuple[str, str | None]:
        if self.by_namespace is not None:
            cut = max(iri.rfind("/"), iri.rfind("#")) + 1
            prefix = self.by_namespace.get(iri[:cut])
            if prefix is not None and _LOCAL.fullmatch(iri[cut:]):
                return f"{prefix}:{iri[cut:]}", prefix
            return f"<{iri}>", None
        for prefix, ns in self.prefixes:
            if iri.startswith(ns) and _LOCAL.fullmatch(iri[len(ns):]):
                return f"{prefix}:{iri[len(ns):]}", prefix
        return f"<{iri}>", None

    def term(self, t: str) -> str:
        if t[0] == "<":
            return self.iri(t[1:-1])
        if t[0] == '"' and t[-1] == ">":  # a typed literal: "…"^^<datatype>
            cut = t.rindex('"^^<')
            return f"{t[:cut + 1]}^^{self.iri(t[cut + 4:-1])}"
        return t


def trig_block(name: str, triples: Iterable[NtTriple], prefixes: dict[str, str] | None = None) -> tuple[str, frozenset[str]]:
    """One graph in TriG (subjects sorted, one predicate per line) and the prefixes it uses."""
    c = _Compactor(prefixes or PREFIXES)
    by_subject: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    term = c.term
    # Each distinct term is compacted once (a term's prefix is recorded as used on that first time).
    memo: dict[str, str] = {}
    predicates: dict[str, str] = {f"<{RDF_TYPE}>": "a"}
    for s, p, o in triples:
        cs = memo.get(s)
        if cs is None:
            cs = memo[s] = term(s)
        cp = predicates.get(p)
        if cp is None:
            cp = predicates[p] = term(p)
        co = memo.get(o)
        if co is None:
            co = memo[o] = term(o)
        by_subject[cs][cp].append(co)
    lines = [f"{c.iri(name)} {{"]
    for subject in sorted(by_subject):
        preds = by_subject[subject]
        order = sorted(preds, key=lambda p: (p != "a", p))
        parts = [f"    {p} {' , '.join(sorted(set(preds[p])))}" for p in order]
        lines.append(f"  {subject}\n" + " ;\n".join(parts) + " .")
    lines.append("}\n")
    return "\n".join(lines), frozenset(c.used)


def trig_document(blocks: Iterable[tuple[str, frozenset[str]]], prefixes: dict[str, str] | None = None) -> str:
    """TriG from blocks made by :func:`trig_block`, in the given order, with the prefixes they use."""
    texts: list[str] = []
    used: set[str] = set()
    for text, block_used in blocks:
        texts.append(text)
        used |= block_used
    return trig_header(used, prefixes) + "\n" + "\n".join(texts)


def trig_header(used: Iterable[str], prefixes: dict[str, str] | None = None) -> str:
    """The @prefix lines for the prefixes used, sorted."""
    prefixes = prefixes or PREFIXES
    return "".join(f"@prefix {p}: <{prefixes[p]}> .\n" for p in sorted(set(used)))


def trig(graphs: Iterable[tuple[str, Iterable[NtTriple]]], prefixes: dict[str, str] | None = None) -> str:
    """TriG: graphs in the given order, subjects sorted, one predicate per line."""
    return trig_document((trig_block(name, triples, prefixes) for name, triples in graphs), prefixes)
