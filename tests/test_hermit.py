"""HermiT, a complete OWL 2 DL reasoner (bundled with owlready2), finds the ontology, alone and with the
gazetteer, consistent and every class satisfiable.

Needs Java and owlready2; without them the tests are skipped, unless STRIKEGRAPH_REQUIRE_JAVA=1 (set in
CI), when they fail.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rdflib import OWL, Graph

from strikegraph.reference import load_gazetteer, load_ontology
from strikegraph.resources import gazetteer_files

pytestmark = pytest.mark.java


def _unavailable(reason: str) -> None:
    if os.environ.get("STRIKEGRAPH_REQUIRE_JAVA") == "1":
        pytest.fail(f"{reason}; STRIKEGRAPH_REQUIRE_JAVA=1 requires the HermiT check")
    pytest.skip(reason)


def _hermit(graphs: list[Graph], directory: Path) -> list[str]:
    """Run HermiT over the union of graphs; returns the unsatisfiable classes. Fails if inconsistent."""
    try:
        import owlready2
    except ImportError:
        _unavailable("owlready2 is not installed")
    if shutil.which(owlready2.JAVA_EXE) is None:
        _unavailable(f"Java ({owlready2.JAVA_EXE}) not found")

    merged = Graph()
    for graph in graphs:
        for triple in graph:
            merged.add(triple)
    # Everything the imports name is in the merged graph; owlready2 would otherwise try to fetch it.
    merged.remove((None, OWL.imports, None))
    path = directory / "merged.nt"
    merged.serialize(path, format="nt", encoding="utf-8")

    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    try:
        owlready2.sync_reasoner(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError as error:
        pytest.fail(f"HermiT: the ontology is inconsistent: {error}")
    return sorted(str(cls.iri) for cls in world.inconsistent_classes())


def test_ontology_is_consistent_and_coherent(tmp_path: Path) -> None:
    assert _hermit([load_ontology()], tmp_path) == []


def test_ontology_with_gazetteer_is_consistent_and_coherent(tmp_path: Path) -> None:
    if not gazetteer_files():
        pytest.skip("no gazetteer files yet")
    assert _hermit([load_ontology(), load_gazetteer()], tmp_path) == []


def test_hermit_reports_unsatisfiable_classes(tmp_path: Path) -> None:
    # A class below two disjoint classes: HermiT must find it unsatisfiable, or the checks above prove nothing.
    broken = Graph().parse(
        data="""
        @prefix sg: <https://w3id.org/strikegraph/ontology#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        sg:Strike owl:disjointWith sg:Actor .
        sg:ImpossibleThing a owl:Class ; rdfs:subClassOf sg:Strike , sg:Actor .
        """,
        format="turtle",
    )
    assert "https://w3id.org/strikegraph/ontology#ImpossibleThing" in _hermit([load_ontology(), broken], tmp_path)
