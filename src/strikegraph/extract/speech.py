"""Speech layer: who says what. Reporting clauses ("X said", "according to X", "…, X said.") give each
sentence its sources with their positions; a place that speaks stands for its state."""

from __future__ import annotations

import re

from rdflib import URIRef

from ..lexicon import Entity
from .context import TOK, _Context, _Sentence, _tokens
from .cues import alternation, verb_classes, verb_lemmas

# -- reporting verbs ------------------------------------------------------------------------------
# Every finite form of the reporting verbs in cues/reporting_verbs.tsv. Bare lemmas that are also nouns
# ("a military post", "the report", "state media") count only after a plural subject, so only those
# that read as verbs there are kept.
_BARE_VERBS = frozenset({"say", "report", "deny", "claim", "believe", "suspect", "confirm", "insist", "blame", "accuse",
                         "tell", "suggest", "allege", "admit", "acknowledge", "reject", "dismiss", "condemn"})
_FINITE = tuple(f for forms in verb_classes().values() for f in forms
                if not f.endswith("ing") and (f in _BARE_VERBS or f not in verb_lemmas()))
_SOURCE_VERB = alternation(_FINITE)
_GERUND = alternation(tuple(f for forms in verb_classes().values() for f in forms if f.endswith("ing")))
# Verbs that close a sentence as its reporting clause: "…, the ministry said." / "…,” he told reporters."
_CLOSING_VERB = alternation((*(f for f in verb_classes()["assert"] if not f.endswith("ing")), "claimed", "alleged"))
# The subject of a sentence ("The US military has …"), for "it" in the sentences after.
_SUBJECT = re.compile(rf"\s*(?:[A-Z]\w+ \w+, )?(?:[Tt]he\s+)?({TOK})\s+(?:has|have|had|is|was|also|then|later|launched|conducted|carried)")
# Reporting clauses, compiled once: they are tried on every sentence.
_ACCORDING_TO = re.compile(rf"[Aa]ccording to (?:the |some |several |an? |one |two |three |four )?({TOK})")
_SOURCE_SAYS = re.compile(
    rf"({TOK})\)?(?:'s)?(?:\s*\([^)]*\))?(?:\s+and\s+(?:an?|the)\s+(?:[a-z][\w-]*\s+){{0,3}}?[a-z][\w-]*(?=\s+(?:{_SOURCE_VERB})\b))?"
    rf"(?:\s+\w+ing\s+(?:in|on|against|near|across)\s+[^,;⟨]{{1,40}}?(?=\s+(?:{_SOURCE_VERB})\b))?"
    rf"(?:\s+(?:[a-z][\w-]*|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)){{0,3}}?(?:(?:\s*,[^,]{{1,120}}){{1,2}},|\s+(?:who|which)\s+[^,;\"]{{1,100}}?)?\s+(?:(?:also|has|have|had|later|then|however|reportedly|strongly|quickly|publicly|openly|previously)\s+)*"
    rf"(?P<verb>{_SOURCE_VERB}|(?:began|begun|started|continued|kept)\s+{_GERUND}|(?:is|are|was|were)\s+{_GERUND})\b")
_COORDINATED = re.compile(rf"(?:{TOK}\s*,\s*)*{TOK}\s*,?\s+and\s+(?:the\s+|a\s+|an\s+)?$")
# Between a name and its verb: a passive ("X was reported") or a verb coordinated with another ("X visited Y
# and said") make the name no speaker; "X and a monitor said" is a coordinated subject.
_NOT_A_SPEAKER = re.compile(r"\b(?:is|are|was|were|been|being|be)\b|\band\s+(?:(?:also|later|then)\s+)?$")
_COMMA_SOURCE_SAID = re.compile(rf",[\"']?\s*(?:the\s+|a\s+|an\s+)?({TOK})(?:\s+and\s+(?:a |an |the )?{TOK})*\s+(?:{_CLOSING_VERB})\b")
# "“…,” said the Observatory's head": the speaker after its verb.
_INVERTED = re.compile(rf"[,\"']\s*(?:{_CLOSING_VERB})\s+(?:the\s+|a\s+|an\s+)?({TOK})")
_SPEAKER_NOUN = (r"group|militia|movement|monitor|observatory|agency|official|outlet|network|organi[sz]ation|ministry|statement|"
                 r"military|army|coalition|alliance|spokes(?:man|woman|person)|government|directorate|unit|force|forces|channel|broadcaster")
