"""Checks on the curated reference gazetteer (gazetteer/*.ttl): coverage, typing, labels, hierarchy,
coordinates, curated ties and agreement with the ontology."""

from __future__ import annotations

import itertools
from collections import defaultdict
from decimal import Decimal

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib import namespace as rdf_namespaces

from strikegraph.namespaces import ACTOR, GEO, PLACE, SG
from strikegraph.reference import load_gazetteer, load_ontology

SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
CURATED = "https://w3id.org/strikegraph/id/claim/curated/"
XSD_DECIMAL = rdf_namespaces.XSD.decimal
XSD_ANYURI = rdf_namespaces.XSD.anyURI
LABEL_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)

SYRIAN_GOVERNORATES = [
    "damascus-governorate",
    "rif-dimashq-governorate",
    "quneitra-governorate",
    "daraa-governorate",
    "as-suwayda-governorate",
    "homs-governorate",
    "hama-governorate",
    "tartus-governorate",
    "latakia-governorate",
    "idlib-governorate",
    "aleppo-governorate",
    "raqqa-governorate",
    "deir-ez-zor-governorate",
    "al-hasakah-governorate",
]

IRAQI_GOVERNORATES = [
    "baghdad-governorate",
    "al-anbar-governorate",
    "basra-governorate",
    "babil-governorate",
    "dhi-qar-governorate",
    "diyala-governorate",
    "duhok-governorate",
    "erbil-governorate",
    "halabja-governorate",
    "karbala-governorate",
    "kirkuk-governorate",
    "maysan-governorate",
    "muthanna-governorate",
    "najaf-governorate",
    "nineveh-governorate",
    "al-qadisiyah-governorate",
    "saladin-governorate",
    "sulaymaniyah-governorate",
    "wasit-governorate",
]

