"""Attribution claims: who, according to whom, carried out a strike, with the stance of the source."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import URIRef

from ..lexicon import SOURCE_KINDS, Entity
from ..records import AttributionRecord
from .context import ENTLIST, TOK, _Context, _Event, _iri, _party, _same_side, _Sentence, _state_of_actor, _tokens
from .cues import alternation, words
from .speech import _source_before, _speakers_before, _state_for_place
from .strikes import _PLURAL_ANAPHOR, _STRIKE_NOUN

# -- claims vocabulary ----------------------------------------------------------------------------
_HEDGE = re.compile(rf"\b{alternation(words('hedges.txt'))}\b", re.IGNORECASE)
_BLAME = re.compile(r"\b(?:blam\w*|accus\w*|condemn\w*|held\s+.{0,40}?responsible|hold\w*\s+.{0,40}?responsible|claimed)\b", re.IGNORECASE)
_ACK = re.compile(r"\b(?:confirm\w*|admit\w*|acknowledg\w*|claimed responsibility|took responsibility)\b", re.IGNORECASE)
_UNKNOWN = re.compile(
    r"\b(?:not (?:immediately |yet |entirely )?(?:clear|known)|unclear|unknown|could not (?:\w+\s+){0,12}?(?:who|identity|origin)|"
    r"no (?:[\w-]+\s+)?(?:one|group|party|faction|organi[sz]ation) (?:has |had )?(?:yet |immediately |so far |publicly )?claimed|"
    r"neither ⟨\d+⟩ n?or ⟨\d+⟩ (?:has |have |had )?(?:\w+ )?claimed|"
    r"(?:did not|didn't) (?:immediately )?claim (?:the|this|that|it|responsibility)\b|"
    r"(?:did not|didn't|does not|doesn't|do not|don't|has not|hasn't) (?:say|know|have a theory on|identify|name|specify) who|"
    r"unidentified (?:aircraft|drones?|warplanes|jets|planes|gunmen|attackers)|unknown (?:aircraft|drones?|warplanes|jets))",
    re.IGNORECASE)
_SUBJECT_BEFORE = re.compile(rf"(?P<s>{TOK})\s+(?:(?:also|still|yet|has|have)\s+)?$")
_SAY_WHO = re.compile(r"(?:did not|didn't|does not|doesn't|do not|don't|has not|hasn't) (?:say|identify|name|specify) who", re.IGNORECASE)
_UNKNOWN_SUBJECT = re.compile(r"\b(?:who|behind|responsib\w+|source of|origin|identity|claim(?:ed)?|unidentified|unknown)\b", re.IGNORECASE)
# Words of a party that speaks of its enemy: what it says that enemy did is an accusation.
_HOSTILE = re.compile(r"\b(?:enemy|enemies|aggression|aggressors?|crimes?|criminal|massacres?|terrorist (?:regime|state))\b", re.IGNORECASE)
_JUSTIFY = re.compile(r"\b(?:self-?defen[cs]e|in response|retaliat\w*|legitimate|necessary|to protect|precision strikes|targeted)\b",
                      re.IGNORECASE)

# -- attributions -----------------------------------------------------------------------------------

_SUSPICION = re.compile(
    rf"\bsuspicion\s+(?:\w+\s+){{0,2}}?(?:fell|falls|has fallen|had fallen|focused|focuses|centred|centered|pointed)\s+on\s+(?:the\s+)?(?P<a>{ENTLIST})",
    re.IGNORECASE)
# What one is accused of when accused of a strike: "of carrying out", "for the attack", "of being behind".
_BLAME_OBJECT = (r"(?:of|for)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}?(?:strikes?|attacks?|raids?|bombings?|blasts?|"
                 r"explosions?|incidents?|assassinations?|killings?|carrying|conducting|launching|being|involvement|responsibility|"
                 r"targeting|striking|bombing|firing|shelling|orchestrating|attacking|acting)\b")
_MUTUAL_BLAME = re.compile(rf"(?P<x>{TOK})\s+and\s+(?:the\s+)?(?P<y>{TOK})\s+(?:(?:have|had|has|were|are)\s+)?(?:\w+\s+)?"
                           r"(?:accus\w*|blam\w*)\s+(?:each other|one another)\b", re.IGNORECASE)
# "Hamas's October 7 attack", "Friday's attack": a day between owner and strike.
_DATE_WORDS = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}|\w+day|(?:19|20)\d\d)"
_EVENT_WORD = r"(?:strikes?|attacks?|raids?|bombings?|blasts?|explosions?|incidents?|assassinations?|killings?|it)"
_ACTOR_PATTERNS: list[tuple[str, re.Pattern[str], str | None]] = [
    ("attribution.behind", re.compile(
        rf"(?P<a>{ENTLIST})(?:\s+(?:terrorist|militant|armed|rebel|paramilitary)\s+(?:organi[sz]ation|group|movement|militia))?\s+(?:(?:was|were|is|are|had been|has been|may have been|might have been|could have been|"
        rf"was likely|were likely|is likely|are likely|likely|probably|possibly|allegedly|reportedly)\s+)(?:\w+\s+)?(?:behind|responsible\s+for)\b"), None),
    ("attribution.thought-behind", re.compile(
        rf"(?P<a>{ENTLIST}),\s+(?:an?|the)\s+[^,;]{{0,60}}?\b(?:thought|believed|said|suspected|understood|alleged|widely seen)\s+"
        rf"to\s+(?:have\s+been|be)\s+(?:behind|responsible\s+for)\b"), "suggested"),
    ("attribution.by-agent", re.compile(
        rf"(?:{_STRIKE_NOUN}|conducted|carried out|launched|executed|perpetrated|staged|operation)\s+(?:(?:\w+|⟨\d+⟩)\s+){{0,5}}?by\s+(?:the\s+|a\s+|an\s+)?(?P<a>{ENTLIST})",
        re.IGNORECASE), None),
    ("attribution.passive-by", re.compile(
        rf"\b(?:(?:was|were|been|being)\s+(?:\w+\s+)?)?(?:hit|struck|targeted|bombed|attacked|shelled|destroyed|killed|wounded|launched|fired|sent|flown|operated|dispatched)\s+by\s+"
        rf"(?:the\s+|an?\s+)?(?:(?:suspected|alleged|apparent|presumed|reported)\s+)?(?P<a>{ENTLIST})",
        re.IGNORECASE), None),
    # "two Israeli drones crashed in Beirut": whose drones they were.
    ("attribution.whose-projectile", re.compile(
        rf"(?P<a>{TOK})\s+(?:(?:[\w-]+\s+)?(?:drones?|missiles?|rockets?|projectiles?)\s+)?(?:(?:had|have|has|then|later|also)\s+)?"
        rf"(?:crashed|exploded|fell|landed|slammed)\b"), None),
    ("attribution.attributed-to", re.compile(
        rf"\b(?:attributed|ascribed)\s+to\s+(?:the\s+)?(?P<a>{ENTLIST})", re.IGNORECASE), "suggested"),
    ("attribution.appear-from", re.compile(
        rf"appear\w*\s+to\s+(?:have\s+)?(?:been|be|come)\s+from\s+(?:the\s+)?(?P<a>{ENTLIST})", re.IGNORECASE), None),
    ("attribution.origin-to", re.compile(
        rf"origin of (?:the|this) (?:\w+\s+)?(?:attack|strike)s?\s+to\s+(?:the\s+)?(?P<a>{ENTLIST})", re.IGNORECASE), None),
    ("attribution.blamed-on", re.compile(
        rf"blam\w*\s+(?:(?:the|this|that)\s+)?(?:[\w-]+\s+){{0,4}}?on\s+(?:the\s+)?(?P<a>{ENTLIST})", re.IGNORECASE), "blamed"),
    ("attribution.accused", re.compile(rf"accus\w*\s+(?:the\s+)?(?P<a>{ENTLIST})(?=\s+{_BLAME_OBJECT}|\s*[,.;]|\s*$)", re.IGNORECASE), "blamed"),
    ("attribution.blamed-actor", re.compile(rf"blam\w*\s+(?:the\s+)?(?P<a>{ENTLIST})(?:\s+for|\s*[,.;]|\s*$)", re.IGNORECASE), "blamed"),
    ("attribution.held-responsible", re.compile(
        rf"(?:hold|holds|held)\s+(?:the\s+)?(?P<a>{ENTLIST})\s+(?:fully\s+)?responsible", re.IGNORECASE), "blamed"),
    ("attribution.suspicion", _SUSPICION, "suggested"),
    # "Iran was their leading suspect for the incident"
    ("attribution.prime-suspect", re.compile(
        rf"(?P<a>{ENTLIST})\s+(?:was|is|were|are|remains?|remained|had been|has been|emerged as)\s+(?:the|their|its|his|her|our|a)\s+"
        rf"(?:leading|prime|main|chief|top|principal|primary|most likely|likeliest)\s+suspects?\b", re.IGNORECASE), "suggested"),
    ("attribution.suspected-of", re.compile(
        rf"(?P<a>{ENTLIST})\s+(?:is|are|was|were|has been|have been|had been)\s+(?:\w+\s+)?suspected\s+of\b", re.IGNORECASE), "suggested"),
    ("attribution.adjective-operation", re.compile(
        rf"(?<!than )(?:\b(?:an?|the|its|their|these|those|his|her)\s+(?:[\w-]+\s+)?)?(?P<a>(?:{TOK}-)?{TOK})(?:'s)?\s+(?:{_DATE_WORDS}\s+)?(?:[a-z]+-[a-z]+\s+|(?:precision|retaliatory|deadly|military|overnight|fresh)\s+)?(?:(?:drone|missile|rocket|artillery|air|aerial|naval)\s+)?"
        rf"(?:operation|strikes?|airstrikes?|air strikes?|air raids?|raids?|attacks?|bombardment|bombing|shelling|aggression)\b",
        re.IGNORECASE), None),
    ("attribution.actor-verb", re.compile(
        rf"(?P<a>{ENTLIST})(?:\s+(?:stationed|based|operating|positioned|deployed)\s+(?:in|near|at|around|outside)\s+[^,;]{{1,50}}?"
        # "the American-British enemy, in the context of its support for …, launched": an aside between subject and verb
        rf"|(?:\s+(?:enemy|enemies|forces|regime))?,\s+(?:in|with|after|despite|amid|under|as part of)\s+(?:[^,;⟨]|{TOK}){{1,120}}?,)?"
        rf"\s+(?:(?:has|have|had|also|reportedly|allegedly|then|recently|later|again|itself|jets|aircraft|warplanes|drones|"
        rf"fighter|war|planes|helicopters|missiles|rockets|shells|artillery|forces|troops|military|army|navy|fighters|militants|gunmen|"
        rf"repeatedly|frequently|regularly|routinely|separately|indeed|enemy|enemies|is the one that|was the one that|were the ones that|[A-Z]+-?\d+\w*)\s+)*"
        rf"(?:conducted|carried out|launched|struck|bombed|hit|targeted|attacked|shelled|fired|raided|pounded|bombarded|(?:began|begun|started)\s+(?:targeting|attacking|striking|bombing)"
        rf"|(?:responded|retaliated|replied)\s+with\s+(?:\w+\s+)?(?:air\s*strikes|strikes|airstrikes|raids|missiles|rockets|drones|shelling)"
        # "the IDF responded forcefully, bombing dozens of targets"
        rf"|(?:responded|retaliated|replied|hit back|struck back)(?:\s+\w+ly)?,?\s+(?:by\s+)?(?:bombing|striking|hitting|targeting|pounding|shelling|launching|firing))\b"), None),
    ("attribution.masterminded", re.compile(
        rf"(?P<a>{ENTLIST})\s+(?:(?:had|has|have|also|allegedly)\s+)*(?:masterminded|orchestrated|perpetrated|engineered|plotted)\b"), "blamed"),
    # "Washington masterminded in coordination with Ukraine the drone attack": the partner is named too.
    ("attribution.in-coordination", re.compile(
        rf"(?:masterminded|orchestrated|perpetrated|carried out|conducted|launched|planned)\s+(?:\w+\s+){{0,3}}?"
        rf"(?:in\s+(?:coordination|cooperation|collusion|concert)|jointly|together)\s+with\s+(?:the\s+)?(?P<a>{ENTLIST})"), None),
    ("attribution.pointed-finger", re.compile(
        rf"\bpoint\w*\s+(?:the\s+|a\s+)?(?:\w+\s+)?fingers?\s+at\s+(?:the\s+)?(?P<a>{ENTLIST})", re.IGNORECASE), "blamed"),
    ("attribution.linked-to", re.compile(
        rf"(?:\blink\w*\s+(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?{_EVENT_WORD}\s+|"
        rf"\b{_EVENT_WORD}\s+(?:(?:was|were|is|are|has been|have been|had been|being|widely|closely|reportedly|apparently)\s+)*linked\s+)"
        rf"to\s+(?:the\s+)?(?P<a>{ENTLIST})", re.IGNORECASE), "suggested"),
    ("attribution.committed", re.compile(
        rf"(?P<a>{ENTLIST})\s+(?:had\s+|has\s+|have\s+)?committed\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:war crimes?|crimes?|massacres?|atrocit(?:y|ies)|terrorist (?:act|attack)s?)\b",
        re.IGNORECASE), "blamed"),
    ("attribution.accused-of", re.compile(
        rf"(?P<a>{ENTLIST}),?\s+(?:(?:was|were|is|are|has been|have been|had been|been|being|widely|long)\s+)*(?:accused|blamed)\s+{_BLAME_OBJECT}",
        re.IGNORECASE), "blamed"),
    ("attribution.condemned", re.compile(rf"\bcondemn\w*\s+(?:the\s+)?(?P<a>{ENTLIST})(?!\s*'s\s+(?:victims|dead))", re.IGNORECASE), "blamed"),
]
_ACK_PATTERNS = [
    ("attribution.claimed-responsibility", re.compile(
        rf"(?P<a>{TOK})\s+(?:(?:has|have|had|later|quickly|also)\s+)*(?:claimed|took|accepted|assumed)\s+(?:\w+\s+)?responsibility")),
    ("attribution.responsibility-as", re.compile(
        rf"(?:claim\w*|took|take|assum\w+)\s+responsibility\b.{{0,140}}?(?:as|by)\s+[\"']?(?:the\s+)?[\"']?(?P<a>{TOK})", re.IGNORECASE)),
    ("attribution.said-it-struck", re.compile(
        rf"(?P<a>{TOK})(?:\s+\w+ing\s+(?:in|on|against|near|across)\s+[^,;]{{1,40}}?)?\s+(?:(?:also|later|had|(?:late\s+|early\s+)?on\s+\w+|in\s+an?\s+(?:\w+\s+)?(?:statement|post|tweet|release|briefing))\s+)*"
        rf"(?:said|says|announced|stated|confirmed)\s+"
        rf"(?:(?:in\s+an?\s+(?:\w+\s+)?(?:statement|post|tweet|release|briefing)|(?:late\s+|early\s+)?on\s+\w+)\s+){{0,2}}"
        rf"(?:that\s+)?(?:[^,\"]{{1,50}},\s+)?(?:it|they|(?:its|their) (?:own\s+)?(?:forces|jets|aircraft|drones|warplanes|fighters|troops|units|militants|air force|navy|army)|"
        rf"the (?:air force|army|navy|military|forces|troops))\s+(?:had\s+|have\s+|has\s+)?[\"']?"
        rf"(?:carried out|conducted|launched|struck|hit|targeted|bombed|attacked|neutrali[sz]ed|eliminated|destroyed|begun|began|started|fired|shelled)\b", re.IGNORECASE)),
    ("attribution.ordered", re.compile(
        rf"(?P<a>{TOK})\s+(?:(?:also|later|(?:late\s+|early\s+)?on\s+\w+)\s+)*(?:said|says|announced|stated|confirmed)\s+"
        rf"(?:(?:(?:late\s+|early\s+)?on\s+\w+|\w+day)\s+)?(?:that\s*)?(?:,[^,]{{1,60}},\s+)?(?:he|she|it|they)\s+(?:had\s+|has\s+)?"
        rf"(?:ordered|authori[sz]ed|directed|approved)\b", re.IGNORECASE)),
    ("attribution.claimed-by", re.compile(rf"\b(?:claimed|owned)\s+by\s+(?:the\s+)?(?:[\w-]+\s+)?(?P<a>{TOK})", re.IGNORECASE)),
    ("attribution.own-claims", re.compile(
        rf"(?P<a>{TOK})(?:'s)?\s+claims?\s+that\s+(?:it|they)\s+(?:had\s+)?(?:targeted|struck|hit|attacked|carried out)\b", re.IGNORECASE)),
    ("attribution.admitted", re.compile(
        rf"(?P<a>{TOK})\s+(?:(?:has|have|had|openly|publicly|later|also|now|officially)\s+)*(?:admitted|acknowledged|confirmed)\s+"
        rf"(?:to\s+|carrying|conducting|striking|that it|that they|it\s+(?:struck|hit|carried)|responsibility|the (?:strike|attack|raid))",
        re.IGNORECASE)),
]
_DENY = re.compile(
    rf"(?P<s>{TOK})(?:,?\s+(?:which|who))?\s*[\"']?\s*(?:(?:has|have|had|is|are|was|were|however|also|quickly|strongly|publicly|later|officially|firmly|categorically|flatly|vehemently)\s+)*(?:denied|denies|rejected|rejects|dismissed|denying)\s+(?:on\s+\w+,?\s+)?(?:any\s+)?"
    rf"(?:(?:\w+\s+){{0,3}}?(?:involvement|being involved|involved|responsibility|any role|role|carrying|conducting|(?:the\s+)?(?:claim|report|accusation|allegation|charge)s?)"
    rf"|that\s+(?:it|they|the (?:coalition|group|military|army|militia|movement|forces?))\b"
    rf"|(?:that\s+)?(?:the\s+)?(?P<a>{TOK})\s+(?:(?:was|were|had been)\s+(?:\w+\s+)?(?:behind|responsible|involved)|(?:had|has|did)\s+(?:carried out|conducted|launched|struck)))",
    re.IGNORECASE)
_DENY_NO_ROLE = re.compile(
    rf"(?P<a>{TOK})\s+(?:(?:had|has|have|played|bore)\s+no\s+(?:\w+\s+)?(?:involvement|role|part|responsibility)|(?:was|were|is|are)\s+not\s+(?:\w+\s+)?(?:involved|responsible|behind)"
    rf"|(?:has|had|have)\s+(?:had\s+)?nothing to do with)",
    re.IGNORECASE)
# "Iran's denial that its allies were involved", "U.S. and Ukrainian denials of involvement".
_DENIAL_NOUN = re.compile(rf"(?P<s>{ENTLIST})(?:'s)?\s+(?:\w+\s+)?denials?\s+(?:that|of)\b"
                          rf"(?:\s+(?:the\s+)?(?P<a>{TOK})\s+(?:was|were|had been|is|are)\s+(?:\w+\s+)?(?:involved|behind|responsible))?",
                          re.IGNORECASE)
# "The ministry described the accusations as groundless."
_DISMISS_CLAIMS = re.compile(
    rf"(?P<s>{TOK})\s+(?:\w+\s+){{0,2}}?(?:described|called|dismissed|branded|labell?ed)\s+(?:the\s+|these\s+|such\s+)?(?:\w+\s+)?"
    rf"(?:accusations?|allegations?|claims?|reports?|charges?)\s+(?:as\s+)?(?:\w+\s+)?(?:groundless|baseless|false|lies|fabricated|unfounded|absurd|ridiculous)",
    re.IGNORECASE)
_SELF_DENY = re.compile(
    rf"(?:\b(?:it|they|the (?:group|militia|movement|organi[sz]ation|faction|army|military))|(?P<t>{TOK}))\s+(?:had|has|have|did|was|were)\s+(?:not|never)\s+"
    r"(?:carr(?:y|ied) out|conduct(?:ed)?|launch(?:ed)?|(?:been\s+)?involved|behind|responsible|(?:taken|played)\s+(?:any\s+)?part)\b",
    re.IGNORECASE)
_DECLINE = re.compile(
    rf"(?P<s>{TOK})(?:'s\s+(?:army|military|government|forces|defen[cs]e ministry|foreign ministry))?(?:\s*,[^,]{{1,80}},)?\s+"
    rf"(?:(?:has|have|had|also|however|so far|itself|still|yet|immediately|officially|publicly)\s+)*{alternation(words('declines.txt'))}\b"
    rf"|no (?:immediate |official )?(?P<s6>{TOK}) comment"
    rf"|(?P<s2>{TOK})\s+(?:(?:did|does|would|do)\s+not\s+(?:immediately\s+)?(?:comment|confirm|respond)|(?:has|have|had)\s+not\s+(?:yet\s+)?(?:commented|responded))"
    rf"|no (?:immediate |official )?comment from (?:the\s+)?(?P<s3>{TOK})"
    rf"|(?P<s5>{TOK})(?:\s*,[^,]{{1,80}},)?(?:'s\s+(?:army|military|government|forces|defen[cs]e ministry))?\s+said\s+(?:that\s+)?(?:it|they)\s+(?:had|has|have|would have)\s+no\s+(?:immediate\s+)?comment"
    rf"|(?P<s4>{TOK})\s+(?:\w+\s+){{0,2}}(?:does|do|did)\s+not\s+comment", re.IGNORECASE)


# Words before an actor that make it no striker of this strike.
_NOT_THE_STRIKER = re.compile(r"\b(?:imminent|planned|potential|would-be|foiled|thwarted?|future|offshoots?\s+of(?:\s+the)?(?:\s+\w+){0,3}|"
                              r"splinter\s+(?:group|faction)s?\s+of(?:\s+the)?(?:\s+\w+){0,3}|affiliates?\s+of(?:\s+the)?(?:\s+\w+){0,3})\s+$",
                              re.IGNORECASE)
# A denial whose content names the actor: "denying reports that …", "rejected claims that …".
_DENIED_CONTENT = re.compile(r"\b(?:denied|denies|denying|rejected|rejects|rejecting|dismissed|dismissing)\s+(?:the\s+|any\s+)?"
                             r"(?:\w+\s+)?(?:reports?|claims?|accusations?|allegations?|charges?|suggestions?|⟨\d+⟩)\s+(?:that|of)\b", re.IGNORECASE)
_DEFINITE_STRIKE = re.compile(r"\b(?:the|this|that|these|those)\s+(?:\w+\s+)?(?:strikes?|attacks?|raids?|targets|operation)\b", re.IGNORECASE)
_CLOSING_CLAIM = re.compile(r",\s*[^,⟨]{0,60}⟨\d+⟩[^,⟨]{0,30}\b(?:claimed|alleged|charged)\b[^⟨,]{0,40}$")
_EITHER_OR = re.compile(r"\s(?:or|nor)\s")
_RESPONSIBILITY_WORDS = ("finger", "fingers", "hallmark", "hallmarks", "committed", "behind", "suspected", "declined to comment",
                         "refused to comment", "no comment", "no immediate comment")
_RESPONSIBILITY_TALK = re.compile(
    rf"\b(?:{alternation(_RESPONSIBILITY_WORDS)}|link(?:ed|s)?\s+(?:\w+\s+){{0,3}}?to|(?:condemn|responsib|involve|accus|blam)\w*)\b",
    re.IGNORECASE)
_STRIKE_WORD = re.compile(r"\b(?:strike|attack|raid|bombing|operation|incident|it)\b", re.IGNORECASE)

# -- cue words ------------------------------------------------------------------------------------
# Each pattern is tried only in a sentence that has its cue words: literals (lower-case ASCII) that are
# part of every match, in groups of which every one must be in the sentence.
# Characters that IGNORECASE matching takes for an ASCII letter but str.lower() does not turn into one.
_CASE_ODD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})


def _lowered(text: str) -> str:
    """The text lower-cased for cue tests: a literal that a pattern matches in the text, with or without
    IGNORECASE, is a substring of the result."""
    low = text.lower()
    if "ı" in low or "ſ" in low or "\u0307" in low:  # "İ".lower() is "i" and a combining dot
        low = text.translate(_CASE_ODD).lower()
    return low


class _CueIndex:
    """Which cue words a sentence has. A cue has no white space, so it lies within one of the sentence's
    white-space separated chunks; each chunk's cues are found once and remembered."""

    def __init__(self) -> None:
        self.cues: frozenset[str] = frozenset()
        self.by_chunk: dict[str, frozenset[str]] = {}
        self.last: tuple[str | None, set[str]] = (None, set())

    def add(self, cues: Iterable[str]) -> None:
        cues = frozenset(cues)
        assert not any(c != "".join(c.split()) or c != c.lower() for c in cues), "cues are lower case, without spaces"
        self.cues |= cues
        self.by_chunk.clear()
        self.last = (None, set())

    def __call__(self, text: str) -> set[str]:
        """The cues in `text` (shared with the next caller for the same text: not to be changed)."""
        if text is self.last[0]:
            return self.last[1]
        by_chunk = self.by_chunk
        chunks = set(text.split())
        hits = list(map(by_chunk.get, chunks))
        if None in hits:
            if len(by_chunk) > 200_000:
                by_chunk.clear()
            for chunk in chunks:
                if chunk not in by_chunk:
                    low = _lowered(chunk)
                    by_chunk[chunk] = frozenset(c for c in self.cues if c in low)
            hits = list(map(by_chunk.get, chunks))
        out: set[str] = set().union(*filter(None, hits))
        self.last = (text, out)
        return out