_PRONOUN_SAID = re.compile(rf"\s*(?:It|He|She|They|The (?P<noun>{_SPEAKER_NOUN}))\s+"
                           rf"(?:also\s+|later\s+|then\s+)?(?:{_CLOSING_VERB}|{_SOURCE_VERB})\b", re.IGNORECASE)
# "Peskov's accusation that …", "Iran's claim that …": speech as a noun.
_NOMINAL_SPEECH = re.compile(rf"({TOK})(?:'s)?\s+(?:\w+\s+)?(?:accusations?|allegations?|claims?|assertions?|account|statement|announcement|"
                             rf"assessment|charges?)\s+(?:that|of)\b", re.IGNORECASE)
_REPORTS_OF = re.compile(rf"({TOK})\s+(?:of|that)\b")
_CITING = re.compile(rf"\bciting\s+(?:the\s+|an?\s+)?(?:{TOK}['’]?s?\s+)?({TOK})")
_QUOTED_AS_SAYING = re.compile(rf"\b(?:quoted|cited)\s+(?:the\s+|an?\s+)?({TOK})\s+as\s+(?:saying|stating|telling)\b")
_ISSUED_STATEMENT = re.compile(rf"({TOK})(?:\s+[a-z][\w-]*){{0,2}}\s+(?:issued|released|published|put out)\s+(?:an?\s+|its\s+)(?:\w+\s+)?"
                               r"(?:statement|communiqu[eé]|press release|announcement)\b")
_IN_WHAT_SAID = re.compile(rf"\bin what (?:the\s+)?({TOK})\s+(?:\w+\s+)?(?:said|called|described|termed|claimed)\b")
# "“…,” Iranian Gen. ⟨2⟩ said": the last name before the verb that follows a quotation.
_QUOTE_SPEAKER = re.compile(rf",?\"\s*(?:(?:{TOK}|[A-Z][\w.-]*|the|a|an|[a-z]+(?=\s+(?:[a-z]+\s+)?(?:{TOK}|spokes\w+)))\s+){{0,6}}?({TOK})(?:\s*,[^,\"]{{1,100}},)?\s+(?:also\s+)?(?:{_CLOSING_VERB})\b")
# "… and said": speech verbs only; "… and admitted to targeting X" is about a deed, not a statement.
_AFTER_QUOTE = re.compile(rf"\"\s*(?:(?:(?:{TOK}|[A-Z][\w.-]*|the|a|an)\s+){{0,5}}?({TOK})(?:\s*,[^,\"]{{1,100}},)?\s+(?:also\s+)?(?:{_CLOSING_VERB})"
                          rf"|(?:{_CLOSING_VERB}|reads?)\s+(?:an?\s+statement\s+from\s+)?(?:the\s+|a\s+|an\s+)?({TOK})"
                          rf"|(?:the (?P<noun>{_SPEAKER_NOUN})|he|she|it|they)\s+(?:also\s+)?(?:{_CLOSING_VERB}))\b", re.IGNORECASE)
_AND_SAID = re.compile(rf"\b(?:and|but)\s+(?:also\s+|later\s+)?(?:{_CLOSING_VERB}|"
                       rf"{alternation(tuple(f for c in ('blame', 'deny') for f in verb_classes()[c] if not f.endswith('ing')))})\b")
