"""OWL 2 RL reasoning: what the ontology's axioms add to a graph of claims.

The result is what goes into the inferred named graph: alleged perpetrators from affirming attribution
claims, direct ties from affirming relation claims, inverses, symmetric and transitive closures, the
occurred-in closure over located-in and the types implied by the class hierarchy.

Two methods compute the same triples. ``"owlrl"`` runs owlrl's full OWL 2 RL closure over data plus
ontology. ``"fast"`` (the default) compiles the ontology's axioms once into per-property rule tables and
forward-chains only those over the data: class and property hierarchies, equivalences, inverses,
symmetric, transitive and functional properties, property chains, domains and ranges, and owl:sameAs.
Every other OWL 2 RL rule either has no premise in the ontology or derives only triples the result
leaves out (schema-level entailments, axiomatic triples, datatypes, inconsistency reports). When the
axioms use a construct the rule tables do not cover (class expressions such as restrictions,
intersections or unions, keys, axioms about the rdf/rdfs/owl vocabulary itself) or when owl:sameAs
reaches a class or property, the fast method hands the graph to owlrl, so the result never differs.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, product
from typing import Literal as Choice

from owlrl import DeductiveClosure, OWLRL_Semantics
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .namespaces import bind_prefixes
from .reference import reference_graphs
from .serialize import NtTriple, nt_term, nt_triples

# The rule tables and the closure work on rdflib terms when compiled, on their int ids when run.
Term = Node | int
Triple = tuple[Term, Term, Term]
Method = Choice["fast", "owlrl"]

_BUILTIN_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))

# Schema-level entailments (sub/equivalent classes and properties, inherited domains and ranges) follow
# from the ontology alone; the ontology graph answers for them, so they are kept out of the result.
_SCHEMA_PREDICATES = frozenset(
    {
        RDFS.subClassOf,
        RDFS.subPropertyOf,
        RDFS.domain,
        RDFS.range,
        OWL.equivalentClass,
        OWL.equivalentProperty,
        OWL.inverseOf,
        OWL.disjointWith,
        OWL.propertyDisjointWith,
        OWL.complementOf,
    }
)

_TRIVIAL_TYPES = frozenset({OWL.Thing, RDFS.Resource})

_BUILTIN_ANNOTATION_PROPERTIES = frozenset(
    {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo, OWL.deprecated}
)


# Looked up once: attribute access on rdflib's namespaces is slow, and _noise() runs for every entailment.
_RDF_TYPE, _OWL_SAME_AS = RDF.type, OWL.sameAs


def _builtin(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(_BUILTIN_NAMESPACES)


# The closure's terms are rdflib terms, or N-Triples strings when called through reason_nt().
_BUILTIN_NT = tuple(f"<{ns}" for ns in _BUILTIN_NAMESPACES)
_TRIVIAL_NT = frozenset(f"<{t}>" for t in _TRIVIAL_TYPES)


def _is_builtin(node: Node | str) -> bool:
    return _builtin(node) if isinstance(node, Node) else node.startswith(_BUILTIN_NT)


def _is_literal(node: Node | str) -> bool:
    return isinstance(node, Literal) if isinstance(node, Node) else node.startswith('"')


def _is_bnode(node: Node | str) -> bool:
    return isinstance(node, BNode) if isinstance(node, Node) else node.startswith("_:")


def _is_trivial_type(node: Node | str) -> bool:
    return node in _TRIVIAL_TYPES if isinstance(node, Node) else node in _TRIVIAL_NT


def _noise(s: Node, p: Node, o: Node, input_bnodes: set[Node]) -> bool:
    """True for entailments that say nothing about the data: see reason()."""
    if isinstance(s, Literal) or _builtin(s):
        return True
    if p in _SCHEMA_PREDICATES:
        return True
    if p == _OWL_SAME_AS and s == o:
        return True
    # Types like owl:Thing, owl:Class, rdfs:Datatype or xsd:decimal carry no information about the data.
    if p == _RDF_TYPE and (o in _TRIVIAL_TYPES or _builtin(o)):
        return True
    # Blank nodes the closure met only in the ontology are its list cells and restrictions, with a fresh
    # label on every parse; nothing about them belongs with the data.
    return any(isinstance(n, BNode) and n not in input_bnodes for n in (s, o))


def reason(graph: Graph, ontology: Graph | None = None, *, method: Method = "fast") -> Graph:
    """Return the triples that OWL 2 RL reasoning adds to ``graph`` under ``ontology``, and only those.

    ``method="owlrl"`` computes the closure with owlrl (``DeductiveClosure(OWLRL_Semantics)``) on a copy of
    data plus ontology; ``method="fast"`` (the default) applies the ontology's compiled axioms and returns
    the same triples (see the module docstring). Neither input is modified. ``ontology`` defaults to the
    strikegraph ontology. Triples already in either input are not returned, nor is entailed noise:
    reflexive ``owl:sameAs``, ``rdf:type`` of ``owl:Thing``, ``rdfs:Resource`` or any rdf/rdfs/owl/xsd
    class, triples about literals, datatypes or the rdf/rdfs/owl/xsd vocabularies, schema-level
    entailments between classes and properties (those follow from the ontology alone), and triples about
    the ontology's own blank nodes. The result is a function of the inputs' triples alone.
    """
    if ontology is None:
        ontology = reference_graphs()[0]
    if method == "owlrl":
        return _reason_owlrl(graph, ontology)
    if method != "fast":
        raise ValueError(f"unknown reasoning method {method!r}; expected 'fast' or 'owlrl'")
    inferred = _reason_fast(graph, ontology)
    return inferred if inferred is not None else _reason_owlrl(graph, ontology)


def _annotation_properties(ontology: Graph) -> frozenset[Node]:
    return _BUILTIN_ANNOTATION_PROPERTIES | frozenset(ontology.subjects(RDF.type, OWL.AnnotationProperty))


def _reason_owlrl(graph: Graph, ontology: Graph) -> Graph:
    # triples() rather than iteration, so that a ConjunctiveGraph contributes triples, not quads.
    given = set(graph.triples((None, None, None)))
    given.update(ontology.triples((None, None, None)))
    input_bnodes = {n for triple in graph.triples((None, None, None)) for n in triple if isinstance(n, BNode)}
    # The ontology's annotations (labels, definitions, examples, cues) take part in no OWL 2 RL rule that
    # reaches the data, yet every literal among them costs the closure time; the data keeps all of its own.
    annotation_properties = _annotation_properties(ontology)
    work = Graph()
    for triple in graph.triples((None, None, None)):
        work.add(triple)
    for triple in ontology.triples((None, None, None)):
        if triple[1] not in annotation_properties:
            work.add(triple)

    # Axiomatic and datatype triples are about the vocabularies themselves and would be dropped anyway.
    DeductiveClosure(OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(work)

    inferred = Graph()
    bind_prefixes(inferred.namespace_manager)
    for s, p, o in work:
        if (s, p, o) in given or _noise(s, p, o, input_bnodes):
            continue
        inferred.add((s, p, o))
    return inferred


# --- the fast method: the ontology compiled into rule tables ---------------------------------------

# Premises of the OWL 2 RL rules the tables implement; data that states any of these brings its own axioms.
_AXIOM_PREDICATES = frozenset(
    {
        RDFS.subClassOf,
        RDFS.subPropertyOf,
        RDFS.domain,
        RDFS.range,
        OWL.equivalentClass,
        OWL.equivalentProperty,
        OWL.inverseOf,
        OWL.propertyChainAxiom,
    }
)
_CHARACTERISTICS = frozenset(
    {OWL.SymmetricProperty, OWL.TransitiveProperty, OWL.FunctionalProperty, OWL.InverseFunctionalProperty}
)
# Class expressions and keys (cls-int, cls-uni, cls-svf, cls-avf, cls-hv, cls-maxc, cls-maxqc, cls-oo,
# prp-key). The strikegraph ontology uses none of them; an ontology that does is left to owlrl.
_UNSUPPORTED_PREDICATES = frozenset(
    {
        OWL.intersectionOf,
        OWL.unionOf,
        OWL.someValuesFrom,
        OWL.allValuesFrom,
        OWL.hasValue,
        OWL.maxCardinality,
        OWL.maxQualifiedCardinality,
        OWL.oneOf,
        OWL.hasKey,
    }
)
# Declarations that make a term part of the vocabulary the tables are compiled from.
_DECLARATIONS = frozenset(
    {OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property} | _CHARACTERISTICS
)
# Built-in classes that may be the range of a property without driving any rule.
_INERT_BUILTIN_CLASSES = frozenset(
    {OWL.Thing, RDFS.Resource, RDFS.Literal, RDF.langString, RDF.PlainLiteral, RDF.XMLLiteral, RDF.HTML}
)
_INERT_BUILTIN_PROPERTIES = _BUILTIN_ANNOTATION_PROPERTIES | {RDF.type}


@dataclass(frozen=True)
class _PropertyRules:
    """What one new triple (s, p, o) with this predicate p entails."""

    supers: tuple[Term, ...] = ()  # strict super- and equivalent properties, closed
    domain: tuple[Term, ...] = ()  # classes of s: the domains of p and their superclasses
    range: tuple[Term, ...] = ()  # classes of o: the ranges of p and their superclasses
    inverses: tuple[Term, ...] = ()
    symmetric: bool = False
    transitive: bool = False
    functional: bool = False
    inverse_functional: bool = False
    chains: tuple[tuple[tuple[Term, ...], int, Term], ...] = ()  # (chain, position of p, implied property)


@dataclass(frozen=True)
class _Rules:
    properties: dict[Term, _PropertyRules]
    class_supers: dict[Term, tuple[Term, ...]]  # class → strict super- and equivalent classes, closed
    reverse_indexed: frozenset[Term]  # predicates whose object → subjects index the joins need
    derivable: frozenset[Term]  # predicates a rule can conclude or needs to look up
    vocabulary: frozenset[Term]  # classes and properties; owl:sameAs on these changes the axioms
    unsupported: str | None = None  # why the tables cannot stand in for owlrl, if they cannot


@dataclass
class _Ontology:
    """An ontology ready for the fast method. Terms are interned as ints: rdflib terms hash and compare
    in Python, ints in C, and the closure does little else."""

    rules: _Rules  # over term ids
    ids: dict[Node, int]  # term → id, for the ontology's terms and the built-ins the rules use
    nodes: list[Node]  # id → term
    work: tuple[Triple, ...]  # ids of the ontology's triples that take part in reasoning (no annotations)
    triples: frozenset[Triple]  # ids of all of the ontology's triples: entailments among them are not new
    size: int

    @cached_property
    def nt_nodes(self) -> list[str]:
        """id → term in N-Triples syntax, for reason_nt()."""
        return [nt_term(n) for n in self.nodes]

    @cached_property
    def nt_ids(self) -> dict[str, int]:
        return {t: i for i, t in enumerate(self.nt_nodes)}


def _closed(edges: dict[Node, set[Node]]) -> dict[Node, tuple[Node, ...]]:
    """Each node's strict ancestors along edges, in a stable order."""
    closure: dict[Node, tuple[Node, ...]] = {}
    for start in edges:
        seen: set[Node] = set()
        stack = list(edges[start])
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(edges.get(node, ()))
        seen.discard(start)
        closure[start] = tuple(sorted(seen, key=_node_key))
    return closure