# The cue words of the attribution and relation patterns.
_SENTENCE_CUES = _CueIndex()


class _RuleCues:
    """Which of a list of rules a sentence has the cue words of, in list order."""

    def __init__(self, cues: list[tuple[frozenset[str], ...]]) -> None:
        self.cues = cues
        by_cue: dict[str, set[int]] = {}
        for i, groups in enumerate(cues):
            for c in groups[0]:
                by_cue.setdefault(c, set()).add(i)
        self.by_cue = {c: frozenset(rules) for c, rules in by_cue.items()}

    def __call__(self, present: set[str]) -> list[int]:
        found: set[int] = set()
        for c in present:
            rules = self.by_cue.get(c)
            if rules is not None:
                found |= rules
        return sorted(i for i in found if _has(present, self.cues[i][1:])) if found else []


def _cues(*groups: tuple[str, ...] | list[str]) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(g) for g in groups)


def _has(present: set[str], cues: tuple[frozenset[str], ...]) -> bool:
    """Whether the cue words found in a sentence include one of each group."""
    return all(not present.isdisjoint(g) for g in cues)


_SAY_CUES = ("said", "says", "announced", "stated", "confirmed")
_RESPONSIBILITY_CUES = _cues(("finger", "hallmark", "committed", "behind", "suspected", "comment", "link", "condemn", "responsib",
                              "involve", "accus", "blam"))