# Keys the extraction relies on, with the class each must have.
REQUIRED_ACTORS = {
    "israel": "State",
    "usa": "State",
    "iran": "State",
    "russia": "State",
    "turkey": "State",
    "syrian-government": "State",
    "iraq-government": "State",
    "lebanese-government": "State",
    "uk": "State",
    "france": "State",
    "jordan": "State",
    "saudi-arabia": "State",
    "uae": "State",
    "qatar": "State",
    "egypt": "State",
    "ukraine": "State",
    "china": "State",
    "idf": "StateForce",
    "israeli-air-force": "StateForce",
    "us-military": "StateForce",
    "centcom": "StateForce",
    "pentagon": "StateAgency",
    "mossad": "StateAgency",
    "israeli-intelligence": "StateAgency",
    "irgc": "StateForce",
    "quds-force": "StateForce",
    "syrian-arab-army": "StateForce",
    "russian-armed-forces": "StateForce",
    "us-led-coalition": "Coalition",
    "axis-of-resistance": "Coalition",
    "arab-coalition": "Coalition",
    "hezbollah": "ArmedGroup",
    "pmf": "UmbrellaGroup",
    "iran-backed-militias": "Militia",
    "islamic-resistance-in-iraq": "UmbrellaGroup",
    "fatemiyoun": "Militia",
    "zainabiyoun": "Militia",
    "saraya-al-khorasani": "Militia",
    "kataib-hezbollah": "Militia",
    "harakat-al-nujaba": "Militia",
    "kataib-sayyid-al-shuhada": "Militia",
    "asaib-ahl-al-haq": "Militia",
    "badr-organization": "Militia",
    "houthis": "ArmedGroup",
    "hamas": "ArmedGroup",
    "islamic-jihad": "ArmedGroup",
    "sdf": "ArmedGroup",
    "ypg": "ArmedGroup",
    "islamic-state": "ArmedGroup",
    "hts": "ArmedGroup",
    "sohr": "Monitor",
    "sham-fm": "NewsOutlet",
    "al-arabiya": "NewsOutlet",
    "times-of-israel": "NewsOutlet",
    "step-news-agency": "NewsAgency",
    "al-sumaria": "NewsOutlet",
    "sky-news-arabia": "NewsOutlet",
    "fox-news": "NewsOutlet",
    "associated-press": "NewsAgency",
    "reuters": "NewsAgency",
    "afp": "NewsAgency",
    "sana": "NewsAgency",
    "irna": "NewsAgency",
    "tasnim": "NewsAgency",
    "fars": "NewsAgency",
    "al-mayadeen": "NewsOutlet",
    "al-jazeera": "NewsOutlet",
    "ynet": "NewsOutlet",
    "haaretz": "NewsOutlet",
    "jerusalem-post": "NewsOutlet",
    "bicom": "ResearchInstitute",
    "middle-east-institute": "ResearchInstitute",
    "isw": "ResearchInstitute",
    "inss": "ResearchInstitute",
    "airwars": "Monitor",
    "deir-ezzor-24": "Monitor",
    "aviv-kochavi": "Commander",
    "benjamin-netanyahu": "Official",
    "bashar-al-assad": "Official",
    "amos-yadlin": "Official",
    "eliezer-maron": "Commander",
    "rami-abdulrahman": "Official",
    "lloyd-austin": "Official",
    "herzi-halevi": "Commander",
    "yoav-gallant": "Official",
    "qassem-soleimani": "Commander",
    "hassan-nasrallah": "Official",
    "ali-khamenei": "Official",
    "strikegraph-curators": "ReportingOrganisation",
    # beyond Syria, Iraq, Israel and Iran: Yemen and the Red Sea, Ukraine and Russia, South Asia, the Horn of
    # Africa, Sudan and Libya, the Gulf and Europe
    "afghanistan": "State",
    "pakistan": "State",
    "sudan": "State",
    "somalia": "State",
    "libya": "State",
    "ethiopia": "State",
    "spain": "State",
    "yemen-government": "State",
    "kuwait": "State",
    "bahrain": "State",
    "oman": "State",
    "kremlin": "StateAgency",
    "white-house": "StateAgency",
    "africom": "StateForce",
    "black-sea-fleet": "StateForce",
    "ukrainian-general-staff": "StateForce",
    "ukrainian-armed-forces": "StateForce",
    "pakistan-armed-forces": "StateForce",
    "ispr": "StateAgency",
    "pakistani-foreign-office": "StateAgency",
    "egyptian-foreign-ministry": "StateAgency",
    "lebanese-health-ministry": "StateAgency",
    "iraqi-interior-ministry": "StateAgency",
    "sudanese-armed-forces": "StateForce",
    "krg-counter-terrorism": "StateForce",
    "rsf": "ArmedGroup",
    "al-shabaab": "ArmedGroup",
    "taliban": "ArmedGroup",
    "isis-k": "ArmedGroup",
    "pkk": "ArmedGroup",
    "asayish": "ArmedGroup",
    "wagner-group": "ArmedGroup",
    "russian-backed-separatists": "Militia",
    "donetsk-peoples-republic": "ArmedGroup",
    "luhansk-peoples-republic": "ArmedGroup",
    "southern-transitional-council": "ArmedGroup",
    "libyan-national-army": "ArmedGroup",
    "unifil": "Coalition",
    "aspides": "Coalition",
    "united-nations": "ReportingOrganisation",
    "msf": "ReportingOrganisation",
    "magen-david-adom": "ReportingOrganisation",
    "white-helmets": "ReportingOrganisation",
    "amnesty-international": "ReportingOrganisation",
    "human-rights-watch": "ReportingOrganisation",
    "acled": "Monitor",
    "al-masirah": "NewsOutlet",
    "saba": "NewsAgency",
    "al-manar": "NewsOutlet",
    "iranian-state-media": "NewsOutlet",
    "kan": "NewsOutlet",
    "walla": "NewsOutlet",
    "tass": "NewsAgency",
    "ria-novosti": "NewsAgency",
    "ukrinform": "NewsAgency",
    "yahya-saree": "Official",
    "dmitry-peskov": "Official",
    "volodymyr-zelensky": "Official",
    "dmytro-kuleba": "Official",
    "hossein-amir-abdollahian": "Official",
    "naftali-bennett": "Official",
    "john-kirby": "Official",
    "frank-mckenzie": "Commander",
    "esmail-qaani": "Commander",
    "mohammed-afif": "Official",
    "turki-al-maliki": "Official",
    "mohamed-hamdan-dagalo": "Commander",
    "abdel-fattah-al-burhan": "Commander",
}

