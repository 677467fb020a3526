"""Figure claims: numbers that sources give for a strike (killed, wounded, trucks, strikes, projectiles).

A figure is read as a construction over the sentence template, around a *count phrase*: a number with
its qualifier ("at least 10", "more than 200", "5 or 6", "30-plus") and, for people, its noun ("seven of
his guards", "a civilian contractor", "two Americans and a British serviceman", "a family of nine"). The
constructions: the count as subject of a casualty verb ("… were killed", "11 people wounded"), as its
object ("killed …", "the death of …", "leaving … dead"), a toll ("put the death toll at 53", "the number
of injured is as high as 13", "the dead included …"), a negated casualty noun ("no casualties", "no one
was hurt") and counts of projectiles, strikes and trucks. The words of each class are data files in
cues/ (figure_*.txt, figure_*.tsv; one cue a line); only the number grammar lives here. Everything is
compiled once, at import.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from ..lexicon import SOURCE_KINDS
from ..records import FigureRecord
from .context import _TOKEN, TOK, _Context, _Event, _Sentence
from .cues import alternation, rows
from .speech import _source_before, _speaker


def _alt(words: list[str] | set[str]) -> str:
    """An alternation of the words; "-" stands for "none" in the tables."""
    return alternation(sorted(w for w in words if w != "-"))


# -- numbers ---------------------------------------------------------------------------------------

_UNIT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEEN_WORDS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
               "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUM_WORDS = {**_UNIT_WORDS, **_TEEN_WORDS, **_TENS_WORDS, "a dozen": 12, "dozen": 12, "two dozen": 24, "half a dozen": 6,
              "a single": 1, "single": 1, "a hundred": 100}

# The number pattern the strike layer reads casualty reports with (kept as it was: "dozens" included).
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+|a dozen|dozens|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a single)"

_WORD_NUMBER = (rf"(?:{_alt(set(_TENS_WORDS))}(?:[-\s]{_alt(set(_UNIT_WORDS))})?"
                rf"|{_alt(set(_UNIT_WORDS))}\s+hundred|{_alt({'a dozen', 'two dozen', 'half a dozen', 'a single', 'a hundred'})}"
                rf"|{_alt(set(_UNIT_WORDS) | set(_TEEN_WORDS))})")
# A number: digits (not part of "F-35", "1.2" or "12th") or number words, maybe "30-plus".
_N = rf"(?:(?<![\w.,⟨-])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d,.]\d|[^\W\d_]|⟩)|\b{_WORD_NUMBER}\b)(?:-plus\b|\+)?"
_QUALIFIERS = {w: kind for w, kind in rows("figure_qualifiers.tsv")}
_QUAL = _alt(set(_QUALIFIERS))
# A count: a number with its qualifier, or a range ("between 5 and 7", "5 or 6", "5-7").
_COUNT = rf"(?:\b{_QUAL}\s+)?(?:\bbetween\s+{_N}\s+and\s+{_N}|{_N}(?:\s*(?:-|–|\bto\b|\bor\b)\s*{_N})?)"
_COUNT_RE = re.compile(_COUNT, re.IGNORECASE)
_NUMBER_RE = re.compile(_N, re.IGNORECASE)
_QUAL_RE = re.compile(rf"\s*(?P<q>{_QUAL})\s+", re.IGNORECASE)


_NUM_SPLIT = re.compile(r"[-\s]")
_PLUS_END = re.compile(r"(?:-plus|\+)$")


def _num(s: str) -> int | None:
    s = " ".join(s.lower().replace(",", "").split())
    if s.isdigit():
        return int(s)
    if s in _NUM_WORDS:
        return _NUM_WORDS[s]
    if s.endswith(" hundred"):
        head = _NUM_WORDS.get(s[: -len(" hundred")])
        return head * 100 if head else None
    parts = _NUM_SPLIT.split(s, maxsplit=1)
    if len(parts) == 2 and parts[0] in _TENS_WORDS and parts[1] in _UNIT_WORDS:
        return _TENS_WORDS[parts[0]] + _UNIT_WORDS[parts[1]]
    return None


def _count_value(text: str) -> tuple[int, int | None] | None:
    """(low, high) of a count phrase: "at least 10" → (10, None), "more than 200" → (201, None), "5 or 6" →
    (5, 6), "30-plus" → (31, None), "as many as 68" → (68, 68)."""
    kind = "exact"
    pos = 0
    q = _QUAL_RE.match(text)
    if q:
        kind = _QUALIFIERS[" ".join(q.group("q").lower().split())]
        pos = q.end()
    nums = list(_NUMBER_RE.finditer(text, pos))
    if not nums:
        return None
    values = []
    for m in nums[:2]:
        raw = m.group(0)
        plus = raw.endswith(("-plus", "+"))
        n = _num(_PLUS_END.sub("", raw))
        if n is None or n > 100000:
            return None
        values.append((n, plus))
    (low, plus), high = values[0], values[0][0]
    if len(values) == 2:
        high = values[1][0]
        if high < low:
            return None
    if plus or kind == "above":
        return low + 1, None
    if kind == "min":
        return low, None
    return low, high


# -- word classes ----------------------------------------------------------------------------------

_PEOPLE = rows("figure_people.tsv")
_PERSON_SG = _alt({r[0] for r in _PEOPLE})
_PERSON_PL = _alt({r[1] for r in _PEOPLE if len(r) > 1})
_COLLECTIVE = _alt({r[0] for r in rows("figure_collectives.txt")})
_PROJ = rows("figure_projectiles.tsv")
_PROJ_SG = _alt({r[0] for r in _PROJ})
_PROJ_PL = _alt({r[1] for r in _PROJ})
_VERBS = {r[0]: (r[1], r[2]) for r in rows("figure_casualty_verbs.tsv")}
_ACTIVE_V = _alt({w for w, (_, use) in _VERBS.items() if use in ("active", "both")})
_PASSIVE_V = _alt({w for w, (_, use) in _VERBS.items() if use in ("passive", "both")})
_ZERO = {r[0]: tuple(r[1].split(",")) for r in rows("figure_zero_nouns.tsv")}
_TOLLS = {r[0]: r[1] for r in rows("figure_tolls.tsv")}
_VAGUE = _alt({r[0] for r in rows("figure_vague.txt")})
_STRIKE_COUNTS = _alt({r[0] for r in rows("figure_strike_counts.txt")})
_VEHICLES = {r[0]: r[1] for r in rows("figure_vehicles.tsv")}
_UNITS = _alt({r[0] for r in rows("figure_units.txt")})
_CUMULATIVE_RE = re.compile(rf"\b{_alt({r[0] for r in rows('figure_cumulative.txt')})}\b", re.IGNORECASE)
_EVENT_NOUN_RE = re.compile(rf"\b{_alt({r[0] for r in rows('figure_event_nouns.txt')})}\b", re.IGNORECASE)

# -- count phrases ---------------------------------------------------------------------------------

_STOP = _alt({"of", "and", "or", "nor", "were", "was", "are", "is", "who", "whom", "which", "that", "in", "on", "at", "by",
              "the", "to", "had", "have", "has", "been", "with", "from", "as", "including", "after", "before", "when",
              "while", "but", "said", "others", "more", "near", "across", "inside", "outside", "into", "during", "for",
              "under", "along", "among", "against", "toward", "towards", "between", "within", "without", "through", "off",
              "via", "since", "until", "amid", "behind", "beyond", "upon", *_VERBS,
              *(r[1] for r in _PEOPLE if len(r) > 1 and r[1] != "-")})
# A word before the head noun of a count phrase: "Katyusha", "pro-Iran", "U.S.", an entity token.
_MOD = rf"(?:{TOK}|[“\"‘']?(?!{_STOP}\b)[\w’'.-]+[”\"’']?)\s+"
_Q = r"[“\"‘']?"
_QE = r"[”\"’']?"
_POST = rf"(?:\s+(?:of|from)\s+(?:the\s+)?(?:{_MOD}){{0,3}}?(?:{TOK}|[A-Z][\w’'-]*)(?:\s+(?:group|militia|movement|forces|army))?)?"
_HEAD_PL = rf"{_Q}(?:{_PERSON_PL}\b|{TOK}){_QE}"
_HEAD_SG = rf"{_Q}(?:{_PERSON_SG}\b|{TOK}){_QE}"
_NP = (rf"(?:an?\s+{_COLLECTIVE}\s+of\s+{_COUNT}"                                         # a family of nine
       rf"|{_COUNT}\s+of\s+(?:them|those|whom)\b"                                          # two of them
       rf"|{_COUNT}\s+of\s+(?:(?:its|his|her|their|our|the|these|those)\s+|{TOK}(?:’s|'s)?\s+)?(?:{_MOD}){{0,3}}{_HEAD_PL}"  # seven of his guards
       rf"|{_COUNT}\s+(?:others|more)\b"                                                   # six others
       rf"|{_COUNT}\s+(?:{_MOD}){{0,4}}(?:{_HEAD_PL}|{_HEAD_SG}){_POST}"                  # four militia members
       rf"|\b(?:an?|another|a\s+single)\s+(?:{_MOD}){{0,4}}{_HEAD_SG}{_POST})")           # a civilian contractor
_SEP = r"\s+and\s+"
_LIST = rf"{_NP}(?:{_SEP}{_NP})*"
_NP_RE = re.compile(_NP, re.IGNORECASE)
_SEP_RE = re.compile(_SEP, re.IGNORECASE)
_FAMILY_RE = re.compile(rf"an?\s+{_COLLECTIVE}\s+of\s+", re.IGNORECASE)
_ONE_RE = re.compile(r"(?:an?|another|a\s+single)\s", re.IGNORECASE)
_POSS_ONE = rf"\b(?:its|his|her|their)\s+(?:{_MOD}){{0,3}}?{_Q}{_PERSON_SG}\b{_QE}"   # killed its top commander
_VAGUE_AFTER = re.compile(rf"\b(?:and|or)\s+(?:(?:{_QUAL})\s+)?{_VAGUE}\b", re.IGNORECASE)
_UNIT_AFTER = re.compile(rf"\s*(?:-\s*)?{_UNITS}(?![\w])", re.IGNORECASE)
_AUX = (r"(?:(?:were|was|are|is|have|has|had|been|being|got|also|all|reportedly|allegedly|later|subsequently|initially|"
        r"either|both|each|\w+ly)\s+)")


def _list_value(sent: _Sentence, text: str) -> tuple[int, int | None] | None:
    """The sum of a list of count phrases ("two Americans and a British serviceman" → 3)."""
    for tok in _TOKEN.finditer(text):
        ent = sent.ents[int(tok.group(1))]
        if ent.is_place or ent.kind in SOURCE_KINDS:
            return None  # "an Iraqi base near Kirkuk", "a war monitor": no count of people
    low: int = 0
    high: int | None = 0
    members: list[str] = []
    for part in _SEP_RE.split(text):
        if members and _BETWEEN_OPEN.search(members[-1]):
            members[-1] += " and " + part  # "between 30 and 57 people" is one member
        else:
            members.append(part)
    for np in members:
        bare = np.rstrip("”\"’' ")
        head = _TOKEN.search(bare, max(0, len(bare) - 8))
        if (head is not None and head.end() == len(bare) and not _POST_OPEN.search(bare, 0, head.start())
                and not _people_token(sent, head)):
            return None  # "a senior Iranian military": an organisation, not people
        fam = _FAMILY_RE.match(np)
        if fam:
            value = _count_value(np[fam.end():])
        elif (c := _COUNT_RE.match(np)) is not None:
            value = _count_value(c.group(0))
        elif _ONE_RE.match(np):
            value = (1, 1)
        else:
            value = None
        if value is None:
            return None
        low += value[0]
        high = None if high is None or value[1] is None else high + value[1]
    return low, high


_BETWEEN_OPEN = re.compile(rf"\bbetween\s+{_N}$", re.IGNORECASE)
_POST_OPEN = re.compile(r"\b(?:of|from)\s+(?:the\s+)?(?:\S+\s+){0,3}$", re.IGNORECASE)
_PERSON_WORD_RE = re.compile(rf"\b(?:{_PERSON_PL}|{_PERSON_SG})$", re.IGNORECASE)


def _people_token(sent: _Sentence, tok: re.Match[str]) -> bool:
    """An entity token that counts people: a demonym ("two Americans") or a name of people ("U.S. service
    members")."""
    ent = sent.ents[int(tok.group(1))]
    return ent.kind == "State" or bool(_PERSON_WORD_RE.search(sent.mentions[int(tok.group(1))].text))


# -- constructions ---------------------------------------------------------------------------------
# Each has a group "list" (the count phrase) and says its quantity by a "verb" or "noun" group.

_PAREN = r"(?:\s*,\s*(?:including|among\s+them|mostly|most\s+of\s+them|many\s+of\s+them|all\s+of\s+them)\b[^,;]{0,80},)?"
_RELATIVE = rf"(?:\s+who(?:\s+(?!(?:{_ACTIVE_V}|{_PASSIVE_V}|deaths?)\b)[^,.;\s]+){{1,8}}?)?"
_FIGURE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "put the death toll at 53", "a toll of 53", "the number of injured is as high as 13"
    ("figure.toll", re.compile(
        rf"\b(?P<noun>{_alt(set(_TOLLS))})\s+(?:[\w’'-]+\s+){{0,3}}?(?:to|of|at|reached|was|is|stood\s+at|hit|topped)\s+(?P<list>{_COUNT})",
        re.IGNORECASE)),
    # "the dead included seven children", "among the wounded were two journalists"
    ("figure.dead-included", re.compile(
        rf"\b(?:(?P<among>among)\s+)?the\s+(?P<noun>dead|killed|wounded|injured)\s+(?P<verb>included|include|includes|were|was|numbered)\s+(?P<list>{_LIST})",
        re.IGNORECASE)),
    # "the death of a civilian contractor", "the injury of six others"
    ("figure.death-of", re.compile(
        rf"\b(?P<noun>deaths?|killing|injur(?:y|ies)|wounding)\s+of\s+(?P<list>{_LIST}|{_COUNT}\s+(?:{_MOD}){{0,3}}?[\w’'-]+)",
        re.IGNORECASE)),
    # "killed at least 10 people", "wounding seven of his guards", "killed 66", "killed its top commander"
    ("figure.killing-n", re.compile(
        rf"\b(?P<verb>{_ACTIVE_V})\s+(?:(?:a\s+total\s+of|an\s+estimated)\s+)?(?P<list>{_LIST}|{_POSS_ONE}|{_COUNT})",
        re.IGNORECASE)),
    # "leaving three dead"
    ("figure.leaving-n", re.compile(
        rf"\b(?:leaving|left)\s+(?P<list>{_LIST}|{_COUNT})\s+(?:{_AUX})?(?P<verb>dead|killed|wounded|injured)\b",
        re.IGNORECASE)),
    # "four militia members were killed", "nine people, including four children, were killed", "11 people wounded"
    ("figure.people-killed", re.compile(
        rf"(?P<list>{_LIST}){_PAREN}{_RELATIVE}\s+{_AUX}{{0,3}}(?P<verb>{_PASSIVE_V})\b", re.IGNORECASE)),
    # "… were killed and 75 wounded", "…, with another 30 wounded"
    ("figure.and-wounded", re.compile(
        rf"\b(?:{_PASSIVE_V}|{_ACTIVE_V})\b[^.;]{{0,40}}?,?\s+(?:and|with|while)\s+(?:another\s+|a\s+further\s+)?"
        rf"(?P<list>{_COUNT})\s+{_AUX}{{0,3}}(?P<verb>{_PASSIVE_V})\b", re.IGNORECASE)),
    # "seven were wounded"
    ("figure.n-were-killed", re.compile(rf"(?P<list>{_COUNT})\s+{_AUX}{{1,3}}(?P<verb>{_PASSIVE_V})\b", re.IGNORECASE)),
    # "four Katyusha rockets", "at least eight missiles", "one projectile", "a 30-plus rocket attack"
    ("figure.projectiles", re.compile(
        rf"(?P<list>{_COUNT})\s+(?:{_MOD}){{0,3}}?(?P<noun>{_PROJ_PL})\b"
        r"(?!\s+(?:launchers?|batter(?:y|ies)|systems?|sites?|factor(?:y|ies)|programmes?|programs?|arsenals?|stockpiles?))"
        rf"|(?P<one>\b(?:one|a\s+single))\s+(?:{_MOD}){{0,2}}?(?P<noun1>{_PROJ_SG})\b(?!\s+(?:{_PROJ_SG}|{_PROJ_PL}|attacks?|strikes?|launch\w*|fire|barrage|salvo))"
        rf"|(?P<adj>{_COUNT})[\s-]+(?P<noun2>{_PROJ_SG})\s+(?:attack|barrage|salvo|strike)s?\b",
        re.IGNORECASE)),
    # "73 strikes", "three U.S. airstrikes"
    ("figure.strikes", re.compile(rf"(?P<list>{_COUNT})\s+(?:{_MOD}){{0,3}}?(?P<noun>{_STRIKE_COUNTS})\b", re.IGNORECASE)),
    # "six refrigerated trucks", "25 trucks"
    ("figure.vehicles", re.compile(rf"(?P<list>{_COUNT})\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>{_alt(set(_VEHICLES))})\b", re.IGNORECASE)),
]

