"""SHACL shapes and strikegraph.validate: a valid article conforms, and each rule catches what it is for."""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass

import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS

from strikegraph.namespaces import ARTICLE, SG, sparql_prologue
from strikegraph.reference import load_gazetteer, load_ontology
from strikegraph.resources import gazetteer_files
from strikegraph.validate import SGSH, ValidationReport, Violation, check_hashes, shapes_graph, validate

STEM = "001_57c3b067881c0695"
ARTICLE_IRI = ARTICLE[STEM]

# An excerpt of corpus/seeds/001_57c3b067881c0695.txt. The curly apostrophe in "Israel’s" comes before
# every quote, so offsets counted in UTF-8 bytes instead of characters would be caught.
TEXT = (
    "Drones attacked a convoy of trucks in eastern Syria Sunday night shortly after it crossed into the "
    "country from Iraq, Syrian opposition activists and a pro-government radio station said.\n\n"
    "Last month, then military chief of staff Aviv Kochavi suggested that Israel was behind a strike on a "
    "truck convoy in Syria in November, giving a rare glimpse of Israel’s shadow war against Iran and its "
    "proxies across the region.\n\n"
    "It was not immediately clear who was behind the attack on the convoy in the Syrian border region of "
    "Boukamal, which is a stronghold of Iran-backed militias.\n\n"
    "According to the Al Arabiya network, the convoy included 25 trucks and the drivers were given warning "
    "shots to escape before the trucks were hit.\n\n"
    "The Britain-based Syrian Observatory for Human Rights, an opposition war monitor, said the drones appear "
    "to have been from the U.S.-led coalition, adding that they targeted six refrigerated trucks."
)

QUOTES = {
    "report": "Drones attacked a convoy of trucks in eastern Syria Sunday night",
    "unknown": "It was not immediately clear who was behind the attack on the convoy",
    "relation": "Iran-backed militias",
    "figure": "According to the Al Arabiya network, the convoy included 25 trucks",
    "attribution": (
        "The Britain-based Syrian Observatory for Human Rights, an opposition war monitor, said the drones "
        "appear to have been from the U.S.-led coalition"
    ),
}

PREFIXES = f"""\
@prefix sg: <https://w3id.org/strikegraph/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix actor: <https://w3id.org/strikegraph/id/actor/> .
@prefix place: <https://w3id.org/strikegraph/id/place/> .
@prefix event: <https://w3id.org/strikegraph/id/event/> .
@prefix article: <https://w3id.org/strikegraph/id/article/> .
@prefix c: <https://w3id.org/strikegraph/id/claim/{STEM}/> .
@prefix s: <https://w3id.org/strikegraph/id/span/{STEM}/> .
@prefix gc: <https://w3id.org/strikegraph/id/claim/gazetteer/> .
"""


def span_id(name: str) -> str:
    start = TEXT.index(QUOTES[name])
    return f"s:{start}-{start + len(QUOTES[name])}"


def span_turtle(name: str) -> str:
    quote = QUOTES[name]
    start = TEXT.index(quote)
    return (
        f"{span_id(name)} a sg:TextSpan ; sg:inArticle article:{STEM} ;\n"
        f"    oa:exact {Literal(quote).n3()} ; oa:start {start} ; oa:end {start + len(quote)} .\n"
    )


def claim_provenance(name: str) -> str:
    return f"sg:reportedIn article:{STEM} ; sg:evidence {span_id(name)}"