_DENY_CUES = _cues(("deni", "deny", "reject", "dismiss"))
_DENY_NO_ROLE_CUES = _cues(("involv", "role", "part", "responsib", "behind", "nothing"))
_DENIAL_NOUN_CUES = _cues(("denial",))
_DISMISS_CLAIMS_CUES = _cues(("groundless", "baseless", "false", "lies", "fabricated", "unfounded", "absurd", "ridiculous"))
_SELF_DENY_CUES = _cues(("not", "never"), ("carr", "conduct", "launch", "involved", "behind", "responsible", "taken", "played"))
# Of each refusal the longest word, and the words of the other branches.
_DECLINE_CUES = _cues((*(max(d.split(), key=len).lower() for d in words("declines.txt")), "comment", "confirm", "respond"))
_UNKNOWN_CUES = _cues(("clear", "known", "could", "claim", "who", "unidentified"))
_MUTUAL_BLAME_CUES = _cues(("each", "another"), ("accus", "blam"))
_ACK_CUES = {
    "attribution.claimed-responsibility": _cues(("responsibility",)),
    "attribution.responsibility-as": _cues(("responsibility",)),
    "attribution.said-it-struck": _cues(_SAY_CUES, ("carried", "conducted", "launched", "struck", "hit", "targeted", "bombed",
                                                    "attacked", "neutrali", "eliminated", "destroyed", "begun", "began", "started",
                                                    "fired", "shelled")),
    "attribution.ordered": _cues(_SAY_CUES, ("ordered", "authori", "directed", "approved")),
    "attribution.claimed-by": _cues(("claimed", "owned"), ("by",)),
    "attribution.own-claims": _cues(("claim",), ("that",)),
    "attribution.admitted": _cues(("admitted", "acknowledged", "confirmed")),
}
_ACTOR_CUES = {
    "attribution.behind": _cues(("behind", "responsible")),
    "attribution.thought-behind": _cues(("behind", "responsible"), ("thought", "believed", "said", "suspected", "understood",
                                                                     "alleged", "seen")),
    "attribution.by-agent": _cues(("by",)),
    "attribution.passive-by": _cues(("by",)),
    "attribution.whose-projectile": _cues(("crashed", "exploded", "fell", "landed", "slammed"),),
    "attribution.attributed-to": _cues(("attributed", "ascribed")),
    "attribution.appear-from": _cues(("appear",), ("from",)),
    "attribution.origin-to": _cues(("origin",)),
    "attribution.blamed-on": _cues(("blam",), ("on",)),
    "attribution.accused": _cues(("accus",)),
    "attribution.blamed-actor": _cues(("blam",)),
    "attribution.held-responsible": _cues(("hold", "held"), ("responsible",)),
    "attribution.suspicion": _cues(("suspicion",)),
    "attribution.prime-suspect": _cues(("suspect",)),
    "attribution.suspected-of": _cues(("suspected",)),
    "attribution.adjective-operation": _cues(("operation", "strike", "raid", "attack", "bombardment", "bombing", "shelling",
                                              "aggression")),
    "attribution.actor-verb": _cues(("conducted", "carried", "launched", "struck", "bombed", "hit", "targeted", "attacked",
                                     "shelled", "fired", "raided", "pounded", "bombarded", "targeting", "attacking", "striking",
                                     "bombing", "responded", "retaliated", "replied")),
    "attribution.masterminded": _cues(("masterminded", "orchestrated", "perpetrated", "engineered", "plotted")),
    "attribution.in-coordination": _cues(("coordination", "cooperation", "collusion", "concert", "jointly", "together"), ("with",)),
    "attribution.pointed-finger": _cues(("point",), ("finger",)),
    "attribution.linked-to": _cues(("link",)),
    "attribution.committed": _cues(("committed",)),
    "attribution.accused-of": _cues(("accused", "blamed")),
    "attribution.condemned": _cues(("condemn",)),
}
_ACK_RULE_CUES = _RuleCues([_ACK_CUES[rule] for rule, _ in _ACK_PATTERNS])
_ACTOR_RULE_CUES = _RuleCues([_ACTOR_CUES[rule] for rule, _, _ in _ACTOR_PATTERNS])
_SENTENCE_CUES.add(c for cues in [_RESPONSIBILITY_CUES, _DENY_CUES, _DENY_NO_ROLE_CUES, _DENIAL_NOUN_CUES, _DISMISS_CLAIMS_CUES,
                                    _SELF_DENY_CUES, _DECLINE_CUES, _UNKNOWN_CUES, _MUTUAL_BLAME_CUES, *_ACK_CUES.values(),
                                    *_ACTOR_CUES.values()]
                   for g in cues for c in g)
