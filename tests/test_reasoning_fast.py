"""The fast reasoner (compiled axioms) returns exactly what owlrl's full OWL 2 RL closure returns.

Compared as triple sets, after the same noise filter, on the seed corpus with the gazetteer, on random
graphs over the ontology's vocabulary (chains, inverses, symmetric and transitive properties, conflicting
values of functional properties, literals and blank nodes where object properties expect resources) and
on data that brings axioms of its own, and on each small graph that test_reasoning.py reasons over.
"""

from __future__ import annotations

import inspect
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from strikegraph.build import lexicon
from strikegraph.corpus import Article, read_corpus
from strikegraph.extract import extract
from strikegraph.merge import merge_events
from strikegraph.namespaces import ID, SG
from strikegraph.rdfize import to_graph
from strikegraph.reason import _reason_fast, reason, reason_nt
from strikegraph.reference import reference_graphs
from strikegraph.serialize import nt_term, nt_triples

SEEDS = Path(__file__).resolve().parents[1] / "corpus" / "seeds"


def _differences(fast: Graph, reference: Graph) -> str:
    extra, missing = set(fast) - set(reference), set(reference) - set(fast)
    sample = sorted(map(str, [*extra, *missing]))[:10]
    return f"{len(extra)} only in fast, {len(missing)} only in owlrl: {sample}"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return reference_graphs()[0]


@pytest.fixture(scope="module")
def seed_data() -> Graph:
    """The seed articles' graphs plus the gazetteer: what build() hands to reason()."""
    lex = lexicon()
    articles = [a for a in read_corpus([SEEDS]) if isinstance(a, Article)]
    extractions = {a.stem: extract(a, lex) for a in articles}
    merged = merge_events(extractions, lex)
    data = Graph()
    for article in articles:
        data += to_graph(article, extractions[article.stem], merged, lex)
    return data + reference_graphs()[1]


@pytest.fixture(scope="module")
def seed_owlrl(seed_data: Graph, ontology: Graph) -> Graph:
    # owlrl takes most of this module's time on the seeds; computed once.
    return reason(seed_data, ontology, method="owlrl")


def test_seed_build_data(seed_data: Graph, seed_owlrl: Graph, ontology: Graph) -> None:
    fast = reason(seed_data, ontology)
    assert set(fast) == set(seed_owlrl), _differences(fast, seed_owlrl)
    assert len(fast) > 1000, "the seeds should entail a lot"


def test_fast_is_the_default_and_deterministic(seed_data: Graph, ontology: Graph) -> None:
    before = set(seed_data)
    first = reason(seed_data, ontology, method="fast")
    assert set(reason(seed_data, ontology)) == set(first)
    assert set(reason(seed_data)) == set(first), "ontology=None is the strikegraph ontology"
    assert set(seed_data) == before, "reason() must not modify its input"


def test_unknown_method_is_refused(ontology: Graph) -> None:
    with pytest.raises(ValueError, match="unknown reasoning method"):
        reason(Graph(), ontology, method="hermit")  # type: ignore[arg-type]


# --- the small graphs of test_reasoning.py -------------------------------------------------------


def _infer_tests() -> dict[str, Callable[..., None]]:
    """test_reasoning.py's tests that build their graph through the ``infer`` fixture."""
    import test_reasoning

    tests = {name: fn for name, fn in vars(test_reasoning).items() if name.startswith("test_") and callable(fn)}
    return {name: fn for name, fn in tests.items() if list(inspect.signature(fn).parameters) == ["infer"]}


@pytest.mark.parametrize("name", sorted(_infer_tests()))
def test_small_graphs_of_test_reasoning(name: str, ontology: Graph) -> None:
    # The test's own assertions run on the fast result; each graph it reasons over is also compared.
    graphs = 0

    def infer(*triples: tuple[Node, Node, Node]) -> Graph:
        nonlocal graphs
        data = Graph()
        for triple in triples:
            data.add(triple)
        fast, reference = reason(data, ontology), reason(data, ontology, method="owlrl")
        assert set(fast) == set(reference), _differences(fast, reference)
        graphs += 1
        return fast

    _infer_tests()[name](infer)
    assert graphs > 0


# --- random graphs over the ontology's vocabulary -------------------------------------------------


def _vocabulary(ontology: Graph) -> tuple[list[Node], list[Node], list[Node], list[Node]]:
    """(classes, object properties, datatype properties, functional properties), in a stable order."""

    def declared(kind: URIRef) -> list[Node]:
        return sorted(ontology.subjects(RDF.type, kind), key=str)

    functional = set(ontology.subjects(RDF.type, OWL.FunctionalProperty))
    return declared(OWL.Class), declared(OWL.ObjectProperty), declared(OWL.DatatypeProperty), sorted(functional, key=str)