# "no casualties", "no reports of casualties", "without causing casualties", "no one was hurt",
# "no aircraft damaged or individuals injured"; "no casualties reported yet" is no figure.
_ZERO_PATTERNS: list[re.Pattern[str]] = [
    re.compile(rf"\b(?:no|without)\s+(?:(?:immediate|initial|other|any|causing|(?:reports?|{TOK})\s+of|word\s+of|reported)\s+)*(?P<noun>{_alt(set(_ZERO))})\b",
               re.IGNORECASE),
    re.compile(rf"\b(?:no\s+one|nobody|none)\s+{_AUX}{{0,3}}(?P<verb>{_PASSIVE_V})\b", re.IGNORECASE),
    re.compile(rf"\bno\s+(?:[\w-]+\s+(?:[\w-]+\s+)?(?:or|nor|and)\s+)?(?:{_MOD}){{0,2}}?{_PERSON_PL}\s+{_AUX}{{0,3}}(?P<verb>{_PASSIVE_V})\b",
               re.IGNORECASE),
]
_PROVISIONAL = re.compile(r"[^.;,]{0,30}\byet\b", re.IGNORECASE)

# -- gates -----------------------------------------------------------------------------------------
# Most sentences hold no number and no casualty word: before a construction is searched for, a cheap
# necessary condition of its match is checked. A gate is a case-sensitive alternation of lower-cased
# ASCII cue words (no word boundaries), searched in the lower-cased template; a match of the
# case-insensitive pattern always holds one. Letters that IGNORECASE equates with "i" or "s" while
# lower() does not ("ı", "İ", "ſ") open every gate.

