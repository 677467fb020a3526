"""Strikes layer: strike mentions (nouns, verbs), their means, targets, place and date, and their
coreference into the article's strikes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from rdflib import URIRef

from ..dates import MONTHS, WEEKDAYS, DateInfo, find_dates
from ..lexicon import SOURCE_KINDS, Entity
from ..records import EventRecord
from .context import _TOKEN, TOK, _Context, _Event, _same_side, _Sentence
from .figures import _NUM
from .speech import _SOURCE_VERB, _words

# -- strike vocabulary ---------------------------------------------------------------------------
_MEANS_WORDS: list[tuple[str, str]] = [
    (r"drones?|uavs?|kamikaze|loitering|unmanned", "DroneStrike"),
    (r"missiles?|ballistic", "MissileStrike"),
    (r"rockets?|katyushas?", "RocketAttack"),
    (r"mortars?", "MortarAttack"),
    (r"artillery|shell(?:ing|ed|s)?|tank fire", "ArtilleryStrike"),
    (r"air ?strikes?|air raids?|aerial|aircraft|warplanes?|jets?|fighter jets|bombers?|helicopters?|air strikes?", "Airstrike"),
]
_STRIKE_NOUN = (r"(?:(?:drone|air|missile|rocket|mortar|artillery|precision|aerial|suicide|kamikaze|bomb)[- ])?"
                r"(?:strikes?|airstrikes?|attacks?|raids?|bombings?|bombardments?|shelling|assaults?|assassination(?: attempt)?|"
                r"(?<=rocket )launch(?:es)?|(?<=missile )launch(?:es)?|(?<=drone )launch(?:es)?)")
_STRIKE_VERB = r"(?:struck|hit|targeted|bombed|attacked|shelled|pounded|raided|launched|fired|assassinated|crashed|exploded)"
_TRIGGER = re.compile(rf"\b(?P<noun>{_STRIKE_NOUN})\b|\b(?P<verb>{_STRIKE_VERB})\b", re.IGNORECASE)
_INDEFINITE = re.compile(r"(?:\b(?:a|an|another|one|new|fresh)\s+(?:[\w’'-]+\s+){0,3})$", re.IGNORECASE)
# "the attack", "the deadly drone strike", and "the Jordan attack" (a name, then at most the means).
_DEFINITE = re.compile(r"(?:\b(?:the|this|that|these|those|its|their|such)\s+(?:[\w’'-]+\s+){0,3})$"
                       r"|\b(?:the|this|that)\s+⟨\d+⟩\s+(?:(?:drone|air|missile|rocket|mortar|artillery|deadly|suicide)\s+)?$",
                       re.IGNORECASE)
_NEW_EVENT_CUE = re.compile(r"\b(?:similar|another|second|earlier|previous|separate|other|new|fresh|latest|responded|retaliated|retaliatory|hit back|struck back)\b",
                            re.IGNORECASE)
_GENERIC_SENTENCE = re.compile(
    r"\b(?:hundreds|thousands|scores|dozens|several|numerous|many|countless)\s+(?:of\s+)?(?:\w+\s+)?"
    r"(?:strikes|airstrikes|attacks|raids|incidents|operations)\b"
    r"|\b(?:frequent(?:ly)?|repeated(?:ly)?|regularly|routinely|for (?:many |several )?(?:years|decades|months|weeks)|in recent (?:years|months)|in the past(?!\s+(?:\w+\s+)?(?:days?|weeks?|months?|hours?|\d))|any of the|individual (?:incidents|attacks|strikes|operations)|since (?:19|20)\d\d|since the (?:start|beginning|outbreak) of|over the years)\b",
    re.IGNORECASE)
_HYPOTHETICAL = re.compile(
    r"\b(?:would|could|will|might|if|to (?:conduct|carry out|launch|strike|attack|risk)|plans? to|threat(?:en)?|capable of|ability to|possible to"
    r"|planning|plotting|orchestrating|participating in|coordinating|imminent|thwart\w*|foil\w*|prevent\w*)\b",
    re.IGNORECASE)
# Every break starts at one of ";", ":", "," or a space: read that character first (the engine then skips
# to such characters), and the branches that can follow it, in their order.
_CLAUSE_BREAK = re.compile(
    r"[;:,\s](?:(?<=[;:])"
    r"|(?<=,)\s+(?:(?:which|causing|giving|killing|but|while|as|after|adding)\b"
    r"|in\s+(?:retaliation|response|reprisal|revenge)\s+(?:for|to)\b)"
    r"|(?<=\s)\s*(?:(?:hours|days|weeks|shortly|minutes)\s+after\b"
    r"|(?:comes|came|come)\s+(?:just\s+)?as\b|(?:after|before|while|when|amid)\b|as\s+(?=(?:a|an|the|bomb|drones?|⟨|[A-Z]|\w+ing)\b)"
    r"|(?:in|as)\s+(?:retaliation|response|reprisal|revenge)\s+(?:for|to)\b"
    r"|(?:and\s+)?(?:followed|follows|following|preceded|echoed|echoes|mirrored)\b))",
    re.IGNORECASE)
_PLURAL_ANAPHOR = re.compile(r"\b(?:these|those|the|such)\s+(?:actions|strikes|attacks|operations|raids|airstrikes)\b", re.IGNORECASE)
# "in retaliation for a drone attack in Jordan": the attack answered is another, earlier strike.
_CAUSE_CUE = re.compile(r"\b(?:retaliation|response|reprisal|revenge)\s+(?:for|to)\s+(?:(?:[\w-]+|⟨\d+⟩)\s+){0,3}$", re.IGNORECASE)

_TARGETS: list[tuple[str, tuple[str, ...]]] = [
    (r"convoys?", ("convoy",)),
    (r"trucks?|tankers?|lorr(?:y|ies)", ("truck",)),
    (r"vehicles?|cars?|pick-?ups?|motorcycles?", ("vehicle",)),
    (r"(?:weapons|arms|munitions) shipments?|shipments?", ("weapons_shipment",)),
    (r"ships?|vessels?|freighters?|container ships?|cargo ships?|bulk carriers?|warships?|destroyers?|frigates?", ("ship",)),
    (r"bases?|outposts?|posts|positions?|headquarters|barracks|camps?|garrisons?", ("base",)),
    (r"(?:arms|weapons|ammunition|munitions) (?:depots?|warehouses?|caches?|stores?)|depots?|warehouses?|caches?", ("weapons_depot",)),
    (r"factor(?:y|ies)|plants?|facilit(?:y|ies)", ("factory",)),
    (r"airports?|airbases?|air bases?|airfields?", ("airport",)),
    (r"sites?", ("site",)),
    (r"buildings?|houses?|homes?|apartments?|prisons?|jails?|detention (?:centres?|centers?|facilit(?:y|ies))|consulates?|embass(?:y|ies)|"
     r"hospitals?|schools?|markets?|residences?", ("building",)),
    (r"militiamen|fighters|militants|personnel|troops|soldiers|commanders?|operatives|members", ("personnel",)),
    (r"bridges?|oil fields?|gas fields?|crossings?", ("infrastructure",)),
]
# Each target pattern with its words (see _words below).
_TARGET_WORDS: dict[str, frozenset[str]] = {
    "convoy": frozenset({"convoy", "convoys"}),
    "truck": frozenset({"truck", "trucks", "tanker", "tankers", "lorry", "lorries"}),
    "vehicle": frozenset({"vehicle", "vehicles", "car", "cars", "pick", "pickup", "pickups", "motorcycle", "motorcycles"}),
    "weapons_shipment": frozenset({"shipment", "shipments"}),
    "ship": frozenset({"ship", "ships", "vessel", "vessels", "freighter", "freighters", "carrier", "carriers", "warship", "warships",
                       "destroyer", "destroyers", "frigate", "frigates"}),
    "base": frozenset({"base", "bases", "outpost", "outposts", "posts", "position", "positions", "headquarters", "barracks", "camp",
                       "camps", "garrison", "garrisons"}),
    "weapons_depot": frozenset({"depot", "depots", "warehouse", "warehouses", "cache", "caches", "store", "stores"}),
    "factory": frozenset({"factory", "factories", "plant", "plants", "facility", "facilities"}),
    "airport": frozenset({"airport", "airports", "airbase", "airbases", "base", "bases", "airfield", "airfields"}),
    "site": frozenset({"site", "sites"}),
    "building": frozenset({"building", "buildings", "house", "houses", "home", "homes", "apartment", "apartments", "prison",
                           "prisons", "jail", "jails", "detention", "consulate", "consulates", "embassy", "embassies", "hospital",
                           "hospitals", "school", "schools", "market", "markets", "residence", "residences"}),
    "personnel": frozenset({"militiamen", "fighters", "militants", "personnel", "troops", "soldiers", "commander", "commanders",
                            "operatives", "members"}),
    "infrastructure": frozenset({"bridge", "bridges", "field", "fields", "crossing", "crossings"}),
}
_TARGET_MATCHERS = [(re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), kinds, _TARGET_WORDS[kinds[0]]) for pattern, kinds in _TARGETS]
_TARGET_FAMILY = {"convoy": "mobile", "truck": "mobile", "vehicle": "mobile", "weapons_shipment": "mobile", "ship": "mobile",
                  "base": "fixed", "weapons_depot": "fixed", "factory": "fixed", "airport": "fixed", "site": "fixed",
                  "building": "fixed", "infrastructure": "fixed", "personnel": "people"}


# -- quick checks -------------------------------------------------------------------------------
# Most sentences hold none of the words a pattern needs: the set of the sentence's words (speech._words)
# rules the pattern out at once. Each word set below holds, for every way the pattern can match, one
# word that then stands in the text between word boundaries.
def _folded(text: str) -> str | None:
    """The text lower-cased (as many characters), or None as for _words."""
    if "İ" in text or "ı" in text or "ſ" in text:
        return None
    return text.lower()


def _plurals(*words: str) -> frozenset[str]:
    return frozenset(words) | {w + "s" for w in words}


_TRIGGER_WORDS = _plurals("strike", "airstrike", "attack", "raid", "bombing", "bombardment", "assault") | {
    "shelling", "assassination", "launch", "launches", "struck", "hit", "targeted", "bombed", "attacked", "shelled", "pounded",
    "raided", "launched", "fired", "assassinated", "crashed", "exploded"}
# _GENERIC_SENTENCE needs a quantity and a plural ("hundreds of strikes"), a span of time and "for" or "over"
# ("for years", "over the years"), or one of the other words.
_GENERIC_QUANTITIES = frozenset({"hundreds", "thousands", "scores", "dozens", "several", "numerous", "many", "countless"})
_GENERIC_PLURALS = frozenset({"strikes", "airstrikes", "attacks", "raids", "incidents", "operations"})
_GENERIC_SPANS = frozenset({"years", "decades", "months", "weeks"})
_GENERIC_WORDS = frozenset({"frequent", "frequently", "repeated", "repeatedly", "regularly", "routinely", "recent", "past", "any",
                            "individual", "since"})


def _may_be_generic(words: frozenset[str] | None) -> bool:
    return words is None or not words.isdisjoint(_GENERIC_WORDS) or (
        not words.isdisjoint(_GENERIC_QUANTITIES) and not words.isdisjoint(_GENERIC_PLURALS)) or (
        not words.isdisjoint(_GENERIC_SPANS) and ("for" in words or "over" in words))


_PLURAL_ANAPHOR_WORDS = frozenset({"actions", "strikes", "attacks", "operations", "raids", "airstrikes"})
# Beyond ";" and ":", every clause break holds one of these.
_CLAUSE_WORDS = frozenset({"which", "causing", "giving", "killing", "but", "while", "as", "after", "adding", "retaliation", "response",
                           "reprisal", "revenge", "before", "when", "amid", "followed", "follows", "following", "preceded", "echoed",
                           "echoes", "mirrored"})
# Every date find_dates reads holds one of these, or a year.
_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE_WORDS = frozenset({*(m for m in MONTHS if m != "sept"), "sept", "sep", *WEEKDAYS, "yesterday", "today", "morning", "night",
                         "month", "year", "days"})


# -- events ---------------------------------------------------------------------------------------

@dataclass
class _Trigger:
    start: int
    end: int
    text: str
    definite: bool
    indefinite: bool
    means: str
    targets: list[str]
    place: Entity | None
    place_text: str | None
    date: DateInfo | None
    plural: bool
    clause: tuple[int, int]
    target_actors: list[str] = field(default_factory=list)
    named_place: bool = False  # the place names the strike: "the Jordan attack"
    answered: bool = False  # named as what another strike answered: "in retaliation for a drone attack"


def _clauses(tpl: str, words: frozenset[str] | None = None) -> list[tuple[int, int]]:
    if words is not None and words.isdisjoint(_CLAUSE_WORDS):
        # Only ";" and ":" can break the sentence.
        cuts = [0] + [i for i, c in enumerate(tpl) if c in ";:"] + [len(tpl)] if ";" in tpl or ":" in tpl else [0, len(tpl)]
    else:
        cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(tpl)] + [len(tpl)]
    return [(a, b) for a, b in pairwise(cuts) if b > a]


def _event_refs(ctx: _Context, sent: _Sentence, sources: list[tuple[int, str | None]]) -> list[_Event]:
    tpl = sent.tpl
    words = _words(tpl)
    generic = sent.generic = _may_be_generic(words) and bool(_GENERIC_SENTENCE.search(tpl))
    clauses = _clauses(tpl, words)
    sent.clauses = clauses
    # Without a date word or a year, no part of the sentence has a date (a clause ends at a character
    # that is no word character, so each word of a clause is one of the sentence's words).
    dated = words is None or not words.isdisjoint(_DATE_WORDS) or _YEAR.search(tpl) is not None
    if words is None or not words.isdisjoint(_TRIGGER_WORDS):
        low = _folded(tpl)
        triggers = [t for t in (_trigger(ctx, sent, m, clauses, sources, low, dated) for m in _TRIGGER.finditer(tpl)) if t]
    else:
        triggers = []
    _nearest_dates(triggers)
    refs: list[_Event] = []
    if (generic and triggers) or (words is None or not words.isdisjoint(_CAMPAIGN_WORDS)):
        series = _campaign(ctx, sent, triggers, clauses, sources, dated)
        if series is not None:
            return [series]
    # "The US military conducted airstrikes … on October 26, and November 9, and precision strikes on
    # November 12": one new strike per distinct day in a list of dates.
    # A dateline and a weekday naming the same day are one date.
    days = []
    for d in find_dates(tpl, published=ctx.article.published) if dated else ():
        if d.day and not any(x.iso() == d.iso() for x in days):
            days.append(d)
    if len(days) >= 2 and triggers and not generic and not triggers[0].definite and _listed(tpl, days):
        refs = _date_list_events(ctx, sent, triggers, days)
        sent.date_list = True
        return refs
    by_clause: dict[tuple[int, int], _Event] = {}
    by_clause_definite: dict[tuple[int, int], bool] = {}  # whether the clause's first strike word refers back
    answered: list[_Event] = []  # strikes named only as what another one answered
    for t in triggers:
        clause_text = tpl[t.clause[0]:t.clause[1]]
        lead = tpl[max(t.clause[0], t.start - 40):t.start]
        if _HYPOTHETICAL.search(lead) or _HYPOTHETICAL.search(clause_text[:15]) or _METHOD_LIST.search(lead):
            continue
        if t.answered and not t.indefinite and not t.definite and not _ACTOR_BEFORE.search(tpl, max(0, t.start - 30), t.start):
            # "in response to attacks on U.S. forces": what the strike answered, not the strike; "in response
            # to Houthi attacks in the Red Sea" names a strike of its own.
            continue
        if t.answered and not t.indefinite and not t.definite:
            # A strike named as what this one answered, with its own striker: a strike of its own.
            ev = _new_event(ctx, sent, t)
            answered.append(ev)
            sent.positions.setdefault(ev.rec.local, t.start)
            refs.append(ev)
            continue
        if t.clause in by_clause and not (t.indefinite and t.date is not None and by_clause_definite.get(t.clause)
                                          and not _same_date(by_clause[t.clause], t)):
            # A noun and a verb of one clause ("a drone attack … hit") are one strike; "the attack has
            # precedent in a 31 July drone attack" names two.
            ev = by_clause[t.clause]
            _refine(ctx, ev, t, sent)
        else:
            ev = _resolve(ctx, sent, t, generic)
        if ev is not None:
            if t.answered and t.indefinite:
                answered.append(ev)
            by_clause[t.clause] = ev
            by_clause_definite.setdefault(t.clause, t.definite)
            sent.positions.setdefault(ev.rec.local, t.start)
            if ev not in refs:
                refs.append(ev)
            _note_location_noun(ctx, sent, t, ev)
    if not triggers:
        if len(ctx.last_group) > 1 and ctx.last_group_sentence == sent.index - 1 \
                and (words is None or not words.isdisjoint(_PLURAL_ANAPHOR_WORDS)) and _PLURAL_ANAPHOR.search(tpl):
            refs = list(ctx.last_group)
        else:
            ev = _implicit_ref(ctx, sent, words)
            if ev is not None:
                refs.append(ev)
    if refs:
        # The sentence's focus is the strike mentioned last ("X came hours after a drone attack hit Y"),
        # unless that one is only what the strike answered or a strike long past.
        ctx.focus = next((e for e in reversed(refs) if e not in answered and not (
            len(refs) > 1 and e.rec.date is not None and _long_before(ctx, e.rec.date))), refs[-1])
    _location_followup(ctx, sent)
    return refs


# "Since November, the rebels have repeatedly targeted ships", "the Houthis began targeting ships in
# October 2023": a named actor's campaign of strikes, a strike series of its own (not the news of the day).
_CAMPAIGN = re.compile(
    rf"(?P<a>{TOK})\s+(?:(?:have|has|had)\s+)?(?:(?:repeatedly|regularly|frequently|routinely)\s+"
    r"(?:targeted|attacked|struck|launched|fired|shelled|bombed)|(?:began|begun|started)\s+"
    r"(?:targeting|attacking|striking|launching|firing|shelling|bombing))\b")
_CAMPAIGN_WORDS = frozenset({"began", "begun", "started"})


def _campaign(ctx: _Context, sent: _Sentence, triggers: list[_Trigger], clauses: list[tuple[int, int]],
              sources: list[tuple[int, str | None]], dated: bool) -> _Event | None:
    m = _CAMPAIGN.search(sent.tpl)
    if m is None:
        return None
    ent = sent.ents[int(m.group("a")[1:-1])]
    if ent.is_place or ent.kind in SOURCE_KINDS:
        return None
    t = next((t for t in triggers if m.start() <= t.start < m.end() + 60), None)
    if t is None:
        # "began targeting": the verb names the strikes.
        verb = re.compile(r"\w+$").search(m.group(0))
        t = _trigger(ctx, sent, _STRIKE_WORD_AT.match(sent.tpl, m.start() + verb.start()) or verb, clauses, sources, None, dated)
        if t is None:
            return None
    # A campaign is placed by its own words only ("in the Red Sea"), not by the strike just reported.
    ev = _new_event(ctx, sent, replace(t, means="AttackSeries"), inherit_place=False)
    sent.positions.setdefault(ev.rec.local, t.start)
    return ev


_STRIKE_WORD_AT = re.compile(r"(?P<noun>(?!x)x)?(?P<verb>\w+)")


def _nearest_dates(triggers: list[_Trigger]) -> None:
    """A date of a clause with several strike words belongs to the nearest one: in "the attack has precedent
    in a 31 July drone attack", the 31 July attack, not the one spoken of."""
    for t in triggers:
        d = t.date
        if d is None:
            continue
        if any(o is not t and o.clause == t.clause and o.date == d and _gap(o, d) < _gap(t, d) for o in triggers):
            t.date = None