def _compile(schema: Graph) -> _Rules:
    """Rule tables for the axioms in ``schema`` (an ontology, possibly with axioms stated by the data)."""
    unsupported = sorted(str(p) for p in _UNSUPPORTED_PREDICATES if (None, p, None) in schema)

    sub_classes: dict[Node, set[Node]] = {}
    for c, d in schema.subject_objects(RDFS.subClassOf):
        sub_classes.setdefault(c, set()).add(d)
    for c, d in schema.subject_objects(OWL.equivalentClass):
        sub_classes.setdefault(c, set()).add(d)
        sub_classes.setdefault(d, set()).add(c)
    class_supers = _closed(sub_classes)

    sub_properties: dict[Node, set[Node]] = {}
    for p, q in schema.subject_objects(RDFS.subPropertyOf):
        sub_properties.setdefault(p, set()).add(q)
    for p, q in schema.subject_objects(OWL.equivalentProperty):
        sub_properties.setdefault(p, set()).add(q)
        sub_properties.setdefault(q, set()).add(p)
    property_supers = _closed(sub_properties)

    def classes_with_supers(pairs: Iterable[tuple[Node, Node]]) -> dict[Node, tuple[Node, ...]]:
        found: dict[Node, set[Node]] = {}
        for p, c in pairs:
            found.setdefault(p, set()).update((c, *class_supers.get(c, ())))
        return {p: tuple(sorted(cs, key=_node_key)) for p, cs in found.items()}

    domains = classes_with_supers(schema.subject_objects(RDFS.domain))
    ranges = classes_with_supers(schema.subject_objects(RDFS.range))
    inverses: dict[Node, set[Node]] = {}
    for p, q in schema.subject_objects(OWL.inverseOf):
        inverses.setdefault(p, set()).add(q)
        inverses.setdefault(q, set()).add(p)
    characteristic = {c: set(schema.subjects(RDF.type, c)) for c in _CHARACTERISTICS}
    chains: dict[Node, list[tuple[tuple[Node, ...], int, Node]]] = {}
    for head, cells in schema.subject_objects(OWL.propertyChainAxiom):
        chain = tuple(schema.items(cells))
        for position, p in enumerate(chain):
            chains.setdefault(p, []).append((chain, position, head))

    keyed = set(property_supers) | set(domains) | set(ranges) | set(inverses) | set(chains)
    for members in characteristic.values():
        keyed |= members
    properties = {
        p: _PropertyRules(
            supers=property_supers.get(p, ()),
            domain=domains.get(p, ()),
            range=ranges.get(p, ()),
            inverses=tuple(sorted(inverses.get(p, ()), key=_node_key)),
            symmetric=p in characteristic[OWL.SymmetricProperty],
            transitive=p in characteristic[OWL.TransitiveProperty],
            functional=p in characteristic[OWL.FunctionalProperty],
            inverse_functional=p in characteristic[OWL.InverseFunctionalProperty],
            chains=tuple(chains.get(p, ())),
        )
        for p in keyed
    }

    concluded = {q for qs in property_supers.values() for q in qs} | {q for qs in inverses.values() for q in qs}
    concluded |= {head for links in chains.values() for _, _, head in links}
    reverse_indexed = set(characteristic[OWL.TransitiveProperty]) | set(characteristic[OWL.InverseFunctionalProperty])
    for links in chains.values():
        for chain, _, _ in links:
            reverse_indexed.update(chain[:-1])
    classes = set(class_supers) | {c for cs in class_supers.values() for c in cs}
    classes |= {c for cs in (*domains.values(), *ranges.values()) for c in cs}

    # Axioms about the rdf/rdfs/owl vocabulary itself (meta-modelling) would need the rules that owlrl
    # applies to schema triples as data; only harmless built-ins may appear, and only as conclusions.
    meta = {p for p in keyed if _builtin(p)} | {c for c in class_supers if _builtin(c)}
    meta |= {q for q in concluded if _builtin(q) and q not in _INERT_BUILTIN_PROPERTIES}
    meta |= {c for c in classes if _builtin(c) and c not in _INERT_BUILTIN_CLASSES and not str(c).startswith(str(XSD))}
    if meta:
        unsupported.append("axioms about " + ", ".join(sorted(str(n) for n in meta)))

    vocabulary = keyed | concluded | classes
    for declaration in _DECLARATIONS:
        vocabulary.update(schema.subjects(RDF.type, declaration))
    for predicate in _AXIOM_PREDICATES:
        for s, o in schema.subject_objects(predicate):
            vocabulary.update((s, o))
    return _Rules(
        properties=properties,
        class_supers=class_supers,
        reverse_indexed=frozenset(reverse_indexed),
        derivable=frozenset(keyed | concluded | {RDF.type, OWL.sameAs}),
        vocabulary=frozenset(vocabulary),
        unsupported="; ".join(unsupported) or None,
    )


