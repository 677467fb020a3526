"""Rules that read an article into strikes and attributed claims.

The rules work sentence by sentence on a *template* of the sentence in which every entity mention
(gazetteer names, unnamed sources, new named actors) is replaced by a token ⟨i⟩. Patterns are then
short regular expressions over words and tokens ("⟨3⟩ said … ⟨5⟩ was behind the attack"), which keeps
them readable and independent of any one outlet's wording. A document context carries what
sentences refer back to: the strike in focus, the last source, the last acting subject.

Design rule: a claim never becomes a fact. Every attribution keeps its claimant and stance; hedges
("appear to have been", "believed") make it *suggested*; denials and refusals name the actor
without affirming it; "it was not clear who" is an attribution to nobody.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TypeVar

from rdflib import URIRef

from .corpus import Article
from .dates import DateInfo, find_dates
from .lexicon import SOURCE_KINDS, STATE_KINDS, Entity, Lexicon, Mention, fold, slug
from .namespaces import ACTOR
from .records import (
    AttributionRecord,
    EventRecord,
    Extraction,
    FigureRecord,
    NewEntity,
    RelationRecord,
)
from .sentences import split

T = TypeVar("T")

EXTRACTOR_VERSION = "1"
_HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\b")

TOK = r"⟨\d+⟩"
ENTLIST = rf"{TOK}(?:(?:\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+)(?:the\s+)?{TOK})*"
_TOKEN = re.compile(r"⟨(\d+)⟩")

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
                r"(?:strikes?|airstrikes?|attacks?|raids?|bombings?|bombardments?|shelling|assaults?)")
_STRIKE_VERB = r"(?:struck|hit|targeted|bombed|attacked|shelled|pounded|raided|launched|fired)"
_TRIGGER = re.compile(rf"\b(?P<noun>{_STRIKE_NOUN})\b|\b(?P<verb>{_STRIKE_VERB})\b", re.IGNORECASE)
_INDEFINITE = re.compile(r"(?:\b(?:a|an|another|one|new|fresh)\s+(?:[\w’'-]+\s+){0,3})$", re.IGNORECASE)
# "the attack", "the deadly drone strike", and "the Jordan attack" (a name, then at most the means).
_DEFINITE = re.compile(r"(?:\b(?:the|this|that|these|those|its|their|such)\s+(?:[\w’'-]+\s+){0,3})$"
                       r"|\b(?:the|this|that)\s+⟨\d+⟩\s+(?:(?:drone|air|missile|rocket|mortar|artillery|deadly|suicide)\s+)?$",
                       re.IGNORECASE)
_NEW_EVENT_CUE = re.compile(r"\b(?:similar|another|second|earlier|previous|separate|other|new|fresh|latest)\b", re.IGNORECASE)
_GENERIC_SENTENCE = re.compile(
    r"\b(?:hundreds|thousands|scores|dozens|several|numerous|many|countless)\s+(?:of\s+)?(?:\w+\s+)?"
    r"(?:strikes|airstrikes|attacks|raids|targets|incidents|operations)\b"
    r"|\b(?:frequent(?:ly)?|repeated(?:ly)?|regularly|routinely|for (?:many |several )?(?:years|decades|months|weeks)|in recent (?:years|months)|in the past(?!\s+(?:\w+\s+)?(?:days?|weeks?|months?|hours?|\d))|any of the|individual (?:incidents|attacks|strikes|operations)|since (?:19|20)\d\d|since the (?:start|beginning|outbreak) of|over the years)\b",
    re.IGNORECASE)
_HYPOTHETICAL = re.compile(
    r"\b(?:would|could|will|might|if|to (?:conduct|carry out|launch|strike|attack|risk)|plans? to|threat(?:en)?|capable of|ability to|possible to"
    r"|planning|plotting|orchestrating|participating in|coordinating)\b",
    re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r"[;:]|,\s+(?:which|causing|giving|killing|but|while|as|after|adding)\b|\s+(?:hours|days|weeks|shortly|minutes)\s+after\b"
    r"|\s+(?:comes|came|come)\s+(?:just\s+)?as\b|\s+(?:after|before|while|when|amid)\b|\s+as\s+(?=(?:a|an|the|bomb|drones?|⟨|[A-Z]|\w+ing)\b)"
    r"|,?\s+in\s+(?:retaliation|response|reprisal|revenge)\s+(?:for|to)\b",
    re.IGNORECASE)
# "in retaliation for a drone attack in Jordan": the attack answered is another, earlier strike.
_CAUSE_CUE = re.compile(r"\b(?:retaliation|response|reprisal|revenge)\s+(?:for|to)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)

_TARGETS: list[tuple[str, tuple[str, ...]]] = [
    (r"convoys?", ("convoy",)),
    (r"trucks?|tankers?|lorr(?:y|ies)", ("truck",)),
    (r"vehicles?|cars?|pick-?ups?|motorcycles?", ("vehicle",)),
    (r"(?:weapons|arms|munitions) shipments?|shipments?", ("weapons_shipment",)),
    (r"bases?|outposts?|posts|positions?|headquarters|barracks|camps?|garrisons?", ("base",)),
    (r"(?:arms|weapons|ammunition|munitions) (?:depots?|warehouses?|caches?|stores?)|depots?|warehouses?|caches?", ("weapons_depot",)),
    (r"factor(?:y|ies)|plants?|facilit(?:y|ies)", ("factory",)),
    (r"airports?|airbases?|air bases?|airfields?", ("airport",)),
    (r"sites?", ("site",)),
    (r"buildings?|houses?|homes?|apartments?", ("building",)),
    (r"militiamen|fighters|militants|personnel|troops|soldiers|commanders?|operatives|members", ("personnel",)),
    (r"bridges?|oil fields?|gas fields?|crossings?", ("infrastructure",)),
]
_TARGET_MATCHERS = [(re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), kinds) for pattern, kinds in _TARGETS]
_TARGET_FAMILY = {"convoy": "mobile", "truck": "mobile", "vehicle": "mobile", "weapons_shipment": "mobile",
                  "base": "fixed", "weapons_depot": "fixed", "factory": "fixed", "airport": "fixed", "site": "fixed",
                  "building": "fixed", "infrastructure": "fixed", "personnel": "people"}

# -- claims vocabulary ----------------------------------------------------------------------------
_SOURCE_VERB = (r"(?:said|says|say|reported|reports|report|stated|states|state|told|tells|claimed|claims|added|"
                r"indicated|indicates|suggested|suggests|confirmed|confirms|denied|denies|announced|announces|accused|"
                r"accuses|blamed|blames|held|holds|hinted|noted|wrote|alleged|alleges|insisted|acknowledged|admitted|declined|"
                r"refused|believes?|believed|assessed|estimated|quoted|cited|revealed|tweeted|posted)")
_HEDGE = re.compile(r"\b(?:hallmarks?|appear\w*|apparent\w*|suggest\w*|indicat\w*|hint\w*|believ\w*|likely|probabl\w*|possibl\w*|"
                    r"may have|might have|could have|seem\w*|allegedly|suspected|suspect|thought to)\b", re.IGNORECASE)
_BLAME = re.compile(r"\b(?:blam\w*|accus\w*|held\s+.{0,40}?responsible|hold\w*\s+.{0,40}?responsible|claimed)\b", re.IGNORECASE)
_ACK = re.compile(r"\b(?:confirm\w*|admit\w*|acknowledg\w*|claimed responsibility|took responsibility)\b", re.IGNORECASE)
_UNKNOWN = re.compile(
    r"\b(?:not (?:immediately |yet |entirely )?(?:clear|known)|unclear|unknown|could not (?:\w+\s+){0,12}?(?:who|identity|origin)|"
    r"no (?:one|group|party|faction) (?:has |had )?(?:yet |immediately )?claimed|"
    r"unidentified (?:aircraft|drones?|warplanes|jets|planes|gunmen|attackers)|unknown (?:aircraft|drones?|warplanes|jets))",
    re.IGNORECASE)
_UNKNOWN_SUBJECT = re.compile(r"\b(?:who|behind|responsib\w+|source of|origin|identity|claimed|unidentified|unknown)\b", re.IGNORECASE)
_JUSTIFY = re.compile(r"\b(?:self-?defen[cs]e|in response|retaliat\w*|legitimate|necessary|to protect|precision strikes|targeted)\b",
                      re.IGNORECASE)
_PLURAL_ANAPHOR = re.compile(r"\b(?:these|those|the|such)\s+(?:actions|strikes|attacks|operations|raids|airstrikes)\b", re.IGNORECASE)

_NUM_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12, "a single": 1, "single": 1,
}
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+|a dozen|dozens|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a single)"
_QUAL = r"\b(?:(?P<qual>at least|more than|over|nearly|almost|about|around|some|up to|as many as|an estimated|roughly|approximately)\s+)?"
_PEOPLE = r"(?:people|persons|civilians|fighters|militiamen|militants|soldiers|troops|members|personnel|combatants|children|women|men|guards|officers|commanders|operatives|iranians|syrians|iraqis|nationals)"


@dataclass
class _Event:
    rec: EventRecord
    sentence: int  # index of the sentence that last referred to it
    date_texts: set[str] = field(default_factory=set)
    origin_sentence: int = 0


@dataclass
class _Context:
    article: Article
    lex: Lexicon
    extraction: Extraction
    events: list[_Event] = field(default_factory=list)
    focus: _Event | None = None
    last_group: list[_Event] = field(default_factory=list)
    last_group_sentence: int = -10
    last_source: str | None = None
    last_subject: str | None = None
    last_places: list[Entity] = field(default_factory=list)
    location_nouns: dict[str, _Event] = field(default_factory=dict)


@dataclass
class _Sentence:
    index: int
    start: int
    end: int
    text: str
    tpl: str
    ents: list[Entity]
    mentions: list[Mention]
    positions: dict[str, int] = field(default_factory=dict)  # event local id → first trigger position
    date_list: bool = False
    clauses: list[tuple[int, int]] = field(default_factory=list)


# =================================================================================================
# Entry point
# =================================================================================================

def extract(article: Article, lex: Lexicon) -> Extraction:
    """Read one article into events and claims. Pure function of the text, metadata and lexicon."""
    ext = Extraction(file_name=article.file_name)
    ctx = _Context(article, lex, ext)
    text = article.text
    folded = fold(text)
    all_mentions = _mentions(text, folded, lex, article, ext)
    header = _HEADER.match(text)
    for i, (s, e) in enumerate(split(text)):
        if header and s < header.end():
            s = header.end()
            while s < e and text[s].isspace():
                s += 1
            if s >= e:
                continue
        ms = [m for m in all_mentions if s <= m.start and m.end <= e]
        sent = _template(i, s, e, text, ms)
        _read_sentence(ctx, sent)
    _dedupe(ext)
    return ext


# =================================================================================================
# Mentions and templates
# =================================================================================================

_UNNAMED = re.compile(
    r"(?P<det>\b(?:an?|the|two|three|four|several|some|other|one)\s+)?"
    r"(?P<np>(?:(?:senior|local|regional|top|former|western|pro-government|opposition|security|military|government|"
    r"intelligence|defen[cs]e|militia|paramilitary|police|health|medical|hospital|diplomatic|tribal|media|news|state|war|"
    r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)\s+){0,3}"
    r"(?:officials?|sources?|officers?|spokes(?:man|woman|person)|activists?|residents?|witnesses|commanders?|chief of staff|"
    r"monitors?|outlets|agencies|reports|media)"
    r"(?:\s+(?:with|from|in|of|for|aligned with|close to|linked to)\s+(?:an?\s+|the\s+)?(?:[\w’'-]+\s+){0,3}?"
    r"(?:militias?|group|government|ministry|army|forces|Iran|Iraq|Syria|Israel|Lebanon|faction|organi[sz]ation|coalition|Baghdad|Damascus|Tehran)(?![\w-]))?)\b")
# "Turkey's defence ministry", "Syria's army": the state's own body, found in the gazetteer.
_POSSESSIVE_BODY = re.compile(r"['’]s\s+(?P<body>defen[cs]e ministry|ministry of defen[cs]e|foreign ministry|ministry of foreign affairs|"
                              r"military|army|armed forces|air force|government|intelligence)\b"
                              r"(?=,|\s+(?:\w+\s+){0,2}(?:said|says|denied|denies|declined|confirmed|stated|announced|told|reported|"
                              r"claimed|blamed|accused|rejected|did not|would not|has|had)\b)", re.IGNORECASE)
_NEW_COALITION = re.compile(r"\b(?:the\s+)?(?P<np>(?:anti-[A-Z]\w+|[A-Z]\w+-led|[A-Z]\w+)\s+coalition)\b")
_NAMED_PERSON = re.compile(
    r"(?<![\w.])(?P<name>[A-Z][a-z]+(?:\s+(?:al-|el-|bin\s+|ibn\s+|abu\s+|Abu\s+)?[A-Z][a-z’'-]+){1,3})"
    r"(?=,\s+(?:the\s+|a\s+|an\s+)?[a-z][^,]{2,80},\s+(?:said|told|says|added|wrote)\b|\s+(?:said|told|says)\b)")
_ROLE_WORDS = re.compile(r"\b(?:official|spokes\w+|minister|director|commander|chief|general|head|officer|envoy|ambassador)\b",
                         re.IGNORECASE)
_NOT_NAMES = {"The", "A", "An", "In", "On", "At", "But", "And", "It", "He", "She", "They", "This", "That", "However",
              "According", "Last", "Since", "When", "While", "After", "Before", "Meanwhile", "Sources", "Officials"}


def _mentions(text: str, folded: str, lex: Lexicon, article: Article, ext: Extraction) -> list[Mention]:
    """Gazetteer mentions, plus actors the gazetteer lacks (unnamed sources, new people, coalitions)."""
    found = lex.find(text, folded)
    extra: list[Mention] = []
    for m in _unnamed_sources(text):
        np = m.group("np")
        # A bare head noun ("the source of the strike") is not a source; "according to sources" is.
        if " " not in np.strip() and not _after_according(text, m.start()) and not (
                np.strip().lower() in _BARE_SPEAKERS and _SPEECH_AFTER.match(text, m.end("np"))):
            continue
        known = lex.lookup(np)
        if known is not None:
            continue
        label = np.strip()
        affiliation = None
        inner = [x for x in found if m.start("np") <= x.start and x.end <= m.end("np")]
        if inner:
            affiliation = str(inner[-1].entity.iri)
        iri = f"{ACTOR}{article.stem}/{slug(label)}"
        kind = "Official" if re.search(r"official|officer|spokes|commander", label, re.I) else "UnnamedSource"
        ent = _new_entity(ext, iri, label, kind, affiliation)
        extra.append(Mention(m.start("np"), m.end("np"), np, ent))
    for m in _NEW_COALITION.finditer(text):
        np = m.group("np")
        if lex.lookup(np) is None and not any(x.start <= m.start("np") < x.end for x in found):
            ent = _new_entity(ext, f"{ACTOR}{slug(np)}", np, "Coalition", None)
            extra.append(Mention(m.start("np"), m.end("np"), np, ent))
    for m in _NAMED_PERSON.finditer(text):
        name = m.group("name")
        first = name.split()[0]
        if first in _NOT_NAMES or lex.lookup(name) is not None or any(
                x.start < m.end("name") and m.start("name") < x.end for x in found):
            continue
        after = text[m.end("name"): m.end("name") + 90]
        kind = "Official" if _ROLE_WORDS.search(after.split(" said")[0]) else "Person"
        ent = _new_entity(ext, f"{ACTOR}{slug(name)}", name, kind, None)
        extra.append(Mention(m.start("name"), m.end("name"), name, ent))
    for i, m in enumerate(found):
        pm = _POSSESSIVE_BODY.match(text, m.end)
        if pm:
            body = lex.body_of(m.entity.iri, pm.group("body"))
            if body is not None:
                found[i] = Mention(m.start, pm.end(), text[m.start:pm.end()], body)
    merged = sorted(found + extra, key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Mention] = []
    for m in merged:
        if out and m.start < out[-1].end:
            if (m.end - m.start) > (out[-1].end - out[-1].start) and m.entity.kind in ("UnnamedSource", "Official"):
                out[-1] = m
            continue
        out.append(m)
    return out


# Every unnamed-source phrase has one of these heads, and only letters, spaces and hyphens before it.
_UNNAMED_HEAD = re.compile(r"officials?|sources?|officers?|spokes(?:man|woman|person)|activists?|residents?|witnesses|"
                           r"commanders?|chief of staff|monitors?|outlets|agencies|reports|media")
_NOT_IN_NOUN_PHRASE = re.compile(r"[^A-Za-z\s-]")


def _unnamed_sources(text: str) -> Iterator[re.Match[str]]:
    """_UNNAMED.finditer(text), without trying the pattern at every position: a match starts in the run of
    letters, spaces and hyphens that holds the next head word, so each search starts there."""
    breaks = [m.start() for m in _NOT_IN_NOUN_PHRASE.finditer(text)]
    pos = 0
    while (head := _UNNAMED_HEAD.search(text, pos)) is not None:
        i = bisect.bisect_left(breaks, head.start())
        m = _UNNAMED.search(text, max(pos, breaks[i - 1] + 1) if i else pos)
        if m is None:
            return
        yield m
        pos = m.end()


# Plural heads that name a source on their own when they speak: "…, officials said."
_BARE_SPEAKERS = frozenset({"officials", "sources", "witnesses", "residents", "activists", "officers", "commanders"})
_SPEECH_AFTER = re.compile(r"\s+(?:have\s+|had\s+|also\s+)?(?:said|say|says|told|reported|confirmed|added|stated)\b")


def _after_according(text: str, pos: int) -> bool:
    return bool(re.search(r"according to\s+(?:the\s+|some\s+)?$", text[max(0, pos - 20): pos], re.IGNORECASE))


def _new_entity(ext: Extraction, iri: str, label: str, kind: str, affiliation: str | None) -> Entity:
    if iri not in ext.new_entities:
        ext.new_entities[iri] = NewEntity(iri, label, kind, affiliation)
    return Entity(URIRef(iri), iri.rsplit("/", 1)[1], label, kind, False)


def _template(index: int, start: int, end: int, text: str, mentions: list[Mention]) -> _Sentence:
    joined: list[Mention] = []
    for m in mentions:
        if joined and joined[-1].entity.iri == m.entity.iri and not text[joined[-1].end:m.start].strip():
            prev = joined[-1]
            joined[-1] = Mention(prev.start, m.end, text[prev.start:m.end], m.entity)
        else:
            joined.append(m)
    mentions = [m for i, m in enumerate(joined)
                if not (m.entity.is_place and i + 1 < len(joined)
                        and re.fullmatch(r"(?:\s*-\s*|\s+)based\s+(?:the\s+)?|['’]s\s+", text[m.end:joined[i + 1].start])
                        and not joined[i + 1].entity.is_place)]
    parts: list[str] = []
    pos = start
    ents: list[Entity] = []
    for m in mentions:
        parts.append(text[pos:m.start])
        parts.append(f"⟨{len(ents)}⟩")
        ents.append(m.entity)
        pos = m.end
    parts.append(text[pos:end])
    tpl = "".join(parts).translate(str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "“": '"', "”": '"'}))
    return _Sentence(index, start, end, text[start:end], tpl, ents, mentions)


def _tokens(s: str) -> list[int]:
    return [int(x) for x in _TOKEN.findall(s)]


# =================================================================================================
# Sentence reading
# =================================================================================================

def _read_sentence(ctx: _Context, sent: _Sentence) -> None:
    tpl = sent.tpl
    sources = _sources(ctx, sent)
    refs = _event_refs(ctx, sent, sources)
    if refs:
        ctx.last_group = refs
        ctx.last_group_sentence = sent.index
    _attributions(ctx, sent, sources, refs)
    _figures(ctx, sent, sources, refs)
    _relations(ctx, sent, sources)
    # Context for the next sentences.
    if sources:
        ctx.last_source = sources[-1][1]
    subj = _SUBJECT.match(tpl)
    if subj:
        ent = sent.ents[int(subj.group(1)[1:-1])]
        if not ent.is_place and ent.kind not in SOURCE_KINDS:
            ctx.last_subject = str(ent.iri)
    places = [e for e in sent.ents if e.is_place]
    if places:
        ctx.last_places = places


# The subject of a sentence ("The US military has …"), for "it" in the sentences after.
_SUBJECT = re.compile(rf"\s*(?:[A-Z]\w+ \w+, )?(?:[Tt]he\s+)?({TOK})\s+(?:has|have|had|is|was|also|then|later|launched|conducted|carried)")
# Reporting clauses, compiled once: they are tried on every sentence.
_ACCORDING_TO = re.compile(rf"[Aa]ccording to (?:the |some |several |an? |one |two |three |four )?({TOK})")
_SOURCE_SAYS = re.compile(
    rf"({TOK})(?:'s)?(?:\s*\([^)]*\))?(?:\s+[a-z][\w-]*){{0,2}}(?:\s*,[^,]{{1,120}},)?\s+(?:(?:also|has|have|had|later|then|however|reportedly|strongly|quickly|publicly|openly|previously)\s+)*"
    rf"(?:{_SOURCE_VERB})\b")
_COMMA_SOURCE_SAID = re.compile(rf",\s*(?:the\s+|a\s+|an\s+)?({TOK})(?:\s+and\s+(?:a |an |the )?{TOK})*\s+(?:said|reported|say|says)\b")
_PRONOUN_SAID = re.compile(r"\s*(?:It|He|She|They|The (?:group|monitor|observatory|agency|official|outlet|network|organi[sz]ation|ministry))\s+"
                           r"(?:also\s+)?(?:said|reported|added|stated|says|reports|noted|estimated)\b", re.IGNORECASE)
_GROUP_KINDS = frozenset({"UmbrellaGroup", "Militia", "ArmedGroup"})
_GROUP_NOUNS = frozenset({"group", "militia", "movement"})
_CLOSING_PRONOUN_SAID = re.compile(
    r",\s*(?:it|he|she|they|the (?P<noun>group|militia|movement|monitor|observatory|agency|official|outlet|network|organi[sz]ation|ministry))\s+"
    r"(?:also\s+)?(?:said|reported|added|says|reports|noted)\s*[.!]?[\"']?\s*$", re.IGNORECASE)
_CLOSING_SOURCE = re.compile(rf"(?:,\s*(?:(?:the|a|an|two|three|four|several|some|\d+)\s+)?({TOK})"
                             rf"(?:\s+and\s+(?:a |an |the )?(?:{TOK}|group|militia|ministry|army|military|movement))*\s+(?:said|reported|say|says|added)"
                             rf"|[,;]?\s+according to (?:the |some |several |an? |one |two |three |four )?({TOK}))"
                             rf"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday))?"
                             rf"(?:[^⟨]{{0,40}}|,\s+(?:in\s+(?:retaliation|response|reprisal)|(?:(?:an?|one|two|three|hours|days)\s+\w*\s*)?after|following|adding|saying|citing)\b[^;]*)$")


def _sources(ctx: _Context, sent: _Sentence) -> list[tuple[int, str | None]]:
    """(position in template, source IRI) of each reporting clause in the sentence."""
    tpl = sent.tpl
    out: list[tuple[int, str | None]] = []
    for m in _ACCORDING_TO.finditer(tpl):
        out.append((m.start(), _speaker(ctx, sent, m.group(1))))
    for m in _SOURCE_SAYS.finditer(tpl):
        out.append((m.start(), _speaker(ctx, sent, m.group(1))))
    for m in _COMMA_SOURCE_SAID.finditer(tpl):
        out.append((m.start(), _speaker(ctx, sent, m.group(1))))
    m = _PRONOUN_SAID.match(tpl)
    if m and ctx.last_source is not None:
        out.append((0, ctx.last_source))
    elif (closing := _CLOSING_PRONOUN_SAID.search(tpl)) is not None:
        # "…, the monitor said.": the source before; "…, the group said." may name the group itself.
        named = [str(e.iri) for e in sent.ents if e.kind in _GROUP_KINDS] if closing.group("noun") in _GROUP_NOUNS else []
        if ctx.last_source is not None:
            out.append((0, ctx.last_source))
        elif named:
            out.append((0, named[-1]))
    # A closing "…, X said." or "… according to X." covers the sentence from its start.
    for m in _CLOSING_SOURCE.finditer(tpl):
        out.append((0, _speaker(ctx, sent, m.group(1) or m.group(2))))
    out = [(p, s) for p, s in sorted(set(out), key=lambda x: (x[0], x[1] or "")) if s is not None]
    return out


_PLACE_SPEAKS = re.compile(rf"\s+(?:(?:has|have|had|also|later|then|quickly|publicly)\s+)*{_SOURCE_VERB}\b")


def _speaker(ctx: _Context, sent: _Sentence, token: str) -> str | None:
    """The source a token names, where a place speaks for its state ("Damascus said": Syria's
    government); a place that does not speak ("Baghdad was reported") is no source."""
    ent = sent.ents[int(token[1:-1])]
    if not ent.is_place:
        return str(ent.iri)
    if not _PLACE_SPEAKS.match(sent.tpl, sent.tpl.find(token) + len(token)):
        return None
    return _state_for_place(ctx, ent)


def _state_for_place(ctx: _Context, place: Entity) -> str | None:
    """The state a place speaks for ("Damascus said", "Moscow has not commented"), if it has one."""
    country = ctx.lex.country_of(place.iri)
    state = ctx.lex.as_actor(ctx.lex.entities[country]) if country is not None else None
    return str(state.iri) if state is not None and not state.is_place else None


def _iri(sent: _Sentence, token: str) -> str:
    return str(sent.ents[int(token[1:-1])].iri)


def _source_before(sources: list[tuple[int, str | None]], pos: int) -> str | None:
    best = None
    for p, s in sources:
        if p <= pos:
            best = s
    return best


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


def _clauses(tpl: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(tpl)] + [len(tpl)]
    return [(a, b) for a, b in pairwise(cuts) if b > a]


def _event_refs(ctx: _Context, sent: _Sentence, sources: list[tuple[int, str | None]]) -> list[_Event]:
    tpl = sent.tpl
    generic = bool(_GENERIC_SENTENCE.search(tpl))
    clauses = _clauses(tpl)
    sent.clauses = clauses
    triggers = [t for t in (_trigger(ctx, sent, m, clauses, sources) for m in _TRIGGER.finditer(tpl)) if t]
    refs: list[_Event] = []
    # "The US military conducted airstrikes … on October 26, and November 9, and precision strikes on
    # November 12": one new strike per distinct day in a list of dates.
    # A dateline and a weekday naming the same day are one date.
    days = []
    for d in find_dates(tpl, published=ctx.article.published):
        if d.day and not any(x.iso() == d.iso() for x in days):
            days.append(d)
    if len(days) >= 2 and triggers and not generic and not triggers[0].definite:
        refs = _date_list_events(ctx, sent, triggers, days)
        sent.date_list = True
        return refs
    by_clause: dict[tuple[int, int], _Event] = {}
    answered: list[_Event] = []  # strikes named only as what another one answered
    for t in triggers:
        clause_text = tpl[t.clause[0]:t.clause[1]]
        lead = tpl[max(t.clause[0], t.start - 40):t.start]
        if _HYPOTHETICAL.search(lead) or _HYPOTHETICAL.search(clause_text[:15]) or _METHOD_LIST.search(lead):
            continue
        if t.answered and not t.indefinite and not t.definite:
            continue  # "in response to attacks on U.S. forces": what the strike answered, not the strike
        if t.clause in by_clause:
            # A noun and a verb of one clause ("a drone attack … hit") are one strike.
            ev = by_clause[t.clause]
            _refine(ctx, ev, t, sent)
        else:
            ev = _resolve(ctx, sent, t, generic)
        if ev is not None:
            if t.answered and t.indefinite:
                answered.append(ev)
            by_clause[t.clause] = ev
            sent.positions.setdefault(ev.rec.local, t.start)
            if ev not in refs:
                refs.append(ev)
            _note_location_noun(ctx, sent, t, ev)
    if not triggers:
        if _PLURAL_ANAPHOR.search(tpl) and len(ctx.last_group) > 1 and ctx.last_group_sentence == sent.index - 1:
            refs = list(ctx.last_group)
        else:
            ev = _implicit_ref(ctx, sent)
            if ev is not None:
                refs.append(ev)
    if refs:
        # The sentence's focus is the strike mentioned last ("X came hours after a drone attack hit Y"),
        # unless that one is only what the strike answered.
        ctx.focus = next((e for e in reversed(refs) if e not in answered), refs[-1])
    _location_followup(ctx, sent)
    return refs


_METHOD_LIST = re.compile(r"\b(?:involving|such as|methods?|types? of|by (?:carrying out|conducting|launching))\s+(?:[\w-]+\s+){0,3}$",
                          re.IGNORECASE)


def _note_location_noun(ctx: _Context, sent: _Sentence, t: _Trigger, ev: _Event) -> None:
    m = re.search(r"\b(?:near|at|on)\s+(?:an?\s+)(?:[\w-]+\s+){0,3}?(crossing|base|airport|checkpoint|position|field|site|outpost)\b",
                  sent.tpl[t.start:t.clause[1]])
    if m:
        ctx.location_nouns[m.group(1).lower()] = ev


def _trigger(ctx: _Context, sent: _Sentence, m: re.Match[str], clauses: list[tuple[int, int]],
             sources: list[tuple[int, str | None]]) -> _Trigger | None:
    tpl = sent.tpl
    word = m.group(0)
    before = tpl[max(0, m.start() - 40):m.start()]
    if m.group("verb"):
        # Verbs count only with a strike subject or object ("Drones attacked", "Israel hit").
        window = tpl[max(0, m.start() - 50):m.end() + 60]
        if not re.search(r"drones?|aircraft|warplanes|jets|strikes?|missiles?|rockets?|" + TOK, window, re.IGNORECASE):
            return None
        if re.match(r"\s+(?:by|in|hard|home|out|back|record)\b", tpl[m.end():]) and not re.match(
                r"\s+by\s+(?:an?\s+)?(?:⟨\d+⟩\s+)?(?:drone|air|missile|rocket|warplane|jet|aircraft|helicopter)", tpl[m.end():]):
            return None
    if _FIGURATIVE_TARGET.match(tpl, m.end()):
        return None  # "an attack on Iraqi sovereignty"
    clause = next(((a, b) for a, b in clauses if a <= m.start() < b), (0, len(tpl)))
    lo, hi = clause
    means = _means(word, _plain(sent, max(lo, m.start() - 40), min(hi, m.end() + 40)))
    if _SERIES_OF.search(before) and word.lower().endswith("s"):
        means = "AttackSeries"  # "a string of drone and rocket attacks"
    targets = _targets(_plain(sent, max(lo, m.start() - 45), min(hi, m.end() + 80)))
    place, place_text = _place(ctx, sent, lo, hi, sources)
    dates = find_dates(tpl, lo, hi, ctx.article.published)
    dates = [d for d in dates if not _speech_time(tpl, d, sources, m.start())]
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
        ent = sent.ents[int(tm.group("t")[1:-1])]
        if not ent.is_place and ent.kind not in SOURCE_KINDS:
            hit.append(str(ent.iri))
    named = _NAMED_BEFORE.search(before)
    named_place = bool(named and place is not None and sent.ents[int(named.group(1))].iri == place.iri)
    answered = bool(_CAUSE_CUE.search(tpl[max(0, m.start() - 30):m.start()]))
    return _Trigger(m.start(), m.end(), word, definite, indefinite, means, targets, place, place_text, date, plural, clause,
                    hit, named_place, answered)


_SERIES_OF = re.compile(r"\b(?:string|series|wave|spate|campaign|barrage|flurry)\s+of\s+(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
_CASUALTY_CLAUSE = re.compile(r",\s+(?:killing|wounding|injuring|hitting|targeting)\b", re.IGNORECASE)
_FIGURATIVE_TARGET = re.compile(rf"\s+(?:on|against)\s+(?:the\s+|its\s+|their\s+)?(?:(?:\w+|{TOK})\s+){{0,2}}?"
                                r"(?:sovereignty|independence|dignity|democracy|freedom|values)\b", re.IGNORECASE)
_NAMED_BEFORE = re.compile(r"⟨(\d+)⟩\s+(?:(?:drone|air|missile|rocket|mortar|artillery|deadly|suicide)\s+)?$")


_TARGET_ACTOR = re.compile(
    rf"\b(?:on|against|targeting|targeted|hit|struck|killed|killing|wounding|belonging to|used by|held by)\s+(?!by\b)"
    rf"(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,3}}?(?:of\s+)?(?:the\s+)?(?P<t>{TOK})",
    re.IGNORECASE)


def _plain(sent: _Sentence, a: int, b: int) -> str:
    """Template text with each token replaced by the words it stands for."""
    return _TOKEN.sub(lambda t: sent.mentions[int(t.group(1))].text, sent.tpl[a:b])


def _speech_time(tpl: str, d: DateInfo, sources: list[tuple[int, str | None]], trigger: int) -> bool:
    """A date before the reporting verb dates the statement, not the strike ("Last month, X said …")."""
    for pos, _ in sources:
        if d.end <= pos + 60 and pos < trigger and d.start < trigger and re.search(
                rf"{re.escape(d.text)}.{{0,80}}?\b{_SOURCE_VERB}\b", tpl[d.start:trigger]):
            return True
    return False


# The word tables compiled once: these run for every strike word.
_MEANS_EXACT = [(re.compile(rf"\b(?:{pattern})\b"), cls) for pattern, cls in _MEANS_WORDS]
_MEANS_ANY_CASE = [(re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), cls) for pattern, cls in _MEANS_WORDS]


def _means(word: str, window: str) -> str:
    w = word.lower()
    for matcher, cls in _MEANS_EXACT:
        if matcher.search(w):
            return cls
    for matcher, cls in _MEANS_ANY_CASE:
        if matcher.search(window):
            return cls
    if re.match(r"attacks|assaults", w):
        return "AttackSeries"
    return "StrikeMeansUnknown"


def _targets(scope: str) -> list[str]:
    out: list[str] = []
    head = scope[:140]
    for matcher, kinds in _TARGET_MATCHERS:
        if matcher.search(head):
            for k in kinds:
                if k not in out:
                    out.append(k)
    return out


def _place(ctx: _Context, sent: _Sentence, lo: int, hi: int, sources: list[tuple[int, str | None]]) -> tuple[Entity | None, str | None]:
    tpl = sent.tpl
    best: tuple[int, int, Entity, str] | None = None
    # A dateline ("DAMASCUS, Syria (AP) -") is where the report was filed, not where the strike was.
    dateline = _DATELINE.match(tpl) if sent.index == 0 else None
    for m in _TOKEN.finditer(tpl, max(lo, dateline.end()) if dateline else lo, hi):
        ent = sent.ents[int(m.group(1))]
        if not ent.is_place:
            continue
        pre = tpl[max(0, m.start() - 25):m.start()].lower()
        post = tpl[m.end():m.end() + 15].lower()
        # Where a convoy came from, or where a speaker sits, is not where the strike was.
        if re.search(r"\b(?:from|border with|borders? of) (?:the )?$", pre) and ent.kind == "Country":
            continue
        origin = bool(re.search(r"\bfrom (?:the )?(?:direction of (?:the )?|area of (?:the )?)?(?:\w+ )?$", pre))
        if re.match(r"\s*in\s+$", tpl[:m.start()]) or (
                re.match(rf"\s*In {re.escape(m.group(0))},", tpl) and sources):
            continue
        if re.search(r"\btowards? (?:the )?(?:\w+ )?$", pre):
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
    if re.search(r"\bthe same (?:region|area|place|town|city|border region)\b", tpl[lo:hi], re.IGNORECASE):
        # "in the same region in Syria": the place of the strike reported before, if it lies there.
        for ev in ctx.events:
            pe = ctx.lex.entities.get(URIRef(ev.rec.place)) if ev.rec.place else None
            if pe is not None and (best is None or (pe.precision > best[0] and ctx.lex.within(pe.iri, best[2].iri))):
                return pe, "the same region"
    if best is None:
        return None, None
    return best[2], best[3]


_NOT_WHERE = re.compile(r"\s*(?:war|conflict|crisis|ceasefire|truce|talks|deal|accords?|agreement|file|policy)\b")
_DATELINE = re.compile(r"\s*⟨\d+⟩(?:\s*,\s*⟨\d+⟩)?(?:\s*,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\((?:⟨\d+⟩|[A-Za-z. ]{2,30})\))?\s*-\s")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|at|on|outside|around|of|from|across|over|inside|into|to|towards?|west|east|north|south|"
                              r"western|eastern|northern|southern|central)\s+(?:the\s+)?(?:[\w-]+\s+)?$")
_PLACE_AS_SUBJECT = re.compile(
    r"\s+(?:would|will|could|may|might|must|should|has|have|had|is|was|said|says|vowed|warned|accused|blamed|denied|"
    r"condemned|called|urged|responded|retaliated|insisted|stated|announced|rejected|threatened|promised)\b")


def _governorate_if_named(ctx: _Context, ent: Entity, pre: str, post: str) -> Entity:
    """'province of Deir el-Zour' / 'Deir ez-Zor province' is the governorate, not the city."""
    if ent.kind == "Settlement" and (re.search(r"(?:province|governorate) of (?:the )?$", pre)
                                     or re.match(r"\s*(?:province|governorate)\b", post)):
        gov = ctx.lex.governorate_of(ent.iri)
        if gov is not None:
            return ctx.lex.entities[gov]
    return ent


def _resolve(ctx: _Context, sent: _Sentence, t: _Trigger, generic: bool) -> _Event | None:
    specific_means = t.means not in ("StrikeMeansUnknown", "AttackSeries")
    has_features = bool(t.place or t.targets or specific_means)
    if t.definite or not (has_features or t.date):
        ev = _antecedent(ctx, t)
        if ev is not None:
            _refine(ctx, ev, t, sent)
            return ev
        if generic or not has_features or not (t.place or t.date or t.targets):
            return None
    if generic or not has_features:
        return None
    before = sent.tpl[max(0, t.start - 30):t.start]
    focus = ctx.focus
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


def _other_agent(ctx: _Context, sent: _Sentence, t: _Trigger, ev: _Event) -> bool:
    """Whether the clause names as the striker ("Russian warplanes pounded …") an actor on another side
    than every actor already said to have carried out the strike: then it is another strike."""
    agents = [e for e in (sent.ents[int(x)] for x in _TOKEN.findall(sent.tpl[t.clause[0]:t.start]))
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
_BACK_REFERENCE = re.compile(rf"\b(?:the|those|these)\s+(?:\w+\s+){{0,2}}(?:{'|'.join(p for p, _ in _TARGETS[:5])}"
                             r"|drones|aircraft|warplanes|casualties|victims|dead|death toll)\b", re.IGNORECASE)


# "The Observatory said seven people were wounded", right after the strike is reported.
_CASUALTY_REPORT = re.compile(rf"\b{_NUM}\s+(?:[\w-]+\s+)?(?:people|persons|fighters|civilians|soldiers|members|militiamen|children)\s+"
                              r"(?:were|had been|have been)\s+(?:killed|wounded|injured|hurt)\b", re.IGNORECASE)


def _implicit_ref(ctx: _Context, sent: _Sentence) -> _Event | None:
    """Sentences that refer to the strike in focus without a strike word ("the attacked convoy")."""
    if ctx.focus is None:
        return None
    if (_BACK_REFERENCE.search(sent.tpl) and sent.index - ctx.focus.sentence <= 3) or (
            _CASUALTY_REPORT.search(sent.tpl) and sent.index - ctx.focus.sentence <= 1 and not _GENERIC_SENTENCE.search(sent.tpl)):
        ctx.focus.sentence = sent.index
        ctx.focus.rec.spans.append((sent.start, sent.end))
        return ctx.focus
    return None


def _compatible(ctx: _Context, ev: _Event, t: _Trigger) -> bool:
    r = ev.rec
    if t.date and r.date and not r.date.compatible(t.date):
        return False
    if t.date and r.date is None and ev.date_texts:
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
               place: Entity | None = None) -> _Event:
    place = place or t.place
    if place is None and ctx.last_places:
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


def _location_followup(ctx: _Context, sent: _Sentence) -> None:
    """'The strike took place near an illegal crossing.' … 'The crossing is located near Al-Qaim.'"""
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


# -- attributions -----------------------------------------------------------------------------------

_SUSPICION = re.compile(
    rf"\bsuspicion\s+(?:\w+\s+){{0,2}}?(?:fell|falls|has fallen|had fallen|focused|focuses|centred|centered|pointed)\s+on\s+(?:the\s+)?(?P<a>{ENTLIST})",
    re.IGNORECASE)
_ACTOR_PATTERNS: list[tuple[str, re.Pattern[str], str | None]] = [
    ("attribution.behind", re.compile(
        rf"(?P<a>{ENTLIST})\s+(?:(?:was|were|is|are|had been|has been|may have been|might have been|could have been|"
        rf"was likely|were likely|is likely|are likely|likely|probably|possibly|allegedly|reportedly)\s+)(?:\w+\s+)?behind\b"), None),
    ("attribution.by-agent", re.compile(
        rf"(?:{_STRIKE_NOUN}|conducted|carried out|launched|executed|perpetrated|staged|operation)\s+(?:\w+\s+){{0,3}}?by\s+(?:the\s+|a\s+|an\s+)?(?P<a>{ENTLIST})",
        re.IGNORECASE), None),
    ("attribution.passive-by", re.compile(
        rf"\b(?:was|were|been|being)\s+(?:\w+\s+)?(?:hit|struck|targeted|bombed|attacked|shelled|destroyed)\s+by\s+(?:the\s+|an?\s+)?(?P<a>{ENTLIST})",
        re.IGNORECASE), None),
    ("attribution.attributed-to", re.compile(
        rf"\b(?:attributed|ascribed)\s+to\s+(?:the\s+)?(?P<a>{ENTLIST})", re.IGNORECASE), "suggested"),
    ("attribution.appear-from", re.compile(
        rf"appear\w*\s+to\s+(?:have\s+)?(?:been|be|come)\s+from\s+(?:the\s+)?(?P<a>{ENTLIST})", re.IGNORECASE), None),
    ("attribution.origin-to", re.compile(
        rf"origin of (?:the|this) (?:\w+\s+)?(?:attack|strike)s?\s+to\s+(?:the\s+)?(?P<a>{ENTLIST})", re.IGNORECASE), None),
    ("attribution.blamed-on", re.compile(
        rf"blam\w*\s+(?:(?:the|this|that)\s+)?(?:[\w-]+\s+){{0,4}}?on\s+(?:the\s+)?(?P<a>{ENTLIST})", re.IGNORECASE), "blamed"),
    ("attribution.accused", re.compile(rf"accus\w*\s+(?:the\s+)?(?P<a>{ENTLIST})", re.IGNORECASE), "blamed"),
    ("attribution.blamed-actor", re.compile(rf"blam\w*\s+(?:the\s+)?(?P<a>{ENTLIST})(?:\s+for|\s*[,.;]|\s*$)", re.IGNORECASE), "blamed"),
    ("attribution.held-responsible", re.compile(
        rf"(?:hold|holds|held)\s+(?:the\s+)?(?P<a>{ENTLIST})\s+(?:fully\s+)?responsible", re.IGNORECASE), "blamed"),
    ("attribution.suspicion", _SUSPICION, "suggested"),
    ("attribution.suspected-of", re.compile(
        rf"(?P<a>{ENTLIST})\s+(?:is|are|was|were|has been|have been|had been)\s+(?:\w+\s+)?suspected\s+of\b", re.IGNORECASE), "suggested"),
    ("attribution.adjective-operation", re.compile(
        rf"(?<!than )(?:\b(?:an?|the)\s+)(?:\w+\s+)?(?P<a>{TOK})\s+(?:operation|(?:drone|missile|rocket|artillery)\s+(?:strike|attack)|airstrike|air strike|"
        rf"air raid|strike|raid|attack|bombardment|bombing|shelling)\b",
        re.IGNORECASE), None),
    ("attribution.actor-verb", re.compile(
        rf"(?P<a>{ENTLIST})\s+(?:(?:has|have|had|also|reportedly|allegedly|then|recently|later|again|itself|jets|aircraft|warplanes|drones|"
        rf"fighter|war|planes|helicopters|missiles|rockets|shells|[A-Z]+-?\d+\w*)\s+)*"
        rf"(?:conducted|carried out|launched|struck|bombed|hit|targeted|attacked|shelled|fired|raided|pounded)\b"), None),
]
_ACK_PATTERNS = [
    ("attribution.claimed-responsibility", re.compile(
        rf"(?P<a>{TOK})\s+(?:(?:has|have|had|later|quickly|also)\s+)*(?:claimed|took|accepted|assumed)\s+(?:\w+\s+)?responsibility")),
    ("attribution.responsibility-as", re.compile(
        rf"(?:claim\w*|took|take|assum\w+)\s+responsibility\b.{{0,140}}?(?:as|by)\s+[\"']?(?:the\s+)?[\"']?(?P<a>{TOK})", re.IGNORECASE)),
    ("attribution.said-it-struck", re.compile(
        rf"(?P<a>{TOK})\s+(?:(?:also|later|had)\s+)*(?:said|says|announced|stated|confirmed)\s+"
        rf"(?:(?:in\s+an?\s+(?:\w+\s+)?(?:statement|post|tweet|release|briefing)|(?:late\s+|early\s+)?on\s+\w+)\s+){{0,2}}"
        rf"(?:that\s+)?(?:it|they|its (?:forces|jets|aircraft|drones|warplanes))\s+(?:had\s+|have\s+|has\s+)?[\"']?"
        rf"(?:carried out|conducted|launched|struck|hit|targeted|bombed|attacked|neutrali[sz]ed|eliminated|destroyed)\b", re.IGNORECASE)),
    ("attribution.admitted", re.compile(
        rf"(?P<a>{TOK})\s+(?:(?:has|have|had|openly|publicly|later|also|now|officially)\s+)*(?:admitted|acknowledged|confirmed)\s+"
        rf"(?:to\s+|carrying|conducting|striking|that it|that they|it\s+(?:struck|hit|carried)|responsibility|the (?:strike|attack|raid))",
        re.IGNORECASE)),
]
_DENY = re.compile(
    rf"(?P<s>{TOK})\s+(?:(?:has|have|had|however|also|quickly|strongly|publicly|later|officially|firmly)\s+)*(?:denied|denies|rejected|rejects|dismissed)\s+(?:any\s+)?"
    rf"(?:(?:\w+\s+){{0,3}}?(?:involvement|being involved|involved|responsibility|any role|role|carrying|conducting|the (?:claim|report|accusation)s?)"
    rf"|that\s+(?:it|they|the (?:coalition|group|military|army|militia|movement|forces?))\b"
    rf"|(?:that\s+)?(?:the\s+)?(?P<a>{TOK})\s+(?:(?:was|were|had been)\s+(?:\w+\s+)?(?:behind|responsible|involved)|(?:had|has|did)\s+(?:carried out|conducted|launched|struck)))",
    re.IGNORECASE)
_DENY_NO_ROLE = re.compile(
    rf"(?P<a>{TOK})\s+(?:(?:had|has|have|played|bore)\s+no\s+(?:\w+\s+)?(?:involvement|role|part|responsibility)|(?:was|were|is|are)\s+not\s+(?:involved|responsible|behind))",
    re.IGNORECASE)
_SELF_DENY = re.compile(
    r"\b(?:it|they|the (?:group|militia|movement|organi[sz]ation|faction|army|military))\s+(?:had|has|have|did|was|were)\s+(?:not|never)\s+"
    r"(?:carr(?:y|ied) out|conduct(?:ed)?|launch(?:ed)?|(?:been\s+)?involved|behind|responsible|(?:taken|played)\s+(?:any\s+)?part)\b",
    re.IGNORECASE)
_DECLINE = re.compile(
    rf"(?P<s>{TOK})\s+(?:(?:has|have|had|also|however)\s+)*(?:declined|refused|declines|refuses)\s+to\s+(?:comment|confirm|discuss|say)"
    rf"|(?P<s2>{TOK})\s+(?:(?:did|does|would|do)\s+not\s+(?:immediately\s+)?(?:comment|confirm|respond)|(?:has|have|had)\s+not\s+(?:yet\s+)?(?:commented|responded))"
    rf"|no comment from (?:the\s+)?(?P<s3>{TOK})"
    rf"|(?P<s5>{TOK})(?:'s\s+(?:army|military|government|forces|defen[cs]e ministry))?\s+said\s+(?:that\s+)?(?:it|they)\s+(?:had|has|have|would have)\s+no\s+(?:immediate\s+)?comment"
    rf"|(?P<s4>{TOK})\s+(?:\w+\s+){{0,2}}(?:does|do|did)\s+not\s+comment", re.IGNORECASE)


_STRIKE_WORD = re.compile(r"\b(?:strike|attack|raid|bombing|operation|incident|it)\b", re.IGNORECASE)


def _attributions(ctx: _Context, sent: _Sentence, sources: list[tuple[int, str | None]], refs: list[_Event]) -> None:
    tpl = sent.tpl
    span = (sent.start, sent.end)
    recent = ctx.focus if ctx.focus is not None and sent.index - ctx.focus.sentence <= 1 else None
    event = refs[0] if refs else None
    if event is None and _GENERIC_SENTENCE.search(tpl):
        return
    if event is None and not _STRIKE_WORD.search(tpl) and not (
            _DENY.search(tpl) or _DECLINE.search(tpl) or _DENY_NO_ROLE.search(tpl)):
        return
    target_event = event or recent
    if target_event is None:
        return
    taken: set[str] = set()

    def events_at(pos: int) -> list[str]:
        if sent.date_list:
            return [e.rec.local for e in refs]
        if len(refs) > 1:
            clause = next(((a, b) for a, b in sent.clauses if a <= pos < b), None)

            def distance(e: _Event) -> tuple[bool, int]:
                p = sent.positions.get(e.rec.local, 0)
                return (clause is None or not clause[0] <= p < clause[1], abs(p - pos))

            return [min(refs, key=distance).rec.local]
        return [target_event.rec.local]

    def add(rec: AttributionRecord, pos: int) -> None:
        for local in events_at(pos):
            ctx.extraction.attributions.append(AttributionRecord(local, rec.actor, rec.source, rec.stance, rec.span, rec.rule))


    # Denials and refusals to comment: the claimant names itself.
    for m in _DENY.finditer(tpl):
        src = _iri(sent, m.group("s"))
        actor = _iri(sent, m.group("a")) if m.group("a") else src
        if actor in target_event.rec.target_actors:
            continue
        if actor == src:
            # A ministry denying for its state denies the state's involvement.
            named = [a.actor for a in ctx.extraction.attributions
                     if a.event == target_event.rec.local and a.actor and a.actor != src and _same_side(ctx, src, a.actor)]
            actor = named[0] if named else actor
        add(AttributionRecord("", actor, src, "denied", span, "attribution.denied"), m.start())
        taken.add(actor)
    for m in _DENY_NO_ROLE.finditer(tpl):
        actor = _iri(sent, m.group("a"))
        if actor in taken or sent.ents[int(m.group("a")[1:-1])].is_place:
            continue
        src = _source_before(sources, m.start()) or actor
        add(AttributionRecord("", actor, src, "denied", span, "attribution.no-involvement"), m.start())
        taken.add(actor)
    # "A spokesperson for X said the group had not carried out the attack": X denies.
    for m in () if _GENERIC_SENTENCE.search(tpl) else _SELF_DENY.finditer(tpl):
        src = _source_before(sources, m.start())
        if src is None:
            continue
        speaker = ctx.extraction.new_entities.get(src)
        actor = speaker.affiliated_with if speaker is not None and speaker.affiliated_with else src
        if actor in taken or actor in target_event.rec.target_actors:
            continue
        add(AttributionRecord("", actor, src, "denied", span, "attribution.said-it-did-not"), m.start())
        taken.add(actor)
    for m in _DECLINE.finditer(tpl):
        tok = m.group("s") or m.group("s2") or m.group("s3") or m.group("s4") or m.group("s5")
        ent = sent.ents[int(tok[1:-1])]
        src = _state_for_place(ctx, ent) if ent.is_place else str(ent.iri)
        if src is None or src in target_event.rec.target_actors:
            continue
        add(AttributionRecord("", src, src, "declined_comment", span, "attribution.declined-comment"), m.start())
        taken.add(src)
    # Claims of responsibility and admissions: the actor owns the strike.
    for rule, pattern in _ACK_PATTERNS:
        for m in pattern.finditer(tpl):
            actor = _iri(sent, m.group("a"))
            if actor in taken:
                continue
            ent = sent.ents[int(m.group("a")[1:-1])]
            if ent.is_place:
                continue
            src = _source_before(sources, m.start()) or actor
            add(AttributionRecord("", actor, src, "acknowledged", span, rule), m.start())
            taken.add(actor)
    # Someone says who did it is not known.
    um = _UNKNOWN.search(tpl)
    if um and _UNKNOWN_SUBJECT.search(tpl):
        src = _source_before(sources, um.start())
        add(AttributionRecord("", None, src, "unknown", span, "attribution.unknown"), um.start())
        # "… but suspicion fell on X": a hedged name after all.
        for m in _SUSPICION.finditer(tpl, um.end()):
            for tok in _tokens(m.group("a")):
                ent = sent.ents[tok]
                if not ent.is_place and ent.kind not in SOURCE_KINDS:
                    add(AttributionRecord("", str(ent.iri), _source_before(sources, m.start()), "suggested", span,
                                          "attribution.suspicion"), m.start("a"))
        return
    # Attributions to an actor.
    for rule, pattern, fixed in _ACTOR_PATTERNS:
        for m in pattern.finditer(tpl):
            if re.search(r"\bthan\s+(?:an?\s+)?$", tpl[max(0, m.start("a") - 12):m.start("a")]):
                continue
            for tok in _tokens(m.group("a")):
                ent = sent.ents[tok]
                if rule == "attribution.adjective-operation" and ctx.lex.is_country_noun(sent.mentions[tok].text):
                    continue  # "the Jordan attack": where, not who
                if ent.kind == "Country" and rule != "attribution.actor-verb":
                    ent = ctx.lex.as_actor(ent)
                if ent.is_place or ent.kind in SOURCE_KINDS or str(ent.iri) in taken:
                    continue
                if rule in ("attribution.adjective-operation", "attribution.by-agent") and str(ent.iri) in target_event.rec.target_actors \
                        and not re.search(r"\bby\s+(?:the\s+|a\s+|an\s+)?$", tpl[max(0, m.start("a") - 8):m.start("a")]):
                    continue
                actor = str(ent.iri)
                apos = m.start("a")
                src = _source_before(sources, apos)
                if src == actor and rule != "attribution.behind":
                    src = None
                stance = fixed or _stance(ctx, tpl, apos, src, actor)
                if stance == "asserted" and _HEDGE.search(tpl[m.end("a"):m.end()]):
                    stance = "suggested"
                if rule == "attribution.actor-verb" and re.match(r"\s*(?:It|They)\b", tpl) is None and apos > 0 and \
                        re.search(r"\b(?:against|targeting|on)\s+$", tpl[max(0, apos - 12):apos]):
                    continue
                add(AttributionRecord("", actor, src, stance, span, rule), apos)
                taken.add(actor)
    # "It launched a massive airstrike": the pronoun is the last acting subject.
    pm = re.match(r"\s*(?:(?:Last|This|Earlier|Later|Then|On \w+)\s+\w+,?\s+)?(?:[Ii]t|[Tt]hey)\s+(?:(?:has|have|had|also|then)\s+)*(?:conducted|carried out|launched|struck|bombed|hit|targeted)\b", tpl)
    if pm and ctx.last_subject and ctx.last_subject not in taken and event is not None:
        add(AttributionRecord("", ctx.last_subject, None, "asserted", span, "attribution.pronoun-subject"), pm.start())
        taken.add(ctx.last_subject)
    # "The Pentagon states that these actions are in self-defence": a spokesman owning earlier strikes.
    if sources and _PLURAL_ANAPHOR.search(tpl) and _JUSTIFY.search(tpl) and not taken:
        src = sources[0][1]
        group = ctx.last_group if ctx.last_group_sentence >= sent.index - 1 else []
        for e in group:
            for a in list(ctx.extraction.attributions):
                if a.event == e.rec.local and a.actor and a.stance in ("asserted", "acknowledged") and src and \
                        _same_side(ctx, src, a.actor):
                    ctx.extraction.attributions.append(
                        AttributionRecord(e.rec.local, a.actor, src, "acknowledged", span, "attribution.justified-by-party"))
                    break


def _same_side(ctx: _Context, a: str, b: str) -> bool:
    lex = ctx.lex
    ia, ib = URIRef(a), URIRef(b)
    if lex.belongs_to(ia, ib) or lex.belongs_to(ib, ia):
        return True
    states = [iri for iri, e in lex.entities.items() if e.kind == "State"]
    return any(lex.belongs_to(ia, s) and lex.belongs_to(ib, s) for s in states)


def _stance(ctx: _Context, tpl: str, apos: int, src: str | None, actor: str) -> str:
    head = tpl[:apos]
    if _BLAME.search(head):
        return "blamed"
    if src is not None and _ACK.search(head) and _same_side(ctx, src, actor):
        return "acknowledged"
    if _HEDGE.search(head):
        return "suggested"
    if src is not None and _same_side(ctx, src, actor):
        return "acknowledged"
    return "asserted"


# -- figures --------------------------------------------------------------------------------------

_FIGURE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("figure.between", re.compile(
        rf"\bbetween\s+(?P<n>{_NUM})\s+and\s+(?P<n2>{_NUM})\s+(?:\w+\s+){{0,3}}?(?:{_PEOPLE})?[^.;]{{0,40}}?\b(?P<verb>killed|dead|died|wounded|injured)",
        re.IGNORECASE)),
    ("figure.people-killed", re.compile(
        rf"{_QUAL}\b(?P<n>{_NUM})\s+(?:[\w-]+\s+){{0,4}}?(?:{_PEOPLE})\b(?:,[^,]{{0,50}},)?[^.;]{{0,30}}?\b(?P<verb>killed|dead|died|wounded|injured|hurt)",
        re.IGNORECASE)),
    ("figure.killing-n", re.compile(rf"\b(?P<verb>killed|killing|wounded|wounding|injured|injuring|left)\s+{_QUAL}\b(?P<n>{_NUM})\b(?!\s*(?:year|%|percent))",
                                    re.IGNORECASE)),
    ("figure.and-wounded", re.compile(
        rf"\b(?:killed|dead)\s*,?\s+and\s+{_QUAL}\b(?P<n>{_NUM})\s+(?:others\s+|more\s+|people\s+)?(?:were\s+)?(?P<verb>wounded|injured)\b",
        re.IGNORECASE)),
    ("figure.leaving-n", re.compile(
        rf"\b(?:leaving|left)\s+{_QUAL}\b(?P<n>{_NUM})\s+(?:people\s+|others\s+|civilians\s+|soldiers\s+|fighters\s+)?(?P<verb>dead|killed|wounded|injured)\b",
        re.IGNORECASE)),
    ("figure.death-toll", re.compile(rf"death toll\s+(?:\w+\s+){{0,3}}?(?:to|of|at|reached|was|is|stood at)\s+{_QUAL}\b(?P<n>{_NUM})",
                                     re.IGNORECASE)),
    ("figure.vehicles", re.compile(
        rf"{_QUAL}\b(?P<n>{_NUM})\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>trucks?|tankers?|lorries|vehicles?|cars)\b", re.IGNORECASE)),
    ("figure.strikes", re.compile(
        rf"{_QUAL}\b(?P<n>{_NUM})\s+(?:separate\s+|consecutive\s+|air\s+|drone\s+|missile\s+)?(?P<noun>strikes|airstrikes|raids|missiles|rockets|drones)\b",
        re.IGNORECASE)),
]


def _num(s: str) -> int | None:
    s = s.lower().replace(",", "")
    if s.isdigit():
        return int(s)
    if "-" in s:
        tens, unit = s.split("-", 1)
        return _NUM_WORDS.get(tens, 0) + _NUM_WORDS.get(unit, 0) or None
    return _NUM_WORDS.get(s)


def _figures(ctx: _Context, sent: _Sentence, sources: list[tuple[int, str | None]], refs: list[_Event]) -> None:
    if not refs:
        return
    tpl = sent.tpl
    taken: list[tuple[int, int]] = []
    for rule, pattern in _FIGURE_PATTERNS:
        for m in pattern.finditer(tpl):
            if any(m.start("n") < e and s < m.end("n") for s, e in taken):
                continue
            raw = m.group("n")
            if raw.lower() == "dozens":
                low, high = 24, None
            else:
                n = _num(raw)
                if n is None or n > 100000:
                    continue
                low, high = n, n
            n2 = m.groupdict().get("n2")
            if n2:
                high = _num(n2)
            qual = (m.groupdict().get("qual") or "").lower()
            if qual in ("at least", "more than", "over"):
                high = None
            elif qual in ("up to", "as many as"):
                low = 0
            verb = (m.groupdict().get("verb") or "").lower()
            noun = (m.groupdict().get("noun") or "").lower()
            if rule == "figure.killing-n" and verb == "left":
                continue
            if verb.startswith(("kill", "dead", "died")) or rule == "figure.death-toll":
                qty = "killed"
            elif verb.startswith(("wound", "injur", "hurt")):
                qty = "wounded"
            elif noun.startswith(("truck", "tanker", "lorr")):
                qty = "trucks"
            elif noun.startswith(("vehicle", "car")):
                qty = "trucks" if any("convoy" in e.rec.targets for e in refs) else "vehicles"
            elif noun in ("strikes", "airstrikes", "raids"):
                qty = "strikes"
            elif noun in ("missiles", "rockets", "drones"):
                qty = "missiles"
            else:
                continue
            if re.match(r"\s*(?:year|years|-year|day|days|hour|hours|km|kilometers|miles|%)", tpl[m.end("n"):]):
                continue
            src = _figure_source(ctx, tpl, sources, m.start())
            event = _event_of_figure(sent, refs, ctx, m.start())
            text = m.group(0).strip()
            ctx.extraction.figures.append(FigureRecord(event.rec.local, src, qty, low, high, text, (sent.start, sent.end), rule))
            taken.append((m.start("n"), m.end("n")))


def _figure_source(ctx: _Context, tpl: str, sources: list[tuple[int, str | None]], pos: int) -> str | None:
    src = _source_before(sources, pos)
    if src is None:
        after = [s for p, s in sources if p > pos]
        if after and re.search(rf",\s*(?:the\s+)?{TOK}[^,]*\s+(?:said|reported)\b|according to", tpl[pos:], re.IGNORECASE):
            src = after[0]
    return src


def _event_of_figure(sent: _Sentence, refs: list[_Event], ctx: _Context, pos: int) -> _Event:
    """The strike of the figure's own clause when exactly one is named there; else the one in focus."""
    if len(refs) > 1:
        clause = next(((a, b) for a, b in sent.clauses if a <= pos < b), None)
        here = [e for e in refs if clause and clause[0] <= sent.positions.get(e.rec.local, -1) < clause[1]]
        if len(here) == 1:
            return here[0]
    return ctx.focus if ctx.focus in refs else refs[-1]