_ODD_CASE = re.compile("[\u0130\u0131\u017f]")


def _gate(*parts: str | set[str]) -> re.Pattern[str]:
    """A gate: regex parts (already lower case) and sets of cue words, alternated."""
    alts = []
    for part in parts:
        if isinstance(part, str):
            alts.append(part)
        else:
            words = {w.lower() for w in part if w and w != "-"}
            if not all(w.isascii() for w in words):
                return re.compile("")  # a cue the gate cannot fold: always open
            # a word that holds another ("killed", "kill") needs no alternative of its own
            alts.append(_alt({w for w in words if not any(v != w and v in w for v in words)}))
    return re.compile("|".join(alts))


def _words(name: str) -> set[str]:
    return {r[0] for r in rows(name)}


_NUMBER_DIGIT_GATE = re.compile(r"(?<![\w.,⟨-])\d")  # the start of a number in digits, as in _N
_GATES: dict[str, re.Pattern[str]] = {
    # the words every number in words holds (see _WORD_NUMBER)
    "number-word": _gate(set(_UNIT_WORDS) | set(_TEEN_WORDS) | set(_TENS_WORDS) | {"dozen", "single", "hundred"}),
    "passive": _gate({w for w, (_, use) in _VERBS.items() if use in ("passive", "both")}),
    "active": _gate({w for w, (_, use) in _VERBS.items() if use in ("active", "both")}),
    "toll": _gate(set(_TOLLS)),
    "dead-included": _gate(r"the\s+(?:dead|killed|wounded|injured)\s+(?:include|were|was|numbered)"),
    "death-of": _gate(r"(?:deaths?|killing|injur(?:y|ies)|wounding)\s+of\s"),
    "leaving": _gate(r"(?:leaving|left)\s"),
    "projectile": _gate({r[0] for r in _PROJ} | {r[1] for r in _PROJ}),
    "strike": _gate(_words("figure_strike_counts.txt")),
    "vehicle": _gate(set(_VEHICLES)),
    "zero": _gate(r"no\s|nobody|none|without"),
    "elsewhere": _gate(_words("figure_event_nouns.txt") | _words("figure_cumulative.txt")),
}
# Every construction needs one of these words (its verb or noun; "the dead", "death of", "leaving", "no"): a
# sentence that holds none has no figure. One flat alternation, which the regex engine scans for fast.
_ANY_GATE = _gate(set(_VERBS) | set(_TOLLS) | {r[0] for r in _PROJ} | {r[1] for r in _PROJ}
                      | _words("figure_strike_counts.txt") | set(_VEHICLES)
                      | {"dead", "death", "killing", "injury", "injuries", "wounding", "leaving ", "left ",
                         "no ", "nobody", "none", "without"})