class _Interner:
    """Term ids: the ontology's fixed ones, then a call's own in order of appearance."""

    def __init__(self, ids: dict[Node, int], nodes: list[Node]) -> None:
        self.ids, self.nodes = ids, nodes

    def __call__(self, node: Node) -> int:
        i = self.ids.get(node)
        if i is None:
            i = self.ids[node] = len(self.nodes)
            self.nodes.append(node)
        return i

    def triples(self, triples: Iterable[tuple[Node, Node, Node]]) -> list[Triple]:
        ids, nodes = self.ids, self.nodes
        get, append = ids.get, nodes.append
        out: list[Triple] = []
        for triple in triples:
            interned = []
            for node in triple:
                i = get(node)
                if i is None:
                    i = ids[node] = len(nodes)
                    append(node)
                interned.append(i)
            out.append(tuple(interned))  # type: ignore[arg-type]
        return out

    def rules(self, rules: _Rules) -> _Rules:
        """``rules`` over term ids."""

        def many(nodes: Iterable[Term]) -> tuple[Term, ...]:
            return tuple(self(n) for n in nodes)

        properties = {
            self(p): _PropertyRules(
                supers=many(r.supers),
                domain=many(r.domain),
                range=many(r.range),
                inverses=many(r.inverses),
                symmetric=r.symmetric,
                transitive=r.transitive,
                functional=r.functional,
                inverse_functional=r.inverse_functional,
                chains=tuple((many(chain), position, self(head)) for chain, position, head in r.chains),
            )
            for p, r in rules.properties.items()
        }
        return _Rules(
            properties=properties,
            class_supers={self(c): many(supers) for c, supers in rules.class_supers.items()},
            reverse_indexed=frozenset(many(rules.reverse_indexed)),
            derivable=frozenset(many(rules.derivable)),
            vocabulary=frozenset(many(rules.vocabulary)),
            unsupported=rules.unsupported,
        )