REQUIRED_PLACES = {
    "syria": "Country",
    "iraq": "Country",
    "lebanon": "Country",
    "iran": "Country",
    "israel": "Country",
    "jordan": "Country",
    "turkey": "Country",
    "yemen": "Country",
    "saudi-arabia": "Country",
    "abu-kamal": "Settlement",
    "abu-kamal-district": "District",
    "deir-ez-zor": "Settlement",
    "al-mayadin": "Settlement",
    "al-qaim": "Settlement",
    "isfahan": "Settlement",
    "damascus": "Settlement",
    "baghdad": "Settlement",
    "erbil": "Settlement",
    "sanaa": "Settlement",
    "hodeidah": "Settlement",
    "beirut": "Settlement",
    "dahieh": "Settlement",
    "baalbek": "Settlement",
    "tehran": "Settlement",
    "qamishli": "Settlement",
    "al-hasakah": "Settlement",
    "al-shaddadi": "Settlement",
    "tal-hamis": "Settlement",
    "northeastern-syria": "Region",
    "eastern-syria": "Region",
    "golan-heights": "Region",
    "euphrates-valley": "Region",
    "gaza-strip": "Region",
    "crimea": "Region",
    "sudan": "Country",
    "somalia": "Country",
    "libya": "Country",
    "ethiopia": "Country",
    "spain": "Country",
    "afghanistan": "Country",
    "kabul": "Settlement",
    "khartoum": "Settlement",
    "mogadishu": "Settlement",
    "al-tanf": "MilitaryBase",
    "kharab-al-jir": "MilitaryBase",
    "tal-beydar": "MilitaryBase",
    "ain-al-asad": "MilitaryBase",
    "erbil-air-base": "MilitaryBase",
    "harir-air-base": "MilitaryBase",
    "t4-airbase": "MilitaryBase",
    "hmeimim": "MilitaryBase",
    "al-omar-oil-field": "Facility",
    "conoco-gas-field": "Facility",
    "natanz-nuclear-facility": "Facility",
    "damascus-international-airport": "Facility",
    "aleppo-international-airport": "Facility",
    "baghdad-international-airport": "Facility",
    "al-qaim-border-crossing": "BorderCrossing",
}

# Labels that two entities may share, with the reason. A state and the country it is sg:basedIn may
# share names without being listed here (the state actor and its territory are told apart by role).
ALLOWED_SHARED_LABELS: dict[str, str] = {
    "al mayadeen": "the town of al-Mayadin and the Beirut channel Al Mayadeen share this transliteration; "
    "the role in the sentence (a place after 'in', a source after 'according to') tells them apart",
    "al-mayadeen": "as 'al mayadeen'",
}

PLACE_CLASSES = {
    SG[c] for c in ("Country", "Governorate", "District", "Settlement", "Region", "WaterBody", "BorderCrossing", "MilitaryBase",
                    "Facility")
}
ACTOR_CLASSES = {
    SG[c]
    for c in (
        "State",
        "StateForce",
        "StateAgency",
        "ArmedGroup",
        "Militia",
        "Coalition",
        "UmbrellaGroup",
        "Person",
        "Official",
        "Commander",
        "ReportingOrganisation",
        "Monitor",
        "NewsOutlet",
        "NewsAgency",
        "ResearchInstitute",
        "UnnamedSource",
    )
}

TIE_PROPERTY = {
    SG.tieBacks: SG.claimedBacks,
    SG.tiePartOf: SG.claimedPartOf,
    SG.tieAlliedWith: SG.claimedAlliedWith,
    SG.tieProxyOf: SG.claimedProxyOf,
    SG.tieOpposes: SG.claimedOpposes,
    SG.tieSuppliesArms: SG.claimedSuppliesArmsTo,
}


@pytest.fixture(scope="module")
def gazetteer() -> Graph:
    return load_gazetteer()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def _entities(graph: Graph, namespace: Namespace) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, OWL.NamedIndividual) if str(s).startswith(str(namespace))}


