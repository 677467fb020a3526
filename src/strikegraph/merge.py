"""The same strike across articles is one event: match event mentions on place (or containment),
date (within a day, or within the stated precision), means and target, and give each cluster one IRI.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from rdflib import URIRef

from .lexicon import Lexicon, slug
from .namespaces import EVENT
from .records import EventRecord, Extraction

_LOOSE_MEANS = {"StrikeMeansUnknown", "AttackSeries"}
_VAGUE_TARGETS = {"personnel", "site"}
# Kinds one installation is reported as: an air base is an airport, and the base at an airport is named
# by either ("the attack on Erbil airport", "the attack on the U.S.-led base in Erbil").
_SAME_INSTALLATION = {"airport": "base"}
_PEOPLE = {"Person", "Official", "Commander"}
MEANS_WORDS = {"DroneStrike": "drone strike", "Airstrike": "airstrike", "MissileStrike": "missile strike",
               "RocketAttack": "rocket attack", "MortarAttack": "mortar attack", "ArtilleryStrike": "artillery strike",
               "StrikeMeansUnknown": "strike", "AttackSeries": "attacks"}
# Below this score two mentions are not the same strike, however compatible: the place must agree
# and at least two more facts (or a date fixed in time on both sides).
MIN_SCORE = 5


@dataclass(frozen=True)
class MergedEvent:
    iri: URIRef
    label: str
    mentions: tuple[tuple[str, str], ...]  # (article stem, local event id)


def _score(lex: Lexicon, a: EventRecord, b: EventRecord, pa: URIRef | None = None, pb: URIRef | None = None) -> int:
    """How strongly two mentions look like one strike; 0 when something contradicts. ``pa`` and ``pb``
    are the places as IRIs when the caller has them already."""
    if a.place is None or b.place is None:
        return 0
    if a.series != b.series:
        return 0
    score = 0
    pa, pb = pa or URIRef(a.place), pb or URIRef(b.place)
    if pa == pb:
        score += 3
    elif lex.within(pa, pb) or lex.within(pb, pa):
        score += 2
    else:
        return 0
    if a.date and b.date:
        if not a.date.compatible(b.date):
            return 0
        if a.date.same_specific(b.date):
            # Only two dates fixed in time are strong evidence; a weekday or a month without a year
            # recurs ("on Sunday", "November 12").
            # A year is weak too ("a 2022 attack" and "21 January 2022" agree, as does every strike of 2022).
            coarse = "year" in (a.date.precision, b.date.precision)
            score += 3 if a.date.resolved and b.date.resolved and not coarse else 1
    elif (a.date and a.date.month) or (b.date and b.date.month):
        # One report fixes the month and the other does not say: weaker, but not a contradiction.
        score -= 1
    if a.means == b.means and a.means not in _LOOSE_MEANS:
        score += 1
    elif not (a.means in _LOOSE_MEANS or b.means in _LOOSE_MEANS or {a.means, b.means} == {"DroneStrike", "Airstrike"}):
        return 0
    # Named targets must agree on a specific kind: a convoy strike is not a strike on bases and depots.
    ta, tb = ({_SAME_INSTALLATION.get(x, x) for x in t} - _VAGUE_TARGETS for t in (a.targets, b.targets))
    if ta and tb and not ta & tb:
        return 0
    score += len(ta & tb)
    # The same named person hit ("the killing of Haniyeh in Tehran") is strong evidence of one strike; a
    # group hit is not (the same militias are hit again and again).
    shared = [lex.entities.get(URIRef(x)) for x in set(a.target_actors) & set(b.target_actors)]
    if any(e is not None and e.kind in _PEOPLE for e in shared):
        score += 2
    return score


def merge_events(extractions: dict[str, Extraction], lex: Lexicon) -> dict[tuple[str, str], MergedEvent]:
    """(article stem, local id) → the merged event it belongs to. Deterministic in the input order."""
    mentions = [(stem, ev) for stem in sorted(extractions) for ev in extractions[stem].events]
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Two mentions can only match when one place is, or lies within, the other: index each mention
    # by its place, and look up a mention's candidates under its own place and its ancestors'.
    # That keeps comparisons local on large corpora (a town meets its town, not the whole country).
    by_place: dict[URIRef, list[int]] = defaultdict(list)
    within: dict[URIRef, list[int]] = defaultdict(list)
    iris: dict[str, URIRef] = {}
    places = [iris.setdefault(ev.place, URIRef(ev.place)) if ev.place else None for _, ev in mentions]
    for i, p in enumerate(places):
        if p is None:
            continue
        by_place[p].append(i)
        for a in lex.ancestors(p):
            within[a].append(i)
    pairs: list[tuple[int, int, int]] = []
    for i, (_, ev) in enumerate(mentions):
        p = places[i]
        if p is None:
            continue
        candidates = set(by_place[p]) | set(within.get(p, ()))
        for a in lex.ancestors(p):
            candidates.update(by_place.get(a, ()))
        for j in candidates:
            if j <= i or mentions[i][0] == mentions[j][0]:
                continue
            s = _score(lex, ev, mentions[j][1], p, places[j])
            if s >= MIN_SCORE:
                pairs.append((-s, i, j))
    pairs.sort()
    # An article reports a strike once, so each mention joins at most one mention per other article.
    used: set[tuple[int, str]] = set()
    for _, i, j in pairs:
        si, sj = mentions[i][0], mentions[j][0]
        if (i, sj) in used or (j, si) in used:
            continue
        used.add((i, sj))
        used.add((j, si))
        parent[find(j)] = find(i)

    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        clusters[find(i)].append(i)
    out: dict[tuple[str, str], MergedEvent] = {}
    for members in clusters.values():
        members.sort()
        evs = [mentions[i][1] for i in members]
        rep_stem, rep = mentions[members[0]]
        best_place = max((e for e in evs if e.place), key=lambda e: lex.entities[URIRef(e.place)].precision
                         if URIRef(e.place) in lex.entities else 0, default=None)
        best_date = next((e.date for e in evs if e.date and e.date.resolved), None) or next(
            (e.date for e in evs if e.date and e.date.iso()), None)
        means = next((e.means for e in evs if e.means not in _LOOSE_MEANS), rep.means)
        place_label = (lex.entities[URIRef(best_place.place)].label if best_place and URIRef(best_place.place) in lex.entities
                       else "place unknown")
        date_text = best_date.iso() if best_date and best_date.iso() else "date unknown"
        targets = sorted({t for e in evs for t in e.targets} - {"personnel", "site"})
        what = MEANS_WORDS.get(means, "strike") + (f" on {' and '.join(targets[:2])}" if targets else "")
        label = f"{what}, {place_label}, {date_text}".replace("_", " ")
        digest = hashlib.sha1(f"{rep_stem}#{rep.local}".encode()).hexdigest()[:8]
        when = date_text if best_date and best_date.iso() else "undated"
        key = f"{when}-{slug(place_label)}-{slug(MEANS_WORDS.get(means, 'strike'))}-{digest}"
        merged = MergedEvent(EVENT[key.lstrip("-")], label, tuple((mentions[i][0], mentions[i][1].local) for i in members))
        for i in members:
            out[(mentions[i][0], mentions[i][1].local)] = merged
    return out