# What each construction needs besides its own words: "number" is a number in digits or words.
_NEEDS: dict[str, tuple[str, ...]] = {
    "figure.toll": ("toll", "number"),
    "figure.dead-included": ("dead-included",),
    "figure.death-of": ("death-of",),
    "figure.killing-n": ("active",),
    "figure.leaving-n": ("leaving",),
    "figure.people-killed": ("passive",),
    "figure.and-wounded": ("passive", "number"),
    "figure.n-were-killed": ("passive", "number"),
    "figure.projectiles": ("projectile", "number"),
    "figure.strikes": ("strike", "number"),
    "figure.vehicles": ("vehicle", "number"),
}
assert set(_NEEDS) == {rule for rule, _ in _FIGURE_PATTERNS}


class _Gates:
    """The gates of one sentence template, each searched once, when first asked."""

    __slots__ = ("low", "seen", "tpl")

    def __init__(self, tpl: str, low: str | None) -> None:
        self.tpl = tpl
        self.low = low  # the lower-cased template, None where the gates cannot tell
        self.seen: dict[str, bool] = {}

    def __call__(self, name: str) -> bool:
        hit = self.seen.get(name)
        if hit is None:
            if self.low is None:
                hit = True
            elif name == "number":
                hit = _NUMBER_DIGIT_GATE.search(self.tpl) is not None or self("number-word")
            else:
                hit = _GATES[name].search(self.low) is not None
            self.seen[name] = hit
        return hit