def _classes(graph: Graph, entity: URIRef) -> set[URIRef]:
    return {c for c in graph.objects(entity, RDF.type) if c != OWL.NamedIndividual}


def _country_reached(graph: Graph, place: URIRef) -> bool:
    seen: set[URIRef] = set()
    frontier = [place]
    while frontier:
        current = frontier.pop()
        for parent in graph.objects(current, SG.locatedIn):
            if (parent, RDF.type, SG.Country) in graph:
                return True
            if parent not in seen:
                seen.add(parent)
                frontier.append(parent)
    return False


def test_counts(gazetteer: Graph) -> None:
    assert len(_entities(gazetteer, ACTOR)) >= 500
    assert len(_entities(gazetteer, PLACE)) >= 280


def test_every_entity_typed_and_labelled(gazetteer: Graph, ontology: Graph) -> None:
    ontology_classes = set(ontology.subjects(RDF.type, OWL.Class))
    for entity in _entities(gazetteer, ACTOR) | _entities(gazetteer, PLACE):
        classes = _classes(gazetteer, entity)
        assert len(classes) == 1, f"{entity} should have exactly one most specific class, has {classes}"
        assert classes <= ontology_classes, f"{entity} typed with {classes}, not all in the ontology"
        assert classes <= PLACE_CLASSES | ACTOR_CLASSES, entity
        prefs = list(gazetteer.objects(entity, SKOS.prefLabel))
        labels = list(gazetteer.objects(entity, RDFS.label))
        assert len(prefs) == 1, f"{entity} needs exactly one skos:prefLabel"
        assert labels == prefs, f"{entity}: rdfs:label must equal skos:prefLabel"
        assert prefs[0].language == "en"
        definitions = list(gazetteer.objects(entity, SKOS.definition))
        assert len(definitions) == 1, f"{entity} needs one skos:definition"
        key = str(entity).rsplit("/", 1)[1]
        assert key == key.lower() and key.isascii(), entity
        assert all(part.isalnum() for part in key.split("-")), entity


def test_actor_and_place_classes_are_in_the_right_namespace(gazetteer: Graph) -> None:
    for entity in _entities(gazetteer, PLACE):
        assert _classes(gazetteer, entity) <= PLACE_CLASSES, entity
    for entity in _entities(gazetteer, ACTOR):
        assert _classes(gazetteer, entity) <= ACTOR_CLASSES, entity


def test_labels_are_english_and_trimmed(gazetteer: Graph) -> None:
    for prop in LABEL_PROPERTIES:
        for entity, label in gazetteer.subject_objects(prop):
            if not str(entity).startswith((str(ACTOR), str(PLACE))):
                continue
            assert isinstance(label, Literal) and label.language == "en", (entity, label)
            assert str(label) == str(label).strip() and str(label), (entity, label)


@pytest.mark.parametrize("key", SYRIAN_GOVERNORATES)
def test_syrian_governorates(gazetteer: Graph, key: str) -> None:
    assert (PLACE[key], RDF.type, SG.Governorate) in gazetteer
    assert (PLACE[key], SG.locatedIn, PLACE.syria) in gazetteer


@pytest.mark.parametrize("key", IRAQI_GOVERNORATES)
def test_iraqi_governorates(gazetteer: Graph, key: str) -> None:
    assert (PLACE[key], RDF.type, SG.Governorate) in gazetteer
    assert (PLACE[key], SG.locatedIn, PLACE.iraq) in gazetteer


def test_governorate_lists_are_complete(gazetteer: Graph) -> None:
    assert len(set(SYRIAN_GOVERNORATES)) == 14
    assert len(set(IRAQI_GOVERNORATES)) == 19
    for country, listed in ((PLACE.syria, SYRIAN_GOVERNORATES), (PLACE.iraq, IRAQI_GOVERNORATES)):
        found = {g for g in gazetteer.subjects(SG.locatedIn, country) if (g, RDF.type, SG.Governorate) in gazetteer}
        assert found == {PLACE[k] for k in listed}