def _gap(t: _Trigger, d: DateInfo) -> int:
    return max(t.start - d.end, d.start - t.end, 0)


_ACTOR_BEFORE = re.compile(r"⟨\d+⟩\s+(?:(?:drone|missile|rocket|air|artillery)\s+)?$")
_METHOD_LIST = re.compile(r"\b(?:involving|such as|methods?|types? of|by (?:carrying out|conducting|launching))\s+(?:[\w-]+\s+){0,3}$",
                          re.IGNORECASE)


_NEAR_NOUN = re.compile(r"\b(?:near|at|on)\s+(?:an?\s+)(?:[\w-]+\s+){0,3}?(crossing|base|airport|checkpoint|position|field|site|outpost)\b")


def _note_location_noun(ctx: _Context, sent: _Sentence, t: _Trigger, ev: _Event) -> None:
    m = _NEAR_NOUN.search(sent.tpl[t.start:t.clause[1]])
    if m:
        ctx.location_nouns[m.group(1).lower()] = ev


def _trigger(ctx: _Context, sent: _Sentence, m: re.Match[str], clauses: list[tuple[int, int]],
             sources: list[tuple[int, str | None]], low: str | None = None, dated: bool = True) -> _Trigger | None:
    tpl = sent.tpl
    word = m.group(0)
    before = tpl[max(0, m.start() - 40):m.start()]
    if m.group("verb") and word.lower() in ("crashed", "exploded"):
        # "two Israeli drones crashed in Beirut", not "a car exploded"
        before_verb = _DRONE_BEFORE.search(tpl, max(0, m.start() - 130), m.start())
        if before_verb is None or (before_verb.group("t") and not _PROJECTILE_NAME.search(
                sent.mentions[int(before_verb.group("t")[1:-1])].text)):
            return None
    elif m.group("verb"):
        # Verbs count only with a strike subject or object ("Drones attacked", "Israel hit").
        if not _STRIKER_NEAR.search(tpl, max(0, m.start() - 50), m.end() + 60):
            return None
        if _VERB_NOT_STRIKE.match(tpl, m.end()) and word.lower() != "assassinated" and not _VERB_BY_STRIKER.match(tpl, m.end()) and not (
                _PROJECTILE_BEFORE.search(tpl, max(0, m.start() - 30), m.start()) and _BY_ACTOR.match(tpl, m.end())):
            return None  # "struck by lightning", not "a missile fired by the Houthis"
    if low is None:
        low = _folded(tpl)
    if (low is None or any(low.find(w, m.end()) >= 0 for w in _FIGURATIVE_WORDS)) and _FIGURATIVE_TARGET.match(tpl, m.end()):
        return None  # "an attack on Iraqi sovereignty"
    clause = next(((a, b) for a, b in clauses if a <= m.start() < b), (0, len(tpl)))
    lo, hi = clause
    means = _means(word, _plain(sent, max(lo, m.start() - 40), min(hi, m.end() + 40)))
    if _SERIES_OF.search(before) and word.lower().endswith("s"):
        means = "AttackSeries"  # "a string of drone and rocket attacks"
    targets = _targets(_plain(sent, max(lo, m.start() - 45), min(hi, m.end() + 80)))
    place, place_text = _place(ctx, sent, lo, hi, sources)
    same = _SAME_TARGET.match(tpl, m.end()) if "same" in tpl[m.end():m.end() + 60] else None
    if same is not None:
        # "a 2022 coalition attack on the same facility": the place and target of the strike spoken of.
        earlier = max((e for e in ctx.events if e.rec.place and set(e.rec.targets) - {"site", "personnel"}),
                      key=lambda e: e.sentence, default=None)
        if earlier is not None:
            targets = list(earlier.rec.targets)
            place = ctx.lex.entities.get(URIRef(earlier.rec.place), place)
            place_text = same.group(1)
    dates = find_dates(tpl, lo, hi, ctx.article.published) if dated else []
    dates = [d for d in dates if not _speech_time(tpl, d, sources, m.start(), sent)]
    date = dates[0] if dates else None
    definite = bool(_DEFINITE.search(before)) and not _INDEFINITE.search(before[-25:])
    indefinite = bool(_INDEFINITE.search(before[-30:]))
    plural = word.lower().endswith("s") and not word.lower().endswith("ss")
    if "similar" in before.lower() or "another" in before.lower():
        indefinite, definite = True, False
    hit: list[str] = []
    # "…, killing a commander of X": the clause after says whom the strike hit.
    after = next((b for a, b in clauses if a == hi and _CASUALTY_CLAUSE.match(tpl, a)), hi)
    for tm in _TARGET_ACTOR.finditer(tpl, m.start(), after):
        if _BLAMED_ON.search(tpl, max(0, tm.start() - 40), tm.start() + 2):
            continue  # "that Moscow blames on Ukraine": whom it is blamed on
        ent = sent.ents[int(tm.group("t")[1:-1])]
        if not ent.is_place and ent.kind not in SOURCE_KINDS:
            hit.append(str(ent.iri))
    # "Haniyeh was assassinated in Tehran", "the killing of Hamas's chief Haniyeh in a strike": the person hit.
    victim = (_VICTIM_SUBJECT.search(tpl, max(0, m.start() - 40), m.start()) if m.group("verb") else
              _VICTIM_BEFORE.search(tpl, max(0, m.start() - 90), m.start()))
    if victim is not None:
        ent = sent.ents[int(victim.group("t")[1:-1])]
        if ent.kind in ("Person", "Official", "Commander") and str(ent.iri) not in hit:
            hit.append(str(ent.iri))
    named = _NAMED_BEFORE.search(before)
    named_place = bool(named and place is not None and sent.ents[int(named.group(1))].iri == place.iri)
    answered = bool(_CAUSE_CUE.search(tpl[max(0, m.start() - 30):m.start()]))
    return _Trigger(m.start(), m.end(), word, definite, indefinite, means, targets, place, place_text, date, plural, clause,
                    hit, named_place, answered)


