"""IRIs used across strikegraph: the ontology namespace and the namespace of data resources."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import NamespaceManager

SG = Namespace("https://w3id.org/strikegraph/ontology#")
ID = Namespace("https://w3id.org/strikegraph/id/")
ACTOR = Namespace(ID + "actor/")
PLACE = Namespace(ID + "place/")
EVENT = Namespace(ID + "event/")
CLAIM = Namespace(ID + "claim/")
SPAN = Namespace(ID + "span/")
ARTICLE = Namespace(ID + "article/")
GRAPH = Namespace(ID + "graph/")

OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GSP = Namespace("http://www.opengis.net/ont/geosparql#")

ONTOLOGY_IRI = URIRef("https://w3id.org/strikegraph/ontology")
# Named graphs that are not articles.
ONTOLOGY_GRAPH = GRAPH["ontology"]
GAZETTEER_GRAPH = GRAPH["gazetteer"]
INFERRED_GRAPH = GRAPH["inferred"]

PREFIXES: dict[str, str] = {
    "sg": str(SG),
    "actor": str(ACTOR),
    "place": str(PLACE),
    "event": str(EVENT),
    "claim": str(CLAIM),
    "span": str(SPAN),
    "article": str(ARTICLE),
    "oa": str(OA),
    "prov": str(PROV),
    "geo": str(GEO),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def bind_prefixes(manager: NamespaceManager) -> None:
    """Bind the project's prefixes so serialisations read well."""
    for prefix, ns in PREFIXES.items():
        manager.bind(prefix, ns, override=True, replace=True)


def sparql_prologue() -> str:
    """PREFIX lines for every prefix in PREFIXES, for queries written without them."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