def test_every_place_reaches_a_country(gazetteer: Graph) -> None:
    for place in _entities(gazetteer, PLACE):
        if (place, RDF.type, SG.Country) in gazetteer:
            assert not list(gazetteer.objects(place, SG.locatedIn)), f"{place}: a country is located in nothing"
            continue
        if (place, RDF.type, SG.WaterBody) in gazetteer:
            continue  # a sea lies in no one country
        assert _country_reached(gazetteer, place), f"{place} does not reach a country through sg:locatedIn"


def test_hierarchy_links_known_places(gazetteer: Graph) -> None:
    places = _entities(gazetteer, PLACE)
    for prop in (SG.locatedIn, SG.near):
        for subject, obj in gazetteer.subject_objects(prop):
            assert subject in places and obj in places, (subject, prop, obj)
            assert subject != obj
    assert _country_reached(gazetteer, PLACE["abu-kamal"])
    chain = [PLACE["abu-kamal"], PLACE["abu-kamal-district"], PLACE["deir-ez-zor-governorate"], PLACE.syria]
    for child, parent in itertools.pairwise(chain):
        assert (child, SG.locatedIn, parent) in gazetteer


def test_bases_and_crossings_are_in_a_governorate_or_country(gazetteer: Graph) -> None:
    for cls in (SG.MilitaryBase, SG.BorderCrossing):
        for place in gazetteer.subjects(RDF.type, cls):
            assert list(gazetteer.objects(place, SG.locatedIn)), place


def test_coordinates_plausible(gazetteer: Graph) -> None:
    with_coordinates = 0
    for place in _entities(gazetteer, PLACE):
        lats = list(gazetteer.objects(place, GEO.lat))
        longs = list(gazetteer.objects(place, GEO.long))
        assert len(lats) == len(longs) <= 1, place
        if not lats:
            continue
        with_coordinates += 1
        for value in (lats[0], longs[0]):
            assert value.datatype == XSD_DECIMAL, (place, value)
        lat, long = Decimal(str(lats[0])), Decimal(str(longs[0]))
        assert Decimal(10) <= lat <= Decimal(45), (place, lat)
        assert Decimal(25) <= long <= Decimal(65), (place, long)
    assert with_coordinates >= 20


def test_no_label_shared_between_entities(gazetteer: Graph) -> None:
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for prop in LABEL_PROPERTIES:
        for entity, label in gazetteer.subject_objects(prop):
            if str(entity).startswith((str(ACTOR), str(PLACE))):
                owners[str(label).lower()].add(entity)

    def state_and_its_country(entities: set[URIRef]) -> bool:
        if len(entities) != 2:
            return False
        a, b = entities
        for state, country in ((a, b), (b, a)):
            if (state, RDF.type, SG.State) in gazetteer and (country, RDF.type, SG.Country) in gazetteer:
                return (state, SG.basedIn, country) in gazetteer
        return False

    clashes = {
        label: sorted(str(e) for e in entities)
        for label, entities in owners.items()
        if len(entities) > 1 and label not in ALLOWED_SHARED_LABELS and not state_and_its_country(entities)
    }
    assert not clashes, clashes


def test_required_keys(gazetteer: Graph) -> None:
    for key, cls in REQUIRED_ACTORS.items():
        assert (ACTOR[key], RDF.type, SG[cls]) in gazetteer, f"actor:{key} should be a sg:{cls}"
    for key, cls in REQUIRED_PLACES.items():
        assert (PLACE[key], RDF.type, SG[cls]) in gazetteer, f"place:{key} should be a sg:{cls}"