_STRIKER_NEAR = re.compile(r"drones?|aircraft|warplanes|jets|strikes?|missiles?|rockets?|" + TOK, re.IGNORECASE)
_VERB_NOT_STRIKE = re.compile(r"\s+(?:by|in|hard|home|out|back|record)\b")
_DRONE_BEFORE = re.compile(rf"(?:\b(?:drones?|missiles?|rockets?|projectiles?)\b|(?P<t>{TOK}))(?:,[^,]{{1,100}},)?\s+"
                           r"(?:(?:which|that|had|have|has|then|later|also)\s+)?$", re.IGNORECASE)
_PROJECTILE_NAME = re.compile(r"\b(?:drones?|missiles?|rockets?|projectiles?)$", re.IGNORECASE)
_PROJECTILE_BEFORE = re.compile(r"\b(?:missiles?|rockets?|drones?|shells?|projectiles?|mortars?)\s+(?:(?:was|were|had been|being)\s+)?$",
                                re.IGNORECASE)
_BY_ACTOR = re.compile(rf"\s+by\s+(?:the\s+)?{TOK}")
_VERB_BY_STRIKER = re.compile(r"\s+by\s+(?:an?\s+)?(?:(?:suspected|alleged|apparent|presumed)\s+)?(?:⟨\d+⟩\s+)?(?:drone|air|missile|rocket|warplane|jet|aircraft|helicopter)")
_FIGURATIVE_WORDS = ("sovereignty", "independence", "dignity", "democracy", "freedom", "values")
_SERIES_OF = re.compile(r"\b(?:string|series|wave|spate|campaign|barrage|flurry)\s+of\s+(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
_CASUALTY_CLAUSE = re.compile(r",\s+(?:killing|wounding|injuring|hitting|targeting)\b", re.IGNORECASE)
_FIGURATIVE_TARGET = re.compile(rf"\s+(?:on|against)\s+(?:the\s+|its\s+|their\s+)?(?:(?:\w+|{TOK})\s+){{0,2}}?"
                                r"(?:sovereignty|independence|dignity|democracy|freedom|values)\b", re.IGNORECASE)
_NAMED_BEFORE = re.compile(r"⟨(\d+)⟩\s+(?:(?:drone|air|missile|rocket|mortar|artillery|deadly|suicide)\s+)?$")


_VICTIM_SUBJECT = re.compile(rf"(?P<t>{TOK})\s+(?:was|were|had been|has been)\s+(?:\w+\s+)?$")
_VICTIM_BEFORE = re.compile(rf"\b(?:killing|assassination|death|murder)\s+of\s+(?:[^,;.]{{0,40}}?)(?P<t>{TOK})\s+"
                            r"(?:in|by)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_BLAMED_ON = re.compile(r"\bblam\w*\s+(?:[\w⟨⟩]+\s+){0,3}?on$", re.IGNORECASE)
_TARGET_ACTOR = re.compile(
    rf"\b(?<!fell )(?<!falls )(?<!fallen )(?<!focused )(?<!centred )(?<!centered )(?:on|against|targeting|targeted|hit|struck|killed|killing|wounding|belonging to|used by|held by)\s+(?!by\b)"
    rf"(?:an?\s+|the\s+)?(?:(?!by\b)[\w-]+\s+){{0,3}}?(?:of\s+)?(?:the\s+)?(?P<t>{TOK})",
    re.IGNORECASE)


def _plain(sent: _Sentence, a: int, b: int) -> str:
    """Template text with each token replaced by the words it stands for."""
    return _TOKEN.sub(lambda t: sent.mentions[int(t.group(1))].text, sent.tpl[a:b])


def _speech_time(tpl: str, d: DateInfo, sources: list[tuple[int, str | None]], trigger: int,
                 sent: _Sentence | None = None) -> bool:
    """A date before the reporting verb dates the statement, not the strike ("Last month, X said …"),
    and so does one right after it ("X denied on Wednesday responsibility for the attack") or right after
    the speaker ("citing Al Masirah channel on Sunday night, footage showed …")."""
    if d.end <= trigger and _VERB_BEFORE_DATE.search(tpl, max(0, d.start - 40), d.start):
        return True
    if sent is not None and d.end <= trigger and sources:
        speaker = _SPEAKER_BEFORE_DATE.search(tpl, max(0, d.start - 40), d.start)
        if speaker is not None and str(sent.ents[int(speaker.group(1))].iri) in {s for _, s in sources}:
            return True
    return any(d.end <= pos + 60 and pos < trigger and d.start < trigger and _VERB_AFTER_DATE.match(tpl, d.end, trigger)
               for pos, _ in sources)


_SPEAKER_BEFORE_DATE = re.compile(r"⟨(\d+)⟩(?:'s?)?(?:\s+(?:channel|television|TV|agency|statement|account))?\s+(?:late\s+|early\s+)?$")
_VERB_BEFORE_DATE = re.compile(rf"\b{_SOURCE_VERB}\s+(?:on\s+|late\s+|early\s+)?$")
_VERB_AFTER_DATE = re.compile(rf".{{0,80}}?\b{_SOURCE_VERB}\b")


# The word tables compiled once: these run for every strike word.
_MEANS_EXACT = [(re.compile(rf"\b(?:{pattern})\b"), cls) for pattern, cls in _MEANS_WORDS]
_MEANS_ANY_CASE = [(re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), cls) for pattern, cls in _MEANS_WORDS]


_MEANS_NEEDS = {
    "DroneStrike": _plurals("drone", "uav") | {"kamikaze", "loitering", "unmanned"},
    "MissileStrike": _plurals("missile") | {"ballistic"},
    "RocketAttack": _plurals("rocket", "katyusha"),
    "MortarAttack": _plurals("mortar"),
    "ArtilleryStrike": frozenset({"artillery", "shell", "shelling", "shelled", "shells", "fire"}),
    "Airstrike": _plurals("airstrike", "strike", "raid", "warplane", "jet", "bomber", "helicopter") | {"aerial", "aircraft"},
}
_SERIES_WORD = re.compile(r"attacks|assaults")


def _means(word: str, window: str) -> str:
    w = word.lower()
    for matcher, cls in _MEANS_EXACT:
        if matcher.search(w):
            return cls
    present = _words(window)
    for matcher, cls in _MEANS_ANY_CASE:
        if (present is None or not present.isdisjoint(_MEANS_NEEDS[cls])) and matcher.search(window):
            return cls
    if _SERIES_WORD.match(w):
        return "AttackSeries"
    return "StrikeMeansUnknown"


def _targets(scope: str) -> list[str]:
    out: list[str] = []
    head = scope[:140]
    present = _words(head)
    for matcher, kinds, words in _TARGET_MATCHERS:
        if (present is None or not present.isdisjoint(words)) and matcher.search(head):
            for k in kinds:
                if k not in out:
                    out.append(k)
    return out


def _place(ctx: _Context, sent: _Sentence, lo: int, hi: int, sources: list[tuple[int, str | None]]) -> tuple[Entity | None, str | None]:
    tpl = sent.tpl
    best: tuple[int, int, Entity, str] | None = None
    # A dateline ("DAMASCUS, Syria (AP) -") is where the report was filed, not where the strike was.
    dateline = _DATELINE.match(tpl) if sent.index == 0 else None
    in_first = _IN_TOKEN_FIRST.match(tpl)  # "In ⟨0⟩, …"
    asides = [a.span() for a in _ASIDE.finditer(tpl, lo, hi)] if "," in tpl[lo:hi] else []
    for m in _TOKEN.finditer(tpl, max(lo, dateline.end()) if dateline else lo, hi):
        ent = sent.ents[int(m.group(1))]
        if not ent.is_place or any(a <= m.start() < b for a, b in asides):
            continue
        pre = tpl[max(0, m.start() - 25):m.start()].lower()
        post = tpl[m.end():m.end() + 15].lower()
        # Where a convoy came from, or where a speaker sits, is not where the strike was.
        if ent.kind == "Country" and _FROM_COUNTRY.search(pre):
            continue
        origin = bool(_FROM_BEFORE.search(pre))
        if _IN_AT_START.match(tpl, 0, m.start()) or (sources and in_first is not None and in_first.group(1) == m.group(0)):
            continue
        if _TOWARDS_BEFORE.search(pre) or _ACCUSED_BEFORE.search(pre) or _MOVED_TO_BEFORE.search(pre):
            # Where a strike was aimed, whom a speaker accuses ("accused Tehran of") or where someone went
            # afterwards ("we returned to Mosul") is not its place.
            continue
        if "border" in post[:8] and ent.kind == "Country":
            continue
        if _NOT_WHERE.match(post):
            continue  # "the Gaza war" is no place of a strike
        if _PLACE_AS_SUBJECT.match(tpl, m.end()) and not _LOCATIVE_BEFORE.search(pre):
            continue  # "… and said Tehran would respond": the government, not where the strike was
        ent = _governorate_if_named(ctx, ent, pre, post)
        rank = ent.precision - (10 if origin else 0)
        if best is None or rank > best[0]:
            best = (rank, m.start(), ent, sent.mentions[int(m.group(1))].text)
    if _SAME_REGION.search(tpl[lo:hi]):
        # "in the same region in Syria": the place of the strike reported before, if it lies there.
        for ev in ctx.events:
            pe = ctx.lex.entities.get(URIRef(ev.rec.place)) if ev.rec.place else None
            if pe is not None and (best is None or (pe.precision > best[0] and ctx.lex.within(pe.iri, best[2].iri))):
                return pe, "the same region"
    if best is None:
        return None, None
    return best[2], best[3]


_FROM_COUNTRY = re.compile(r"\b(?:from|border with|borders? of) (?:the )?$")
# "the enemy, in the context of its support for the crimes in Gaza, launched …": places of an aside are
# what the speaker talks about, not where the strike was.
_ASIDE = re.compile(r",\s+(?:in the context of|in support of|in solidarity with|as part of|despite|amid)\s+[^,;]{1,140}?,", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom (?:the )?(?:direction of (?:the )?|area of (?:the )?)?(?:\w+ )?$")
_IN_AT_START = re.compile(r"\s*in\s+$")
_IN_TOKEN_FIRST = re.compile(r"\s*In (⟨\d+⟩),")
_MOVED_TO_BEFORE = re.compile(r"\b(?:returned|went|came|fled|escaped|moved|travell?ed|drove|headed|retreated)\s+(?:back\s+)?to\s+(?:the\s+)?$")
_TOWARDS_BEFORE = re.compile(r"\btowards? (?:the )?(?:\w+ )?$")
_SAME_TARGET = re.compile(r"\s+(?:on|against|at|targeting|hitting)\s+(the same (?:facility|site|building|compound|prison|centre|center|"
                          r"base|camp|hospital|school|airport|target|location))\b", re.IGNORECASE)
_SAME_REGION = re.compile(r"\bthe same (?:region|area|place|town|city|border region)\b", re.IGNORECASE)
_ACCUSED_BEFORE = re.compile(r"\b(?:accus\w*|blam\w*|condemn\w*|held|holds?|warned)\s+(?:the\s+)?$")
_NOT_WHERE = re.compile(r"\s*(?:war|conflict|crisis|ceasefire|truce|talks|deal|accords?|agreement|file|policy)\b")
_DATELINE = re.compile(r"\s*⟨\d+⟩(?:\s*,\s*⟨\d+⟩)?(?:\s*,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\((?:⟨\d+⟩|[A-Za-z. ]{2,30})\))?\s*-\s")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|at|on|outside|around|of|from|across|over|inside|into|to|towards?|west|east|north|south|"
                              r"western|eastern|northern|southern|central)\s+(?:the\s+)?(?:[\w-]+\s+)?$")
_PLACE_AS_SUBJECT = re.compile(
    r"\s+(?:would|will|could|may|might|must|should|has|have|had|is|was|said|says|vowed|warned|accused|blamed|denied|"
    r"condemned|called|urged|responded|retaliated|insisted|stated|announced|rejected|threatened|promised)\b")


_PROVINCE_OF = re.compile(r"(?:province|governorate) of (?:the )?$")
_PROVINCE_AFTER = re.compile(r"\s*(?:province|governorate)\b")


def _governorate_if_named(ctx: _Context, ent: Entity, pre: str, post: str) -> Entity:
    """'province of Deir el-Zour' / 'Deir ez-Zor province' is the governorate, not the city."""
    if ent.kind == "Settlement" and (_PROVINCE_OF.search(pre) or _PROVINCE_AFTER.match(post)):
        gov = ctx.lex.governorate_of(ent.iri)
        if gov is not None:
            return ctx.lex.entities[gov]
    return ent


def _resolve(ctx: _Context, sent: _Sentence, t: _Trigger, generic: bool) -> _Event | None:
    specific_means = t.means not in ("StrikeMeansUnknown", "AttackSeries")
    # "the group's October 7 attack": a dated strike with its striker named before it is a strike of its own.
    owned = t.date is not None and _OWNER_BEFORE.search(sent.tpl, max(0, t.start - 40), t.start) is not None
    has_features = bool(t.place or t.targets or specific_means or owned)
    if t.definite or not (has_features or t.date):
        ev = _antecedent(ctx, t)
        if ev is not None:
            _refine(ctx, ev, t, sent)
            return ev
        if not ctx.events and not generic and not t.plural:
            return _new_event(ctx, sent, t)  # the article's first strike, however plainly named
        if generic or not has_features or not (t.place or t.date or t.targets):
            return None
    if generic or not has_features:
        return None
    before = sent.tpl[max(0, t.start - 30):t.start]
    # The article's first sentence with a strike has no focus yet: a second mention in it ("accused of an
    # attack on a prison … after denying it launched an air raid") may be the strike just named.
    focus = ctx.focus or next((e for e in ctx.events[-1:] if e.origin_sentence == sent.index
                               and not t.plural and t.means != "AttackSeries"), None)
    earlier = _same_target_and_agent(ctx, sent, t, focus) if t.date is None and not _NEW_EVENT_CUE.search(before) else None
    if earlier is not None:
        _refine(ctx, earlier, t, sent)
        return earlier
    if focus is not None and not _NEW_EVENT_CUE.search(before) and not (t.indefinite and t.answered) \
            and _compatible(ctx, focus, t) and not _other_agent(ctx, sent, t, focus):
        # An indefinite mention that adds nothing new is the strike in focus; one with its own
        # date or another place is a different strike.
        new_date = t.date is not None and not _same_date(focus, t)
        new_place = t.place is not None and focus.rec.place is not None and not _place_ok(ctx, focus.rec.place, str(t.place.iri))
        if not (t.indefinite and (new_date or new_place)) or sent.index - focus.origin_sentence <= 1:
            _refine(ctx, focus, t, sent)
            return focus
    return _new_event(ctx, sent, t)


def _same_target_and_agent(ctx: _Context, sent: _Sentence, t: _Trigger, focus: _Event | None) -> _Event | None:
    """An undated mention that names the target and the striker of a strike told before ("footage showed the
    dead at a detention center hit by a US strike") is that strike, though another is in focus."""
    kinds = set(t.targets) - {"site", "personnel"}
    if not kinds or (focus is not None and kinds & set(focus.rec.targets)):
        return None
    agents = {str(e.iri) for e in (sent.ents[int(x)] for x in _TOKEN.findall(sent.tpl, t.clause[0], t.clause[1]))
              if not e.is_place and e.kind not in SOURCE_KINDS}
    if not agents:
        return None
    for ev in sorted(ctx.events, key=lambda e: -e.sentence):
        if ev is focus or not kinds & set(ev.rec.targets) or not _compatible(ctx, ev, t):
            continue
        actors = {a.actor for a in ctx.extraction.attributions if a.event == ev.rec.local and a.actor and a.stance != "denied"}
        if actors & agents:
            return ev
    return None


_OWNER_BEFORE = re.compile(r"⟨\d+⟩'s\s+(?:[\w-]+\s+){0,3}$")


def _other_agent(ctx: _Context, sent: _Sentence, t: _Trigger, ev: _Event) -> bool:
    """Whether the clause names as the striker ("Russian warplanes pounded …") an actor on another side
    than every actor already said to have carried out the strike: then it is another strike."""
    asides = [a.span() for a in _ASIDE.finditer(sent.tpl, t.clause[0], t.start)]
    agents = [e for e in (sent.ents[int(x.group(1))] for x in _TOKEN.finditer(sent.tpl, t.clause[0], t.start)
                          if not any(a <= x.start() < b for a, b in asides))
              if not e.is_place and e.kind not in SOURCE_KINDS and e.kind not in ("Official", "Person")]
    if not agents:
        return False
    agent = str(agents[-1].iri)  # the nearest: "X said Israeli jets fired" names Israel
    known = {a.actor for a in ctx.extraction.attributions
             if a.event == ev.rec.local and a.actor and a.stance in ("asserted", "acknowledged", "suggested")}
    return bool(known) and not any(a == agent or _same_side(ctx, a, agent) for a in known)


def _same_date(ev: _Event, t: _Trigger) -> bool:
    return bool(ev.rec.date and t.date and ev.rec.date.same_specific(t.date))


def _antecedent(ctx: _Context, t: _Trigger) -> _Event | None:
    """The most recent strike that fits what the definite reference says about it."""
    order = sorted(ctx.events, key=lambda e: (e is not ctx.focus, -e.sentence, -ctx.events.index(e)))
    for ev in order:
        if t.date and ev.rec.date and not ev.rec.date.compatible(t.date):
            continue
        if t.date and t.date.month and not (ev.rec.date and ev.rec.date.month == t.date.month):
            continue
        if t.means not in ("StrikeMeansUnknown", "AttackSeries") and not _means_ok(ev.rec.means, t.means):
            continue
        if t.plural and t.text.lower().startswith("attack") and any(e.rec.series for e in ctx.events) and not ev.rec.series:
            continue
        if t.place and ev.rec.place and (t.place.precision > 2 or t.named_place) and \
                not _place_ok(ctx, ev.rec.place, str(t.place.iri)):
            continue
        return ev
    return None


# "the trucks", "those drones": the strike in focus, spoken of again.
_BACK_REFERENCE_KINDS = {"convoy", "truck", "vehicle", "weapons_shipment", "ship", "base"}
_BACK_REFERENCE = re.compile(rf"\b(?:the|those|these)\s+(?:\w+\s+){{0,2}}(?:{'|'.join(p for p, kinds in _TARGETS if set(kinds) & _BACK_REFERENCE_KINDS)}"
                             r"|drones|aircraft|warplanes|casualties|victims|dead|death toll)\b", re.IGNORECASE)


# "The Observatory said seven people were wounded", right after the strike is reported.
_CASUALTY_REPORT = re.compile(rf"\b{_NUM}\s+(?:[\w-]+\s+)?(?:people|persons|fighters|civilians|soldiers|members|militiamen|children)\s+"
                              r"(?:were|had been|have been)\s+(?:killed|wounded|injured|hurt)\b", re.IGNORECASE)


# What _BACK_REFERENCE and _CASUALTY_REPORT each need.
_BACK_REFERENCE_WORDS = frozenset().union(*(_TARGET_WORDS[k] for k in sorted(_BACK_REFERENCE_KINDS))) | {
    "drones", "aircraft", "warplanes", "casualties", "victims", "dead", "death"}
_CASUALTY_REPORT_WORDS = frozenset({"killed", "wounded", "injured", "hurt"})


def _implicit_ref(ctx: _Context, sent: _Sentence, words: frozenset[str] | None = None) -> _Event | None:
    """Sentences that refer to the strike in focus without a strike word ("the attacked convoy")."""
    if ctx.focus is None:
        return None
    if words is None:
        words = _words(sent.tpl)
    since = sent.index - ctx.focus.sentence
    if (since <= 3 and (words is None or not words.isdisjoint(_BACK_REFERENCE_WORDS)) and _BACK_REFERENCE.search(sent.tpl)) or (
            since <= 1 and not sent.generic and (words is None or not words.isdisjoint(_CASUALTY_REPORT_WORDS))
            and _CASUALTY_REPORT.search(sent.tpl)):
        ctx.focus.sentence = sent.index
        ctx.focus.rec.spans.append((sent.start, sent.end))
        return ctx.focus
    return None


def _compatible(ctx: _Context, ev: _Event, t: _Trigger) -> bool:
    r = ev.rec
    if t.date and r.date and not r.date.compatible(t.date):
        return False
    if t.date and r.date is None and (ev.date_texts or _long_before(ctx, t.date)):
        # An undated strike is the news of the day: "airstrikes killed his sons in April" is another.
        return False
    if t.date and r.date and t.date.text.lower() != r.date.text.lower() and not r.date.same_specific(t.date):
        return False
    if t.place and r.place and not _place_ok(ctx, r.place, str(t.place.iri)):
        return False
    if not _means_ok(r.means, t.means):
        return False
    fa = {_TARGET_FAMILY[x] for x in r.targets if x != "personnel"}
    fb = {_TARGET_FAMILY[x] for x in t.targets if x != "personnel"}
    return not (fa and fb and not fa & fb)


# A strike dated this long before the article's publication is not the one the article reports.
_BACKGROUND_DAYS = 30


def _long_before(ctx: _Context, d: DateInfo) -> bool:
    published = ctx.article.published
    return bool(published and d.latest and (published - d.latest).days > _BACKGROUND_DAYS)


def _means_ok(a: str, b: str) -> bool:
    loose = {"StrikeMeansUnknown", "AttackSeries"}
    # Aircraft fire missiles and drones: an airstrike reported as missiles is still one strike.
    return a == b or a in loose or b in loose or {a, b} in ({"DroneStrike", "Airstrike"}, {"MissileStrike", "Airstrike"})


def _place_ok(ctx: _Context, a: str, b: str) -> bool:
    lex = ctx.lex
    ia, ib = URIRef(a), URIRef(b)
    if lex.within(ia, ib) or lex.within(ib, ia):
        return True
    ea, eb = lex.entities.get(ia), lex.entities.get(ib)
    if ea is None or eb is None:
        return True
    if "Region" in (ea.kind, eb.kind):
        return lex.country_of(ia) == lex.country_of(ib)
    return False


def _refine(ctx: _Context, ev: _Event, t: _Trigger, sent: _Sentence) -> None:
    r = ev.rec
    ev.sentence = sent.index
    if (sent.start, sent.end) not in r.spans:
        r.spans.append((sent.start, sent.end))
    if t.place and (r.place is None or (
            t.place.precision > ctx.lex.entities.get(URIRef(r.place), t.place).precision
            and _place_ok(ctx, r.place, str(t.place.iri)))):
        r.place, r.place_text = str(t.place.iri), t.place_text
    if t.date:
        ev.date_texts.add(t.date.text.lower())
        if r.date is None or (t.date.resolved and not r.date.resolved):
            r.date = t.date
    if (r.means in ("StrikeMeansUnknown", "AttackSeries") and t.means not in ("StrikeMeansUnknown", "AttackSeries") and not r.series) or (r.means == "Airstrike" and t.means == "DroneStrike"):
        r.means = t.means
    for k in t.targets:
        if k not in r.targets:
            r.targets.append(k)
    for a in t.target_actors:
        if a not in r.target_actors:
            r.target_actors.append(a)


def _new_event(ctx: _Context, sent: _Sentence, t: _Trigger, date: DateInfo | None = None,
               place: Entity | None = None, inherit_place: bool = True) -> _Event:
    place = place or t.place
    if place is None and ctx.last_places and inherit_place:
        # No place in the clause: the place the text was just talking about ("in Syria").
        place = max(ctx.last_places, key=lambda e: e.precision) if ctx.last_places else None
    date = date or t.date
    local = f"e{len(ctx.events) + 1}"
    series = t.means == "AttackSeries"
    rec = EventRecord(local, t.means, list(t.targets), str(place.iri) if place else None,
                      t.place_text if t.place else (place.label if place else None), date,
                      [(sent.start, sent.end)], t.text, series, list(t.target_actors))
    ev = _Event(rec, sent.index, {date.text.lower()} if date else set(), sent.index)
    ctx.events.append(ev)
    ctx.extraction.events.append(rec)
    return ev


def _listed(tpl: str, days: list[DateInfo]) -> bool:
    """Whether the days stand in one list ("on October 26, and November 9"), not in separate clauses
    ("said on Sunday … a Friday attack")."""
    ordered = sorted(days, key=lambda d: d.start)
    return all(_LIST_JOIN.fullmatch(tpl, a.end, b.start) for a, b in pairwise(ordered))


_LIST_JOIN = re.compile(r"[\s,]*(?:(?:and|or|then)\s+)?(?:(?:on|in)\s+)?(?:[\w-]+\s+){0,6}?(?:(?:and|or|then)\s+)?(?:(?:on|in)\s+)?")


def _date_list_events(ctx: _Context, sent: _Sentence, triggers: list[_Trigger], days: list[DateInfo]) -> list[_Event]:
    tpl = sent.tpl
    places = [(m.start(), sent.ents[int(m.group(1))]) for m in _TOKEN.finditer(tpl) if sent.ents[int(m.group(1))].is_place]
    out: list[_Event] = []
    last_place: Entity | None = None
    for d in days:
        near = [p for p in places if min(abs(p[0] - x.start) for x in days) == abs(p[0] - d.start)
                and min(days, key=lambda x: abs(p[0] - x.start)) is d]
        place = max((p[1] for p in near), key=lambda e: e.precision, default=None) if near else None
        if near:
            place = near[0][1]
        place = place or last_place
        last_place = place
        trig = max((t for t in triggers if t.start <= d.start), key=lambda t: t.start, default=triggers[0])
        out.append(_new_event(ctx, sent, trig, d, place))
    ctx.focus = out[-1]
    return out


_LOCATION_NOUN_IS = re.compile(
    r"\s*The\s+(?:[\w-]+\s+){0,3}?(crossing|base|airport|checkpoint|position|field|site|outpost)\b"
    rf"(?:\s+in question)?\s+(?:is|was|lies)\s+(?:located\s+|situated\s+)?(?:near|in|at|outside)\s+(?:the\s+)?(?:\w+\s+of\s+)?({TOK})")


_LOCATION_NOUNS = frozenset({"crossing", "base", "airport", "checkpoint", "position", "field", "site", "outpost"})


def _location_followup(ctx: _Context, sent: _Sentence) -> None:
    """'The strike took place near an illegal crossing.' … 'The crossing is located near Al-Qaim.'"""
    words = _words(sent.tpl)
    if words is not None and words.isdisjoint(_LOCATION_NOUNS):
        return
    m = _LOCATION_NOUN_IS.match(sent.tpl)
    if not m:
        return
    ev = ctx.location_nouns.get(m.group(1).lower())
    ent = sent.ents[int(m.group(2)[1:-1])]
    if ev is not None and ent.is_place:
        cur = ctx.lex.entities.get(URIRef(ev.rec.place)) if ev.rec.place else None
        if cur is None or ent.precision > cur.precision:
            ev.rec.place, ev.rec.place_text = str(ent.iri), ent.label
            ev.rec.spans.append((sent.start, sent.end))