# -- relations ----------------------------------------------------------------------------------

_BACKED_ALIAS = re.compile(
    r"^(?:pro-(?P<pro>[\w.]+)|(?P<x>[\w.]+?)[- ](?:backed|sponsored|supported|funded|aligned|allied)|(?P<px>[\w.]+)\s+prox(?:y|ies)\b)"
    r"|(?:supported|backed|sponsored|funded)\s+by\s+(?P<by>[\w. ]+)$", re.IGNORECASE)
_BACKING_VERB = r"backs|backed|backing|supports|supported|supporting|sponsors|sponsored|arms|armed|funds|funded|finances|financed"
_REL_RULES: list[tuple[str, str, re.Pattern[str], str]] = [
    # (rule, kind, pattern, direction: "so" subject→object groups, "os" reversed)
    ("relation.x-backed-y", "backs", re.compile(
        rf"\b(?P<sx>[A-Z][\w.]*?)(?:n|ian|i)?[- ](?:backed|sponsored|supported|funded)\s+(?P<o>{TOK})"), "so"),
    ("relation.backed-by", "backs", re.compile(
        rf"(?P<o>{TOK})(?:\s*,)?\s+(?:(?:is|are|was|were|which is|who are)\s+)?(?:\w+\s+)?(?:backed|supported|sponsored|funded|armed)\s+by\s+(?:the\s+)?(?P<s>{ENTLIST})"), "so"),
    ("relation.backer-of", "backs", re.compile(
        rf"(?P<s>{ENTLIST})\s+(?:is|was|has been|remains)\s+(?:a|the|one of the)\s+(?:\w+\s+){{0,2}}?(?:backers?|sponsors?|supporters?|patrons?)\s+of\s+(?:the\s+)?(?:\w+\s+){{0,3}}?(?P<o>{TOK})",
        re.IGNORECASE), "so"),
    ("relation.provides-support", "backs", re.compile(
        rf"(?P<s>{ENTLIST})\s+(?:(?:has|have|had|also|reportedly|long)\s+)*(?:provides?|provided|providing|furnish\w*|offer\w*|gives?|gave|extend\w*|lends?|lent)\s+"
        rf"(?:\w+\s+){{0,3}}?(?:support|backing|aid|assistance|funding)\s+(?:\w+\s+){{0,2}}?to\s+(?:the\s+)?(?:\w+\s+){{0,2}}?(?P<o>{TOK})", re.IGNORECASE), "so"),
    ("relation.backs", "backs", re.compile(
        rf"(?P<s>{ENTLIST})\s+(?:(?:has|have|had|also|long|been|openly)\s+)*(?:{_BACKING_VERB})(?:,?\s+and\s+(?:{_BACKING_VERB}))?\s+(?:the\s+)?(?P<o>{TOK})"), "so"),
    ("relation.appositive-backed", "backs", re.compile(
        rf"(?P<o>{TOK})\s*,\s+(?:the|an?)\s+(?P<s>{TOK})[- ](?:backed|sponsored|supported|funded)\b"), "so"),
    ("relation.appositive-x-backed", "backs", re.compile(
        rf"(?P<o>{TOK})\s*,\s+(?:the|an?)\s+(?P<sx>[A-Z][\w.]*?)(?:n|ian|i)?[- ](?:backed|sponsored|supported|funded)\b"), "so"),
    ("relation.appositive-proxy", "backs", re.compile(
        rf"(?P<o>{TOK})\s*,\s+(?P<s>{TOK})'s\s+(?:[\w-]+\s+){{0,3}}?(?:proxy|proxies|client|surrogate)\b"), "so"),
    ("relation.appositive-ally", "allied_with", re.compile(
        rf"(?P<o>{TOK})\s*,\s+(?P<s>{TOK})'s\s+(?:[\w-]+\s+){{0,3}}?(?:ally|allies|partner)\b"), "so"),
    ("relation.received-backing", "backs", re.compile(
        rf"(?P<o>{TOK})\s+(?:has|have|had)\s+(?:also\s+)?received\s+(?:\w+\s+){{0,2}}?(?:backing|support|funding|aid)\s+from\s+(?:the\s+)?(?P<s>{ENTLIST})", re.IGNORECASE), "so"),
    ("relation.proxies-such-as", "backs", re.compile(
        rf"prox(?:y|ies)(?:\s+\w+)?,?\s+(?:such as|like|including)\s+(?:the\s+)?(?P<o>{ENTLIST})", re.IGNORECASE), "backer"),
    ("relation.connected-to", "backs", re.compile(
        rf"(?P<o>{TOK})(?:\s+\w+)?\s*,\s+(?:\w+\s+)?(?:connected|linked|tied|affiliated|loyal)\s+(?:to|with)\s+(?:the\s+)?(?P<s>{TOK})"), "state-backs"),
    ("relation.allied-with", "allied_with", re.compile(
        rf"(?P<s>{ENTLIST}),?\s+(?:(?:which|who|are|is|were|was|have been|has been|also|both|all|closely)\s+)*(?:allied|allies|ally|aligned)\s+with\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?(?P<o>{TOK})",
        re.IGNORECASE), "so"),
    ("relation.including-members", "part_of", re.compile(
        rf"(?P<u>{TOK})(?:(?!⟨)[^.]){{0,160}}?\b(?:factions|groups|militias|members|organi[sz]ations|units|brigades),?\s+(?:including|such as|among them)\s+(?P<o>[^.]+)",
        re.IGNORECASE), "members"),
    ("relation.umbrella-includes", "part_of", re.compile(
        rf"(?P<u>{TOK}),?\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}?(?:group|alliance|coalition|network|grouping|organi[sz]ation|front|body)\b"
        rf"[^.;]{{0,100}}?\b(?:that|which)\s+(?:includes|included|comprises|encompasses|brings together|unites)\s+(?P<o>[^.;]+)", re.IGNORECASE), "members"),
    ("relation.member-of", "part_of", re.compile(
        rf"(?P<o>{ENTLIST})\s*,?\s+(?:(?:is|are|was|were|which is|a|an|one of the)\s+)*(?:\w+\s+)?(?:member|faction|part|component|constituent|wing|branch)s?\s+of\s+(?:the\s+)?(?P<u>{TOK})",
        re.IGNORECASE), "members"),
    ("relation.considers-threat", "opposes", re.compile(
        rf"(?P<s>{TOK})\s+(?:\w+\s+)?(?:considers?|views?|sees?|regards?)\s+(?P<o>{TOK})\s+(?:as\s+)?(?:an?|its)\s+(?:\w+\s+){{0,2}}?(?:threat|enemy|adversary)", re.IGNORECASE), "so"),
    ("relation.declared-enemy", "opposes", re.compile(
        rf"(?P<s>{TOK})\s+(?:[^.]{{0,60}}?\s)?declared\s+(?P<o>{TOK})\s+(?:to be\s+|as\s+)?its\s+(?:\w+\s+)?(?:enemy|adversary|foe)", re.IGNORECASE), "so"),
    ("relation.seeks-to-prevent", "opposes", re.compile(
        rf"(?P<s>{TOK})\s+(?:has|have|had)?\s*(?:long\s+)?(?:sought|seeks|tried|worked|vowed)\s+to\s+(?:prevent|counter|curb|thwart|stop|contain)\s+(?P<o>{TOK})(?:'s)?", re.IGNORECASE), "so"),
    ("relation.supplies-arms", "supplies_arms", re.compile(
        rf"(?P<s>{TOK})\s+(?:\w+\s+){{0,3}}?(?:supplying|supplied|supplies|sending|sent|shipping|shipped|delivering|delivered|selling|sold|transferring)\s+"
        rf"(?:[^.]{{0,60}}?)(?:drones|missiles|weapons|arms|rockets|ammunition|munitions)[\"']?\s+to\s+(?:the\s+)?(?P<o>{TOK})", re.IGNORECASE), "arms"),
    ("relation.supplies-with", "supplies_arms", re.compile(
        rf"(?P<s>{TOK})\s+(?:(?:has|have|had|also|long|reportedly)\s+)*(?:supplies|supplied|supplying|provides|provided|providing|equips|equipped|arms|armed)\s+"
        rf"(?:the\s+)?(?P<o>{TOK})\s+with\s+(?:[\w-]+\s+){{0,3}}?(?:drones|missiles|weapons|arms|rockets|ammunition|munitions)\b", re.IGNORECASE), "arms"),
    ("relation.transfer-of-weapons", "supplies_arms", re.compile(
        rf"(?:transfer|smuggl\w+|shipment|delivery|supply)\s+of\s+(?P<s>{TOK})\s+(?:weapons|arms|missiles|rockets|drones|ammunition)\s+to\s+(?:the\s+)?(?P<o>{TOK})", re.IGNORECASE), "arms"),
]