def test_required_labels(gazetteer: Graph) -> None:
    def labels(entity: URIRef) -> set[str]:
        return {str(o) for p in LABEL_PROPERTIES for o in gazetteer.objects(entity, p)}

    assert {"Al Bukamal", "Albukamal", "AlbuKamal", "Boukamal", "al-Bukamal"} <= labels(PLACE["abu-kamal"])
    assert {"Deir Ezzor", "Deir el-Zour", "Deir al-Zor", "Dayr az-Zawr"} <= labels(PLACE["deir-ez-zor"])
    assert "Deir el-Zour province" in labels(PLACE["deir-ez-zor-governorate"])
    assert "Deir ez-Zor" not in labels(PLACE["deir-ez-zor-governorate"])
    assert {"US", "U.S.", "America", "Washington"} <= labels(ACTOR.usa)
    assert "Israeli" in set(map(str, gazetteer.objects(ACTOR.israel, SKOS.hiddenLabel)))
    assert {"Assad regime", "Syrian regime"} <= labels(ACTOR["syrian-government"])
    assert {"Hashd al-Shaabi", "PMU", "Popular Mobilisation Force"} <= labels(ACTOR.pmf)
    assert {"U.S.-led coalition", "international coalition", "CJTF-OIR"} <= labels(ACTOR["us-led-coalition"])
    assert {"Britain-based Syrian Observatory for Human Rights", "the Observatory"} <= labels(ACTOR.sohr)
    assert {"Iranian-backed militias", "pro-Iranian militias"} <= labels(ACTOR["iran-backed-militias"])


def test_structure_of_forces_and_people(gazetteer: Graph) -> None:
    assert (ACTOR.idf, SG.forceOf, ACTOR.israel) in gazetteer
    assert (ACTOR.irgc, SG.forceOf, ACTOR.iran) in gazetteer
    assert (ACTOR["aviv-kochavi"], SG.affiliatedWith, ACTOR.idf) in gazetteer
    assert (ACTOR["bashar-al-assad"], SG.affiliatedWith, ACTOR["syrian-government"]) in gazetteer
    actors = _entities(gazetteer, ACTOR)
    for prop in (SG.forceOf, SG.affiliatedWith):
        for subject, obj in gazetteer.subject_objects(prop):
            assert subject in actors and obj in actors, (subject, prop, obj)
    for force in gazetteer.subjects(RDF.type, SG.StateForce):
        assert list(gazetteer.objects(force, SG.forceOf)), f"{force} should be sg:forceOf a state"
    for person_class in (SG.Person, SG.Official, SG.Commander):
        for person in gazetteer.subjects(RDF.type, person_class):
            assert list(gazetteer.objects(person, SG.affiliatedWith)), f"{person} should be affiliated"
    places = _entities(gazetteer, PLACE)
    for subject, obj in gazetteer.subject_objects(SG.basedIn):
        assert subject in actors and obj in places, (subject, obj)


def test_curated_ties(gazetteer: Graph) -> None:
    actors = _entities(gazetteer, ACTOR)
    claims = set(gazetteer.subjects(RDF.type, SG.RelationClaim))
    assert len(claims) >= 60
    for claim in claims:
        assert str(claim).startswith(CURATED), claim
        assert list(gazetteer.objects(claim, SG.claimant)) == [ACTOR["strikegraph-curators"]], claim
        assert list(gazetteer.objects(claim, SG.stance)) == [SG.asserted], claim
        kinds = list(gazetteer.objects(claim, SG.relationKind))
        assert len(kinds) == 1 and kinds[0] in TIE_PROPERTY, claim
        subjects = list(gazetteer.objects(claim, SG.relationSubject))
        objects = list(gazetteer.objects(claim, TIE_PROPERTY[kinds[0]]))
        assert len(subjects) == 1 and subjects[0] in actors, claim
        assert len(objects) == 1 and objects[0] in actors, claim
        assert subjects[0] != objects[0], claim
        for other in set(TIE_PROPERTY.values()) - {TIE_PROPERTY[kinds[0]]}:
            assert not list(gazetteer.objects(claim, other)), claim
        sources = list(gazetteer.objects(claim, SG.curatedFrom))
        assert len(sources) == 1 and sources[0].datatype == XSD_ANYURI, claim
        assert str(sources[0]).startswith("https://"), claim
        assert not list(gazetteer.objects(claim, SG.reportedIn)), claim
        kind_slug = str(kinds[0]).rsplit("#tie", 1)[1]
        slug = "".join("-" + c.lower() if c.isupper() else c for c in kind_slug).lstrip("-")
        subject_key = str(subjects[0]).rsplit("/", 1)[1]
        object_key = str(objects[0]).rsplit("/", 1)[1]
        assert str(claim) == f"{CURATED}{subject_key}-{slug}-{object_key}", claim


