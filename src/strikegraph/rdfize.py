"""Extraction records → one article's named graph, following docs/data-model.md."""

from __future__ import annotations

import datetime as dt

from rdflib import RDF, RDFS, XSD, Graph, URIRef
from rdflib.namespace import SKOS

from .corpus import Article
from .extract import claim_key
from .lexicon import Lexicon, slug
from .merge import MergedEvent
from .namespaces import ACTOR, ARTICLE, CLAIM, OA, SG, SPAN, bind_prefixes
from .records import Extraction
from .serialize import NtTriple, literal

STANCES = {"asserted": SG.asserted, "suggested": SG.suggested, "blamed": SG.blamed, "acknowledged": SG.acknowledged,
           "denied": SG.denied, "declined_comment": SG.declinedComment, "unknown": SG.unknownStance}
AFFIRMING = {"asserted", "suggested", "blamed", "acknowledged"}
TIE_KINDS = {"backs": (SG.tieBacks, SG.claimedBacks), "proxy_of": (SG.tieProxyOf, SG.claimedProxyOf),
             "allied_with": (SG.tieAlliedWith, SG.claimedAlliedWith), "part_of": (SG.tiePartOf, SG.claimedPartOf),
             "opposes": (SG.tieOpposes, SG.claimedOpposes), "supplies_arms": (SG.tieSuppliesArms, SG.claimedSuppliesArmsTo)}
QUANTITIES = {"killed": SG.killed, "wounded": SG.wounded, "trucks": SG.trucks, "vehicles": SG.vehicles,
              "strikes": SG.strikes, "projectiles": SG.projectiles}
PRECISIONS = {"day": SG.precisionDay, "month": SG.precisionMonth, "year": SG.precisionYear}
TARGETS = {"vehicle": "target-vehicle", "convoy": "target-convoy", "truck": "target-truck", "aircraft": "target-aircraft",
           "ship": "target-ship", "site": "target-site", "base": "target-base", "weapons_depot": "target-weapons-depot",
           "factory": "target-factory", "airport": "target-airport", "building": "target-building",
           "infrastructure": "target-infrastructure", "personnel": "target-personnel", "weapons_shipment": "target-shipment"}


def article_iri(article: Article) -> URIRef:
    return ARTICLE[article.stem]


_XSD = str(XSD)
_INTEGER, _DATETIME, _ANYURI = f"{_XSD}integer", f"{_XSD}dateTime", f"{_XSD}anyURI"


def _iri(iri: str) -> str:
    return f"<{iri}>"


def _sg(local: str) -> str:
    return f"<{SG}{local}>"


def _dt(d: dt.date, end: bool = False) -> str:
    t = dt.datetime.combine(d, dt.time(23, 59, 59) if end else dt.time(0, 0, 0))
    return literal(t.isoformat(), _DATETIME)


def _int(n: int) -> str:
    return literal(str(n), _INTEGER)


_TYPE, _LABEL, _PREF = f"<{RDF.type}>", f"<{RDFS.label}>", f"<{SKOS.prefLabel}>"
_EXACT, _START, _END = f"<{OA.exact}>", f"<{OA.start}>", f"<{OA.end}>"