# Fixed ids of the terms the closure itself looks for.
_TYPE, _SAME_AS = 0, 1
_PINNED: tuple[Node, ...] = (RDF.type, OWL.sameAs, *sorted(_AXIOM_PREDICATES | _UNSUPPORTED_PREDICATES | _CHARACTERISTICS))
_PINNED += (OWL.onProperty, RDF.first, RDF.rest, *sorted(_SCHEMA_PREDICATES))

# Compiled once per ontology graph (by identity; its size guards against a graph changed since).
_COMPILED: dict[int, tuple[weakref.ref[Graph], _Ontology]] = {}


def _compiled(ontology: Graph) -> _Ontology:
    key = id(ontology)
    hit = _COMPILED.get(key)
    if hit is not None and hit[0]() is ontology and hit[1].size == len(ontology):
        return hit[1]
    interner = _Interner({}, [])
    for node in _PINNED:
        interner(node)
    annotation_properties = _annotation_properties(ontology)
    triples = list(ontology.triples((None, None, None)))
    work = interner.triples(t for t in triples if t[1] not in annotation_properties)
    compiled = _Ontology(
        rules=interner.rules(_compile(ontology)),
        ids=interner.ids,
        nodes=interner.nodes,
        work=tuple(work),
        triples=frozenset(interner.triples(triples)),
        size=len(ontology),
    )
    _COMPILED[key] = (weakref.ref(ontology, lambda _ref, key=key: _COMPILED.pop(key, None)), compiled)
    return compiled