VALID_TURTLE = (
    PREFIXES
    + f"""
article:{STEM} a sg:Article ;
    sg:fileName "{STEM}.txt" ;
    sg:published "2023-01-30T00:00:00"^^xsd:dateTime ;
    sg:contentHash "{hashlib.sha256(TEXT.encode("utf-8")).hexdigest()}" ;
    sg:text {Literal(TEXT).n3()} .

actor:sohr a sg:Monitor ; rdfs:label "Syrian Observatory for Human Rights"@en ;
    skos:prefLabel "Syrian Observatory for Human Rights"@en ; skos:altLabel "SOHR"@en .
actor:us-led-coalition a sg:Coalition ; rdfs:label "U.S.-led coalition"@en ; skos:prefLabel "U.S.-led coalition"@en .
actor:al-arabiya a sg:NewsOutlet ; rdfs:label "Al Arabiya"@en ; skos:prefLabel "Al Arabiya"@en .
actor:iran a sg:State ; rdfs:label "Iran"@en ; skos:prefLabel "Iran"@en .
actor:iran-backed-militias a sg:Militia ; rdfs:label "Iran-backed militias"@en ;
    skos:prefLabel "Iran-backed militias"@en .
actor:kataib-hezbollah a sg:Militia ; rdfs:label "Kata'ib Hezbollah"@en ; skos:prefLabel "Kata'ib Hezbollah"@en .
place:abu-kamal a sg:Settlement ; rdfs:label "Abu Kamal"@en ; skos:prefLabel "Abu Kamal"@en ;
    skos:altLabel "Boukamal"@en .

event:2023-01-29-abu-kamal-convoy a sg:DroneStrike ;
    rdfs:label "drone strike on convoy, Abu Kamal, 2023-01-29"@en ;
    sg:occurredIn place:abu-kamal ;
    sg:targetKind sg:target-convoy , sg:target-truck ;
    sg:targetActor actor:iran-backed-militias ;
    sg:occurredDuring <https://w3id.org/strikegraph/id/event/2023-01-29-abu-kamal-convoy/time/{STEM}> ;
    sg:mentionedIn article:{STEM} .

<https://w3id.org/strikegraph/id/event/2023-01-29-abu-kamal-convoy/time/{STEM}> a sg:UncertainInterval ;
    sg:dateText "Sunday night" ;
    sg:earliest "2023-01-29T00:00:00"^^xsd:dateTime ;
    sg:latest "2023-01-29T23:59:59"^^xsd:dateTime ;
    sg:precision sg:precisionDay .

c:report a sg:EventReport ;
    sg:aboutEvent event:2023-01-29-abu-kamal-convoy ;
    sg:claimant article:{STEM} ; sg:stance sg:asserted ;
    {claim_provenance("report")} ;
    sg:extractionRule "event.article-voice" .

c:unknown a sg:AttributionClaim ;
    sg:aboutEvent event:2023-01-29-abu-kamal-convoy ;
    sg:claimant article:{STEM} ; sg:stance sg:unknownStance ;
    {claim_provenance("unknown")} .

c:attribution a sg:AttributionClaim ;
    sg:aboutEvent event:2023-01-29-abu-kamal-convoy ;
    sg:claimant actor:sohr ; sg:stance sg:suggested ;
    sg:attributesTo actor:us-led-coalition ;
    {claim_provenance("attribution")} ;
    sg:extractionRule "attribution.source-said-hedge" .

c:figure a sg:FigureClaim ;
    sg:aboutEvent event:2023-01-29-abu-kamal-convoy ;
    sg:quantityKind sg:trucks ; sg:low 25 ; sg:high 25 ; sg:figureText "25 trucks" ;
    sg:claimant actor:al-arabiya ; sg:stance sg:asserted ;
    {claim_provenance("figure")} .

c:relation a sg:RelationClaim ;
    sg:relationSubject actor:iran ; sg:relationKind sg:tieBacks ;
    sg:claimedBacks actor:iran-backed-militias ;
    sg:claimant article:{STEM} ; sg:stance sg:asserted ;
    {claim_provenance("relation")} .

gc:iran-backs-kataib-hezbollah a sg:RelationClaim ;
    sg:relationSubject actor:iran ; sg:relationKind sg:tieBacks ;
    sg:claimedBacks actor:kataib-hezbollah ;
    sg:claimant actor:al-arabiya ; sg:stance sg:asserted ;
    sg:curatedFrom "https://en.wikipedia.org/wiki/Kata%27ib_Hezbollah"^^xsd:anyURI .

"""
    + "\n".join(span_turtle(name) for name in QUOTES)
)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def valid_graph() -> Graph:
    graph = Graph()
    graph.parse(data=VALID_TURTLE, format="turtle")
    return graph


@pytest.fixture(scope="module")
def valid_report(valid_graph: Graph, ontology: Graph) -> ValidationReport:
    return validate(valid_graph, ontology=ontology)


# --------------------------------------------------------------------------------------------
# The valid sample
# --------------------------------------------------------------------------------------------


def test_sample_offsets_are_code_points() -> None:
    # Guard on the sample itself: the apostrophe makes byte and character offsets differ.
    quote = QUOTES["attribution"]
    assert TEXT.encode("utf-8").find(quote.encode("utf-8")) != TEXT.index(quote)


def test_valid_sample_conforms(valid_report: ValidationReport) -> None:
    assert valid_report.violations == [], valid_report.format()
    assert valid_report.conforms
    assert valid_report.format().startswith("Conforms: yes")


def test_valid_sample_is_fast(valid_graph: Graph, ontology: Graph) -> None:
    validate(valid_graph, ontology=ontology)  # warm the caches
    started = time.perf_counter()
    validate(valid_graph, ontology=ontology)
    assert time.perf_counter() - started < 2.0


def test_dataset_input_is_validated_as_one_graph(valid_graph: Graph, ontology: Graph) -> None:
    # Actors live in the gazetteer graph, claims in the article's graph: the sh:class checks must see both.
    dataset = Dataset()
    article_graph = dataset.graph(ARTICLE_IRI)
    gazetteer_graph = dataset.graph(URIRef("https://w3id.org/strikegraph/id/graph/gazetteer"))
    for triple in valid_graph:
        subject = str(triple[0])
        target = gazetteer_graph if "/id/actor/" in subject or "/id/place/" in subject else article_graph
        target.add(triple)
    report = validate(dataset, ontology=ontology)
    assert report.conforms, report.format()


