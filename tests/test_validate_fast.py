"""validate(method="fast") reports exactly what the pyshacl reference reports."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from strikegraph.build import BuildResult
from strikegraph.namespaces import GAZETTEER_GRAPH, INFERRED_GRAPH, OA, ONTOLOGY_GRAPH, SG
from strikegraph.reference import load_ontology
from strikegraph.validate import ValidationReport, compiled_shapes, validate
from test_build import dataset_bytes
from test_shapes import CASES, VALID_TURTLE, Case, _mutated


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def valid_graph() -> Graph:
    graph = Graph()
    graph.parse(data=VALID_TURTLE, format="turtle")
    return graph


@pytest.fixture(scope="module")
def seed_data(seed_build: tuple[Path, BuildResult]) -> Graph:
    """What the build validates: the article graphs and the gazetteer, without ontology or inferences."""
    out, _result = seed_build
    dataset = Dataset()
    dataset.parse(data=dataset_bytes(out), format="nquads")
    graph = Graph()
    skip = {ONTOLOGY_GRAPH, INFERRED_GRAPH}
    graph.addN((s, p, o, graph) for s, p, o, g in dataset.quads((None, None, None, None)) if g not in skip)
    assert (None, None, None) in graph and any(g == GAZETTEER_GRAPH for *_t, g in dataset.quads((None, None, None, None)))
    return graph


def assert_same(graph: Graph, ontology: Graph) -> ValidationReport:
    reference = validate(graph, ontology=ontology, method="pyshacl")
    fast = validate(graph, ontology=ontology, method="fast")
    assert fast.violations == reference.violations, f"pyshacl:\n{reference.format()}\nfast:\n{fast.format()}"
    assert fast.format() == reference.format()
    assert fast.conforms == reference.conforms
    return fast


def test_shapes_compile_without_fallback() -> None:
    # A component the compiler does not know would send its shape to pyshacl; the bundled shapes have none.
    compiled = compiled_shapes()
    assert compiled.fallback == {}
    assert {r.component for r in compiled.rules} >= {"MinCountConstraintComponent", "SPARQLConstraintComponent"}


def test_valid_sample_same(valid_graph: Graph, ontology: Graph) -> None:
    assert assert_same(valid_graph, ontology).violations == []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_same_report(case: Case, valid_graph: Graph, ontology: Graph) -> None:
    report = assert_same(_mutated(valid_graph, case.update), ontology)
    assert not report.conforms


def test_seed_build_conforms_under_both(seed_data: Graph, ontology: Graph) -> None:
    assert assert_same(seed_data, ontology).violations == []


def _corrupt(graph: Graph, kind: str, rng: random.Random) -> Graph:
    copy = Graph()
    copy += graph

    def pick(predicate: URIRef) -> tuple[URIRef, Literal | URIRef]:
        pairs = sorted(copy.subject_objects(predicate), key=lambda so: (str(so[0]), str(so[1])))
        return rng.choice(pairs)  # type: ignore[return-value]

    if kind == "delete-stance":
        claim, stance = pick(SG.stance)
        copy.remove((claim, SG.stance, stance))
    elif kind == "shift-span":
        span, start = pick(OA.start)
        copy.remove((span, OA.start, start))
        copy.add((span, OA.start, Literal(int(start) + rng.choice((-2, -1, 1, 3)))))
    elif kind == "swap-low-high":
        claim, low = pick(SG.low)
        high = Literal(int(low) + 5)
        copy.set((claim, SG.high, low))
        copy.set((claim, SG.low, high))
    elif kind == "second-claimant":
        claim, _claimant = pick(SG.claimant)
        other = rng.choice(sorted({o for o in copy.objects(None, SG.claimant)} - set(copy.objects(claim, SG.claimant))))
        copy.add((claim, SG.claimant, other))
    elif kind == "string-offset":
        span, end = pick(OA.end)
        copy.set((span, OA.end, Literal(str(end))))
    return copy


@pytest.mark.parametrize("kind", ["delete-stance", "shift-span", "swap-low-high", "second-claimant", "string-offset"])
def test_seeded_corruption_same_report(kind: str, seed_data: Graph, ontology: Graph) -> None:
    rng = random.Random(f"strikegraph-{kind}")
    report = assert_same(_corrupt(seed_data, kind, rng), ontology)
    assert not report.conforms, kind


def test_rewritten_literal_is_reported_as_written(valid_graph: Graph, ontology: Graph) -> None:
    # Oxigraph stores "-03.50"^^xsd:decimal as "-3.5"; the report must show the data's own form.
    graph = _mutated(valid_graph, 'DELETE { ?c sg:low ?o } INSERT { ?c sg:low "-03.50"^^xsd:decimal } WHERE { ?c sg:low ?o }')
    report = assert_same(graph, ontology)
    assert any(str(v.value) == "-03.50" for v in report.violations), report.format()


def test_unknown_method(valid_graph: Graph, ontology: Graph) -> None:
    with pytest.raises(ValueError, match="unknown validation method"):
        validate(valid_graph, ontology=ontology, method="other")  # type: ignore[arg-type]