class _NeedsOwlrl(Exception):
    """The compiled rules cannot reproduce owlrl's closure for this input."""


def _reason_fast(graph: Graph, ontology: Graph) -> Graph | None:
    """The fast method; None when the input is outside what the rule tables cover."""
    # The closure allocates hundreds of thousands of small tuples and sets and frees none of them until it
    # returns; the cyclic collector would rescan them all, again and again, for nothing (about 40% of the time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _reason_fast_uncollected(graph, ontology)
    finally:
        if enabled:
            gc.enable()


def _reason_fast_uncollected(graph: Graph, ontology: Graph) -> Graph | None:
    compiled = _compiled(ontology)
    interner = _Interner(dict(compiled.ids), list(compiled.nodes))
    nodes = interner.nodes
    data = interner.triples(graph.triples((None, None, None)))
    rules = compiled.rules
    # Axioms stated in the data join the ontology's; such a schema is compiled for this call only.
    axiom_predicates = {compiled.ids[p] for p in (*_AXIOM_PREDICATES, *_UNSUPPORTED_PREDICATES, OWL.onProperty)}
    characteristics = {compiled.ids[c] for c in _CHARACTERISTICS}
    data_axioms = [t for t in data if t[1] in axiom_predicates or (t[1] == _TYPE and t[2] in characteristics)]
    if data_axioms:
        lists = (compiled.ids[RDF.first], compiled.ids[RDF.rest])
        schema = Graph()
        for s, p, o in (*compiled.work, *data_axioms, *(t for t in data if t[1] in lists)):
            schema.add((nodes[s], nodes[p], nodes[o]))
        rules = interner.rules(_compile(schema))
    if rules.unsupported:
        return None
    try:
        new = _Closure(rules, nodes).run(compiled.work, data)
    except _NeedsOwlrl:
        return None

    # SimpleMemory: the result is only read, and rdflib's default store costs three times as much per add.
    inferred = Graph(store="SimpleMemory")
    bind_prefixes(inferred.namespace_manager)
    store_add = inferred.store.add
    used = set(chain.from_iterable(data))
    noise = _NoiseFilter(nodes, {nodes[i] for i in used if isinstance(nodes[i], BNode)}, compiled.ids)
    ontology_triples = compiled.triples
    for triple in new:
        if triple not in ontology_triples and not noise(*triple):
            store_add((nodes[triple[0]], nodes[triple[1]], nodes[triple[2]]), inferred)
    return inferred