def test_rdfs_label_of_unknown_place_suffices(valid_graph: Graph, ontology: Graph) -> None:
    graph = _mutated(
        valid_graph,
        "DELETE { ?e sg:occurredIn place:abu-kamal } INSERT { ?e sg:occurredIn sg:unknownPlace } "
        "WHERE { ?e sg:occurredIn place:abu-kamal }",
    )
    assert validate(graph, ontology=ontology).violations == []


# --------------------------------------------------------------------------------------------
# One case per constraint: a SPARQL Update breaks the valid sample in one way
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    update: str
    shape: str  # local name in sgsh:, or "ContentHash" for the Python check
    words: tuple[str, ...]
    constraint: str | None = None  # expected constraint component local name, when it matters


def _replace(subject: str, predicate: str, new: str) -> str:
    return f"DELETE {{ {subject} {predicate} ?o }} INSERT {{ {subject} {predicate} {new} }} WHERE {{ {subject} {predicate} ?o }}"


def _delete(subject: str, predicate: str) -> str:
    return f"DELETE WHERE {{ {subject} {predicate} ?o }}"


def _insert(*triples: str) -> str:
    return "INSERT DATA { " + " . ".join(triples) + " }"


ART = f"article:{STEM}"
EV = "event:2023-01-29-abu-kamal-convoy"
TIME = f"<https://w3id.org/strikegraph/id/event/2023-01-29-abu-kamal-convoy/time/{STEM}>"
GC = "gc:iran-backs-kataib-hezbollah"
SECOND_ARTICLE = (
    "INSERT { article:002_other a sg:Article ; sg:fileName '002_other.txt' ; sg:text ?t ; sg:contentHash ?h } "
    f"WHERE {{ {ART} sg:text ?t BIND (SHA256(?t) AS ?h) }} ; "
)


def _shift_span(claim: str, delta: int) -> str:
    return (
        f"DELETE {{ ?s oa:start ?b ; oa:end ?e }} INSERT {{ ?s oa:start ?b2 ; oa:end ?e2 }} "
        f"WHERE {{ {claim} sg:evidence ?s . ?s oa:start ?b ; oa:end ?e BIND (?b + {delta} AS ?b2) BIND (?e + {delta} AS ?e2) }}"
    )


def _move(subject: str, old: str, new: str) -> str:
    return f"DELETE {{ {subject} {old} ?o }} INSERT {{ {subject} {new} ?o }} WHERE {{ {subject} {old} ?o }}"


def _span_of(claim: str, predicate: str, new: str) -> str:
    return (
        f"DELETE {{ ?s {predicate} ?o }} INSERT {{ ?s {predicate} {new} }} WHERE {{ {claim} sg:evidence ?s . ?s {predicate} ?o }}"
    )