_PROJECTILE_WORD = re.compile(r"\b(?:drones?|missiles?|rockets?|projectiles?)\b", re.IGNORECASE)
_PLOTTED = re.compile(r"masterminded|orchestrated|perpetrated|planned")
_THAN_BEFORE = re.compile(r"\bthan\s+(?:an?\s+)?$")
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+)?$")
_PRONOUN_OPENING = re.compile(r"\s*(?:It|They)\b")
_AGAINST_BEFORE = re.compile(r"\b(?:against|targeting|on)\s+$")
_PRONOUN_SUBJECT = re.compile(r"\s*(?:(?:Last|This|Earlier|Later|Then|On \w+)\s+\w+,?\s+)?(?:[Ii]t|[Tt]hey)\s+(?:(?:has|have|had|also|then)\s+)*"
                              r"(?:conducted|carried out|launched|struck|bombed|hit|targeted)\b")


def _attributions(ctx: _Context, sent: _Sentence, sources: list[tuple[int, str | None]], refs: list[_Event]) -> None:
    tpl = sent.tpl
    span = (sent.start, sent.end)
    # A sentence about who did it ("the militias have denied responsibility") speaks of the strike in
    # focus even when it names no strike and comes some sentences later.
    # (Each pattern is tried only where its cue words are, see `_has`.)
    present = _SENTENCE_CUES(tpl)
    event = refs[0] if refs else None
    if event is None:
        focus = ctx.focus
        if sent.generic or focus is None:
            return
        talk = _has(present, _RESPONSIBILITY_CUES) and _RESPONSIBILITY_TALK.search(tpl) is not None
        if sent.index - focus.sentence > 1:
            if not talk:
                return
        elif not talk and not _STRIKE_WORD.search(tpl) and not (
                (_has(present, _DENY_CUES) and _DENY.search(tpl)) or (_has(present, _DECLINE_CUES) and _DECLINE.search(tpl))
                or (_has(present, _DENY_NO_ROLE_CUES) and _DENY_NO_ROLE.search(tpl))):
            return
        target_event = focus
    else:
        target_event = event
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
    for m in _DENY.finditer(tpl) if _has(present, _DENY_CUES) else ():
        src = _iri(sent, m.group("s"))
        actor = _iri(sent, m.group("a")) if m.group("a") else src
        if actor in target_event.rec.target_actors:
            continue
        if actor == src:
            # A ministry denying for its state denies the state's involvement.
            named = next((a.actor for a in ctx.extraction.attributions
                          if a.event == target_event.rec.local and a.actor and a.actor != src and _same_side(ctx, src, a.actor)),
                         None)
            # …, and a leader denying for the state or group they speak for denies for it.
            actor = named if named is not None else _party(ctx, src)
        add(AttributionRecord("", actor, src, "denied", span, "attribution.denied"), m.start())
        taken.add(actor)
    for m in _DENY_NO_ROLE.finditer(tpl) if _has(present, _DENY_NO_ROLE_CUES) else ():
        actor = _iri(sent, m.group("a"))
        if actor in taken or sent.ents[int(m.group("a")[1:-1])].is_place:
            continue
        src = _source_before(sources, m.start()) or actor
        add(AttributionRecord("", actor, src, "denied", span, "attribution.no-involvement"), m.start())
        taken.add(actor)
    for m in _DENIAL_NOUN.finditer(tpl) if _has(present, _DENIAL_NOUN_CUES) else ():
        for tok in _tokens(m.group("s")):
            ent = sent.ents[tok]
            src = _state_for_place(ctx, ent) if ent.is_place else str(ent.iri)
            # "Iran's denial that its allies were involved": the allies are denied.
            actor = _iri(sent, m.group("a")) if m.group("a") else src
            if src is None or actor in taken:
                continue
            add(AttributionRecord("", actor, src, "denied", span, "attribution.denial-noun"), m.start())
            if actor == src:
                taken.add(actor)  # (a denial for others leaves them open to the sentence's other speakers)
    for m in _DISMISS_CLAIMS.finditer(tpl) if _has(present, _DISMISS_CLAIMS_CUES) else ():
        src = _iri(sent, m.group("s"))
        named = next((a.actor for a in ctx.extraction.attributions
                      if a.event == target_event.rec.local and a.actor and a.actor != src and _same_side(ctx, src, a.actor)),
                     None)
        actor = named if named is not None else src
        if actor not in taken:
            add(AttributionRecord("", actor, src, "denied", span, "attribution.dismissed-claims"), m.start())
            taken.add(actor)
    # "A spokesperson for X said the group had not carried out the attack": X denies.
    for m in () if sent.generic or not _has(present, _SELF_DENY_CUES) else _SELF_DENY.finditer(tpl):
        src = _source_before(sources, m.start())
        if src is None:
            continue
        speaker = ctx.extraction.new_entities.get(src)
        actor = speaker.affiliated_with if speaker is not None and speaker.affiliated_with else src
        if m.group("t"):
            if sent.ents[int(m.group("t")[1:-1])].is_place:
                continue
            actor = _iri(sent, m.group("t"))  # "the group had not …" resolved to the group
        if actor in taken or actor in target_event.rec.target_actors:
            continue
        add(AttributionRecord("", actor, src, "denied", span, "attribution.said-it-did-not"), m.start())
        taken.add(actor)
    for m in _DECLINE.finditer(tpl) if _has(present, _DECLINE_CUES) else ():
        tok = m.group("s") or m.group("s2") or m.group("s3") or m.group("s4") or m.group("s5") or m.group("s6")
        ent = sent.ents[int(tok[1:-1])]
        src = _state_for_place(ctx, ent) if ent.is_place else str(ent.iri)
        if src is None or src in target_event.rec.target_actors:
            continue
        add(AttributionRecord("", src, src, "declined_comment", span, "attribution.declined-comment"), m.start())
        taken.add(src)
    # Claims of responsibility and admissions: the actor owns the strike.
    for r in _ACK_RULE_CUES(present):
        rule, pattern = _ACK_PATTERNS[r]
        for m in pattern.finditer(tpl):
            actor = _iri(sent, m.group("a"))
            if actor in taken:
                continue
            ent = sent.ents[int(m.group("a")[1:-1])]
            if ent.is_place:
                continue
            src = _source_before(sources, m.start()) or actor
            if rule == "attribution.ordered":
                # The one who ordered the strike speaks for the state that carried it out.
                src, actor = actor, _state_of_actor(ctx, actor)
            add(AttributionRecord("", actor, src, "acknowledged", span, rule), m.start())
            taken.add(actor)
    # Someone says who did it is not known.
    um = _UNKNOWN.search(tpl) if _has(present, _UNKNOWN_CUES) else None
    # "it is not clear who …", not "… who were on board …, but it is not clear if they were civilians".
    if um and (_UNKNOWN_SUBJECT.search(um.group(0)) or _UNKNOWN_SUBJECT.search(tpl, um.end(), um.end() + 40) or
               _UNKNOWN_SUBJECT.search(tpl, max(0, um.start() - 40, tpl.rfind(",", 0, um.start()) + 1), um.start())):
        src = _source_before(sources, um.start())
        subject = _SUBJECT_BEFORE.search(tpl, max(0, um.start() - 30), um.start())
        if subject is not None and _SAY_WHO.match(um.group(0)):
            # "The ministry did not say who …": the one who did not say is the source.
            ent = sent.ents[int(subject.group("s")[1:-1])]
            src = _state_for_place(ctx, ent) if ent.is_place else str(ent.iri)
        add(AttributionRecord("", None, src, "unknown", span, "attribution.unknown"), um.start())
        # "… but suspicion fell on X": a hedged name after all.
        for m in _SUSPICION.finditer(tpl, um.end()):
            for tok in _tokens(m.group("a")):
                ent = sent.ents[tok]
                if not ent.is_place and ent.kind not in SOURCE_KINDS:
                    add(AttributionRecord("", str(ent.iri), _source_before(sources, m.start()), "suggested", span,
                                          "attribution.suspicion"), m.start("a"))
                    taken.add(str(ent.iri))
        if len(refs) < 2:
            return
        # "No one claimed it, … over the group's October 7 attack": other strikes of the sentence go on.
        closed = set(events_at(um.start()))
    else:
        closed = set()
    # Attributions to an actor.
    for r in _ACTOR_RULE_CUES(present):
        rule, pattern, fixed = _ACTOR_PATTERNS[r]
        for m in pattern.finditer(tpl):
            if _THAN_BEFORE.search(tpl[max(0, m.start("a") - 12):m.start("a")]):
                continue
            for tok in _tokens(m.group("a")):
                ent = sent.ents[tok]
                if rule == "attribution.adjective-operation" and ctx.lex.is_country_noun(sent.mentions[tok].text):
                    continue  # "the Jordan attack": where, not who
                if ent.kind == "Country" and rule != "attribution.actor-verb":
                    ent = ctx.lex.as_actor(ent)
                elif ent.is_place and fixed == "blamed":
                    ent = _party_entity(ctx, ent)  # "accused Tehran of …": a capital accused stands for its state
                if ent.is_place or ent.kind in SOURCE_KINDS or str(ent.iri) in taken:
                    continue
                # Whom the strike the claim goes to hit is not its striker ("an attack on Houthi targets"),
                # unless named as the agent ("hit by Houthi drones").
                hit = {x for e in refs or [target_event] if e.rec.local in events_at(m.start("a")) for x in e.rec.target_actors}
                if rule in ("attribution.adjective-operation", "attribution.by-agent") and str(ent.iri) in hit \
                        and not _BY_BEFORE.search(tpl[max(0, m.start("a") - 8):m.start("a")]):
                    continue
                actor = str(ent.iri)
                apos = m.start("a")
                if rule == "attribution.whose-projectile" and not (
                        _PROJECTILE_WORD.search(m.group(0)) or _PROJECTILE_WORD.search(sent.mentions[tok].text)):
                    continue  # "X fell silent"
                if closed and closed.issuperset(events_at(apos)):
                    continue
                if _NOT_THE_STRIKER.search(tpl[max(0, apos - 60):apos]):
                    continue  # "an imminent Iranian drone strike", "an offshoot of Hamas"
                if rule == "attribution.actor-verb" and _PRONOUN_OPENING.match(tpl) is None and apos > 0 and \
                        _AGAINST_BEFORE.search(tpl[max(0, apos - 12):apos]):
                    continue
                # "Activists and a war monitor said …": each speaker of the clause makes the claim.
                speakers = [] if _after_own_denial(tpl, sources, apos) else _speakers_before(sent, sources, apos)
                for src in speakers or [None]:
                    if src == actor and rule != "attribution.behind" and not _speaks_before(sources, src, apos):
                        src = None  # "X claimed …" read as speech of the actor itself
                    stance = fixed or _stance(ctx, tpl, apos, src, actor, _clause_start(sent, apos))
                    if rule == "attribution.in-coordination" and src is not None and _PLOTTED.match(m.group(0)):
                        stance = "blamed"  # the partner of a plot is accused as the plotter is
                    if rule == "attribution.behind" and stance == "asserted" and src is not None and not _reporter(ctx, src):
                        stance = "blamed"  # a party, official or source saying who was behind it accuses
                    if stance == "asserted" and src is not None and not _reporter(ctx, src) and \
                            _HOSTILE.search(tpl, max(0, apos - 30), m.end() + 60):
                        stance = "blamed"  # "the American-British enemy … launched a brutal aggression": an accusation
                    if _DENIED_CONTENT.search(tpl[:apos]) and src is not None and not fixed:
                        stance = "denied"  # "X denied reports that Y carried out …": X denies Y did it
                    if stance == "asserted" and (_HEDGE.search(tpl[m.end("a"):m.end()]) or _EITHER_OR.search(m.group("a"))):
                        stance = "suggested"  # hedged, or one of two named: "either Russian or Syrian jets"
                    add(AttributionRecord("", actor, src, stance, span, rule), apos)
                taken.add(actor)
    # "Moscow and Kyiv accused each other": each blames the other.
    for m in _MUTUAL_BLAME.finditer(tpl) if _has(present, _MUTUAL_BLAME_CUES) else ():
        x, y = (str(_party_entity(ctx, sent.ents[int(g[1:-1])]).iri) for g in (m.group("x"), m.group("y")))
        for src, actor in ((x, y), (y, x)):
            add(AttributionRecord("", actor, src, "blamed", span, "attribution.mutual-blame"), m.start())
    # "It launched a massive airstrike": the pronoun is the last acting subject.
    pm = _PRONOUN_SUBJECT.match(tpl)
    if pm and ctx.last_subject and ctx.last_subject not in taken and event is not None:
        add(AttributionRecord("", ctx.last_subject, None, "asserted", span, "attribution.pronoun-subject"), pm.start())
        taken.add(ctx.last_subject)
    # "The Pentagon states that these actions are in self-defence": a spokesman owning earlier strikes.
    if sources and not taken and _PLURAL_ANAPHOR.search(tpl) and _JUSTIFY.search(tpl):
        src = sources[0][1]
        group = ctx.last_group if ctx.last_group_sentence >= sent.index - 1 else []
        for e in group:
            for a in list(ctx.extraction.attributions):
                if a.event == e.rec.local and a.actor and a.stance in ("asserted", "acknowledged") and src and \
                        _same_side(ctx, src, a.actor):
                    ctx.extraction.attributions.append(
                        AttributionRecord(e.rec.local, a.actor, src, "acknowledged", span, "attribution.justified-by-party"))
                    break
    # "The five targets included …, the Pentagon said": a party telling of a strike its own side is said
    # to have carried out owns it.
    if sources and not taken and target_event is not None and (event is not None or _DEFINITE_STRIKE.search(tpl)):
        known = [a.actor for a in ctx.extraction.attributions
                 if a.event == target_event.rec.local and a.actor and a.stance in ("asserted", "acknowledged")]
        for _, src in sources:
            ent = ctx.lex.entities.get(URIRef(src)) if src else None
            if src is None or (ent is not None and ent.kind in SOURCE_KINDS) or src in target_event.rec.target_actors:
                continue
            own = next((a for a in known if a != src and _same_side(ctx, src, a)), None)
            if own is not None:
                add(AttributionRecord("", own, src, "acknowledged", span, "attribution.party-account"), 0)
                break