def _counted(data: Iterable[NtTriple], predicates: set[str] | None, counts: list[int]) -> Iterator[NtTriple]:
    """The triples whose predicate is in ``predicates`` (all when None), counting those read and kept."""
    for t in data:
        counts[0] += 1
        if predicates is None or t[1] in predicates:
            counts[1] += 1
            yield t


def _nt_graph(triples: Iterable[NtTriple]) -> Graph:
    graph = Graph()
    graph.parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in triples), format="nt")
    return graph


def reason_nt(data: Iterable[NtTriple], ontology: Graph | None = None) -> list[NtTriple]:
    """reason() for triples whose terms are N-Triples strings, as the build renders them: the same
    entailments (method "fast"), as N-Triples terms, without an rdflib object per term. ``data`` may
    be read more than once (a list, or an object whose iterator starts afresh)."""
    if ontology is None:
        ontology = reference_graphs()[0]
    compiled = _compiled(ontology)
    axiom_predicates = {compiled.ids[p] for p in (*_AXIOM_PREDICATES, *_UNSUPPORTED_PREDICATES, OWL.onProperty)}
    characteristics = {compiled.ids[c] for c in _CHARACTERISTICS}
    # Triples of predicates no rule reads or concludes (texts, quotes, offsets: most of the data) are
    # not kept: they only matter when owl:sameAs rewrites them, and then the data is read again whole.
    active = {compiled.nt_nodes[i] for i in (*compiled.rules.derivable, *axiom_predicates)}
    for whole in (False, True):
        interner = _Interner(dict(compiled.nt_ids), list(compiled.nt_nodes))
        nodes = interner.nodes
        counts = [0, 0]  # triples read, triples kept
        triples = interner.triples(_counted(data, None if whole else active, counts))  # type: ignore[arg-type]
        skipped = counts[0] > counts[1]
        if any(t[1] in axiom_predicates or (t[1] == _TYPE and t[2] in characteristics) for t in triples):
            # The data brings axioms of its own: the general path compiles them.
            return nt_triples(reason(_nt_graph(data), ontology))
        enabled = gc.isenabled()
        gc.disable()
        try:
            closure = _Closure(compiled.rules, nodes)
            new = closure.run(compiled.work, triples)
        except _NeedsOwlrl:
            return nt_triples(reason(_nt_graph(data), ontology, method="owlrl"))
        finally:
            if enabled:
                gc.enable()
        if not (skipped and closure.index[_SAME_AS]):
            break
    used = set(chain.from_iterable(triples))
    noise = _NoiseFilter(nodes, {nodes[i] for i in used if _is_bnode(nodes[i])}, compiled.ids)  # type: ignore[arg-type]
    ontology_triples = compiled.triples
    return [(nodes[s], nodes[p], nodes[o]) for s, p, o in dict.fromkeys(new)  # type: ignore[misc]
            if (s, p, o) not in ontology_triples and not noise(s, p, o)]