_SENTENCE_SUBJECT = re.compile(rf"\s*(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){{0,3}}?({TOK})(?:'s)?(?:\s*\([^)]*\))?\s+(?!and\b)[a-z]")
_GROUP_KINDS = frozenset({"UmbrellaGroup", "Militia", "ArmedGroup"})
_GROUP_NOUNS = frozenset({"group", "militia", "movement"})
_CLOSING_PRONOUN_SAID = re.compile(
    rf"(?:,[\"']?\s*(?:it|he|she|they|the (?P<noun>{_SPEAKER_NOUN}))\s+(?:also\s+)?(?:{_CLOSING_VERB})"
    rf"|[,\"']\s*(?:{_CLOSING_VERB})\s+(?:the (?P<noun2>{_SPEAKER_NOUN})|he|she|it|they))\b"
    rf"(?:\s+(?:reporters|journalists|in a statement|on \w+|\w+day))?[^⟨]{{0,40}}$", re.IGNORECASE)
_CLOSING_SOURCE = re.compile(rf"(?:,[\"']?\s*(?:(?:the|a|an|two|three|four|several|some|\d+)\s+)?({TOK})"
                             rf"(?:\s+and\s+(?:a |an |the )?(?:{TOK}|group|militia|ministry|army|military|movement))*\s+(?:{_CLOSING_VERB})"
                             rf"|[,;]?\s+according to (?:the |some |several |an? |one |two |three |four )?({TOK}))"
                             rf"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday))?"
                             rf"(?:[^⟨]{{0,40}}|,\s+(?:in\s+(?:retaliation|response|reprisal)|(?:(?:an?|one|two|three|hours|days)\s+\w*\s*)?after|following|adding|saying|citing)\b[^;]*)$")


_ISSUED_WORDS = ("issued", "released", "published", "put out")
# A closing verb in any case, sought in the lower-cased text (which has as many characters).
_CLOSING_VERB_LOWER = re.compile(_CLOSING_VERB)

# -- quick checks -------------------------------------------------------------------------------
# Most sentences hold none of the words a pattern needs: the set of the sentence's words, lower-cased,
# rules the pattern out at once (a pattern that matches a word between word boundaries, in whatever
# case, finds it in the set). Case-insensitive matching takes "İ", "ı" and "ſ" for ASCII letters,
# which lower() does not give: for a text with any of them there is no set, and every pattern is tried.
_WORD = re.compile(r"\w+")
_last_words: list = [None, None]  # the text last asked about, and its words: both layers read each sentence


def _words(text: str) -> frozenset[str] | None:
    """The text's words lower-cased, or None where a word test could miss a case-insensitive match."""
    if _last_words[0] is text:
        return _last_words[1]
    # (lower() keeps each character other than those a word character or not.)
    words = None if "İ" in text or "ı" in text or "ſ" in text else frozenset(_WORD.findall(text.lower()))
    _last_words[0], _last_words[1] = text, words
    return words


def _has(words: frozenset[str] | None, needed: frozenset[str]) -> bool:
    """Whether the text may hold one of the words (always, where there is no word set)."""
    return words is None or not words.isdisjoint(needed)


_ALL_FORMS = [f for forms in verb_classes().values() for f in forms]
# The verb of a "X said" clause: a finite form, or a gerund ("began firing", "was saying").
_SOURCE_SAYS_WORDS = frozenset(_FINITE) | {f for f in _ALL_FORMS if f.endswith("ing")}
_CLOSING_WORDS = frozenset((*(f for f in verb_classes()["assert"] if not f.endswith("ing")), "claimed", "alleged"))
_AND_SAID_WORDS = _CLOSING_WORDS | {f for c in ("blame", "deny") for f in verb_classes()[c] if not f.endswith("ing")}
_NOMINAL_WORDS = frozenset({"accusation", "accusations", "allegation", "allegations", "claim", "claims", "assertion", "assertions",
                            "account", "statement", "announcement", "assessment", "charge", "charges"})