CASES = [
    # claims
    Case(
        "stance-missing",
        _delete("c:attribution", "sg:stance"),
        "Claim-stance",
        ("exactly one stance",),
        "MinCountConstraintComponent",
    ),
    Case(
        "stance-two",
        _insert("c:attribution sg:stance sg:blamed"),
        "Claim-stance",
        ("exactly one stance",),
        "MaxCountConstraintComponent",
    ),
    Case(
        "stance-not-in-scheme",
        _replace("c:report", "sg:stance", "sg:rumoured"),
        "Claim-stance",
        ("sg:Stances", "declined comment"),
        "InConstraintComponent",
    ),
    Case(
        "claimant-missing",
        _delete("c:figure", "sg:claimant"),
        "Claim-claimant",
        ("exactly one claimant",),
        "MinCountConstraintComponent",
    ),
    Case(
        "claimant-two",
        _insert("c:figure sg:claimant actor:sohr"),
        "Claim-claimant",
        ("exactly one claimant",),
        "MaxCountConstraintComponent",
    ),
    Case(
        "claimant-untyped",
        _replace("c:figure", "sg:claimant", "actor:somebody"),
        "Claim-claimant",
        ("sg:Actor", "own voice"),
        "OrConstraintComponent",
    ),
    Case(
        "reported-in-two",
        _insert("c:figure sg:reportedIn article:999_unknown"),
        "Claim-reportedIn",
        ("exactly one article",),
        "MaxCountConstraintComponent",
    ),
    Case(
        "reported-in-not-article",
        _replace("c:figure", "sg:reportedIn", "actor:al-arabiya"),
        "Claim-reportedIn",
        ("sg:Article",),
        "ClassConstraintComponent",
    ),
    Case(
        "evidence-not-span",
        _insert("c:figure sg:evidence <https://w3id.org/strikegraph/id/span/x>"),
        "Claim-evidence",
        ("sg:TextSpan",),
        "ClassConstraintComponent",
    ),
    Case(
        "provenance-missing",
        _delete("c:report", "sg:reportedIn") + " ; " + _delete("c:report", "sg:evidence"),
        "ClaimProvenance",
        ("provenance", "sg:curatedFrom"),
    ),
    Case("evidence-missing", _delete("c:report", "sg:evidence"), "ReportedClaim-evidence", ("at least one sg:evidence",)),
    Case("curated-from-not-uri", _replace(GC, "sg:curatedFrom", "'wikipedia'"), "CuratedClaim-curatedFrom", ("xsd:anyURI",)),
    Case("curated-and-reported", _insert(f"{GC} sg:reportedIn {ART}"), "CuratedClaim-reportedIn", ("not both",)),
    Case("curated-with-evidence", _insert(f"{GC} sg:evidence {span_id('relation')}"), "CuratedClaim-evidence", ("no evidence",)),
    Case(
        "evidence-in-other-article",
        SECOND_ARTICLE + _span_of("c:figure", "sg:inArticle", "article:002_other"),
        "EvidenceInReportingArticle",
        ("different article", "article:002_other"),
    ),
    Case(
        "claimant-other-article",
        SECOND_ARTICLE + _replace("c:report", "sg:claimant", "article:002_other"),
        "ArticleVoiceIsReportingArticle",
        ("own voice", "article:002_other"),
    ),
    # attribution claims
    Case(
        "attribution-event-missing",
        _delete("c:attribution", "sg:aboutEvent"),
        "AttributionClaim-aboutEvent",
        ("exactly one strike",),
        "MinCountConstraintComponent",
    ),
    Case(
        "attribution-event-not-strike",
        _replace("c:attribution", "sg:aboutEvent", "place:abu-kamal"),
        "AttributionClaim-aboutEvent",
        ("sg:Strike",),
        "ClassConstraintComponent",
    ),
    Case(
        "attribution-two-actors",
        _insert("c:attribution sg:attributesTo actor:iran"),
        "AttributionClaim-actor",
        ("at most one actor",),
        "MaxCountConstraintComponent",
    ),
    Case(
        "attribution-actor-not-actor",
        _replace("c:attribution", "sg:attributesTo", "place:abu-kamal"),
        "AttributionClaim-actor",
        ("sg:Actor",),
        "ClassConstraintComponent",
    ),
    Case(
        "attributes-to-denied",
        _replace("c:attribution", "sg:stance", "sg:denied"),
        "AttributesToNeedsAffirmingStance-stance",
        ("only for affirming stances", "sg:namedActor"),
    ),
    Case(
        "attributes-to-unknown",
        _insert("c:unknown sg:attributesTo actor:iran"),
        "AttributesToNeedsAffirmingStance-stance",
        ("only for affirming stances",),
    ),
    Case(
        "named-actor-unknown",
        _insert("c:unknown sg:namedActor actor:iran"),
        "NamedActorNeedsKnownStance-stance",
        ("names no actor",),
    ),
    Case(
        "denial-without-actor",
        _replace("c:unknown", "sg:stance", "sg:denied"),
        "DenialNamesActor",
        ("sg:denied", "exactly one sg:namedActor"),
    ),
    Case(
        "declined-without-actor",
        _replace("c:unknown", "sg:stance", "sg:declinedComment"),
        "DenialNamesActor",
        ("sg:declinedComment", "sg:namedActor"),
    ),
    Case(
        "affirming-with-named-actor",
        _move("c:attribution", "sg:attributesTo", "sg:namedActor"),
        "AffirmingAttributionNamesActor",
        ("sg:suggested", "sg:attributesTo"),
    ),
    # figure claims
    Case("figure-event-missing", _delete("c:figure", "sg:aboutEvent"), "FigureClaim-aboutEvent", ("exactly one strike",)),
    Case(
        "quantity-kind-missing",
        _delete("c:figure", "sg:quantityKind"),
        "FigureClaim-quantityKind",
        ("exactly one quantity kind",),
        "MinCountConstraintComponent",
    ),
    Case(
        "quantity-kind-not-in-scheme",
        _replace("c:figure", "sg:quantityKind", "sg:tanks"),
        "FigureClaim-quantityKind",
        ("sg:QuantityKinds",),
        "InConstraintComponent",
    ),
    Case("low-missing", _delete("c:figure", "sg:low"), "FigureClaim-low", ("exactly one sg:low",), "MinCountConstraintComponent"),
    Case("low-two", _insert("c:figure sg:low 20"), "FigureClaim-low", ("exactly one sg:low",), "MaxCountConstraintComponent"),
    Case(
        "low-negative",
        _replace("c:figure", "sg:low", "-3"),
        "FigureClaim-low",
        ("non-negative",),
        "MinInclusiveConstraintComponent",
    ),
    Case(
        "low-not-integer",
        _replace("c:figure", "sg:low", "'25'"),
        "FigureClaim-low",
        ("xsd:integer",),
        "DatatypeConstraintComponent",
    ),
    Case("high-two", _insert("c:figure sg:high 30"), "FigureClaim-high", ("at most one sg:high",), "MaxCountConstraintComponent"),
    Case(
        "high-decimal",
        _replace("c:figure", "sg:high", "25.5"),
        "FigureClaim-high",
        ("xsd:integer",),
        "DatatypeConstraintComponent",
    ),
    Case("low-above-high", _replace("c:figure", "sg:low", "30"), "FigureClaim-range", ("greater than", "sg:high")),
    # relation claims
    Case(
        "relation-subject-missing",
        _delete("c:relation", "sg:relationSubject"),
        "RelationClaim-subject",
        ("exactly one sg:relationSubject",),
        "MinCountConstraintComponent",
    ),
    Case(
        "relation-subject-not-actor",
        _replace("c:relation", "sg:relationSubject", "place:abu-kamal"),
        "RelationClaim-subject",
        ("sg:Actor",),
        "ClassConstraintComponent",
    ),
    Case(
        "relation-kind-missing",
        _delete("c:relation", "sg:relationKind"),
        "RelationClaim-kind",
        ("exactly one sg:relationKind",),
        "MinCountConstraintComponent",
    ),
    Case(
        "relation-kind-not-in-scheme",
        _replace("c:relation", "sg:relationKind", "sg:tieFunds"),
        "RelationClaim-kind",
        ("sg:TieKinds",),
        "InConstraintComponent",
    ),
    Case(
        "relation-object-missing",
        _delete("c:relation", "sg:claimedBacks"),
        "RelationClaim-object",
        ("at least one object",),
        "MinCountConstraintComponent",
    ),
    Case(
        "relation-object-not-actor",
        _replace("c:relation", "sg:claimedBacks", "place:abu-kamal"),
        "RelationClaim-object",
        ("sg:Actor",),
        "ClassConstraintComponent",
    ),
    Case(
        "affirming-relation-plain-object",
        _move("c:relation", "sg:claimedBacks", "sg:relationObject"),
        "AffirmingRelationUsesTieProperty",
        ("sg:claimedBacks", "sg:tieBacks"),
    ),
    Case(
        "tie-property-wrong-kind",
        _replace("c:relation", "sg:relationKind", "sg:tiePartOf"),
        "TiePropertyMatchesKind",
        ("sg:claimedBacks", "sg:tiePartOf"),
    ),
    Case(
        "claimed-tie-denied",
        _replace("c:relation", "sg:stance", "sg:denied"),
        "ClaimedTieNeedsAffirmingStance-stance",
        ("sg:relationObject", "affirming"),
    ),
    # event reports
    Case("report-event-missing", _delete("c:report", "sg:aboutEvent"), "EventReport-aboutEvent", ("exactly one strike",)),
    # strikes
    Case(
        "strike-place-missing",
        _delete(EV, "sg:occurredIn"),
        "Strike-occurredIn",
        ("sg:unknownPlace",),
        "MinCountConstraintComponent",
    ),
    Case(
        "strike-place-not-place",
        _replace(EV, "sg:occurredIn", "actor:iran"),
        "Strike-occurredIn",
        ("sg:Place",),
        "ClassConstraintComponent",
    ),
    Case("strike-label-missing", _delete(EV, "rdfs:label"), "Strike-label", ("rdfs:label",)),
    Case(
        "strike-mention-missing",
        _delete(EV, "sg:mentionedIn"),
        "Strike-mentionedIn",
        ("sg:mentionedIn",),
        "MinCountConstraintComponent",
    ),
    Case(
        "strike-mention-not-article",
        _replace(EV, "sg:mentionedIn", "actor:sohr"),
        "Strike-mentionedIn",
        ("sg:Article",),
        "ClassConstraintComponent",
    ),
    Case(
        "strike-interval-untyped",
        f"DELETE DATA {{ {TIME} a sg:UncertainInterval }}",
        "Strike-occurredDuring",
        ("sg:UncertainInterval",),
    ),
    Case("strike-target-kind-unknown", _insert(f"{EV} sg:targetKind sg:target-tank"), "Strike-targetKind", ("sg:TargetKinds",)),
    Case("strike-target-actor-untyped", _insert(f"{EV} sg:targetActor actor:somebody"), "Strike-targetActor", ("sg:Actor",)),
    # uncertain intervals
    Case(
        "earliest-two",
        _insert(f'{TIME} sg:earliest "2023-01-28T00:00:00"^^xsd:dateTime'),
        "UncertainInterval-earliest",
        ("at most one sg:earliest",),
        "MaxCountConstraintComponent",
    ),
    Case(
        "earliest-not-datetime",
        _replace(TIME, "sg:earliest", '"2023-01-29"^^xsd:date'),
        "UncertainInterval-earliest",
        ("xsd:dateTime",),
        "DatatypeConstraintComponent",
    ),
    Case(
        "latest-not-datetime",
        _replace(TIME, "sg:latest", '"Sunday"'),
        "UncertainInterval-latest",
        ("xsd:dateTime",),
        "DatatypeConstraintComponent",
    ),
    Case(
        "earliest-after-latest",
        _replace(TIME, "sg:earliest", '"2023-01-30T00:00:00"^^xsd:dateTime'),
        "UncertainInterval-order",
        ("after its sg:latest",),
    ),
    Case(
        "precision-not-in-scheme",
        _replace(TIME, "sg:precision", "sg:precisionWeek"),
        "UncertainInterval-precision",
        ("sg:DatePrecisions",),
        "InConstraintComponent",
    ),
    Case(
        "precision-two",
        _insert(f"{TIME} sg:precision sg:precisionMonth"),
        "UncertainInterval-precision",
        ("at most one sg:precision",),
        "MaxCountConstraintComponent",
    ),
    Case(
        "interval-without-date",
        _delete(TIME, "sg:dateText") + " ; " + _delete(TIME, "sg:earliest"),
        "UncertainIntervalHasDate",
        ("sg:dateText", "sg:earliest"),
    ),
    # articles
    Case(
        "file-name-missing",
        _delete(ART, "sg:fileName"),
        "Article-fileName",
        ("exactly one sg:fileName",),
        "MinCountConstraintComponent",
    ),
    Case(
        "file-name-two",
        _insert(f"{ART} sg:fileName 'other.txt'"),
        "Article-fileName",
        ("exactly one sg:fileName",),
        "MaxCountConstraintComponent",
    ),
    Case(
        "hash-missing",
        _delete(ART, "sg:contentHash"),
        "Article-contentHash",
        ("exactly one sg:contentHash",),
        "MinCountConstraintComponent",
    ),
    Case(
        "hash-uppercase",
        f"DELETE {{ {ART} sg:contentHash ?h }} INSERT {{ {ART} sg:contentHash ?u }} "
        f"WHERE {{ {ART} sg:contentHash ?h BIND (UCASE(?h) AS ?u) }}",
        "Article-contentHash",
        ("64 lowercase hexadecimal",),
        "PatternConstraintComponent",
    ),
    Case("text-missing", _delete(ART, "sg:text"), "Article-text", ("exactly one sg:text",), "MinCountConstraintComponent"),
    Case(
        "text-two",
        _insert(f"{ART} sg:text 'another text'"),
        "Article-text",
        ("exactly one sg:text",),
        "MaxCountConstraintComponent",
    ),
    Case(
        "published-not-datetime",
        _replace(ART, "sg:published", "'30 January 2023'"),
        "Article-published",
        ("xsd:dateTime",),
        "DatatypeConstraintComponent",
    ),
    Case(
        "hash-stale",
        _replace(ART, "sg:contentHash", f"'{hashlib.sha256(b'an older text').hexdigest()}'"),
        "ContentHash",
        ("does not match", "SHA-256"),
    ),
    # text spans
    Case(
        "exact-missing",
        _span_of("c:figure", "oa:exact", "'x'") + " ; DELETE WHERE { c:figure sg:evidence ?s . ?s oa:exact ?e }",
        "TextSpan-exact",
        ("exactly one oa:exact",),
        "MinCountConstraintComponent",
    ),
    Case(
        "start-missing",
        "DELETE WHERE { c:figure sg:evidence ?s . ?s oa:start ?e }",
        "TextSpan-start",
        ("exactly one oa:start",),
        "MinCountConstraintComponent",
    ),
    Case(
        "start-negative",
        _span_of("c:figure", "oa:start", "-1"),
        "TextSpan-start",
        ("non-negative",),
        "MinInclusiveConstraintComponent",
    ),
    Case(
        "start-not-integer",
        _span_of("c:figure", "oa:start", "'0'"),
        "TextSpan-start",
        ("xsd:integer",),
        "DatatypeConstraintComponent",
    ),
    Case(
        "end-not-integer", _span_of("c:figure", "oa:end", "'70'"), "TextSpan-end", ("xsd:integer",), "DatatypeConstraintComponent"
    ),
    Case(
        "end-missing",
        "DELETE WHERE { c:figure sg:evidence ?s . ?s oa:end ?e }",
        "TextSpan-end",
        ("exactly one oa:end",),
        "MinCountConstraintComponent",
    ),
    Case(
        "start-after-end",
        "DELETE { ?s oa:end ?e } INSERT { ?s oa:end ?n } "
        "WHERE { c:figure sg:evidence ?s . ?s oa:end ?e ; oa:start ?b BIND (?b - 1 AS ?n) }",
        "TextSpan-order",
        ("less than its oa:end",),
    ),
    Case(
        "in-article-missing",
        "DELETE WHERE { c:figure sg:evidence ?s . ?s sg:inArticle ?a }",
        "TextSpan-inArticle",
        ("exactly one sg:inArticle",),
        "MinCountConstraintComponent",
    ),
    Case(
        "in-article-not-article",
        _span_of("c:figure", "sg:inArticle", "actor:al-arabiya"),
        "TextSpan-inArticle",
        ("sg:Article",),
        "ClassConstraintComponent",
    ),
    Case("span-past-end", _span_of("c:attribution", "oa:end", "100000"), "TextSpanWithinText", ("past the end", f"{STEM}.txt")),
    Case(
        "quote-offsets-shifted", _shift_span("c:attribution", -1), "TextSpanQuoteMatches", (f"{STEM}.txt", "offsets", "recompute")
    ),
    # "Israel’s" is 3 bytes and 1 character in UTF-8: byte offsets are 2 more than character offsets.
    Case("quote-bytes-offsets", _shift_span("c:attribution", 2), "TextSpanQuoteMatches", ("is not the text of",)),
    Case("quote-edited", _span_of("c:relation", "oa:exact", "'Iran backed militias'"), "TextSpanQuoteMatches", ("oa:exact",)),
    # actors and places
    Case("actor-label-missing", _delete("actor:sohr", "rdfs:label"), "Actor-label", ("rdfs:label",)),
    Case("actor-pref-label-missing", _delete("actor:sohr", "skos:prefLabel"), "Actor-prefLabel", ("skos:prefLabel",)),
    Case("place-label-missing", _delete("place:abu-kamal", "rdfs:label"), "Place-label", ("rdfs:label",)),
    Case("place-pref-label-missing", _delete("place:abu-kamal", "skos:prefLabel"), "PlacePrefLabel", ("skos:prefLabel",)),
]


