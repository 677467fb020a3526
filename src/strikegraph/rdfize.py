"""Extraction records → one article's named graph, following docs/data-model.md."""

from __future__ import annotations

import datetime as dt

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from .corpus import Article
from .extract import claim_key
from .lexicon import Lexicon, slug
from .merge import MergedEvent
from .namespaces import ACTOR, ARTICLE, CLAIM, OA, SG, SPAN, bind_prefixes
from .records import Extraction

STANCES = {"asserted": SG.asserted, "suggested": SG.suggested, "blamed": SG.blamed, "acknowledged": SG.acknowledged,
           "denied": SG.denied, "declined_comment": SG.declinedComment, "unknown": SG.unknownStance}
AFFIRMING = {"asserted", "suggested", "blamed", "acknowledged"}
TIE_KINDS = {"backs": (SG.tieBacks, SG.claimedBacks), "proxy_of": (SG.tieProxyOf, SG.claimedProxyOf),
             "allied_with": (SG.tieAlliedWith, SG.claimedAlliedWith), "part_of": (SG.tiePartOf, SG.claimedPartOf),
             "opposes": (SG.tieOpposes, SG.claimedOpposes), "supplies_arms": (SG.tieSuppliesArms, SG.claimedSuppliesArmsTo)}
QUANTITIES = {"killed": SG.killed, "wounded": SG.wounded, "trucks": SG.trucks, "vehicles": SG.vehicles,
              "strikes": SG.strikes, "missiles": SG.missiles}
PRECISIONS = {"day": SG.precisionDay, "month": SG.precisionMonth, "year": SG.precisionYear}
TARGETS = {"vehicle": "target-vehicle", "convoy": "target-convoy", "truck": "target-truck", "aircraft": "target-aircraft",
           "ship": "target-ship", "site": "target-site", "base": "target-base", "weapons_depot": "target-weapons-depot",
           "factory": "target-factory", "airport": "target-airport", "building": "target-building",
           "infrastructure": "target-infrastructure", "personnel": "target-personnel", "weapons_shipment": "target-shipment"}


def article_iri(article: Article) -> URIRef:
    return ARTICLE[article.stem]


def _dt(d: dt.date, end: bool = False) -> Literal:
    t = dt.datetime.combine(d, dt.time(23, 59, 59) if end else dt.time(0, 0, 0))
    return Literal(t.isoformat(), datatype=XSD.dateTime)