class _NoiseFilter:
    """_noise() over term ids, with each term's part in it worked out once; also drops triples with a
    blank-node predicate, which owlrl's post-processing removes."""

    def __init__(self, nodes: list[Node], input_bnodes: set[Node], ids: dict[Node, int]) -> None:
        self.nodes, self.input_bnodes = nodes, input_bnodes
        self.schema_predicates = frozenset(ids[p] for p in _SCHEMA_PREDICATES)
        # id → (no subject of a result, trivial or built-in type, foreign blank node, blank node)
        self.kinds: dict[int, tuple[bool, bool, bool, bool]] = {}

    def kind(self, i: int) -> tuple[bool, bool, bool, bool]:
        k = self.kinds.get(i)
        if k is None:
            n = self.nodes[i]
            builtin, bnode = _is_builtin(n), _is_bnode(n)
            k = (_is_literal(n) or builtin, builtin or _is_trivial_type(n), bnode and n not in self.input_bnodes, bnode)
            self.kinds[i] = k
        return k

    def __call__(self, s: int, p: int, o: int) -> bool:
        ks = self.kind(s)
        if ks[0] or ks[2] or p in self.schema_predicates or (p == _SAME_AS and s == o) or self.kind(p)[3]:
            return True
        ko = self.kind(o)
        return ko[2] or (p == _TYPE and ko[1])