def test_expected_ties(gazetteer: Graph) -> None:
    def tie(subject: str, kind: URIRef, obj: str) -> bool:
        return any(
            (claim, SG.relationKind, kind) in gazetteer and (claim, TIE_PROPERTY[kind], ACTOR[obj]) in gazetteer
            for claim in gazetteer.subjects(SG.relationSubject, ACTOR[subject])
        )

    assert tie("iran", SG.tieBacks, "hezbollah")
    assert tie("iran", SG.tieBacks, "houthis")
    assert tie("iran", SG.tieBacks, "kataib-hezbollah")
    assert tie("kataib-hezbollah", SG.tiePartOf, "pmf")
    assert tie("kataib-hezbollah", SG.tiePartOf, "islamic-resistance-in-iraq")
    assert tie("usa", SG.tiePartOf, "us-led-coalition")
    assert tie("usa", SG.tieBacks, "sdf")
    assert tie("russia", SG.tieBacks, "syrian-government")
    assert tie("rsf", SG.tieOpposes, "sudanese-armed-forces")
    assert tie("sudanese-armed-forces", SG.tieOpposes, "rsf")
    assert tie("russia", SG.tieBacks, "donetsk-peoples-republic")
    assert tie("russia", SG.tieBacks, "russian-backed-separatists")
    assert tie("ypg", SG.tiePartOf, "sdf")
    assert tie("isis-k", SG.tiePartOf, "islamic-state")
    assert tie("al-shabaab", SG.tiePartOf, "al-qaeda")
    assert tie("saudi-arabia", SG.tiePartOf, "arab-coalition")
    assert tie("houthis", SG.tieOpposes, "arab-coalition")


def test_states_are_based_in_their_country(gazetteer: Graph) -> None:
    """Every state is sg:basedIn one country and shares a name with it (so the lexicon pairs the two), and
    names its people by a hidden demonym. Yemen's government does neither: "Yemen" and "Yemeni" also name
    the Houthi-held north. India has no demonym: "Indian" would fire on "the Indian Ocean"."""
    not_paired = {ACTOR["yemen-government"]}
    no_demonym = not_paired | {ACTOR.india}
    for state in gazetteer.subjects(RDF.type, SG.State):
        countries = list(gazetteer.objects(state, SG.basedIn))
        assert len(countries) == 1 and (countries[0], RDF.type, SG.Country) in gazetteer, state
        state_names = {str(o).lower() for p in LABEL_PROPERTIES for o in gazetteer.objects(state, p)}
        country_names = {str(o).lower() for p in LABEL_PROPERTIES for o in gazetteer.objects(countries[0], p)}
        assert state in not_paired or state_names & country_names, f"{state} shares no name with {countries[0]}"
        if state not in no_demonym:
            assert list(gazetteer.objects(state, SKOS.hiddenLabel)), f"{state} has no demonym"
    demonyms = {"sudan": "Sudanese", "somalia": "Somali", "libya": "Libyan", "ethiopia": "Ethiopian",
                "afghanistan": "Afghan", "spain": "Spanish", "pakistan": "Pakistani", "ukraine": "Ukrainian"}
    for key, demonym in demonyms.items():
        assert Literal(demonym, lang="en") in set(gazetteer.objects(ACTOR[key], SKOS.hiddenLabel)), key


def test_forces_and_agencies_reach_a_state(gazetteer: Graph) -> None:
    """A force or agency belongs to a state through sg:forceOf, directly or through another body (the
    Peshmerga through the Kurdistan Regional Government), as the lexicon reads it."""
    for cls in (SG.StateForce, SG.StateAgency):
        for body in gazetteer.subjects(RDF.type, cls):
            seen, todo, found = set(), [body], False
            while todo and not found:
                current = todo.pop()
                if current in seen:
                    continue
                seen.add(current)
                for owner in gazetteer.objects(current, SG.forceOf):
                    found = found or (owner, RDF.type, SG.State) in gazetteer
                    todo.append(owner)
            assert found, f"{body} does not reach a state through sg:forceOf"
    for key, state in (("kremlin", "russia"), ("white-house", "usa"), ("pentagon", "usa"), ("africom", "usa"),
                       ("ukrainian-general-staff", "ukraine"), ("ispr", "pakistan"), ("egyptian-foreign-ministry", "egypt"),
                       ("pakistani-foreign-office", "pakistan"), ("sudanese-armed-forces", "sudan")):
        assert (ACTOR[key], SG.forceOf, ACTOR[state]) in gazetteer, key


