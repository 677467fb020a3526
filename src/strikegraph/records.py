"""Plain records that extraction produces for one article, before they become RDF.

They are JSON-serialisable (the build caches them per article) and carry only stable keys:
entity IRIs as strings, offsets into the article text, the name of the rule that fired.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from .dates import DateInfo


@dataclass
class EventRecord:
    local: str  # e1, e2 … in order of first mention
    means: str  # local name of the sg class: DroneStrike, Airstrike, StrikeMeansUnknown …
    targets: list[str]  # target kind notations
    place: str | None  # place IRI
    place_text: str | None
    date: DateInfo | None
    spans: list[tuple[int, int]]  # sentences that report or refer to it
    label_hint: str = ""
    series: bool = False
    target_actors: list[str] = field(default_factory=list)  # actors whose people or assets were hit

    @property
    def first_span(self) -> tuple[int, int]:
        return self.spans[0]


@dataclass
class AttributionRecord:
    event: str
    actor: str | None  # IRI, None = the source says it is unknown
    source: str | None  # IRI, None = the article's own voice
    stance: str  # notation: asserted, suggested, blamed, acknowledged, denied, declined_comment, unknown
    span: tuple[int, int]
    rule: str


@dataclass
class FigureRecord:
    event: str
    source: str | None
    quantity: str  # killed, wounded, trucks, vehicles, strikes, projectiles
    low: int
    high: int | None
    text: str
    span: tuple[int, int]
    rule: str


@dataclass
class RelationRecord:
    subject: str
    kind: str  # backs, proxy_of, allied_with, part_of, opposes, supplies_arms
    object: str
    source: str | None
    stance: str
    span: tuple[int, int]
    rule: str


@dataclass
class NewEntity:
    """An actor the gazetteer lacks, kept as a node with its label and a type."""

    iri: str
    label: str
    kind: str  # local name of an sg actor class
    affiliated_with: str | None = None


@dataclass
class Extraction:
    file_name: str
    events: list[EventRecord] = field(default_factory=list)
    attributions: list[AttributionRecord] = field(default_factory=list)
    figures: list[FigureRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)
    new_entities: dict[str, NewEntity] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        def conv(obj: Any) -> Any:
            if isinstance(obj, dict):
                return {k: conv(v) for k, v in obj.items()}
            if isinstance(obj, (list, tuple)):
                return [conv(v) for v in obj]
            if isinstance(obj, dt.date):
                return obj.isoformat()
            return obj

        return conv(asdict(self))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Extraction:
        def date_info(d: dict[str, Any] | None) -> DateInfo | None:
            if d is None:
                return None
            d = dict(d)
            for k in ("earliest", "latest"):
                if d.get(k):
                    d[k] = dt.date.fromisoformat(d[k])
            return DateInfo(**d)

        events = [EventRecord(**{**e, "date": date_info(e["date"]), "spans": [tuple(s) for s in e["spans"]]})
                  for e in data["events"]]
        return cls(
            file_name=data["file_name"],
            events=events,
            attributions=[AttributionRecord(**{**a, "span": tuple(a["span"])}) for a in data["attributions"]],
            figures=[FigureRecord(**{**f, "span": tuple(f["span"])}) for f in data["figures"]],
            relations=[RelationRecord(**{**r, "span": tuple(r["span"])}) for r in data["relations"]],
            new_entities={k: NewEntity(**v) for k, v in data["new_entities"].items()},
        )
