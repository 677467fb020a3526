"""Export claims for analysts and for scoring: one row per event, attribution, figure and relation
claim, produced by SPARQL over the built dataset (so merges and inference show)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .namespaces import sparql_prologue
from .store import open_store

FIELDS = ["kind", "article", "event", "event_type", "event_date", "place", "actor", "source", "stance", "quantity",
          "min", "max", "subject", "predicate", "object", "quote", "start", "end"]

EVENT_TYPES = {"DroneStrike": "drone_strike", "Airstrike": "airstrike", "MissileStrike": "missile_strike",
               "RocketAttack": "rocket_attack", "MortarAttack": "mortar_attack", "ArtilleryStrike": "artillery_strike",
               "StrikeMeansUnknown": "strike", "AttackSeries": "attack", "Strike": "strike"}

# Event facts as each article reports them: its own graph, so one article's date or place is not
# confused with another's for the same merged event.
_EVENT_PART = """
  GRAPH ?g {
    ?event a ?type ; sg:mentionedIn ?art .
    OPTIONAL { ?event sg:occurredIn ?placeIri . }
    OPTIONAL { ?event sg:occurredDuring ?iv .
               OPTIONAL { ?iv sg:earliest ?earliest . OPTIONAL { ?iv sg:precision ?precisionIri . } }
               OPTIONAL { ?iv sg:dateText ?dateText . } }
  }
  FILTER(STRSTARTS(STR(?type), STR(sg:)))
  OPTIONAL { ?placeIri skos:prefLabel ?placeLabel . }
  # The precision's notation is in the ontology's graph, not the article's.
  OPTIONAL { ?precisionIri skos:notation ?precision . }
"""

_QUERIES = {
    "event": """
SELECT ?file ?event ?type ?earliest ?precision ?dateText ?placeLabel ?placeIri ?quote ?start ?end WHERE {
  GRAPH ?g { ?art sg:fileName ?file .
             ?c a sg:EventReport ; sg:aboutEvent ?event ; sg:evidence ?sp .
             ?sp oa:exact ?quote ; oa:start ?start ; oa:end ?end . }
""" + _EVENT_PART + "}",
    "attribution": """
SELECT ?file ?event ?type ?earliest ?precision ?dateText ?placeLabel ?placeIri ?actorLabel ?sourceLabel ?claimantIsArticle
       ?stance ?quote ?start ?end WHERE {
  GRAPH ?g { ?art sg:fileName ?file .
             ?c a sg:AttributionClaim ; sg:aboutEvent ?event ; sg:claimant ?claimant ; sg:stance ?st ;
                sg:evidence ?sp .
             ?sp oa:exact ?quote ; oa:start ?start ; oa:end ?end . }
  ?st skos:notation ?stance .
  OPTIONAL { ?c sg:namedActor|sg:attributesTo ?actor . ?actor skos:prefLabel ?actorLabel . }
  OPTIONAL { ?claimant skos:prefLabel ?sourceLabel . }
  BIND(?claimant = ?art AS ?claimantIsArticle)
""" + _EVENT_PART + "}",
    "figure": """
SELECT ?file ?event ?type ?earliest ?precision ?dateText ?placeLabel ?placeIri ?sourceLabel ?claimantIsArticle
       ?quantity ?low ?high ?quote ?start ?end WHERE {
  GRAPH ?g { ?art sg:fileName ?file .
             ?c a sg:FigureClaim ; sg:aboutEvent ?event ; sg:claimant ?claimant ; sg:quantityKind ?q ; sg:low ?low ;
                sg:evidence ?sp .
             OPTIONAL { ?c sg:high ?high . }
             ?sp oa:exact ?quote ; oa:start ?start ; oa:end ?end . }
  ?q skos:notation ?quantity .
  OPTIONAL { ?claimant skos:prefLabel ?sourceLabel . }
  BIND(?claimant = ?art AS ?claimantIsArticle)
""" + _EVENT_PART + "}",
    "relation": """
SELECT ?file ?subjectLabel ?predicate ?objectLabel ?sourceLabel ?claimantIsArticle ?stance ?quote ?start ?end WHERE {
  GRAPH ?g { ?art a sg:Article ; sg:fileName ?file .
             ?c a sg:RelationClaim ; sg:relationSubject ?s ; sg:relationKind ?k ; sg:claimant ?claimant ; sg:stance ?st ;
                sg:evidence ?sp .
             ?c ?p ?o .
             ?sp oa:exact ?quote ; oa:start ?start ; oa:end ?end . }
  ?p rdfs:subPropertyOf* sg:relationObject .
  ?k skos:notation ?predicate . ?st skos:notation ?stance .
  OPTIONAL { ?s skos:prefLabel ?subjectLabel . }
  OPTIONAL { ?o skos:prefLabel ?objectLabel . }
  OPTIONAL { ?claimant skos:prefLabel ?sourceLabel . }
  BIND(?claimant = ?art AS ?claimantIsArticle)
}""",
}


def load_store(build_dir: Path | str) -> ox.Store:
    """The build's Oxigraph store, read-only."""
    return open_store(build_dir)


def _value(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        if dt.endswith("#integer"):
            return int(term.value)
        if dt.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return term.value


def _date(row: dict[str, Any]) -> str | None:
    earliest, precision = row.get("earliest"), row.get("precision")
    if earliest:
        return {"day": earliest[:10], "month": earliest[:7], "year": earliest[:4]}.get(precision or "day", earliest[:10])
    return None


def claim_rows(store: ox.Store) -> list[dict[str, Any]]:
    """All export rows, sorted deterministically."""
    rows: list[dict[str, Any]] = []
    for kind, body in _QUERIES.items():
        result = store.query(sparql_prologue() + body, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        for sol in result:
            r = {n: _value(sol[n]) for n in names}
            row: dict[str, Any] = {f: None for f in FIELDS}
            row.update(kind=kind, article=r["file"], quote=r["quote"], start=r["start"], end=r["end"])
            if kind != "relation":
                local = r["type"].rsplit("#", 1)[1]
                row.update(event=r["event"], event_type=EVENT_TYPES.get(local, local), event_date=_date(r),
                           place=r.get("placeLabel"))
            if kind in ("attribution", "figure", "relation"):
                row["source"] = None if r.get("claimantIsArticle") else r.get("sourceLabel")
            if kind == "attribution":
                row.update(actor=r.get("actorLabel"), stance=r["stance"])
            elif kind == "figure":
                row.update(quantity=r["quantity"], min=r["low"], max=r.get("high"))
            elif kind == "relation":
                row.update(subject=r.get("subjectLabel"), predicate=r["predicate"], object=r.get("objectLabel"),
                           stance=r["stance"])
            rows.append(row)
    order = {"event": 0, "attribution": 1, "figure": 2, "relation": 3}
    rows.sort(key=lambda x: (x["article"], order[x["kind"]], x["start"] or 0, json.dumps(x, sort_keys=True, default=str)))
    # One event row per article and event.
    out: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for row in rows:
        key = (row["kind"], row["article"], row["event"]) if row["kind"] == "event" else tuple(row.values())
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def export_claims(build_dir: Path | str, fmt: str = "jsonl") -> str:
    """The claims export as text, in 'jsonl' or 'csv'."""
    rows = claim_rows(load_store(build_dir))
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: "" if v is None else v for k, v in r.items()})
        return buf.getvalue()
    raise ValueError(f"unknown format {fmt!r}: use jsonl or csv")