# Each rule with the number of entity tokens it cannot match without, so most sentences skip most rules.
_REL_PATTERNS = [(*rule, sum(f"(?P<{g}>⟨" in rule[2].pattern for g in "sou")) for rule in _REL_RULES]


def _relations(ctx: _Context, sent: _Sentence, sources: list[tuple[int, str | None]]) -> None:
    tpl = sent.tpl
    span = (sent.start, sent.end)
    rels = ctx.extraction.relations
    lex = ctx.lex

    def add(subject: Entity | None, kind: str, obj: Entity | None, pos: int, rule: str) -> None:
        if subject is None or obj is None:
            return
        subject, obj = lex.as_actor(subject), lex.as_actor(obj)
        if subject.kind == "Settlement" and (country := lex.country_of(subject.iri)) is not None:
            subject = lex.as_actor(lex.entities[country])  # "Tehran has armed …": the capital for its state
        if subject.iri == obj.iri or subject.is_place or obj.is_place:
            return
        src = _source_before(sources, pos)
        if src in (str(subject.iri), str(obj.iri)):
            src = None
        stance = "suggested" if _HEDGE.search(tpl[:pos]) and src else "asserted"
        rels.append(RelationRecord(str(subject.iri), kind, str(obj.iri), src, stance, span, rule))

    # Names that carry their backer: "Iran-backed militias", "pro-Iranian forces", "militias supported by Iran".
    for i, (ent, mention) in enumerate(zip(sent.ents, sent.mentions, strict=False)):
        m = _BACKED_ALIAS.search(fold(mention.text))
        if not m:
            continue
        name = m.group("pro") or m.group("x") or m.group("px") or m.group("by")
        backer = _state_from_word(lex, name)
        pos = tpl.index(f"⟨{i}⟩")
        add(backer, "backs", ent if ent.kind != "UnnamedSource" and ent.kind != "Official" else _inner_group(lex, mention.text), pos,
            "relation.backed-name")
        sm = re.match(rf"(?:\s+\w+)?,?\s+(?:such as|like|including|among them)\s+(?:the\s+)?({ENTLIST})", tpl[pos + len(f"⟨{i}⟩"):])
        if sm:
            for o in _tokens(sm.group(1)):
                add(backer, "backs", sent.ents[o], pos, "relation.backed-name-such-as")
    tokens = tpl.count("⟨")
    for rule, kind, pattern, direction, needs in _REL_PATTERNS:
        if tokens < needs:
            continue
        for m in pattern.finditer(tpl):
            g = m.groupdict()
            if direction == "so":
                subj_toks = _tokens(g["s"]) if g.get("s") else []
                subjects = [sent.ents[t] for t in subj_toks]
                if kind == "opposes":
                    subjects = [_state_of(lex, e) for e in subjects]
                if g.get("sx"):
                    subjects = [x for x in [_state_from_word(lex, g["sx"])] if x]
                for o in _tokens(g["o"]):
                    obj = _state_of(lex, sent.ents[o]) if kind == "opposes" else sent.ents[o]
                    for s in subjects:
                        add(s, kind, obj, m.start(), rule)
            elif direction == "backer":
                backer = _backer_before(sent, m.start(), lex)
                for o in _tokens(g["o"]):
                    add(backer, kind, sent.ents[o], m.start(), rule)
            elif direction == "state-backs":
                s, o = sent.ents[int(g["s"][1:-1])], sent.ents[int(g["o"][1:-1])]
                if s.kind in STATE_KINDS and o.kind not in STATE_KINDS:
                    add(s, kind, o, m.start(), rule)
            elif direction == "members":
                umbrella = sent.ents[int(g["u"][1:-1])]
                if umbrella.kind not in ("UmbrellaGroup", "Coalition") and rule == "relation.including-members":
                    continue
                for o in _tokens(g["o"]):
                    member = sent.ents[o]
                    if member.kind not in ("UnnamedSource", "Official") and not member.is_place:
                        add(member, kind, umbrella, m.start(), rule)
            elif direction == "arms":
                s, o = sent.ents[int(g["s"][1:-1])], sent.ents[int(g["o"][1:-1])]
                # Arms to a state are arms supply; to an armed group, sponsorship.
                k = "supplies_arms" if o.kind in STATE_KINDS else "backs"
                add(s, k, o, m.start(), rule)