# -- sources ---------------------------------------------------------------------------------------

_CONJ = r"(?:while|but|and|as|although|though|whereas|when|after|before|since|because|which|who)"
# A reporting clause after the figure that covers it: "…, a local source told Rudaw", "…, according to MSF",
# "… as announced by U.S. Central Command".
_SOURCE_AFTER = re.compile(
    rf"(?:,\s*(?:the\s+|a\s+|an\s+)?(?:(?!{_CONJ}\b)[\w’'-]+\s+){{0,3}}?(?P<t1>{TOK})(?:’s|'s)?(?:\s+[\w’'-]+){{0,2}}?\s+"
    r"(?:(?:also|later|has|have|had)\s+)?(?:said|says|told|tells|reported|reports|added|stated|claimed|announced|confirmed)\b"
    rf"|\b(?:according\s+to|(?:as\s+)?(?:announced|reported|stated|confirmed|claimed)\s+by)\s+(?:the\s+|some\s+|several\s+|an?\s+)?(?P<t2>{TOK}))",
    re.IGNORECASE)
# "A spokesman for X put the death toll at 53": the one who puts the toll gives it.
_PUTS_TOLL = re.compile(rf"(?P<t>{TOK})(?:\s+[\w’'-]+){{0,4}}?\s+(?:put|puts|estimated|estimates|gave|gives|raised|raises)\s+"
                        r"(?:the|a|its|their)\s+(?:[\w-]+\s+){0,2}?toll\s+(?:at|to)\s+$", re.IGNORECASE)