def to_graph(article: Article, ext: Extraction, events: dict[tuple[str, str], MergedEvent], lex: Lexicon) -> Graph:
    """The named graph of one article: the article, its strikes and its claims with evidence."""
    g = Graph(identifier=article_iri(article))
    bind_prefixes(g.namespace_manager)
    art = article_iri(article)
    text = article.text
    g.add((art, RDF.type, SG.Article))
    g.add((art, RDFS.label, Literal(article.title or article.file_name)))
    g.add((art, SG.fileName, Literal(article.file_name)))
    g.add((art, SG.contentHash, Literal(article.content_hash)))
    g.add((art, SG.text, Literal(text)))
    g.add((art, SG.language, Literal(article.language)))
    if article.title:
        g.add((art, SG.title, Literal(article.title)))
    if article.url:
        g.add((art, SG.url, Literal(article.url, datatype=XSD.anyURI)))
    if article.published:
        g.add((art, SG.published, _dt(article.published)))
    if article.outlet:
        outlet = lex.lookup(article.outlet)
        if outlet is None or outlet.is_place:
            o = ACTOR[slug(article.outlet)]
            g.add((o, RDF.type, SG.NewsOutlet))
            g.add((o, RDFS.label, Literal(article.outlet, lang="en")))
            g.add((o, SKOS.prefLabel, Literal(article.outlet, lang="en")))
        else:
            o = outlet.iri
        g.add((art, SG.outlet, o))

    for ne in ext.new_entities.values():
        iri = URIRef(ne.iri)
        g.add((iri, RDF.type, SG[ne.kind]))
        g.add((iri, RDFS.label, Literal(ne.label, lang="en")))
        g.add((iri, SKOS.prefLabel, Literal(ne.label, lang="en")))
        if ne.affiliated_with:
            g.add((iri, SG.affiliatedWith, URIRef(ne.affiliated_with)))

    def span(se: tuple[int, int]) -> URIRef:
        s, e = se
        iri = SPAN[f"{article.stem}/{s}-{e}"]
        g.add((iri, RDF.type, SG.TextSpan))
        g.add((iri, SG.inArticle, art))
        g.add((iri, OA.exact, Literal(text[s:e])))
        g.add((iri, OA.start, Literal(s, datatype=XSD.integer)))
        g.add((iri, OA.end, Literal(e, datatype=XSD.integer)))
        return iri

    def claim(kind: URIRef, key: str, source: str | None, stance: str, se: tuple[int, int], rule: str) -> URIRef:
        iri = CLAIM[f"{article.stem}/{key}"]
        g.add((iri, RDF.type, kind))
        g.add((iri, SG.claimant, URIRef(source) if source else art))
        g.add((iri, SG.stance, STANCES[stance]))
        g.add((iri, SG.reportedIn, art))
        g.add((iri, SG.evidence, span(se)))
        g.add((iri, SG.extractionRule, Literal(rule)))
        return iri

    event_iri: dict[str, URIRef] = {}
    for ev in ext.events:
        merged = events[(article.stem, ev.local)]
        e = merged.iri
        event_iri[ev.local] = e
        g.add((e, RDF.type, SG[ev.means]))
        g.add((e, RDFS.label, Literal(merged.label, lang="en")))
        g.add((e, SG.occurredIn, URIRef(ev.place) if ev.place else SG.unknownPlace))
        for t in ev.targets:
            g.add((e, SG.targetKind, SG[TARGETS[t]]))
        g.add((e, SG.mentionedIn, art))
        if ev.date is not None:
            interval = URIRef(f"{e}/time/{article.stem}")
            g.add((e, SG.occurredDuring, interval))
            g.add((interval, RDF.type, SG.UncertainInterval))
            g.add((interval, SG.dateText, Literal(ev.date.text)))
            if ev.date.earliest and ev.date.latest and ev.date.precision:
                g.add((interval, SG.earliest, _dt(ev.date.earliest)))
                g.add((interval, SG.latest, _dt(ev.date.latest, end=True)))
                g.add((interval, SG.precision, PRECISIONS[ev.date.precision]))
        c = claim(SG.EventReport, claim_key("event", ev.local, ev.spans[0]), None, "asserted", ev.spans[0], "event.mention")
        g.add((c, SG.aboutEvent, e))

    for a in ext.attributions:
        c = claim(SG.AttributionClaim, claim_key("att", a.event, a.actor, a.source, a.stance, a.span),
                  a.source, a.stance, a.span, a.rule)
        g.add((c, SG.aboutEvent, event_iri[a.event]))
        if a.actor is not None:
            g.add((c, SG.attributesTo if a.stance in AFFIRMING else SG.namedActor, URIRef(a.actor)))

    for f in ext.figures:
        c = claim(SG.FigureClaim, claim_key("fig", f.event, f.source, f.quantity, f.low, f.high, f.span),
                  f.source, "asserted", f.span, f.rule)
        g.add((c, SG.aboutEvent, event_iri[f.event]))
        g.add((c, SG.quantityKind, QUANTITIES[f.quantity]))
        g.add((c, SG.low, Literal(f.low, datatype=XSD.integer)))
        if f.high is not None:
            g.add((c, SG.high, Literal(f.high, datatype=XSD.integer)))
        g.add((c, SG.figureText, Literal(f.text)))

    for r in ext.relations:
        c = claim(SG.RelationClaim, claim_key("rel", r.subject, r.kind, r.object, r.source, r.span),
                  r.source, r.stance, r.span, r.rule)
        kind, prop = TIE_KINDS[r.kind]
        g.add((c, SG.relationSubject, URIRef(r.subject)))
        g.add((c, SG.relationKind, kind))
        g.add((c, prop if r.stance in AFFIRMING else SG.relationObject, URIRef(r.object)))
    return g