def _mutated(graph: Graph, update: str) -> Graph:
    copy = Graph()
    copy += graph
    prologue = sparql_prologue() + "".join(
        line.replace("@prefix", "PREFIX").rstrip(" .") + "\n" for line in PREFIXES.splitlines()
    )
    copy.update(prologue + update)
    return copy


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_constraint_is_reported(case: Case, valid_graph: Graph, ontology: Graph) -> None:
    graph = _mutated(valid_graph, case.update)
    assert len(graph ^ valid_graph) > 0, "the update changed nothing"
    report = validate(graph, ontology=ontology)
    assert not report.conforms
    if case.shape == "ContentHash":
        matching = [v for v in report.violations if v.constraint == "ContentHash"]
    else:
        matching = [v for v in report.violations if v.source_shape == SGSH[case.shape]]
    assert matching, f"expected a violation of {case.shape}, got:\n{report.format()}"
    if case.constraint:
        assert any(v.constraint == case.constraint for v in matching), report.format()
    for word in case.words:
        assert any(word in v.message for v in matching), f"{word!r} not in {[v.message for v in matching]}"
    assert all(v.severity == "Violation" for v in matching)


# --------------------------------------------------------------------------------------------
# The shapes file itself
# --------------------------------------------------------------------------------------------


def _rule_shapes() -> set[URIRef]:
    """Named shapes that carry constraints of their own (not only sh:property links)."""
    shapes = shapes_graph()
    names: set[URIRef] = set()
    structural = {RDF.type, SH.property, SH.message, SH.targetClass, SH.targetSubjectsOf, SH.path}
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape)):
        if isinstance(shape, URIRef) and any(p not in structural for p in shapes.predicates(shape)):
            names.add(shape)
    return names