# "X denied responsibility for the attack, but the army responded …": what follows the "but" is no longer X's.
_DENIAL_THEN_BUT = re.compile(r"\b(?:denied|denies|rejected|rejects|dismissed|dismisses)\b[^;\"]*?,\s+but\s+")


def _after_own_denial(tpl: str, sources: list[tuple[int, str | None]], pos: int) -> bool:
    at = max((p for p, _ in sources if p <= pos), default=None)
    return at is not None and _DENIAL_THEN_BUT.search(tpl, at, pos) is not None


def _clause_start(sent: _Sentence, pos: int) -> int:
    return next((a for a, b in sent.clauses if a <= pos < b), 0)


def _party_entity(ctx: _Context, ent: Entity) -> Entity:
    """A capital or country that speaks stands for its state ("Moscow and Kyiv accused each other")."""
    if ent.is_place:
        state = _state_for_place(ctx, ent)
        if state is not None:
            return ctx.lex.entities.get(URIRef(state), ent)
    return ent


def _speaks_before(sources: list[tuple[int, str | None]], src: str, pos: int) -> bool:
    """Whether `src` speaks in a clause that starts before `pos` ("Hezbollah's spokesman said Hezbollah struck")."""
    return any(s == src and p < pos - 3 for p, s in sources)


def _reporter(ctx: _Context, iri: str) -> bool:
    """Monitors, outlets and agencies report; they do not accuse."""
    ent = ctx.lex.entities.get(URIRef(iri))
    return ent is not None and ent.kind in ("Monitor", "NewsAgency", "NewsOutlet", "ResearchInstitute", "ReportingOrganisation")


def _stance(ctx: _Context, tpl: str, apos: int, src: str | None, actor: str, lo: int = 0) -> str:
    """The stance of `src` on `actor` from the words before it; the article's own voice (`src` None) is
    read from its clause only (`lo` on): "No one claimed it, … the group's attack" blames no one."""
    head = tpl[:apos]
    if _BLAME.search(head, lo if src is None else 0):
        return "blamed"
    if src is None:
        return "suggested" if _HEDGE.search(head, lo) else "asserted"
    same = None
    if _ACK.search(head):
        same = _same_side(ctx, src, actor)
        if same:
            return "acknowledged"
    if _HEDGE.search(head):
        return "suggested"
    if same is None:
        same = _same_side(ctx, src, actor)
    if not same and _CLOSING_CLAIM.search(tpl, apos):
        return "blamed"  # "… were killed in a US airstrike, the Houthis claimed.": an accusation
    return "acknowledged" if same else "asserted"