def _random_graph(ontology: Graph, seed: int, *, functional: bool, odd_objects: bool, size: int = 120) -> Graph:
    rng = random.Random(seed)
    classes, object_properties, datatype_properties, functional_properties = _vocabulary(ontology)
    if not functional:
        object_properties = [p for p in object_properties if p not in functional_properties]
        datatype_properties = [p for p in datatype_properties if p not in functional_properties]
    # Chain, inverse, symmetric and transitive properties weigh more: they are where reasoning recurses.
    recursive = [SG.hasClaim, SG.aboutEvent, SG.attributesTo, SG.relationSubjectOf, SG.claimedBacks, SG.claimedPartOf,
                 SG.claimedAlliedWith, SG.partOf, SG.forceOf, SG.locatedIn, SG.occurredIn, SG.alliedWith, SG.near,
                 SG.backs, SG.proxyOf, SG.hasMember, SG.contains]  # fmt: skip
    individuals: list[Node] = [ID[f"random-{seed}/{n}"] for n in range(24)]
    individuals += [SG.asserted, SG.denied, SG.precisionDay]  # the ontology's own individuals
    if odd_objects:
        individuals += [BNode(f"random{seed}b{n}") for n in range(3)]

    g = Graph()
    for node in individuals[:24]:
        if rng.random() < 0.6:
            g.add((node, RDF.type, rng.choice(classes)))
    for _ in range(size):
        p = rng.choice(recursive) if rng.random() < 0.5 else rng.choice(object_properties)
        s, o = rng.choice(individuals), rng.choice(individuals)
        if odd_objects and rng.random() < 0.1:
            o = Literal(rng.choice(["x", "y"]))
        g.add((s, p, o))
    for _ in range(size // 8):
        p = rng.choice(datatype_properties)
        g.add((rng.choice(individuals[:24]), p, Literal(rng.randrange(3), datatype=XSD.integer)))
    if functional:
        # Two values of a functional property make them owl:sameAs, which rewrites everything said of either.
        for p in rng.sample([p for p in functional_properties if p in object_properties], 3):
            s = rng.choice(individuals[:24])
            g.add((s, p, rng.choice(individuals)))
            g.add((s, p, rng.choice(individuals)))
    return g


# owlrl needs a few seconds per graph, whatever its size: a few larger graphs rather than many small ones.
RANDOM_CASES = {
    "plain": (1, False, False),
    "functional": (3, True, False),
    "literals-and-bnodes": (4, True, True),
}


@pytest.mark.parametrize("case", list(RANDOM_CASES))
def test_random_graph(case: str, ontology: Graph) -> None:
    seed, functional, odd_objects = RANDOM_CASES[case]
    g = _random_graph(ontology, seed, functional=functional, odd_objects=odd_objects)
    assert _reason_fast(g, ontology) is not None, "the compiled rules should cover this graph without owlrl"
    fast, reference = reason(g, ontology), reason(g, ontology, method="owlrl")
    assert set(fast) == set(reference), _differences(fast, reference)
    if functional:
        assert any(p == OWL.sameAs for _, p, _ in fast), "conflicting functional values should yield owl:sameAs"


def test_equality_reaching_the_vocabulary_matches_owlrl(ontology: Graph) -> None:
    # Two stances that are properties of the ontology: equating them rewrites the axioms themselves.
    claim = ID["t-fast-meta/claim"]
    g = Graph()
    for triple in [
        (claim, SG.stance, SG.backs),
        (claim, SG.stance, SG.partOf),
        (ID["t-fast-meta/a"], SG.backs, ID["t-fast-meta/b"]),
    ]:
        g.add(triple)
    assert _reason_fast(g, ontology) is None, "equating two properties is left to owlrl"
    fast, reference = reason(g, ontology), reason(g, ontology, method="owlrl")
    assert set(fast) == set(reference), _differences(fast, reference)


def test_axioms_stated_in_the_data(ontology: Graph) -> None:
    ex = "https://example.org/t-fast-axioms#"
    a, b, c, d = (URIRef(ex + n) for n in "abcd")
    rel, sub, cls = URIRef(ex + "rel"), URIRef(ex + "subRel"), URIRef(ex + "Thing")
    g = Graph()
    for triple in [
        (rel, RDF.type, OWL.TransitiveProperty),
        (sub, RDFS.subPropertyOf, rel),
        (rel, RDFS.domain, cls),
        (cls, RDFS.subClassOf, SG.Actor),
        (rel, OWL.inverseOf, SG.backedBy),
        (a, sub, b),
        (b, rel, c),
        (c, SG.partOf, d),
    ]:
        g.add(triple)
    assert _reason_fast(g, ontology) is not None
    fast, reference = reason(g, ontology), reason(g, ontology, method="owlrl")
    assert set(fast) == set(reference), _differences(fast, reference)
    assert (a, rel, c) in fast and (a, RDF.type, SG.Source) in fast and (c, SG.backedBy, a) in fast and (a, SG.backs, c) in fast


@pytest.mark.parametrize("seed", range(6))
def test_n_triples_path_gives_the_same_entailments(seed: int, ontology: Graph) -> None:
    """reason_nt(), which the build uses on rendered text, against reason() on rdflib terms: random graphs
    with owl:sameAs (which makes reason_nt() read the data a second time, whole), literals and blank nodes."""
    g = _random_graph(ontology, 100 + seed, functional=seed % 2 == 0, odd_objects=seed % 3 == 0, size=60)
    # Texts no rule reads: dropped on the first pass, needed when owl:sameAs rewrites their subject.
    for i, node in enumerate(sorted({s for s in g.subjects() if isinstance(s, URIRef)}, key=str)[:8]):
        g.add((node, SG.text, Literal(f"text {i}")))
    expected = {tuple(nt_term(n) for n in t) for t in reason(g, ontology)}
    data = nt_triples(g)
    assert set(reason_nt(data, ontology)) == expected
    assert len(reason_nt(data, ontology)) == len(expected), "no triple twice"


def test_n_triples_path_on_the_seed_build(seed_data: Graph, ontology: Graph) -> None:
    expected = {tuple(nt_term(n) for n in t) for t in reason(seed_data, ontology)}
    assert set(reason_nt(nt_triples(seed_data), ontology)) == expected