def article_triples(article: Article, ext: Extraction, events: dict[tuple[str, str], MergedEvent],
                    lex: Lexicon) -> list[NtTriple]:
    """The named graph of one article as N-Triples terms: the article, its strikes and its claims with
    evidence. Made as strings, not rdflib objects: this runs once per article and its output goes
    straight to the writers, the validator and the reasoner."""
    out: list[NtTriple] = []
    add = out.append
    stem = article.stem
    art = _iri(article_iri(article))
    text = article.text
    add((art, _TYPE, _sg("Article")))
    add((art, _LABEL, literal(article.title or article.file_name)))
    add((art, _sg("fileName"), literal(article.file_name)))
    add((art, _sg("contentHash"), literal(article.content_hash)))
    add((art, _sg("text"), literal(text)))
    add((art, _sg("language"), literal(article.language)))
    if article.title:
        add((art, _sg("title"), literal(article.title)))
    if article.url:
        add((art, _sg("url"), literal(article.url, _ANYURI)))
    if article.published:
        add((art, _sg("published"), _dt(article.published)))
    if article.outlet:
        outlet = lex.lookup(article.outlet)
        if outlet is None or outlet.is_place:
            o = _iri(ACTOR[slug(article.outlet)])
            add((o, _TYPE, _sg("NewsOutlet")))
            add((o, _LABEL, literal(article.outlet, lang="en")))
            add((o, _PREF, literal(article.outlet, lang="en")))
        else:
            o = _iri(outlet.iri)
        add((art, _sg("outlet"), o))

    for ne in ext.new_entities.values():
        iri = _iri(ne.iri)
        add((iri, _TYPE, _sg(ne.kind)))
        add((iri, _LABEL, literal(ne.label, lang="en")))
        add((iri, _PREF, literal(ne.label, lang="en")))
        if ne.affiliated_with:
            add((iri, _sg("affiliatedWith"), _iri(ne.affiliated_with)))

    def span(se: tuple[int, int]) -> str:
        s, e = se
        iri = _iri(f"{SPAN}{stem}/{s}-{e}")
        add((iri, _TYPE, _sg("TextSpan")))
        add((iri, _sg("inArticle"), art))
        add((iri, _EXACT, literal(text[s:e])))
        add((iri, _START, _int(s)))
        add((iri, _END, _int(e)))
        return iri

    def claim(kind: str, key: str, source: str | None, stance: str, se: tuple[int, int], rule: str) -> str:
        iri = _iri(f"{CLAIM}{stem}/{key}")
        add((iri, _TYPE, _sg(kind)))
        add((iri, _sg("claimant"), _iri(source) if source else art))
        add((iri, _sg("stance"), _iri(STANCES[stance])))
        add((iri, _sg("reportedIn"), art))
        add((iri, _sg("evidence"), span(se)))
        add((iri, _sg("extractionRule"), literal(rule)))
        return iri

    event_iri: dict[str, str] = {}
    for ev in ext.events:
        merged = events[(stem, ev.local)]
        e = _iri(merged.iri)
        event_iri[ev.local] = e
        add((e, _TYPE, _sg(ev.means)))
        add((e, _LABEL, literal(merged.label, lang="en")))
        add((e, _sg("occurredIn"), _iri(ev.place) if ev.place else _sg("unknownPlace")))
        for t in ev.targets:
            add((e, _sg("targetKind"), _sg(TARGETS[t])))
        add((e, _sg("mentionedIn"), art))
        if ev.date is not None:
            interval = _iri(f"{merged.iri}/time/{stem}")
            add((e, _sg("occurredDuring"), interval))
            add((interval, _TYPE, _sg("UncertainInterval")))
            add((interval, _sg("dateText"), literal(ev.date.text)))
            if ev.date.earliest and ev.date.latest and ev.date.precision:
                add((interval, _sg("earliest"), _dt(ev.date.earliest)))
                add((interval, _sg("latest"), _dt(ev.date.latest, end=True)))
                add((interval, _sg("precision"), _iri(PRECISIONS[ev.date.precision])))
        c = claim("EventReport", claim_key("event", ev.local, ev.spans[0]), None, "asserted", ev.spans[0], "event.mention")
        add((c, _sg("aboutEvent"), e))

    for a in ext.attributions:
        c = claim("AttributionClaim", claim_key("att", a.event, a.actor, a.source, a.stance, a.span),
                  a.source, a.stance, a.span, a.rule)
        add((c, _sg("aboutEvent"), event_iri[a.event]))
        if a.actor is not None:
            add((c, _sg("attributesTo" if a.stance in AFFIRMING else "namedActor"), _iri(a.actor)))

    for f in ext.figures:
        c = claim("FigureClaim", claim_key("fig", f.event, f.source, f.quantity, f.low, f.high, f.span),
                  f.source, "asserted", f.span, f.rule)
        add((c, _sg("aboutEvent"), event_iri[f.event]))
        add((c, _sg("quantityKind"), _iri(QUANTITIES[f.quantity])))
        add((c, _sg("low"), _int(f.low)))
        if f.high is not None:
            add((c, _sg("high"), _int(f.high)))
        add((c, _sg("figureText"), literal(f.text)))

    for r in ext.relations:
        c = claim("RelationClaim", claim_key("rel", r.subject, r.kind, r.object, r.source, r.span),
                  r.source, r.stance, r.span, r.rule)
        kind, prop = TIE_KINDS[r.kind]
        add((c, _sg("relationSubject"), _iri(r.subject)))
        add((c, _sg("relationKind"), _iri(kind)))
        add((c, _iri(prop) if r.stance in AFFIRMING else _sg("relationObject"), _iri(r.object)))
    return list(dict.fromkeys(out))  # a graph is a set: a triple stated twice is one triple


def to_graph(article: Article, ext: Extraction, events: dict[tuple[str, str], MergedEvent], lex: Lexicon) -> Graph:
    """The article's named graph as an rdflib Graph (for callers that want one; the build does not)."""
    g = Graph(identifier=article_iri(article))
    bind_prefixes(g.namespace_manager)
    g.parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in article_triples(article, ext, events, lex)), format="nt")
    return g
