"""Speech layer: who says what. Reporting clauses ("X said", "according to X", "…, X said.") give each
sentence its sources with their positions; a place that speaks stands for its state."""

from __future__ import annotations

import re

from ..lexicon import Entity
from .context import TOK, _Context, _Sentence

# -- claims vocabulary ----------------------------------------------------------------------------
_SOURCE_VERB = (r"(?:said|says|say|reported|reports|report|stated|states|state|told|tells|claimed|claims|added|"
                r"indicated|indicates|suggested|suggests|confirmed|confirms|denied|denies|announced|announces|accused|"
                r"accuses|blamed|blames|held|holds|hinted|noted|wrote|alleged|alleges|insisted|acknowledged|admitted|declined|"
                r"refused|believes?|believed|assessed|estimated|quoted|cited|revealed|tweeted|posted)")
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


def _source_before(sources: list[tuple[int, str | None]], pos: int) -> str | None:
    best = None
    for p, s in sources:
        if p <= pos:
            best = s
    return best


