"""Mentions layer: gazetteer names, unnamed sources ("an Iraqi security source"), people and coalitions the
gazetteer lacks, a state's own bodies ("Turkey's defence ministry"); and the sentence template in which
each mention is a token ⟨i⟩."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from rdflib import URIRef

from ..corpus import Article
from ..lexicon import Entity, Lexicon, Mention, slug
from ..namespaces import ACTOR
from ..records import Extraction, NewEntity
from .context import _Sentence

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