def test_common_names(gazetteer: Graph) -> None:
    """Preferred labels are the names a reader knows (the export writes them), and the names of the bodies a
    spokesperson speaks for lead to that body."""
    expected = {"houthis": "Houthis", "arab-coalition": "Saudi-led coalition", "kremlin": "Kremlin",
                "white-house": "White House", "pentagon": "Pentagon", "rsf": "Rapid Support Forces",
                "sudanese-armed-forces": "Sudanese Armed Forces", "taliban": "Taliban", "al-shabaab": "Al-Shabaab",
                "united-nations": "United Nations", "magen-david-adom": "Magen David Adom", "white-helmets": "White Helmets"}
    for key, label in expected.items():
        assert str(gazetteer.value(ACTOR[key], SKOS.prefLabel)) == label, key
    # The Kremlin is the presidential office, not another name of the Russian state.
    russia = {str(o) for p in LABEL_PROPERTIES for o in gazetteer.objects(ACTOR.russia, p)}
    assert not {"Kremlin", "the Kremlin"} & russia
    speakers = {"yahya-saree": "houthis", "dmitry-peskov": "kremlin", "volodymyr-zelensky": "ukraine",
                "dmytro-kuleba": "ukrainian-foreign-ministry", "hossein-amir-abdollahian": "iranian-foreign-ministry",
                "naftali-bennett": "israel", "lloyd-austin": "pentagon", "john-kirby": "white-house",
                "frank-mckenzie": "centcom", "esmail-qaani": "quds-force", "mohammed-afif": "hezbollah",
                "turki-al-maliki": "arab-coalition", "mohamed-hamdan-dagalo": "rsf"}
    for person, body in speakers.items():
        assert (ACTOR[person], SG.affiliatedWith, ACTOR[body]) in gazetteer, person


# Names that are ordinary words or name something else, and so must not be an alias ("Let", "Guardian").
NOT_ALIASES = {"let", "jem", "guardian", "saki", "security council", "popular front", "foreign office", "shabab",
               "internal security forces", "separatists", "minsk", "tripoli", "amnesty", "dawn", "national"}


def test_no_ordinary_word_aliases(gazetteer: Graph) -> None:
    for prop in LABEL_PROPERTIES:
        for entity, label in gazetteer.subject_objects(prop):
            name = str(label).lower()
            name = name[4:] if name.startswith("the ") else name
            assert name not in NOT_ALIASES, (entity, label)


def test_sg_terms_defined_in_ontology(gazetteer: Graph, ontology: Graph) -> None:
    defined = {s for s in ontology.subjects() if isinstance(s, URIRef)}
    used = set()
    for triple in gazetteer:
        for term in triple:
            if isinstance(term, URIRef) and str(term).startswith(str(SG)):
                used.add(term)
    undefined = sorted(str(t) for t in used - defined)
    assert not undefined, undefined


def test_gazetteer_headers(gazetteer: Graph) -> None:
    headers = set(gazetteer.subjects(RDF.type, OWL.Ontology))
    names = {str(h).rsplit("/", 1)[1] for h in headers}
    assert {"places", "actors", "ties"} <= names
    for header in headers:
        assert str(header).startswith("https://w3id.org/strikegraph/gazetteer/")
        assert (header, OWL.imports, URIRef("https://w3id.org/strikegraph/ontology")) in gazetteer
        assert list(gazetteer.objects(header, RDFS.label))
        assert list(gazetteer.objects(header, URIRef("http://purl.org/dc/terms/description")))
