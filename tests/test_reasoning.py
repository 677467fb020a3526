"""What OWL 2 RL reasoning (strikegraph.reason) derives from each kind of axiom in the ontology.

Each test builds a few triples by hand, reasons over them with the strikegraph ontology and checks the
inference the axiom is for, or, for claims that must not become allegations or ties, its absence. Every
test runs with both methods: the compiled rules ("fast") and owlrl's full closure ("owlrl").
"""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef

from strikegraph.namespaces import ACTOR, CLAIM, EVENT, ID, PLACE, SG
from strikegraph.reason import reason
from strikegraph.reference import load_gazetteer, load_ontology

Triple = tuple[URIRef, URIRef, URIRef | Literal]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module", params=["fast", "owlrl"])
def method(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def infer(ontology: Graph, method: str):
    """Reason over the given triples; returns only what reasoning added."""

    def run(*triples: Triple) -> Graph:
        data = Graph()
        for triple in triples:
            data.add(triple)
        return reason(data, ontology, method=method)  # type: ignore[arg-type]

    return run


# --- the contract of reason() ---------------------------------------------------------------------


def test_reason_returns_only_new_meaningful_triples(ontology: Graph, method: str) -> None:
    strike, place = EVENT["t-contract"], PLACE["t-contract-town"]
    data = Graph()
    data.add((strike, RDF.type, SG.DroneStrike))
    data.add((strike, SG.occurredIn, place))
    data.add((strike, RDFS.label, Literal("drone strike")))
    before = set(data)

    first = reason(data, ontology, method=method)  # type: ignore[arg-type]
    second = reason(data, ontology, method=method)  # type: ignore[arg-type]

    assert set(data) == before, "reason() must not modify its input"
    assert set(first) == set(second), "reason() must be deterministic"
    assert (strike, RDF.type, SG.Strike) in first
    assert (place, RDF.type, SG.Place) in first
    for triple in first:
        s, p, o = triple
        assert triple not in data and triple not in ontology, f"input triple returned: {triple}"
        assert not isinstance(s, Literal | BNode), f"triple about a literal or blank node: {triple}"
        assert not (p == OWL.sameAs and s == o), f"reflexive sameAs: {triple}"
        assert not (p == RDF.type and o in (OWL.Thing, RDFS.Resource)), f"trivial type: {triple}"
        for vocabulary in (str(RDF), str(RDFS), str(OWL), "http://www.w3.org/2001/XMLSchema#"):
            assert not str(s).startswith(vocabulary), f"axiomatic triple: {triple}"


# --- class hierarchy ------------------------------------------------------------------------------


def test_class_hierarchy(infer) -> None:
    strike, militia = EVENT["t-hierarchy-strike"], ACTOR["t-hierarchy-militia"]
    inferred = infer((strike, RDF.type, SG.DroneStrike), (militia, RDF.type, SG.Militia))

    for cls in (SG.Airstrike, SG.Strike, SG.Event):
        assert (strike, RDF.type, cls) in inferred, f"drone strike not inferred to be a {cls}"
    for cls in (SG.ArmedGroup, SG.Actor, SG.Source):
        assert (militia, RDF.type, cls) in inferred, f"militia not inferred to be a {cls}"
    assert (strike, RDF.type, SG.Actor) not in inferred


# --- inverse properties ---------------------------------------------------------------------------


INVERSES = {"backs": (SG.backs, SG.backedBy), "aboutEvent": (SG.aboutEvent, SG.hasClaim),
            "partOf": (SG.partOf, SG.hasMember), "locatedIn": (SG.locatedIn, SG.contains)}  # fmt: skip


def test_inverse_properties(infer) -> None:
    # One graph, distinct resources per pair: each pair is checked in both directions.
    triples: list[Triple] = []
    for name, (prop, inverse) in INVERSES.items():
        triples += [(ID[f"t-inverse/{name}/a"], prop, ID[f"t-inverse/{name}/b"])]
        triples += [(ID[f"t-inverse/{name}/c"], inverse, ID[f"t-inverse/{name}/d"])]
    inferred = infer(*triples)

    for name, (prop, inverse) in INVERSES.items():
        a, b, c, d = (ID[f"t-inverse/{name}/{n}"] for n in "abcd")
        assert (b, inverse, a) in inferred, f"{prop} does not yield its inverse {inverse}"
        assert (d, prop, c) in inferred, f"{inverse} does not yield its inverse {prop}"


# --- symmetric and transitive properties ----------------------------------------------------------


def test_allied_with_is_symmetric(infer) -> None:
    iran, hezbollah = ACTOR["t-sym-iran"], ACTOR["t-sym-hezbollah"]
    inferred = infer((iran, SG.alliedWith, hezbollah))

    assert (hezbollah, SG.alliedWith, iran) in inferred
    assert (hezbollah, SG.tie, iran) in inferred


def test_transitive_properties(infer) -> None:
    transitive = {"partOf": SG.partOf, "locatedIn": SG.locatedIn}
    triples: list[Triple] = []
    for name, prop in transitive.items():
        a, b, c, d = (ID[f"t-transitive/{name}/{n}"] for n in "abcd")
        triples += [(a, prop, b), (b, prop, c), (c, prop, d)]
    inferred = infer(*triples)

    for name, prop in transitive.items():
        a, b, c, d = (ID[f"t-transitive/{name}/{n}"] for n in "abcd")
        for low, high in ((a, c), (a, d), (b, d)):
            assert (low, prop, high) in inferred, f"{prop} is not closed transitively: missing {low} → {high}"
        assert (d, prop, a) not in inferred


# --- occurred in ∘ located in ⊑ occurred in -------------------------------------------------------


def test_occurred_in_closes_over_located_in(infer) -> None:
    # The gazetteer's own hierarchy when it has Abu Kamal: the test then also checks the reference data.
    gazetteer = load_gazetteer()
    town, governorate, country = PLACE["abu-kamal"], PLACE["deir-ez-zor-governorate"], PLACE["syria"]
    if (town, SG.locatedIn, None) in gazetteer:
        hierarchy = list(gazetteer.triples((None, SG.locatedIn, None)))
    else:
        hierarchy = [(town, SG.locatedIn, governorate), (governorate, SG.locatedIn, country)]
    strike = EVENT["t-chain-boukamal-strike"]

    inferred = infer((strike, RDF.type, SG.Airstrike), (strike, SG.occurredIn, town), *hierarchy)

    assert (strike, SG.occurredIn, governorate) in inferred, "strike in Abu Kamal not in Deir ez-Zor governorate"
    assert (strike, SG.occurredIn, country) in inferred, "strike in Abu Kamal not in Syria"
    assert (strike, SG.occurredIn, PLACE["iraq"]) not in inferred


# --- alleged perpetrator: hasClaim ∘ attributesTo -------------------------------------------------


def test_affirming_attribution_yields_alleged_perpetrator(infer) -> None:
    strike, claim = EVENT["t-alleged-strike"], CLAIM["t-alleged/1"]
    coalition, sohr = ACTOR["t-alleged-coalition"], ACTOR["t-alleged-sohr"]
    inferred = infer(
        (strike, RDF.type, SG.DroneStrike),
        (claim, RDF.type, SG.AttributionClaim),
        (claim, SG.aboutEvent, strike),
        (claim, SG.claimant, sohr),
        (claim, SG.stance, SG.suggested),
        (claim, SG.attributesTo, coalition),
    )

    assert (strike, SG.allegedPerpetrator, coalition) in inferred
    assert (claim, SG.namedActor, coalition) in inferred
    assert (strike, SG.allegedPerpetrator, sohr) not in inferred, "the claimant is not the perpetrator"


def test_non_affirming_attribution_yields_no_alleged_perpetrator(infer) -> None:
    # Denied and declined-comment claims name the actor with named actor only; unknown names nobody.
    cases = {"denied": (SG.denied, True), "declined": (SG.declinedComment, True), "unknown": (SG.unknownStance, False)}
    israel = ACTOR["t-not-alleged-israel"]
    triples: list[Triple] = []
    for name, (stance, named) in cases.items():
        strike, claim = EVENT[f"t-not-alleged-{name}"], CLAIM[f"t-not-alleged/{name}"]
        triples += [
            (strike, RDF.type, SG.Airstrike),
            (claim, RDF.type, SG.AttributionClaim),
            (claim, SG.aboutEvent, strike),
            (claim, SG.claimant, israel),
            (claim, SG.stance, stance),
        ]
        if named:
            triples.append((claim, SG.namedActor, israel))
    inferred = infer(*triples)

    for name in cases:
        strike, claim = EVENT[f"t-not-alleged-{name}"], CLAIM[f"t-not-alleged/{name}"]
        # The claim is linked to the strike, so the chain had its first step; it must still derive nothing.
        assert (strike, SG.hasClaim, claim) in inferred
        assert list(inferred.triples((strike, SG.allegedPerpetrator, None))) == [], f"{name} claim made an allegation"
        assert list(inferred.triples((claim, SG.attributesTo, None))) == []


# --- direct ties from relation claims: relationSubjectOf ∘ claimedX ⊑ X ---------------------------


CLAIMED_TIES = {
    "backs": (SG.claimedBacks, SG.backs),
    "proxyOf": (SG.claimedProxyOf, SG.proxyOf),
    "alliedWith": (SG.claimedAlliedWith, SG.alliedWith),
    "partOf": (SG.claimedPartOf, SG.partOf),
    "opposes": (SG.claimedOpposes, SG.opposes),
    "suppliesArmsTo": (SG.claimedSuppliesArmsTo, SG.suppliesArmsTo),
}


def test_affirming_relation_claim_yields_direct_tie(infer) -> None:
    triples: list[Triple] = []
    for name, (claimed, _) in CLAIMED_TIES.items():
        claim, subject, obj = CLAIM[f"t-tie/{name}"], ACTOR[f"t-tie-{name}-subject"], ACTOR[f"t-tie-{name}-object"]
        triples += [
            (claim, RDF.type, SG.RelationClaim),
            (claim, SG.relationSubject, subject),
            (claim, SG.stance, SG.asserted),
            (claim, claimed, obj),
        ]
    inferred = infer(*triples)

    for name, (claimed, tie) in CLAIMED_TIES.items():
        claim, subject, obj = CLAIM[f"t-tie/{name}"], ACTOR[f"t-tie-{name}-subject"], ACTOR[f"t-tie-{name}-object"]
        assert (subject, tie, obj) in inferred, f"{claimed} does not yield {tie}"
        assert (subject, SG.tie, obj) in inferred
        assert (claim, SG.relationObject, obj) in inferred


def test_relation_claim_backs_yields_backs_and_backed_by(infer) -> None:
    claim, iran, militias = CLAIM["t-backs/1"], ACTOR["t-backs-iran"], ACTOR["t-backs-militias"]
    inferred = infer(
        (claim, RDF.type, SG.RelationClaim),
        (claim, SG.relationSubject, iran),
        (claim, SG.relationKind, SG.tieBacks),
        (claim, SG.stance, SG.asserted),
        (claim, SG.claimedBacks, militias),
    )

    assert (iran, SG.backs, militias) in inferred
    assert (militias, SG.backedBy, iran) in inferred
    assert (militias, SG.backs, iran) not in inferred


def test_relation_claim_proxy_of_yields_backed_by_and_backs(infer) -> None:
    claim, proxy, iran = CLAIM["t-proxy/1"], ACTOR["t-proxy-militia"], ACTOR["t-proxy-iran"]
    inferred = infer(
        (claim, RDF.type, SG.RelationClaim),
        (claim, SG.relationSubject, proxy),
        (claim, SG.relationKind, SG.tieProxyOf),
        (claim, SG.stance, SG.asserted),
        (claim, SG.claimedProxyOf, iran),
    )

    assert (proxy, SG.proxyOf, iran) in inferred
    assert (proxy, SG.backedBy, iran) in inferred, "proxyOf ⊑ backedBy"
    assert (iran, SG.backs, proxy) in inferred, "backedBy is the inverse of backs"


def test_relation_claim_with_plain_relation_object_yields_no_tie(infer) -> None:
    # Only the per-tie claimed* properties feed the chains; relation object alone derives nothing,
    # whatever the stance says.
    stances = {"denied": SG.denied, "suggested": SG.suggested}
    triples: list[Triple] = []
    for name, stance in stances.items():
        claim, iran, militias = CLAIM[f"t-no-tie/{name}"], ACTOR[f"t-no-tie-{name}-iran"], ACTOR[f"t-no-tie-{name}-militias"]
        triples += [
            (claim, RDF.type, SG.RelationClaim),
            (claim, SG.relationSubject, iran),
            (claim, SG.relationKind, SG.tieBacks),
            (claim, SG.stance, stance),
            (claim, SG.relationObject, militias),
        ]
    inferred = infer(*triples)

    for name in stances:
        claim, iran, militias = CLAIM[f"t-no-tie/{name}"], ACTOR[f"t-no-tie-{name}-iran"], ACTOR[f"t-no-tie-{name}-militias"]
        assert (iran, SG.relationSubjectOf, claim) in inferred, "the chain's first step must be there"
        assert list(inferred.triples((iran, None, militias))) == [], f"{name} relation claim made a tie"
        assert list(inferred.triples((militias, None, iran))) == [], f"{name} relation claim made a tie"


# --- force of ⊑ part of ---------------------------------------------------------------------------


def test_force_of_is_part_of(infer) -> None:
    idf, israel, unit = ACTOR["t-force-idf"], ACTOR["t-force-israel"], ACTOR["t-force-unit"]
    inferred = infer((idf, SG.forceOf, israel), (unit, SG.partOf, idf))

    assert (idf, SG.partOf, israel) in inferred
    assert (israel, SG.hasMember, idf) in inferred
    assert (unit, SG.partOf, israel) in inferred, "part of is transitive through a force of"
    assert (israel, SG.forceOf, idf) not in inferred
