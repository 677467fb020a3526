"""Find date expressions and resolve them against the publication date.

A date the text does not fix stays text: "on Sunday" in an undated article keeps its weekday (which
still helps to tell strikes apart) but gets no earliest/latest — never a guessed day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{2})-(?P<day>\d{2})\b")),
    ("dmy", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>(?:19|20)\d{{2}})\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{{2}})\b")),
    ("my", re.compile(rf"\b(?:(?P<part>early|mid|late)[- ])?{_MONTH},?\s+(?P<year>(?:19|20)\d{{2}})\b")),
    ("dm", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b")),
    ("md", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:people|killed|trucks|,\s*\d))")),
    ("m", re.compile(rf"\b(?:(?:in|since|during|by|of|(?P<part>early|mid|late))[- ]+|the\s+)(?:(?P<part2>early|mid|late)[- ]+)?{_MONTH}\b(?!\s+\d)")),
    ("wd", re.compile(rf"\b(?:(?:late|early)\s+on\s+|on\s+|last\s+)?{_WEEKDAY}\b")),
    ("rel", re.compile(r"\b(?P<rel>yesterday|today|this morning|last night|last month|last year|this year|earlier this month|earlier this year|this month|(?P<n>\d+|two|three|four|five|six) days ago)\b", re.IGNORECASE)),
    ("y", re.compile(r"\b(?:in|during)\s+(?P<year>(?:19|20)\d{2})\b")),
    # A year that qualifies a noun: "a 2022 coalition attack", "the 2019 strike".
    ("ya", re.compile(r"(?:(?<=\ba )|(?<=\ban )|(?<=\bthe ))(?P<year>(?:19|20)\d{2})(?=\s+[A-Za-z⟨])")),
]
# What each pattern above cannot match without: most sentences have no date, and four quick searches
# rule out all eleven patterns.
_NEEDS = {"iso": "year", "dmy": "year", "mdy": "year", "my": "year", "y": "year", "ya": "year", "dm": "month", "md": "month", "m": "month",
          "wd": "weekday", "rel": "rel"}
_CUES = {"year": re.compile(r"(?:19|20)\d\d"), "month": re.compile(_MONTH), "weekday": re.compile(_WEEKDAY)}
# The relative expressions each hold one of these, in any case: a substring test on the lower-cased text
# finds them (case-insensitive matching also takes "İ", "ı" and "ſ" for "i" and "s", which lower() does
# not give: a text with any of them is always searched).
_REL_WORDS = ("yesterday", "today", "this morning", "last night", "last month", "last year", "this year", "this month", "days ago")
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True)
class DateInfo:
    """A date expression as found, what it fixes, and (when the text allows) its interval."""

    text: str
    start: int
    end: int
    precision: str | None = None  # 'day' | 'month' | 'year' when earliest/latest are set
    earliest: dt.date | None = None
    latest: dt.date | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    year: int | None = None

    @property
    def resolved(self) -> bool:
        return self.earliest is not None

    def iso(self) -> str | None:
        """'2023-01-29', '2022-11', '2022' by precision; '--10-26' for a day without a year."""
        if self.earliest is not None:
            if self.precision == "day":
                return self.earliest.isoformat()
            if self.precision == "month":
                return self.earliest.isoformat()[:7]
            return str(self.earliest.year)
        if self.month and self.day:
            return f"--{self.month:02d}-{self.day:02d}"
        return None

    def compatible(self, other: DateInfo) -> bool:
        """Could both expressions describe the same day (within a day, or the stated precision)?"""
        if self.earliest and other.earliest and self.latest and other.latest:
            slack = dt.timedelta(days=1)
            return self.earliest <= other.latest + slack and other.earliest <= self.latest + slack
        for a, b in ((self.month, other.month), (self.day, other.day), (self.year, other.year)):
            if a is not None and b is not None and a != b:
                return False
        if self.weekday is not None and other.weekday is not None and self.weekday != other.weekday:
            return False
        for d, o in ((self, other), (other, self)):
            if d.earliest and d.precision == "day" and o.weekday is not None and d.earliest.weekday() != o.weekday:
                return False
        return True

    def same_specific(self, other: DateInfo) -> bool:
        """Both fix something, and agree on it."""
        return self.compatible(other) and bool(
            (self.month and self.month == other.month)
            or (self.weekday is not None and self.weekday == other.weekday)
            or (self.earliest and other.earliest)
        )


def find_dates(text: str, start: int = 0, end: int | None = None, published: dt.date | None = None) -> list[DateInfo]:
    """Date expressions in text[start:end], resolved against `published`, in text order, no overlaps."""
    end = len(text) if end is None else end
    cues = {cue for cue, pattern in _CUES.items() if pattern.search(text, start, end)}
    span = text[max(start, 0):max(end, 0)]
    if "İ" in span or "ı" in span or "ſ" in span:
        cues.add("rel")
    else:
        low = span.lower()
        if any(w in low for w in _REL_WORDS):
            cues.add("rel")
    if not cues:
        return []
    found: list[DateInfo] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        if _NEEDS[kind] not in cues:
            continue
        for m in pattern.finditer(text, start, end):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            info = _resolve(kind, m, published)
            if info is not None:
                found.append(info)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _latest_year_for(month: int, day: int | None, published: dt.date) -> int:
    """The year that puts month/day on or before the publication date (reports look back)."""
    year = published.year
    if (month, day or 1) > (published.month, published.day):
        year -= 1
    return year


def _resolve(kind: str, m: re.Match[str], published: dt.date | None) -> DateInfo | None:
    text, s, e = m.group(0), m.start(), m.end()
    g = m.groupdict()
    month = MONTHS.get((g.get("month") or "").lower().rstrip(".")) if g.get("month") else None
    if kind == "iso":
        month = int(g["mnum"])
    try:
        if kind in ("iso", "dmy", "mdy"):
            d = dt.date(int(g["year"]), month or 0, int(g["day"]))
            return DateInfo(text, s, e, "day", d, d, d.month, d.day, None, d.year)
        if kind == "my":
            first, last = _month_bounds(int(g["year"]), month or 0)
            return DateInfo(text, s, e, "month", first, last, month, None, None, int(g["year"]))
        if kind in ("dm", "md"):
            day = int(g["day"])
            if not 1 <= day <= 31:
                return None
            if published is None:
                return DateInfo(text, s, e, None, None, None, month, day)
            year = _latest_year_for(month or 1, day, published)
            d = dt.date(year, month or 1, day)
            return DateInfo(text, s, e, "day", d, d, d.month, d.day, None, year)
        if kind == "m":
            if published is None:
                return DateInfo(text, s, e, None, None, None, month)
            year = _latest_year_for(month or 1, None, published)
            first, last = _month_bounds(year, month or 1)
            return DateInfo(text, s, e, "month", first, last, month, None, None, year)
        if kind == "wd":
            weekday = WEEKDAYS[g["weekday"].lower()]
            if published is None:
                return DateInfo(text, s, e, None, None, None, None, None, weekday)
            back = (published.weekday() - weekday) % 7
            if text.lower().startswith("last") and back == 0:
                back = 7
            d = published - dt.timedelta(days=back)
            return DateInfo(text, s, e, "day", d, d, d.month, d.day, weekday, d.year)
        if kind in ("y", "ya"):
            y = int(g["year"])
            return DateInfo(text, s, e, "year", dt.date(y, 1, 1), dt.date(y, 12, 31), None, None, None, y)
        if kind == "rel":
            return _relative(g["rel"].lower(), g.get("n"), text, s, e, published)
    except ValueError:
        return None
    return None


def _relative(rel: str, n: str | None, text: str, s: int, e: int, published: dt.date | None) -> DateInfo | None:
    if published is None:
        return DateInfo(text, s, e)
    p = published
    if rel in ("today", "this morning"):
        return DateInfo(text, s, e, "day", p, p, p.month, p.day, p.weekday(), p.year)
    if rel in ("yesterday", "last night"):
        d = p - dt.timedelta(days=1)
        return DateInfo(text, s, e, "day", d, d, d.month, d.day, d.weekday(), d.year)
    if rel.endswith("days ago") and n:
        d = p - dt.timedelta(days=int(n) if n.isdigit() else _NUMBER_WORDS[n.lower()])
        return DateInfo(text, s, e, "day", d, d, d.month, d.day, d.weekday(), d.year)
    if rel in ("last month",):
        y, mo = (p.year, p.month - 1) if p.month > 1 else (p.year - 1, 12)
        first, last = _month_bounds(y, mo)
        return DateInfo(text, s, e, "month", first, last, mo, None, None, y)
    if rel in ("this month", "earlier this month"):
        first, last = _month_bounds(p.year, p.month)
        return DateInfo(text, s, e, "month", first, min(last, p), p.month, None, None, p.year)
    if rel == "last year":
        y = p.year - 1
        return DateInfo(text, s, e, "year", dt.date(y, 1, 1), dt.date(y, 12, 31), None, None, None, y)
    if rel in ("this year", "earlier this year"):
        return DateInfo(text, s, e, "year", dt.date(p.year, 1, 1), p, None, None, None, p.year)
    return DateInfo(text, s, e)