_DENIAL = re.compile(r"\b(?:deny|denies|denied|denying|rejects?|rejected|rejecting|dismiss(?:es|ed)?|dismissing)\b", re.IGNORECASE)
_ACTOR_SUBJECT = re.compile(rf"(?P<t>{TOK})\s+(?:(?:also|reportedly|allegedly|then|later|had|have|has)\s+)*$")


def _plain(sent: _Sentence, a: int, b: int) -> str:
    """Template text with each token replaced by the words it stands for."""
    return _TOKEN.sub(lambda t: sent.mentions[int(t.group(1))].text, sent.tpl[a:b])


def _figures(ctx: _Context, sent: _Sentence, sources: list[tuple[int, str | None]], refs: list[_Event]) -> None:
    tpl = sent.tpl
    low = None if _ODD_CASE.search(tpl) else tpl.lower()
    if low is not None and _ANY_GATE.search(low) is None:
        return
    gates = _Gates(tpl, low)
    fallback = None
    if not refs:
        # A figure in a sentence that names no strike counts for the strike in focus, unless the
        # sentence names another attack or speaks of a cumulative toll.
        if ctx.focus is None or (gates("elsewhere") and (_EVENT_NOUN_RE.search(tpl) or _CUMULATIVE_RE.search(tpl))) \
                or _elsewhere(ctx, sent):
            return
        fallback = ctx.focus
    taken: list[tuple[int, int]] = []
    guarded: list[tuple[int, int]] | None = None

    def emit(rule: str, m: re.Match[str], span: tuple[int, int], qty: str, low: int, high: int | None) -> None:
        src = _figure_source(ctx, sent, sources, span[0])
        event = fallback or _event_of_figure(sent, refs, ctx, span[0])
        ctx.extraction.figures.append(FigureRecord(event.rec.local, src, qty, low, high, _plain(sent, *_trim(tpl, m)),
                                                   (sent.start, sent.end), rule))
        taken.append(span)

    for m in (_zeros(tpl) if gates("zero") else ()):
        if any(s <= m.start() < e for s, e in taken):
            continue
        noun = m.groupdict().get("noun")
        quantities = _ZERO[" ".join(noun.lower().split())] if noun else (_VERBS[m.group("verb").lower()][0],)
        for qty in quantities:
            emit("figure.none", m, (m.start(), m.end()), qty, 0, 0)

    for rule, pattern in _FIGURE_PATTERNS:
        if not all(gates(g) for g in _NEEDS[rule]):
            continue
        pos = 0
        while (m := pattern.search(tpl, pos)) is not None:
            pos = m.start() + 1
            group = next(g for g in ("list", "one", "adj") if m.groupdict().get(g) is not None)
            span = (m.start(group), m.end(group))
            if any(span[0] < e and s < span[1] for s, e in taken):
                continue
            if guarded is None:
                guarded = _actor_clauses(sent)
            if any(s <= span[0] < e for s, e in guarded):
                continue
            value = _value(rule, m, group, sent)
            if value is None:
                continue
            low, high = value
            qty = _quantity(rule, m, refs)
            if qty is None:
                continue
            if qty == "projectiles" and _part_of_earlier(ctx, sent, sources, refs, fallback, span[0], low):
                continue
            if rule == "figure.dead-included" and (m.group("among") or m.group("verb").lower().startswith("include")):
                high = None  # the dead included …: some of the dead
            emit(rule, m, span, qty, low, high)
            pos = m.end()