def _state_of(lex: Lexicon, ent: Entity) -> Entity:
    """The state a force or agency belongs to; the entity itself otherwise."""
    if ent.kind in ("StateForce", "StateAgency"):
        states = sorted(t for t in lex.ties.get(ent.iri, ()) if t in lex.entities and lex.entities[t].kind == "State")
        if len(states) == 1:
            return lex.entities[states[0]]
    return lex.as_actor(ent)


def _state_from_word(lex: Lexicon, word: str) -> Entity | None:
    raw = word.strip()
    word = raw.rstrip(".")
    for cand in (raw, word, word.upper(), word.title()):
        e = lex.lookup(cand)
        if e is not None and not e.is_place:
            return e
    if e := lex.lookup(word):
        # A country name used as backer ("Iran-backed") stands for its state.
        return lex.lookup(e.label) if not e.is_place else _state_of_country(lex, e)
    return None


def _state_of_country(lex: Lexicon, place: Entity) -> Entity | None:
    cand = lex.entities.get(URIRef(str(ACTOR) + place.key))
    return cand if cand is not None and cand.kind == "State" else None


def _inner_group(lex: Lexicon, text: str) -> Entity | None:
    found = [m.entity for m in lex.find(text) if not m.entity.is_place and m.entity.kind in ("Militia", "ArmedGroup", "UmbrellaGroup")]
    return found[-1] if found else None