def test_every_rule_has_a_message() -> None:
    shapes = shapes_graph()
    for shape in _rule_shapes():
        has_message = (shape, SH.message, None) in shapes or any(
            (c, SH.message, None) in shapes for c in shapes.objects(shape, SH.sparql)
        )
        assert has_message, f"{shape} has no sh:message"
    for constraint in shapes.objects(None, SH.sparql):
        assert (constraint, SH.message, None) in shapes


def test_every_rule_has_a_failing_case() -> None:
    covered = {SGSH[c.shape] for c in CASES}
    missing = sorted(str(s) for s in _rule_shapes() - covered)
    assert not missing, f"shapes without a test case: {missing}"


def _scheme_members(ontology: Graph, scheme: str) -> set[URIRef]:
    return {c for c in ontology.subjects(SKOS.inScheme, SG[scheme]) if isinstance(c, URIRef)}


def _in_list(shape: str) -> set[URIRef]:
    shapes = shapes_graph()
    node = shapes.value(SGSH[shape], SH["in"])
    assert node is not None
    return {c for c in Collection(shapes, node) if isinstance(c, URIRef)}


@pytest.mark.parametrize(
    ("shape", "scheme"),
    [
        ("Claim-stance", "Stances"),
        ("FigureClaim-quantityKind", "QuantityKinds"),
        ("RelationClaim-kind", "TieKinds"),
        ("UncertainInterval-precision", "DatePrecisions"),
    ],
)
def test_closed_lists_match_ontology_schemes(shape: str, scheme: str, ontology: Graph) -> None:
    assert _in_list(shape) == _scheme_members(ontology, scheme)


