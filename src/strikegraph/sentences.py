"""Sentence boundaries with character offsets.

A small rule-based splitter rather than a statistical one: news text is regular enough, and the
rules are deterministic and fast. Abbreviations common in this reporting (U.S., Gen., Lt. Col.) do
not end sentences; line breaks always do, since headlines, bullets and captions stand alone.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "brig", "cmdr", "rep", "sen",
    "gov", "pres", "st", "no", "vs", "etc", "inc", "corp", "ltd", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "dept", "univ", "fig", "al",
}
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+)")


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, end exclusive, whitespace trimmed, in order."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        _split_line(text, line.start(), line.end(), spans)
    return spans


def _split_line(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    begin = start
    for m in _END.finditer(text, start, end):
        if not _is_boundary(text, m.start(), m.end(), end):
            continue
        _add(text, begin, m.end(), spans)
        begin = m.end()
    _add(text, begin, end, spans)


def _is_boundary(text: str, dot: int, after: int, end: int) -> bool:
    nxt = re.match(r"\s+(\S)", text[after:end])
    if not nxt:
        return False
    following = nxt.group(1)
    if text[dot] == ".":
        word = re.search(r"(\w+)\.?$", text[max(0, dot - 12) : dot])
        prev = word.group(1) if word else ""
        if prev.lower() in _ABBREVIATIONS:
            return False
        # Initials and dotted acronyms: "U.S.", "J. Smith".
        if len(prev) == 1 and prev.isalpha():
            return following.isupper() and _looks_like_sentence_start(text, after, end) and prev.islower()
    return following.isupper() or following.isdigit() or following in "\"'“‘(•*-"


def _looks_like_sentence_start(text: str, after: int, end: int) -> bool:
    return bool(re.match(r"\s+(The|A|An|It|He|She|They|This|In|On|At|But|And|However)\b", text[after:end]))


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
