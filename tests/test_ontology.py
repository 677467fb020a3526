"""The ontology documents itself: header metadata, and a label, definition and example for its terms."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from strikegraph.namespaces import ONTOLOGY_IRI, SG
from strikegraph.reference import load_ontology


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def terms(g: Graph, kind: URIRef) -> list[URIRef]:
    return sorted(s for s in g.subjects(RDF.type, kind) if isinstance(s, URIRef) and str(s).startswith(str(SG)))


def test_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    for p in (OWL.versionIRI, DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.creator):
        assert onto.value(ONTOLOGY_IRI, p) is not None, p


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty])
def test_every_term_has_label_and_definition(onto: Graph, kind: URIRef) -> None:
    found = terms(onto, kind)
    assert found
    missing = [t for t in found if onto.value(t, RDFS.label) is None or onto.value(t, SKOS.definition) is None]
    assert missing == []


def test_classes_and_properties_have_examples(onto: Graph) -> None:
    found = terms(onto, OWL.Class) + terms(onto, OWL.ObjectProperty) + terms(onto, OWL.DatatypeProperty)
    assert [t for t in found if onto.value(t, SKOS.example) is None] == []


def test_stances_are_a_documented_scheme(onto: Graph) -> None:
    stances = sorted(onto.objects(SG.Stances, SKOS.hasTopConcept))
    notations = {str(onto.value(s, SKOS.notation)) for s in stances}
    assert notations == {"asserted", "suggested", "blamed", "acknowledged", "denied", "declined_comment", "unknown"}
    for s in stances:
        assert onto.value(s, SKOS.definition) is not None and onto.value(s, SG.cue) is not None
    affirming = set(onto.subjects(RDF.type, SG.AffirmingStance))
    assert affirming == {SG.asserted, SG.suggested, SG.blamed, SG.acknowledged}


def test_no_imports_that_would_need_the_network(onto: Graph) -> None:
    # External vocabularies are referenced and aligned, never imported.
    assert list(onto.objects(ONTOLOGY_IRI, OWL.imports)) == []