def test_affirming_lists_match_ontology(ontology: Graph) -> None:
    affirming = set(ontology.subjects(RDF.type, SG.AffirmingStance))
    assert _in_list("AttributesToNeedsAffirmingStance-stance") == affirming
    assert _in_list("ClaimedTieNeedsAffirmingStance-stance") == affirming
    shapes = shapes_graph()
    for query in shapes.objects(None, SH.select):
        for listed in re.findall(r"\?stance IN \(([^)]*)\)|\?value IN \((sg:asserted[^)]*)\)", str(query)):
            names = {SG[n.strip().removeprefix("sg:")] for n in "".join(listed).split(",")}
            assert names == affirming


def test_relation_object_path_lists_every_tie_property(ontology: Graph) -> None:
    # The SPARQL rules read kind -> per-tie property from the ontology; the object path lists them.
    claimed = set()
    for _kind, tie in ontology.subject_objects(SG.tieProperty):
        for chain in ontology.objects(tie, URIRef("http://www.w3.org/2002/07/owl#propertyChainAxiom")):
            members = list(Collection(ontology, chain))
            if members[0] == SG.relationSubjectOf:
                claimed.add(members[1])
    assert len(claimed) == len(_scheme_members(ontology, "TieKinds"))
    shapes = shapes_graph()
    obj_path = shapes.value(SGSH["RelationClaim-object"], SH.path)
    alternatives = set(Collection(shapes, shapes.value(obj_path, SH.alternativePath)))
    assert alternatives == {SG.relationObject} | claimed


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------


