"""Figure claims: numbers that sources give for a strike (killed, wounded, trucks, strikes, projectiles)."""

from __future__ import annotations

import re

from ..records import FigureRecord
from .context import TOK, _Context, _Event, _Sentence
from .speech import _source_before

_NUM_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12, "a single": 1, "single": 1,
}
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+|a dozen|dozens|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a single)"
_QUAL = r"\b(?:(?P<qual>at least|more than|over|nearly|almost|about|around|some|up to|as many as|an estimated|roughly|approximately)\s+)?"
_PEOPLE = r"(?:people|persons|civilians|fighters|militiamen|militants|soldiers|troops|members|personnel|combatants|children|women|men|guards|officers|commanders|operatives|iranians|syrians|iraqis|nationals)"

# -- figures --------------------------------------------------------------------------------------

_FIGURE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("figure.between", re.compile(
        rf"\bbetween\s+(?P<n>{_NUM})\s+and\s+(?P<n2>{_NUM})\s+(?:\w+\s+){{0,3}}?(?:{_PEOPLE})?[^.;]{{0,40}}?\b(?P<verb>killed|dead|died|wounded|injured)",
        re.IGNORECASE)),
    ("figure.people-killed", re.compile(
        rf"{_QUAL}\b(?P<n>{_NUM})\s+(?:[\w-]+\s+){{0,4}}?(?:{_PEOPLE})\b(?:,[^,]{{0,50}},)?[^.;]{{0,30}}?\b(?P<verb>killed|dead|died|wounded|injured|hurt)",
        re.IGNORECASE)),
    ("figure.killing-n", re.compile(rf"\b(?P<verb>killed|killing|wounded|wounding|injured|injuring|left)\s+{_QUAL}\b(?P<n>{_NUM})\b(?!\s*(?:year|%|percent))",
                                    re.IGNORECASE)),
    ("figure.and-wounded", re.compile(
        rf"\b(?:killed|dead)\s*,?\s+and\s+{_QUAL}\b(?P<n>{_NUM})\s+(?:others\s+|more\s+|people\s+)?(?:were\s+)?(?P<verb>wounded|injured)\b",
        re.IGNORECASE)),
    ("figure.leaving-n", re.compile(
        rf"\b(?:leaving|left)\s+{_QUAL}\b(?P<n>{_NUM})\s+(?:people\s+|others\s+|civilians\s+|soldiers\s+|fighters\s+)?(?P<verb>dead|killed|wounded|injured)\b",
        re.IGNORECASE)),
    ("figure.death-toll", re.compile(rf"death toll\s+(?:\w+\s+){{0,3}}?(?:to|of|at|reached|was|is|stood at)\s+{_QUAL}\b(?P<n>{_NUM})",
                                     re.IGNORECASE)),
    ("figure.vehicles", re.compile(
        rf"{_QUAL}\b(?P<n>{_NUM})\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>trucks?|tankers?|lorries|vehicles?|cars)\b", re.IGNORECASE)),
    ("figure.strikes", re.compile(
        rf"{_QUAL}\b(?P<n>{_NUM})\s+(?:separate\s+|consecutive\s+|air\s+|drone\s+|missile\s+)?(?P<noun>strikes|airstrikes|raids|missiles|rockets|drones)\b",
        re.IGNORECASE)),
]


def _num(s: str) -> int | None:
    s = s.lower().replace(",", "")
    if s.isdigit():
        return int(s)
    if "-" in s:
        tens, unit = s.split("-", 1)
        return _NUM_WORDS.get(tens, 0) + _NUM_WORDS.get(unit, 0) or None
    return _NUM_WORDS.get(s)


def _figures(ctx: _Context, sent: _Sentence, sources: list[tuple[int, str | None]], refs: list[_Event]) -> None:
    if not refs:
        return
    tpl = sent.tpl
    taken: list[tuple[int, int]] = []
    for rule, pattern in _FIGURE_PATTERNS:
        for m in pattern.finditer(tpl):
            if any(m.start("n") < e and s < m.end("n") for s, e in taken):
                continue
            raw = m.group("n")
            if raw.lower() == "dozens":
                low, high = 24, None
            else:
                n = _num(raw)
                if n is None or n > 100000:
                    continue
                low, high = n, n
            n2 = m.groupdict().get("n2")
            if n2:
                high = _num(n2)
            qual = (m.groupdict().get("qual") or "").lower()
            if qual in ("at least", "more than", "over"):
                high = None
            elif qual in ("up to", "as many as"):
                low = 0
            verb = (m.groupdict().get("verb") or "").lower()
            noun = (m.groupdict().get("noun") or "").lower()
            if rule == "figure.killing-n" and verb == "left":
                continue
            if verb.startswith(("kill", "dead", "died")) or rule == "figure.death-toll":
                qty = "killed"
            elif verb.startswith(("wound", "injur", "hurt")):
                qty = "wounded"
            elif noun.startswith(("truck", "tanker", "lorr")):
                qty = "trucks"
            elif noun.startswith(("vehicle", "car")):
                qty = "trucks" if any("convoy" in e.rec.targets for e in refs) else "vehicles"
            elif noun in ("strikes", "airstrikes", "raids"):
                qty = "strikes"
            elif noun in ("missiles", "rockets", "drones"):
                qty = "missiles"
            else:
                continue
            if re.match(r"\s*(?:year|years|-year|day|days|hour|hours|km|kilometers|miles|%)", tpl[m.end("n"):]):
                continue
            src = _figure_source(ctx, tpl, sources, m.start())
            event = _event_of_figure(sent, refs, ctx, m.start())
            text = m.group(0).strip()
            ctx.extraction.figures.append(FigureRecord(event.rec.local, src, qty, low, high, text, (sent.start, sent.end), rule))
            taken.append((m.start("n"), m.end("n")))


def _figure_source(ctx: _Context, tpl: str, sources: list[tuple[int, str | None]], pos: int) -> str | None:
    src = _source_before(sources, pos)
    if src is None:
        after = [s for p, s in sources if p > pos]
        if after and re.search(rf",\s*(?:the\s+)?{TOK}[^,]*\s+(?:said|reported)\b|according to", tpl[pos:], re.IGNORECASE):
            src = after[0]
    return src


def _event_of_figure(sent: _Sentence, refs: list[_Event], ctx: _Context, pos: int) -> _Event:
    """The strike of the figure's own clause when exactly one is named there; else the one in focus."""
    if len(refs) > 1:
        clause = next(((a, b) for a, b in sent.clauses if a <= pos < b), None)
        here = [e for e in refs if clause and clause[0] <= sent.positions.get(e.rec.local, -1) < clause[1]]
        if len(here) == 1:
            return here[0]
    return ctx.focus if ctx.focus in refs else refs[-1]