_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?(?:\S+\s+)?$", re.IGNORECASE)
_MONTH_BEFORE = re.compile(r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
                           r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+$")


def _elsewhere(ctx: _Context, sent: _Sentence) -> bool:
    """The sentence names places, none of them where the strike in focus was (or in it, or around it)."""
    focus = ctx.focus.rec.place if ctx.focus else None
    # A place the fire came from ("crossing from Lebanon") is not where it hit.
    places = [e.iri for i, e in enumerate(sent.ents) if e.is_place and not _FROM_BEFORE.search(sent.tpl, 0, sent.tpl.find(f"⟨{i}⟩"))]
    if focus is None or not places:
        return False
    here = URIRef(focus)
    return not any(p == here or ctx.lex.within(p, here) or ctx.lex.within(here, p) for p in places)


def _zeros(tpl: str) -> list[re.Match[str]]:
    out = []
    for pattern in _ZERO_PATTERNS:
        for m in pattern.finditer(tpl):
            if not _PROVISIONAL.match(tpl, m.end()):
                out.append(m)
    return sorted(out, key=lambda m: m.start())


_STOP_PUNCT = re.compile(r"[,;.]")
_POSSESSIVE = re.compile(r"(?:its|his|her|their)\s", re.IGNORECASE)


def _value(rule: str, m: re.Match[str], group: str, sent: _Sentence) -> tuple[int, int | None] | None:
    text = m.group(group)
    tpl = sent.tpl
    if group == "one":
        return 1, 1
    if _MONTH_BEFORE.search(tpl, 0, m.start(group)):
        return None  # "the February 15 rocket attacks": a date
    if group == "adj":
        value = _count_value(text)
        return value if value and value[0] >= 2 else None
    stop = _STOP_PUNCT.search(tpl[m.end(group):])
    if _VAGUE_AFTER.search(tpl, m.end(group), m.end(group) + (stop.start() if stop else len(tpl))):
        return None  # "a senior adviser and a handful of others": no number
    count = _COUNT_RE.fullmatch(text)
    if count:
        # A bare number: not a measure, an age or a year.
        if _UNIT_AFTER.match(tpl, m.end(group)):
            return None
        value = _count_value(text)
        if value and rule in ("figure.n-were-killed", "figure.killing-n") and 1900 <= value[0] <= 2100 and text.isdigit():
            return None
        return value
    if _POSSESSIVE.match(text):
        return 1, 1
    return _list_value(sent, text)


def _quantity(rule: str, m: re.Match[str], refs: list[_Event]) -> str | None:
    groups = m.groupdict()
    if rule == "figure.toll":
        return _TOLLS.get(" ".join(m.group("noun").lower().split()))
    if rule in ("figure.death-of", "figure.dead-included"):
        noun = m.group("noun").lower()
        return "killed" if noun.startswith(("death", "kill", "dead")) else "wounded"
    if rule == "figure.projectiles":
        return "projectiles"
    if rule == "figure.strikes":
        return "strikes"
    if rule == "figure.vehicles":
        kind = _VEHICLES[m.group("noun").lower()]
        if kind == "vehicles" and any("convoy" in e.rec.targets for e in refs):
            kind = "trucks"
        return kind
    verb = (groups.get("verb") or "").lower()
    return _VERBS[verb][0] if verb in _VERBS else None


def _trim(tpl: str, m: re.Match[str]) -> tuple[int, int]:
    a, b = m.start(), m.end()
    while a < b and tpl[a].isspace():
        a += 1
    while b > a and tpl[b - 1].isspace():
        b -= 1
    return a, b


_ACTIVE_VERB_RE = re.compile(rf"\b(?:{_ACTIVE_V})\b", re.IGNORECASE)
_WEAPON_RE = re.compile(r"\b(?:drones?|missiles?|rockets?|shells?|bombs?)\b", re.IGNORECASE)


def _actor_clauses(sent: _Sentence) -> list[tuple[int, int]]:
    """Clauses whose casualty verb has an actor for subject and that name no strike ("Houthis reportedly
    killed 16 fleeing detainees and wounded 50 more"): killings, not a strike's toll."""
    tpl = sent.tpl
    out = []
    for v in _ACTIVE_VERB_RE.finditer(tpl):
        start = max(tpl.rfind(",", 0, v.start()), tpl.rfind(";", 0, v.start())) + 1
        subj = _ACTOR_SUBJECT.search(tpl, start, v.start())
        if subj is None:
            continue
        ent = sent.ents[int(subj.group("t")[1:-1])]
        if ent.is_place or ent.kind in SOURCE_KINDS:
            continue
        end = min([i for i in (tpl.find(",", v.end()), tpl.find(";", v.end())) if i >= 0] or [len(tpl)])
        if _EVENT_NOUN_RE.search(tpl, start, end) or _WEAPON_RE.search(tpl[start:end]):
            continue
        out.append((v.start(), end))
    return out


def _part_of_earlier(ctx: _Context, sent: _Sentence, sources: list[tuple[int, str | None]], refs: list[_Event],
                     fallback: _Event | None, pos: int, low: int) -> bool:
    """"Two missiles struck …" after "fired three missiles": a part of a count already given."""
    event = fallback or _event_of_figure(sent, refs, ctx, pos)
    src = _figure_source(ctx, sent, sources, pos)
    return any(f.event == event.rec.local and f.quantity == "projectiles" and f.source == src and f.low > low
               and f.span != (sent.start, sent.end) for f in ctx.extraction.figures)


def _figure_source(ctx: _Context, sent: _Sentence, sources: list[tuple[int, str | None]], pos: int) -> str | None:
    """Who gives the figure: the reporting clause whose complement holds it ("X said N were killed"), or
    one after it that covers the clause ("…, the ministry said", "according to X"); a source that denies
    the report the figure is in does not give it."""
    tpl = sent.tpl
    puts = _PUTS_TOLL.search(tpl, 0, pos)
    if puts is not None:
        src = _speaker(ctx, sent, puts.group("t"))
        if src is not None:
            return src
    before_pos = max((p for p, _ in sources if p <= pos), default=None)
    before = _source_before(sources, pos)
    after = None
    for m in _SOURCE_AFTER.finditer(tpl, pos):
        token = m.group("t1") or m.group("t2")
        after = _speaker(ctx, sent, token)
        if after is not None:
            break
    if before is not None and before_pos is not None:
        between = tpl[before_pos:pos]
        if after is not None and after != before and ("," in between or ";" in between):
            return after
        if _DENIAL.search(between):
            return None
        return before
    return after


def _event_of_figure(sent: _Sentence, refs: list[_Event], ctx: _Context, pos: int) -> _Event:
    """The strike of the figure's own clause when exactly one is named there; else the one in focus."""
    if len(refs) > 1:
        clause = next(((a, b) for a, b in sent.clauses if a <= pos < b), None)
        here = [e for e in refs if clause and clause[0] <= sent.positions.get(e.rec.local, -1) < clause[1]]
        if len(here) == 1:
            return here[0]
    return ctx.focus if ctx.focus in refs else refs[-1]