def test_report_resolves_article_and_quote(valid_graph: Graph, ontology: Graph) -> None:
    graph = _mutated(valid_graph, _replace("c:attribution", "sg:stance", "sg:rumoured"))
    report = validate(graph, ontology=ontology)
    stance = next(v for v in report.violations if v.source_shape == SGSH["Claim-stance"])
    assert stance.article == f"{STEM}.txt"
    assert stance.quote == QUOTES["attribution"]
    assert stance.path == "sg:stance"
    assert stance.value == SG.rumoured
    text = report.format()
    assert text.startswith("Conforms: no")
    block = text[text.index(f"claim:{STEM}/attribution") :]
    for expected in (
        "path:    sg:stance",
        "value:   sg:rumoured",
        f"article: {STEM}.txt",
        'quote:   "The Britain-based',
        "rule:    sgsh:Claim-stance",
    ):
        assert expected in block
    assert text == validate(graph, ontology=ontology).format()  # deterministic


def test_report_renders_alternative_paths_and_compacts_iris(valid_graph: Graph, ontology: Graph) -> None:
    graph = _mutated(
        valid_graph,
        _insert("c:attribution sg:attributesTo actor:iran")
        + " ; "
        + SECOND_ARTICLE
        + _span_of("c:figure", "sg:inArticle", "article:002_other"),
    )
    report = validate(graph, ontology=ontology)
    actor = next(v for v in report.violations if v.source_shape == SGSH["AttributionClaim-actor"])
    assert actor.path == "sg:namedActor|sg:attributesTo"
    evidence = next(v for v in report.violations if v.source_shape == SGSH["EvidenceInReportingArticle"])
    assert "https://" not in evidence.message
    assert evidence.quote == QUOTES["figure"]


def test_check_hashes_alone(valid_graph: Graph) -> None:
    assert check_hashes(valid_graph) == []
    graph = _mutated(valid_graph, _replace(ART, "sg:text", "'edited'"))
    found = check_hashes(graph)
    assert [v.focus_node for v in found] == [ARTICLE_IRI]
    assert isinstance(found[0], Violation) and found[0].article == f"{STEM}.txt"


# --------------------------------------------------------------------------------------------
# The reference gazetteer
# --------------------------------------------------------------------------------------------


@pytest.mark.skipif(not gazetteer_files(), reason="no gazetteer/*.ttl yet")
def test_gazetteer_conforms() -> None:
    report = validate(load_gazetteer(), ontology=load_ontology())
    assert report.violations == [], report.format()
