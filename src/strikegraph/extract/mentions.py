"""Mentions layer: gazetteer names, unnamed sources ("an Iraqi security source"), people and coalitions the
gazetteer lacks, a state's own bodies ("Turkey's defence ministry"); and the sentence template in which
each mention is a token ⟨i⟩."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from rdflib import URIRef

from ..corpus import Article
from ..lexicon import Entity, Lexicon, Mention, fold, slug
from ..namespaces import ACTOR
from ..records import Extraction, NewEntity
from .context import _Sentence
from .cues import alternation, capitalisable, words

# Heads tried longest first; a head may open a sentence ("Officials said").
_HEADS = alternation(capitalisable(words("source_heads.txt")))
_UNNAMED = re.compile(
    r"(?P<det>\b(?:an?|the|two|three|four|several|some|other|one)\s+)?"
    rf"(?P<np>(?:(?:{alternation(words('source_modifiers.txt'))}|"
    r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)\s+){0,3}"
    rf"{_HEADS}"
    r"(?P<tail>\s+(?:with|from|in|of|for|aligned with|close to|linked to)\s+(?:an?\s+|the\s+)?"
    rf"(?:(?:[\w’'-]+\s+){{0,3}}?{alternation(words('source_affiliations.txt'))}|(?:[A-Z][\w’'-]+\s+){{0,3}}[A-Z][\w’'-]+"
    r"|(?:one of )?(?:those|the) (?:killed|dead|victims))(?![\w-]))?)\b")
# "Turkey's defence ministry", "Syria's army": the state's own body, found in the gazetteer.
_POSSESSIVE_BODY = re.compile(r"['’]s\s+(?P<body>defen[cs]e ministry|ministry of defen[cs]e|foreign ministry|ministry of foreign affairs|"
                              r"military|army|armed forces|air force|government|intelligence)\b"
                              r"(?=,|\s+(?:\w+\s+){0,2}(?:said|says|denied|denies|declined|confirmed|stated|announced|told|reported|"
                              r"claimed|blamed|accused|rejected|did not|would not|has|had)\b)", re.IGNORECASE)
_NEW_COALITION = re.compile(r"\b(?:the\s+)?(?P<np>(?!(?:The|A|An|This|That|Its|Their)\s)(?:anti-[A-Z]\w+|[A-Z]\w+-led|[A-Z]\w+)\s+coalition)\b")
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
                np.strip().lower() in _BARE_SPEAKERS and _SPEECH_AFTER.match(text, m.end("np"))) and not (
                np.strip().lower() == "reports" and _REPORTS_OF.match(text, m.end("np"))
                and not _DISMISSED.search(text, max(0, m.start() - 25), m.start())):
            continue
        known = lex.lookup(np)
        if known is not None:
            continue
        if not m.group("det") and re.search(r"['’]s\s+$", text[max(0, m.start() - 3):m.start()]):
            continue  # "Iran's foreign minister": the owner speaks, found by the speech layer
        # The phrase takes in a name it cuts ("US Central Command officials", "a spokesperson for the
        # Iran-backed Hashd al-Shaabi").
        start, end = m.start("np"), m.end("np")
        tail = m.start("tail") if m.group("tail") else end
        if any(x.entity.is_place and tail <= x.start < end for x in found):
            end = tail  # "a Hamas official in Beirut": the place stays a place
        for x in found:
            if x.start < start < x.end <= end:
                start = x.start
            if start <= x.start < end < x.end:
                end = x.end
            if not x.entity.is_place and x.end < start and not text[x.end:start].strip() and x.entity.kind in ("State", "StateForce", "StateAgency"):
                start = x.start  # "U.S. officials": the state named right before the phrase
        np = text[start:end]
        label = " ".join(np.split())
        affiliation = None
        inner = [x for x in found if start <= x.start and x.end <= end]
        if inner:
            affiliation = str(inner[-1].entity.iri)
        iri = f"{ACTOR}{article.stem}/{slug(label)}"
        kind = "Official" if re.search(r"official|officer|spokes|commander", label, re.I) else "UnnamedSource"
        ent = _new_entity(ext, iri, label, kind, affiliation)
        extra.append(Mention(start, end, np, ent))
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
    out = _surnames(text, out)
    return _anaphora(text, out, found)


def _surnames(text: str, mentions: list[Mention]) -> list[Mention]:
    """A person named in full is named again by surname alone ("Lloyd Austin" … "Austin said")."""
    by_surname: dict[str, Mention] = {}
    for m in mentions:
        words = m.text.split()
        if m.entity.kind in ("Person", "Official", "Commander") and len(words) >= 2 and words[-1][:1].isupper():
            by_surname.setdefault(words[-1].strip(",.’'"), m)
    if not by_surname:
        return mentions
    out = list(mentions)
    pattern = re.compile(r"(?<![\w.-])(?:(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Adm|Capt|Sgt)\.?\s+)?(" +
                         "|".join(re.escape(s) for s in sorted(by_surname, key=lambda s: (-len(s), s))) + r")(?![\w-])")
    for hit in pattern.finditer(text):
        first = by_surname[hit.group(1)]
        if hit.start() < first.end or any(m.start < hit.end() and hit.start() < m.end for m in out):
            continue
        out.append(Mention(hit.start(), hit.end(), hit.group(0), first.entity))
    out.sort(key=lambda x: (x.start, -(x.end - x.start)))
    return out


# Definite descriptions that stand for an actor named earlier in the article: "the coalition" after
# "the Saudi-led coalition", "the group" or "the rebels" after "the Houthis", "the ministry" after
# "Iran's defence ministry". Each class lists the kinds it may stand for.
_ANAPHOR_CLASSES: list[tuple[re.Pattern[str], frozenset[str]]] = [
    (re.compile(r"\b[Tt]he (?:coalition|alliance)(?: forces)?\b(?![\w-])"), frozenset({"Coalition"})),
    (re.compile(r"\b[Tt]he (?:[a-z]+\s+){0,2}?(?:group|rebels|militants|militia|movement|insurgents|organi[sz]ation|faction)\b(?![\w-])"),
     frozenset({"Militia", "ArmedGroup", "UmbrellaGroup"})),
    (re.compile(r"\b[Tt]he (?:ministry|directorate)\b(?![\w-])"), frozenset({"StateAgency"})),
]
_GENERIC_HEADS = frozenset({"coalition", "the coalition", "coalition forces", "alliance", "the alliance"})


def _anaphora(text: str, mentions: list[Mention], named: list[Mention]) -> list[Mention]:
    """Resolve definite descriptions to the last actor of a fitting kind named before them; a gazetteer
    match that is only such a description ("the coalition") is resolved the same way."""
    out = list(mentions)
    starts = [m.start for m in out]
    for pattern, kinds in _ANAPHOR_CLASSES:
        for hit in pattern.finditer(text):
            i = bisect.bisect_left(starts, hit.start())
            covering = next((m for m in out[max(0, i - 1):i + 1] if m.start <= hit.start() < m.end), None)
            if covering is not None and fold(covering.text) not in _GENERIC_HEADS:
                continue
            # Antecedents are gazetteer names, also those inside a longer phrase ("a spokesperson for X").
            before = [m for m in named if m.end <= hit.start() and m.entity.kind in kinds and fold(m.text) not in _GENERIC_HEADS]
            if not before:
                continue
            mention = Mention(hit.start(), hit.end(), hit.group(0), before[-1].entity)
            if covering is not None:
                out[out.index(covering)] = mention
            else:
                out.insert(i, mention)
            starts = [m.start for m in out]
    # A name that is only such a description ("Coalition strikes …") stands for the last one named.
    for i, m in enumerate(out):
        if fold(m.text) in _GENERIC_HEADS:
            before = [n for n in named if n.end <= m.start and n.entity.kind == m.entity.kind and fold(n.text) not in _GENERIC_HEADS]
            if before:
                out[i] = Mention(m.start, m.end, m.text, before[-1].entity)
    return out


# Every unnamed-source phrase has one of these heads, and only letters, spaces and hyphens before it.
_UNNAMED_HEAD = re.compile(_HEADS)
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
_REPORTS_OF = re.compile(r"\s+(?:of|that|say|said|suggest\w*|indicat\w*)\b")
_DISMISSED = re.compile(r"\b(?:deni\w*|deny\w*|reject\w*|dismiss\w*|refut\w*)\s+(?:the\s+|any\s+)?$", re.IGNORECASE)
_BARE_SPEAKERS = frozenset({"officials", "sources", "witnesses", "residents", "activists", "officers", "commanders",
                            "analysts", "experts", "observers", "diplomats", "investigators", "medics", "doctors"})
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

