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
    r"|(?:one of )?(?:those|the) (?:killed|dead|victims))(?![\w-])"
    # "sources familiar with intelligence reporting", "officials familiar with the matter"
    r"|\s+familiar\s+with\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}(?:matter|situation|intelligence|reporting|investigation|talks|operation|plans?|case|issue|assessment)s?)?)\b")
_AND = re.compile(r"\s+(?:and|or)\s+")
# "Turkey's defence ministry", "Syria's army": the state's own body, found in the gazetteer.
_POSSESSIVE_BODY = re.compile(r"['’]s\s+(?P<body>defen[cs]e ministry|ministry of defen[cs]e|foreign ministry|ministry of foreign affairs|"
                              r"military|army|armed forces|air force|government|intelligence)\b"
                              r"(?=,|\s+(?:\w+\s+){0,2}(?:said|says|denied|denies|declined|confirmed|stated|announced|told|reported|"
                              r"claimed|blamed|accused|rejected|did not|would not|has|had)\b)", re.IGNORECASE)
_NEW_COALITION = re.compile(r"\b(?:the\s+)?(?P<np>(?!(?:The|A|An|This|That|Its|Their)\s)(?:anti-[A-Z]\w+|[A-Z]\w+-led|[A-Z]\w+)\s+coalition)\b")
# (The name opens on a capital not after a letter or dot: "(?<![\w.])[A-Z]", written to open on the capital.)
_NAMED_PERSON = re.compile(
    r"(?P<name>[A-Z](?<![\w.][A-Z])[a-z]+(?:\s+(?:al-|el-|bin\s+|ibn\s+|abu\s+|Abu\s+)?[A-Z][a-z’'-]+){1,3})"
    r"(?=,\s+(?:the\s+|a\s+|an\s+)?[a-z][^,]{2,80},\s+(?:said|told|says|added|wrote)\b|\s+(?:said|told|says)\b)")
_AGAINST_ITS_STATE = re.compile(r"\b(?:opposition|rebels?|anti-government|anti-regime|dissidents?|exiled|exile)\b", re.IGNORECASE)
_ROLE_WORDS = re.compile(r"\b(?:official|spokes\w+|minister|director|commander|chief|general|head|officer|envoy|ambassador)\b",
                         re.IGNORECASE)
_NOT_NAMES = {"The", "A", "An", "In", "On", "At", "But", "And", "It", "He", "She", "They", "This", "That", "However",
              "According", "Last", "Since", "When", "While", "After", "Before", "Meanwhile", "Sources", "Officials"}


