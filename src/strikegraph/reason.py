"""OWL 2 RL reasoning: what the ontology's axioms add to a graph of claims.

The result is what goes into the inferred named graph: alleged perpetrators from affirming attribution
claims, direct ties from affirming relation claims, inverses, symmetric and transitive closures, the
occurred-in closure over located-in and the types implied by the class hierarchy.
"""

from __future__ import annotations

from owlrl import DeductiveClosure, OWLRL_Semantics
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .namespaces import bind_prefixes
from .reference import load_ontology

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


def _builtin(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(_BUILTIN_NAMESPACES)


def _noise(s: Node, p: Node, o: Node, input_bnodes: set[Node]) -> bool:
    """True for entailments that say nothing about the data: see reason()."""
    if isinstance(s, Literal) or _builtin(s):
        return True
    if p in _SCHEMA_PREDICATES:
        return True
    if p == OWL.sameAs and s == o:
        return True
    # Types like owl:Thing, owl:Class, rdfs:Datatype or xsd:decimal carry no information about the data.
    if p == RDF.type and (o in _TRIVIAL_TYPES or _builtin(o)):
        return True
    # Blank nodes the closure met only in the ontology are its list cells and restrictions, with a fresh
    # label on every parse; nothing about them belongs with the data.
    return any(isinstance(n, BNode) and n not in input_bnodes for n in (s, o))


def reason(graph: Graph, ontology: Graph | None = None) -> Graph:
    """Return the triples that OWL 2 RL reasoning adds to ``graph`` under ``ontology``, and only those.

    The closure is computed by owlrl (``DeductiveClosure(OWLRL_Semantics)``) on a copy of data plus
    ontology; neither input is modified. ``ontology`` defaults to the strikegraph ontology. Triples already
    in either input are not returned, nor is entailed noise: reflexive ``owl:sameAs``, ``rdf:type`` of
    ``owl:Thing``, ``rdfs:Resource`` or any rdf/rdfs/owl/xsd class, triples about literals, datatypes or
    the rdf/rdfs/owl/xsd vocabularies, schema-level entailments between classes and properties (those
    follow from the ontology alone), and triples about the ontology's own blank nodes. The result is a
    function of the inputs' triples alone.
    """
    if ontology is None:
        ontology = load_ontology()

    # triples() rather than iteration, so that a ConjunctiveGraph contributes triples, not quads.
    given = set(graph.triples((None, None, None)))
    given.update(ontology.triples((None, None, None)))
    input_bnodes = {n for triple in graph.triples((None, None, None)) for n in triple if isinstance(n, BNode)}
    # The ontology's annotations (labels, definitions, examples, cues) take part in no OWL 2 RL rule that
    # reaches the data, yet every literal among them costs the closure time; the data keeps all of its own.
    annotation_properties = _BUILTIN_ANNOTATION_PROPERTIES | set(ontology.subjects(RDF.type, OWL.AnnotationProperty))
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