def _backer_before(sent: _Sentence, pos: int, lex: Lexicon) -> Entity | None:
    for m in reversed(list(_TOKEN.finditer(sent.tpl, 0, pos))):
        ent = lex.as_actor(sent.ents[int(m.group(1))])
        if ent.kind in STATE_KINDS:
            # Sponsorship is a state's act: "Iranian troops and proxy militias" → Iran.
            states = [lex.entities[t] for t in lex.ties.get(ent.iri, ()) if t in lex.entities and lex.entities[t].kind == "State"]
            return states[0] if ent.kind != "State" and len(states) == 1 else ent
    m = re.search(r"\b(Iranian|Iran's|Russian|American|Turkish|Israeli|Saudi|Emirati|Qatari|Syrian)\b", sent.tpl[:pos])
    return _state_from_word(lex, m.group(1).replace("'s", "")) if m else None


# =================================================================================================
# Clean-up
# =================================================================================================

def _unique(items: list[T], key: Callable[[T], tuple[object, ...]]) -> list[T]:
    seen: set[tuple[object, ...]] = set()
    out: list[T] = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def _dedupe(ext: Extraction) -> None:
    """One claim per (event, actor, source, stance), per figure and source, per relation, source and
    sentence; stable order; only claims about strikes that were kept."""
    used = {e.local for e in ext.events}
    ext.attributions = _unique([a for a in ext.attributions if a.event in used],
                               lambda a: (a.event, a.actor, a.source, a.stance))
    ext.figures = _unique([f for f in ext.figures if f.event in used],
                          lambda f: (f.event, f.source, f.quantity, f.low, f.high))
    ext.relations = _unique(ext.relations, lambda r: (r.subject, r.kind, r.object, r.source, r.span))


def claim_key(*parts: object) -> str:
    """Stable short hash for claim IRIs."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