def _mentions(text: str, folded: str, lex: Lexicon, article: Article, ext: Extraction) -> list[Mention]:
    """Gazetteer mentions, plus actors the gazetteer lacks (unnamed sources, new people, coalitions)."""
    found = lex.find(text, folded)
    # `found` is sorted and without overlaps, so its ends are sorted too: the names near a span are found by
    # bisection.
    starts = [x.start for x in found]
    ends = [x.end for x in found]
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
        if not m.group("det") and _POSSESSIVE_BEFORE.search(text[max(0, m.start() - 3):m.start()]):
            continue  # "Iran's foreign minister": the owner speaks, found by the speech layer
        if not m.group("tail") and _NAME_AFTER.match(text, m.end("np")):
            continue  # "security spokesman John Kirby", "Foreign Minister Dmytro Kuleba": a title before a name
        # The phrase takes in a name it cuts ("US Central Command officials", "a spokesperson for the
        # Iran-backed Hashd al-Shaabi").
        start, end = m.start("np"), m.end("np")
        tail = m.start("tail") if m.group("tail") else end
        if any(x.entity.is_place for x in found[bisect.bisect_left(starts, tail):bisect.bisect_left(starts, end)]):
            end = tail  # "a Hamas official in Beirut": the place stays a place
        # Only a name that overlaps the phrase, or the last one before it, can widen it.
        for x in found[max(0, bisect.bisect_left(ends, start) - 1):bisect.bisect_left(starts, end)]:
            if x.start < start < x.end <= end:
                start = x.start
            if start <= x.start < end < x.end:
                end = x.end
            if not x.entity.is_place and x.end < start and x.entity.kind in ("State", "StateForce", "StateAgency") and (
                    not text[x.end:start].strip() or (_AND.fullmatch(text, x.end, start) and text[start].isupper())):
                start = x.start  # "U.S. officials", "U.S. and European sources": the state named right before the phrase
        np = text[start:end]
        label = " ".join(np.split())
        affiliation = None
        lo, hi = bisect.bisect_left(starts, start), bisect.bisect_right(ends, end)
        if lo < hi and not _AGAINST_ITS_STATE.search(label):  # the last name inside the phrase
            # ("Syrian opposition activists" do not speak for the Syrian state.)
            affiliation = str(found[hi - 1].entity.iri)
        iri = f"{ACTOR}{article.stem}/{slug(label)}"
        kind = "Official" if _OFFICIAL_LABEL.search(label) else "UnnamedSource"
        ent = _new_entity(ext, iri, label, kind, affiliation)
        extra.append(Mention(start, end, np, ent))
    for m in _at_heads(_NEW_COALITION, _COALITION_HEAD, _NOT_IN_COALITION, text):
        np = m.group("np")
        i = bisect.bisect_right(starts, m.start("np")) - 1
        if lex.lookup(np) is None and not (i >= 0 and m.start("np") < found[i].end):
            ent = _new_entity(ext, f"{ACTOR}{slug(np)}", np, "Coalition", None)
            extra.append(Mention(m.start("np"), m.end("np"), np, ent))
    for m in _NAMED_PERSON.finditer(text):
        name = m.group("name")
        first = name.split()[0]
        i = bisect.bisect_left(starts, m.end("name")) - 1
        if first in _NOT_NAMES or lex.lookup(name) is not None or (i >= 0 and m.start("name") < found[i].end):
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
    out = _compound_states(text, out, lex)
    out = _quoted_names(text, out, lex)
    out = _means_of_state(text, out, lex)
    out = _proxies(text, out, lex)
    out = _surnames(text, out)
    return _anaphora(text, out, found)


# "US-British strikes", "the American-British enemy", "Saudi-Emirati": two states joined by a hyphen, which
# the name matcher (a name ends at a word boundary, not a hyphen) does not split.
_COMPOUND = re.compile(r"(?<![\w-])([A-Z][\w.]*[A-Za-z.])-([A-Z][a-z]+)(?![\w-])")
_STATE_LIKE = frozenset({"State", "StateForce"})