def _may_close(tpl: str) -> bool:
    """Whether the sentence may hold a closing verb in any case. Case-insensitive matching also takes
    "İ", "ı" and "ſ" for ASCII letters, which lower() does not give: with any of them, it may."""
    if "İ" in tpl or "ı" in tpl or "ſ" in tpl:
        return True
    return _CLOSING_VERB_LOWER.search(tpl.lower()) is not None


def _sources(ctx: _Context, sent: _Sentence) -> list[tuple[int, str | None]]:
    """(position in template, source IRI) of each reporting clause in the sentence, in order; of two
    clauses at one position the later one in the list is the nearer speaker of what follows."""
    tpl = sent.tpl
    out: list[tuple[int, int, str | None]] = []  # position, priority (nearer speaker higher), source

    def quoted_from(at: int) -> int | None:
        """Where the quotation closing at or right before `at` opened, if one does."""
        lead = tpl[:at + 2].rstrip(" ,")
        if not lead.endswith('"') or lead.count('"') < 2:
            return None
        opened = tpl.rfind('"', 0, len(lead) - 1)
        return opened if opened >= 0 else None

    # Each pattern below names its source by a token, and most need a word or a mark besides: a
    # sentence without them is not searched.
    named = "⟨" in tpl
    words = _words(tpl) if named else None
    for m in _ACCORDING_TO.finditer(tpl) if named and "ccording to " in tpl else ():
        out.append((m.start(), 1, _speaker(ctx, sent, m.group(1))))
    for m in _SOURCE_SAYS.finditer(tpl) if named and _has(words, _SOURCE_SAYS_WORDS) else ():
        if _NOT_A_SPEAKER.search(tpl, max(m.end(1), tpl.rfind(",", m.end(1), m.start("verb")) + 1), m.start("verb")):
            continue  # "X were suspected", "X was reported": passive; "X and said": coordination
        head = _speaker(ctx, sent, m.group(1))
        co = _COORDINATED.search(tpl, 0, m.start(1))
        if co and head:
            # "Iran and Hamas have blamed …": both speak; the clause starts at the first of them.
            others = [s for s in (_speaker(ctx, sent, f"⟨{i}⟩") for i in _tokens(co.group(0))) if s]
            sent.co_speakers[head] = others
            out.append((co.start(), 1, head))
        else:
            out.append((m.start(), 1, head))
    for m in _NOMINAL_SPEECH.finditer(tpl) if named and _has(words, _NOMINAL_WORDS) else ():
        out.append((m.start(), 1, _speaker(ctx, sent, m.group(1))))
    for m in _QUOTED_AS_SAYING.finditer(tpl) if named and ("quoted" in tpl or "cited" in tpl) else ():
        # "SANA quoted a military source as saying …": the one quoted is the nearer speaker.
        out.append((m.start(1), 3, _speaker(ctx, sent, m.group(1))))
    for m in _CITING.finditer(tpl) if named and "citing" in tpl else ():
        # "According to The Guardian, citing Houthis' al-Masirah TV, …": the one cited is the nearer speaker.
        out.append((m.start(1), 3, _speaker(ctx, sent, m.group(1))))
    for m in _REPORTS_OF.finditer(tpl) if named and (" of" in tpl or " that" in tpl) else ():
        # "… follows reports of another Ukrainian strike": unnamed reports are the source of what they report.
        if sent.mentions[int(m.group(1)[1:-1])].text.lower().endswith("reports"):
            out.append((m.start(1), 1, _speaker(ctx, sent, m.group(1))))
    for m in _ISSUED_STATEMENT.finditer(tpl) if named and any(map(tpl.__contains__, _ISSUED_WORDS)) else ():
        out.append((m.start(), 1, _speaker(ctx, sent, m.group(1))))
    for m in _IN_WHAT_SAID.finditer(tpl) if named and "in what " in tpl else ():
        # "Israeli jets struck …, in what the military said was …": the speaker's account of the clause before,
        # which the article also tells in its own voice.
        speaker = _speaker(ctx, sent, m.group(1))
        out.append((0, 1, speaker))
        if speaker:
            sent.co_speakers[speaker] = [speaker, None]
    for pattern in (_COMMA_SOURCE_SAID, _INVERTED, _QUOTE_SPEAKER) if named and _has(words, _CLOSING_WORDS) else ():
        if pattern is _QUOTE_SPEAKER and '"' not in tpl:
            continue
        for m in pattern.finditer(tpl):
            opened = quoted_from(m.start())
            if opened is not None:
                out.append((opened, 3, _speaker(ctx, sent, m.group(1))))  # the quotation's own speaker
            elif pattern is _QUOTE_SPEAKER:
                continue
            elif pattern is _INVERTED:
                out.append((0 if m.start() < len(tpl) // 2 else m.start(), 1, _speaker(ctx, sent, m.group(1))))
            else:
                out.append((m.start(), 1, _speaker(ctx, sent, m.group(1))))
    subject = _SENTENCE_SUBJECT.match(tpl) if named and _has(words, _AND_SAID_WORDS) else None
    for m in _AND_SAID.finditer(tpl) if subject else ():
        # "X visited Baghdad and said …": the speaker is the sentence's subject.
        out.append((m.start(), 1, _speaker(ctx, sent, subject.group(1))))
    m = _PRONOUN_SAID.match(tpl)
    if m:
        out.append((0, 2, _anaphor(ctx, sent, m.group("noun"))))
    elif ("," in tpl or '"' in tpl or "'" in tpl) and _may_close(tpl) and (closing := _CLOSING_PRONOUN_SAID.search(tpl)) is not None:
        # "…, the monitor said." / "“…,” the statement said.": the source spoken of before.
        out.append((0, 2, _anaphor(ctx, sent, closing.group("noun") or closing.group("noun2"))))
    # A closing "…, X said." or "… according to X." covers the sentence from its start.
    # (The closing verb may begin a longer word here: "…, X add…" has no word boundary after it.)
    for m in _CLOSING_SOURCE.finditer(tpl) if named and (
            "according to" in tpl or ("," in tpl and _CLOSING_VERB_LOWER.search(tpl) is not None)) else ():
        out.append((0, 2 if m.group(1) else 0, _speaker(ctx, sent, m.group(1) or m.group(2))))
    if sent.quote_closes_in is not None:
        # Read when this sentence is: "the statement said" then stands for the source spoken of before.
        out.append((0, 3, closing_speaker(ctx, sent.quote_closes_in)))
    ordered = sorted(set(out), key=lambda x: (x[0], x[1], x[2] or ""))
    return [(p, s) for p, _, s in ordered if s is not None]


_PLACE_SPEAKS = re.compile(rf"\s+(?:(?:has|have|had|also|later|then|quickly|publicly)\s+)*{_SOURCE_VERB}\b")


def closing_speaker(ctx: _Context, sent: _Sentence) -> str | None:
    """Who a quotation that closes in this sentence is attributed to: “…,” X said / “…,” said X."""
    close = sent.tpl.find('"')
    if close < 0:
        return None
    m = _AFTER_QUOTE.match(sent.tpl, close)
    if m is None:
        return None
    if m.group(1) or m.group(2):
        return _speaker(ctx, sent, m.group(1) or m.group(2))
    return _anaphor(ctx, sent, m.group("noun"))


def _anaphor(ctx: _Context, sent: _Sentence, noun: str | None) -> str | None:
    """Whom "it", "he", "the statement", "the group" stands for: the last source, or for "the group"
    a group named in the sentence or last spoken of."""
    if noun and noun.lower() in _GROUP_NOUNS:
        last = ctx.lex.entities.get(URIRef(ctx.last_source)) if ctx.last_source else None
        if last is not None and last.kind in _GROUP_KINDS:
            return ctx.last_source
        named = [str(e.iri) for e in sent.ents if e.kind in _GROUP_KINDS]
        if named:
            return named[-1]
    return ctx.last_source


def _speaker(ctx: _Context, sent: _Sentence, token: str) -> str | None:
    """The source a token names, where a place speaks for its state ("Damascus said": Syria's
    government); a place that does not speak ("Baghdad was reported") is no source."""
    ent = sent.ents[int(token[1:-1])]
    if not ent.is_place:
        body = _spoken_for(ctx, sent, token, ent)
        return str(body.iri) if body is not None else str(ent.iri)
    if not _PLACE_SPEAKS.match(sent.tpl, sent.tpl.find(token) + len(token)):
        return None
    return _state_for_place(ctx, ent)


_SPOKES = r"spokes(?:man|woman|person)"
_ROLE_BEFORE = re.compile(rf"(⟨\d+⟩)(?:'s)?\s+(?:[\w-]+\s+){{0,3}}?{_SPOKES}\s*,?\s*(?:[A-Z][a-z]*\.\s+)*$", re.IGNORECASE)
_ROLE_AFTER = re.compile(rf",\s+(?:the\s+|a\s+)?(?:(⟨\d+⟩)(?:'s)?\s+)?(?:[\w-]+\s+){{0,3}}?{_SPOKES}(?:\s+(?:for|of)\s+(?:the\s+)?(⟨\d+⟩))?",
                         re.IGNORECASE)


def _spoken_for(ctx: _Context, sent: _Sentence, token: str, ent: Entity) -> Entity | None:
    """The body a spokesperson speaks for: a spokesperson's words are the body's statement
    ("Hezbollah spokesman Mohammed Afif said", "John Kirby, the White House spokesman, said",
    "a spokesperson for the coalition said")."""
    new = ctx.extraction.new_entities.get(str(ent.iri))
    if new is not None and re.search(_SPOKES, new.label, re.IGNORECASE) and new.affiliated_with:
        return ctx.lex.entities.get(URIRef(new.affiliated_with))
    if ent.kind not in ("Person", "Official", "Commander"):
        return None
    known = ctx.spokespeople.get(str(ent.iri))
    at = sent.tpl.find(token)
    m = _ROLE_BEFORE.search(sent.tpl, 0, at)
    k = m.group(1) if m else None
    if k is None and (m := _ROLE_AFTER.match(sent.tpl, at + len(token))):
        k = m.group(1) or m.group(2)
    if k is None:
        return known  # introduced as a spokesperson earlier in the article ("Mr. Kirby said …")
    body = sent.ents[int(k[1:-1])]
    if body.is_place:
        state = _state_for_place(ctx, body)
        body = ctx.lex.entities.get(URIRef(state)) if state else None
    if body is not None:
        ctx.spokespeople[str(ent.iri)] = body
    return body


def _state_for_place(ctx: _Context, place: Entity) -> str | None:
    """The state a place speaks for ("Damascus said", "Moscow has not commented"), if it has one."""
    country = ctx.lex.country_of(place.iri)
    state = ctx.lex.as_actor(ctx.lex.entities[country]) if country is not None else None
    return str(state.iri) if state is not None and not state.is_place else None


def _speakers_before(sent: _Sentence, sources: list[tuple[int, str | None]], pos: int) -> list[str | None]:
    """Every source of the nearest reporting clause before `pos` ("Iran and Hamas have blamed …")."""
    nearest = _source_before(sources, pos)
    return [nearest, *[s for s in sent.co_speakers.get(nearest, []) if s != nearest]] if nearest else []  # None: the article


def _source_before(sources: list[tuple[int, str | None]], pos: int) -> str | None:
    best = None
    for p, s in sources:
        if p <= pos:
            best = s
    return best


