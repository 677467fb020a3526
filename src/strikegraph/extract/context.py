"""What the layers share while reading one article: the sentence template, the strikes found so far,
the last source and subject that later sentences refer back to."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from rdflib import URIRef

from ..corpus import Article
from ..lexicon import Entity, Lexicon, Mention
from ..records import EventRecord, Extraction

T = TypeVar("T")

EXTRACTOR_VERSION = "1"

TOK = r"⟨\d+⟩"
# A list of mentions ("⟨1⟩, ⟨2⟩ and the ⟨3⟩"); a name may stand in quotation marks ("an “⟨4⟩” was behind").
ENTLIST = rf"{TOK}(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|&|or|nor)\s+|-)(?:the\s+)?{TOK})*[\"']?"
_TOKEN = re.compile(r"⟨(\d+)⟩")
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
    spokespeople: dict[str, Entity] = field(default_factory=dict)  # person IRI → the body the article says they speak for


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
    co_speakers: dict[str, list[str | None]] = field(default_factory=dict)  # source → sources coordinated with it
    generic: bool = False  # speaks of strikes in general ("hundreds of strikes", "for years"), set by the strikes layer
    quote_closes_in: _Sentence | None = None  # the later sentence where a quotation that runs on is attributed


def _tokens(s: str) -> list[int]:
    return [int(x) for x in _TOKEN.findall(s)]


def _iri(sent: _Sentence, token: str) -> str:
    return str(sent.ents[int(token[1:-1])].iri)


def _same_side(ctx: _Context, a: str, b: str) -> bool:
    lex = ctx.lex
    # An article-local source ("a senior Ukrainian military official") stands with what it belongs to.
    a = next((n.affiliated_with for n in [ctx.extraction.new_entities.get(a)] if n and n.affiliated_with), a)
    b = next((n.affiliated_with for n in [ctx.extraction.new_entities.get(b)] if n and n.affiliated_with), b)
    ia, ib = URIRef(a), URIRef(b)
    if lex.belongs_to(ia, ib) or lex.belongs_to(ib, ia):
        return True
    states = lex.state_iris
    return any(lex.belongs_to(ia, s) and lex.belongs_to(ib, s) for s in states)

def _unique(items: list[T], key: Callable[[T], tuple[object, ...]]) -> list[T]:
    seen: set[tuple[object, ...]] = set()
    out: list[T] = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out




def _state_of_actor(ctx: _Context, iri: str) -> str:
    """The state an official, force or agency belongs to ("Biden said he ordered the strikes": the
    United States); the actor itself when it belongs to no single state."""
    lex = ctx.lex
    a = URIRef(iri)
    states = [s for s in lex.state_iris if s != a and lex.belongs_to(a, s)]
    return str(states[0]) if len(states) == 1 else iri


def _party(ctx: _Context, iri: str) -> str:
    """Whom a person's or unnamed official's words commit: their state, or the group they belong to."""
    new = ctx.extraction.new_entities.get(iri)
    if new is not None:
        return new.affiliated_with or iri
    ent = ctx.lex.entities.get(URIRef(iri))
    return _state_of_actor(ctx, iri) if ent is not None and ent.kind in ("Person", "Official", "Commander") else iri