def _compound_states(text: str, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    if "-" not in text:
        return mentions
    out = list(mentions)
    added = False
    for m in _COMPOUND.finditer(text):
        if any(x.start < m.end() and m.start() < x.end for x in mentions):
            continue  # a longer name covers it ("the Iraq-Syria border")
        parts = [(m.start(g), m.end(g), lex.lookup(m.group(g))) for g in (1, 2)]
        ents = [lex.as_actor(e) if e is not None else None for _, _, e in parts]
        if all(e is not None and not e.is_place and e.kind in _STATE_LIKE for e in ents):
            out.extend(Mention(s, e_, text[s:e_], ent) for (s, e_, _), ent in zip(parts, ents, strict=True) if ent)
            added = True
    if added:
        out.sort(key=lambda x: (x.start, -(x.end - x.start)))
    return out


# "US warplanes", "Russian jets", "Syrian military jets": a nationality and the means name the state, not
# one of its services (which the text does not say); "the Israeli Air Force" names the service.
_MEANS_NOUN = r"(?:fighter\s+)?(?:jets|warplanes|aircraft|planes|bombers|helicopters|drones|warships)"
_MEANS_OF_STATE = re.compile(rf"(?:[A-Z][\w.]*\s+)(?:(?:military|army|government|regime)\s+)?{_MEANS_NOUN}",
                             re.IGNORECASE)
_MEANS_AFTER = re.compile(rf"\s+{_MEANS_NOUN}\b", re.IGNORECASE)


def _means_of_state(text: str, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    out = list(mentions)
    for i, m in enumerate(out):
        if m.entity.kind != "StateForce":
            continue
        after = _MEANS_AFTER.match(text, m.end)
        end = after.end() if after else m.end
        if not _MEANS_OF_STATE.fullmatch(text, m.start, end) or not lex.is_nationality(m.text.split()[0]):
            continue
        state = lex.state_of(m.entity.iri)
        if state is not None:
            out[i] = Mention(m.start, m.end, m.text, state)
    return out


# A name with quotation marks around part of it: 'the "Islamic Resistance" in Iraq', '"Iran-backed" forces'.
_QUOTED_PART = re.compile(r"[\"“](?P<inner>[A-Z][\w’' -]{1,40}?)[\"”](?P<tail>\s+(?:in|of)\s+[A-Z][\w-]+|\s+[a-z]+)?")


def _quoted_names(text: str, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    if '"' not in text and "“" not in text:
        return mentions
    out = list(mentions)
    changed = False
    for m in _QUOTED_PART.finditer(text):
        tail = m.group("tail") or ""
        ent = lex.lookup(m.group("inner") + tail) if tail else None
        end = m.end()
        if ent is None or ent.is_place:
            continue
        covered = [x for x in out if x.start < end and m.start() < x.end]
        if any(x.end - x.start > end - m.start() for x in covered):
            continue
        out = [x for x in out if x not in covered]
        out.append(Mention(m.start(), end, text[m.start():end], ent))
        changed = True
    if changed:
        out.sort(key=lambda x: (x.start, -(x.end - x.start)))
    return out


# "its Iraqi allies", "Iran's proxies", "groups affiliated with the IRGC": the armed groups a state backs,
# when the gazetteer knows them as one collective ("Iran's proxies").
_OWN_PROXIES = re.compile(r"\b(?P<own>its|their|[A-Z][\w.]*['’]s)\s+(?:[A-Z]\w+\s+)?(?:allies|proxies|proxy (?:groups|militias|forces))\b")
_PROXIES_OF = re.compile(r"\b(?:groups|militias|militants|fighters|forces|factions)\s+(?:affiliated|aligned|allied)\s+(?:with|to)\s+"
                         r"(?:the\s+|Iran['’]s\s+)?")


def _proxies(text: str, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    if "allies" not in text and "prox" not in text and "affiliated" not in text and "aligned" not in text and "allied" not in text:
        return mentions
    out = list(mentions)
    changed = False

    def proxies_of(owner: Entity) -> Entity | None:
        state = owner
        if owner.is_place:  # "Tehran and its allies": a capital speaks for its state
            country = lex.country_of(owner.iri)
            state = lex.as_actor(lex.entities[country]) if country is not None else owner
        if state.kind != "State":
            state = lex.state_of(state.iri) or state
        if state.kind != "State":
            return None
        return lex.lookup(f"{state.label}'s proxies")

    for m in _OWN_PROXIES.finditer(text):
        own = m.group("own")
        if own in ("its", "their"):
            owner = max((x for x in out if x.end <= m.start()), key=lambda x: x.end, default=None)
        else:
            owner = next((x for x in out if x.start == m.start() and x.end >= m.end("own") - 2), None)
        ent = proxies_of(owner.entity) if owner is not None else None
        if ent is None:
            continue
        start = m.start() if own in ("its", "their") else m.end("own") - 2
        if own not in ("its", "their"):
            out = [x for x in out if x is not owner]
            start = owner.start
        out = [x for x in out if not (x.start < m.end() and start < x.end)]
        out.append(Mention(start, m.end(), text[start:m.end()], ent))
        changed = True
    for m in _PROXIES_OF.finditer(text):
        owner = next((x for x in out if x.start == m.end()), None)
        ent = proxies_of(owner.entity) if owner is not None else None
        if ent is None:
            continue
        out = [x for x in out if not (x.start < owner.end and m.start() < x.end)]
        out.append(Mention(m.start(), owner.end, text[m.start():owner.end], ent))
        changed = True
    if changed:
        out.sort(key=lambda x: (x.start, -(x.end - x.start)))
    return out


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
    # The mentions do not overlap, and neither do the ones added: one sorted list of spans tells whether a
    # surname falls in one.
    spans = sorted((m.start, m.end) for m in out)
    pattern = re.compile(r"(?<![\w.-])(?:(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Adm|Capt|Sgt)\.?\s+)?(" +
                         "|".join(re.escape(s) for s in sorted(by_surname, key=lambda s: (-len(s), s))) + r")(?![\w-])")
    for hit in pattern.finditer(text):
        first = by_surname[hit.group(1)]
        if hit.start() < first.end or _overlaps(spans, hit.start(), hit.end()):
            continue
        out.append(Mention(hit.start(), hit.end(), hit.group(0), first.entity))
        bisect.insort(spans, (hit.start(), hit.end()))
    out.sort(key=lambda x: (x.start, -(x.end - x.start)))
    return out


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans`, sorted spans that do not overlap each other."""
    i = bisect.bisect_left(spans, (end,))  # the spans that start before `end`; the last ends last
    return i > 0 and spans[i - 1][1] > start


# Definite descriptions that stand for an actor named earlier in the article: "the coalition" after
# "the Saudi-led coalition", "the group" or "the rebels" after "the Houthis", "the ministry" after
# "Iran's defence ministry". Each class lists the kinds it may stand for.
_ANAPHOR_CLASSES: list[tuple[re.Pattern[str], frozenset[str]]] = [
    # ("[Tt](?<!\w[Tt])he" is "\b[Tt]he", written to open on a letter, which the engine looks for quickly.)
    (re.compile(r"[Tt](?<!\w[Tt])he (?:coalition|alliance)(?: forces)?\b(?![\w-])"), frozenset({"Coalition"})),
    (re.compile(r"[Tt](?<!\w[Tt])he (?:[a-z]+\s+){0,2}?(?:group|rebels|militants|militia|movement|insurgents|organi[sz]ation|faction)\b(?![\w-])"),
     frozenset({"Militia", "ArmedGroup", "UmbrellaGroup"})),
    (re.compile(r"[Tt](?<!\w[Tt])he (?:ministry|directorate)\b(?![\w-])"), frozenset({"StateAgency"})),
]
_GENERIC_HEADS = frozenset({"coalition", "the coalition", "coalition forces", "alliance", "the alliance"})


def _anaphora(text: str, mentions: list[Mention], named: list[Mention]) -> list[Mention]:
    """Resolve definite descriptions to the last actor of a fitting kind named before them; a gazetteer
    match that is only such a description ("the coalition") is resolved the same way."""
    out = list(mentions)
    starts = [m.start for m in out]
    specific = [m for m in named if fold(m.text) not in _GENERIC_HEADS]
    for pattern, kinds in _ANAPHOR_CLASSES:
        antecedents = _Antecedents([m for m in specific if m.entity.kind in kinds])
        for hit in pattern.finditer(text):
            i = bisect.bisect_left(starts, hit.start())
            covering = next((m for m in out[max(0, i - 1):i + 1] if m.start <= hit.start() < m.end), None)
            if covering is not None and fold(covering.text) not in _GENERIC_HEADS:
                continue
            # Antecedents are gazetteer names, also those inside a longer phrase ("a spokesperson for X").
            before = antecedents.last_before(hit.start())
            if before is None:
                continue
            mention = Mention(hit.start(), hit.end(), hit.group(0), before.entity)
            if covering is not None:
                j = out.index(covering)
                out[j] = mention
                starts[j] = mention.start
            else:
                out.insert(i, mention)
                starts.insert(i, mention.start)
    # A name that is only such a description ("Coalition strikes …") stands for the last one named.
    by_kind: dict[str, _Antecedents] = {}
    for i, m in enumerate(out):
        if fold(m.text) in _GENERIC_HEADS:
            kind = m.entity.kind
            if kind not in by_kind:
                by_kind[kind] = _Antecedents([n for n in specific if n.entity.kind == kind])
            before = by_kind[kind].last_before(m.start)
            if before is not None:
                out[i] = Mention(m.start, m.end, m.text, before.entity)
    return out


class _Antecedents:
    """Mentions in text order: the last one that ends by a position."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.ends = [m.end for m in mentions]
        self.sorted = all(a <= b for a, b in zip(self.ends, self.ends[1:], strict=False))

    def last_before(self, pos: int) -> Mention | None:
        if self.sorted:
            i = bisect.bisect_right(self.ends, pos)
            return self.mentions[i - 1] if i else None
        return next((m for m in reversed(self.mentions) if m.end <= pos), None)


# Every unnamed-source phrase has one of these heads, and only letters, spaces and hyphens before it.
_UNNAMED_HEAD = re.compile(_HEADS)
_NOT_IN_NOUN_PHRASE = re.compile(r"[^A-Za-z\s-]")


# Every new coalition's name ends in "coalition", and has only word characters, spaces and hyphens.
_COALITION_HEAD = re.compile("coalition")
_NOT_IN_COALITION = re.compile(r"[^\w\s-]")


def _unnamed_sources(text: str) -> Iterator[re.Match[str]]:
    return _at_heads(_UNNAMED, _UNNAMED_HEAD, _NOT_IN_NOUN_PHRASE, text)


def _at_heads(pattern: re.Pattern[str], head: re.Pattern[str], breaks: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """pattern.finditer(text) for a pattern whose every match holds a match of `head` with no character that
    `breaks` matches before it, without trying the pattern at every position: a match starts in the run
    without breaks that holds the next head, so each search starts there."""
    at: list[int] | None = None
    pos = 0
    while (h := head.search(text, pos)) is not None:
        if at is None:
            at = [m.start() for m in breaks.finditer(text)]
        i = bisect.bisect_left(at, h.start())
        m = pattern.search(text, max(pos, at[i - 1] + 1) if i else pos)
        if m is None:
            return
        yield m
        pos = m.end()


# Plural heads that name a source on their own when they speak: "…, officials said."
_REPORTS_OF = re.compile(r"\s+(?:of|that|say|said|suggest\w*|indicat\w*)\b")
_DISMISSED = re.compile(r"\b(?:deni\w*|deny\w*|reject\w*|dismiss\w*|refut\w*)\s+(?:the\s+|any\s+)?$", re.IGNORECASE)
_NAME_AFTER = re.compile(r"\s+(?:[A-Z][a-z]*\.\s+)*[A-Z][a-z’'-]+\s+(?:(?:al-|el-|bin\s+|abu\s+)?[A-Z][a-z’'-]+)")
_BARE_SPEAKERS = frozenset({"officials", "sources", "witnesses", "residents", "activists", "officers", "commanders",
                            "analysts", "experts", "observers", "diplomats", "investigators", "medics", "doctors"})
_SPEECH_AFTER = re.compile(r"\s+(?:have\s+|had\s+|also\s+)?(?:said|say|says|told|reported|confirmed|added|stated)\b")


_ACCORDING_BEFORE = re.compile(r"according to\s+(?:the\s+|some\s+)?$", re.IGNORECASE)
_POSSESSIVE_BEFORE = re.compile(r"['’]s\s+$")
_OFFICIAL_LABEL = re.compile(r"official|officer|spokes|commander", re.IGNORECASE)


def _after_according(text: str, pos: int) -> bool:
    return bool(_ACCORDING_BEFORE.search(text[max(0, pos - 20): pos]))


def _new_entity(ext: Extraction, iri: str, label: str, kind: str, affiliation: str | None) -> Entity:
    if iri not in ext.new_entities:
        ext.new_entities[iri] = NewEntity(iri, label, kind, affiliation)
    return Entity(URIRef(iri), iri.rsplit("/", 1)[1], label, kind, False)


# A place before the actor it locates or owns ("Beirut-based", "Syria's") is part of the actor's name.
_BASED_OR_POSSESSIVE = re.compile(r"(?:\s*-\s*|\s+)based\s+(?:the\s+)?|['’]s\s+")
_TEMPLATE_FOLD = (("’", "'"), ("‘", "'"), ("–", "-"), ("—", "-"), ("“", '"'), ("”", '"'))


def _template(index: int, start: int, end: int, text: str, mentions: list[Mention]) -> _Sentence:
    joined: list[Mention] = []
    for m in mentions:
        if joined and not text[joined[-1].end:m.start].strip() and joined[-1].entity.iri == m.entity.iri:
            prev = joined[-1]
            joined[-1] = Mention(prev.start, m.end, text[prev.start:m.end], m.entity)
        else:
            joined.append(m)
    mentions = [m for i, m in enumerate(joined)
                if not (m.entity.is_place and i + 1 < len(joined)
                        and _BASED_OR_POSSESSIVE.fullmatch(text, m.end, joined[i + 1].start)
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
    tpl = "".join(parts)
    if not tpl.isascii():  # (str.replace, many times faster than str.translate)
        for a, b in _TEMPLATE_FOLD:
            if a in tpl:
                tpl = tpl.replace(a, b)
    return _Sentence(index, start, end, text[start:end], tpl, ents, mentions)