class _Closure:
    """Forward chaining to a fixpoint over predicate-indexed sets.

    ``index[p][s]`` is the set of objects of s under p, ``reverse[p][o]`` the subjects (kept only for the
    predicates the joins walk backwards). Each triple is checked against the rules once, when it is first
    added, and joined with everything already added: every pair of premises meets when the later one
    arrives, which is semi-naive evaluation with one triple as the delta.
    """

    def __init__(self, rules: _Rules, nodes: list[Node]) -> None:
        self.rules = rules
        self.nodes = nodes  # id → term, for the few checks that need the term itself
        self.index: dict[Term, dict[Term, set[Term]]] = {p: {} for p in rules.derivable}
        self.reverse: dict[Term, dict[Term, set[Term]]] = {p: {} for p in rules.reverse_indexed}
        self.types = self.index[_TYPE]
        self.new: list[Triple] = []

    def _insert(self, s: Term, p: Term, o: Term) -> bool:
        by_subject = self.index.get(p)
        if by_subject is None:
            by_subject = self.index[p] = {}
        objects = by_subject.get(s)
        if objects is None:
            by_subject[s] = {o}
        elif o in objects:
            return False
        else:
            objects.add(o)
        by_object = self.reverse.get(p)
        if by_object is not None:
            subjects = by_object.get(o)
            if subjects is None:
                by_object[o] = {s}
            else:
                subjects.add(s)
        return True

    def run(self, ontology: Iterable[Triple], data: Iterable[Triple]) -> list[Triple]:
        """The triples entailed by ``ontology`` and ``data`` that are in neither, in derivation order."""
        base = [*ontology, *data]
        derivable = self.rules.derivable
        # Triples of predicates no rule reads or concludes (texts, labels, offsets) never take part; they
        # matter only if owl:sameAs rewrites them, and _equality() fetches them then.
        active = [t for t in base if t[1] in derivable]
        for s, p, o in active:
            self._insert(s, p, o)
        pending: list[Triple] = []
        for s, p, o in active:
            self._fire(s, p, o, pending)
        self._saturate(pending)
        inert_added = False
        while self.index[_SAME_AS]:
            if not inert_added:
                for s, p, o in base:
                    if p not in derivable:
                        self._insert(s, p, o)
                inert_added = True
            pending = self._equality()
            if not pending:
                break
            self._saturate(pending)
        return self.new

    def _saturate(self, pending: list[Triple]) -> None:
        # _insert() inlined: this loop runs once per derivation, duplicates included.
        index, reverse, fire, new = self.index, self.reverse, self._fire, self.new
        while pending:
            triple = pending.pop()
            s, p, o = triple
            by_subject = index.get(p)
            if by_subject is None:
                by_subject = index[p] = {}
            objects = by_subject.get(s)
            if objects is None:
                by_subject[s] = {o}
            elif o in objects:
                continue
            else:
                objects.add(o)
            by_object = reverse.get(p)
            if by_object is not None:
                subjects = by_object.get(o)
                if subjects is None:
                    by_object[o] = {s}
                else:
                    subjects.add(s)
            new.append(triple)
            fire(s, p, o, pending)

    def _type(self, node: Term, classes: Iterable[Term]) -> None:
        """Add node's types ``classes``, which are closed under the class hierarchy: no rule reads a type
        but the hierarchy, so the new type triples need not be fired."""
        known = self.types.get(node)
        if known is None:
            known = self.types[node] = set()
        for c in classes:
            if c not in known:
                known.add(c)
                self.new.append((node, _TYPE, c))

    def _fire(self, s: Term, p: Term, o: Term, out: list[Triple]) -> None:
        """Append to ``out`` what the rules conclude from (s, p, o) joined with the triples added so far."""
        push = out.append
        if p == _TYPE:
            self._type(s, self.rules.class_supers.get(o, ()))
            return
        rules = self.rules.properties.get(p)
        if rules is None:
            return
        for q in rules.supers:
            push((s, q, o))
        if rules.domain:
            self._type(s, rules.domain)
        if rules.range:
            self._type(o, rules.range)
        for q in rules.inverses:
            push((o, q, s))
        if rules.symmetric:
            push((o, p, s))
        if rules.transitive:
            for z in self.index[p].get(o, ()):
                push((s, p, z))
            for w in self.reverse[p].get(s, ()):
                push((w, p, o))
        if rules.functional:
            for y in self.index[p].get(s, ()):
                if y != o:
                    push((o, _SAME_AS, y))
                    push((y, _SAME_AS, o))
        if rules.inverse_functional:
            for x in self.reverse[p].get(o, ()):
                if x != s:
                    push((s, _SAME_AS, x))
                    push((x, _SAME_AS, s))
        for links, position, head in rules.chains:
            starts: set[Term] = {s}
            for link in reversed(links[:position]):
                reverse = self.reverse[link]
                starts = {w for x in starts for w in reverse.get(x, ())}
            ends: set[Term] = {o}
            for link in links[position + 1 :]:
                index = self.index.get(link, {})
                ends = {z for y in ends for z in index.get(y, ())}
            for start, end in product(starts, ends):
                push((start, head, end))

    def _equality(self) -> list[Triple]:
        """eq-sym, eq-trans and eq-rep-s/p/o: every triple rewritten with each term's equals.

        owl:sameAs only arises from conflicting values of functional properties or from the data itself,
        which is rare; rewriting the whole index then, and saturating again until nothing changes, is
        simpler than joining every triple with the equalities as it arrives.
        """
        parent: dict[Term, Term] = {}

        def find(n: Term) -> Term:
            root = n
            while parent[root] != root:
                root = parent[root]
            while n != root:
                parent[n], n = root, parent[n]
            return root

        for s, objects in self.index[_SAME_AS].items():
            for o in objects:
                if s != o:
                    parent.setdefault(s, s)
                    parent.setdefault(o, o)
                    a, b = find(s), find(o)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
        members: dict[Term, set[Term]] = {}
        for n in parent:
            members.setdefault(find(n), set()).add(n)
        equals = {n: group for group in members.values() for n in group}
        if not equals:
            return []
        touched = sorted(n for n in equals if n in self.rules.vocabulary or _is_builtin(self.nodes[n]))
        if touched:
            # Equating a class or property rewrites the axioms themselves; owlrl handles that case.
            raise _NeedsOwlrl(f"owl:sameAs on {self.nodes[touched[0]]}")

        pending: list[Triple] = []
        for group in members.values():
            pending.extend((a, _SAME_AS, b) for a in group for b in group if a != b)
        for s, p, o in list(self._all()):
            if s in equals or p in equals or o in equals:
                for s2, p2, o2 in product(equals.get(s, (s,)), equals.get(p, (p,)), equals.get(o, (o,))):
                    if not _is_literal(self.nodes[p2]):
                        pending.append((s2, p2, o2))
        return [t for t in pending if t[2] not in self.index.get(t[1], {}).get(t[0], ())]

    def _all(self) -> Iterator[Triple]:
        for p, by_subject in self.index.items():
            for s, objects in by_subject.items():
                for o in objects:
                    yield s, p, o


def _node_key(node: Node) -> tuple[str, str]:
    return type(node).__name__, str(node)
