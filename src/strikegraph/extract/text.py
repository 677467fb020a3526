"""Text layer: what the other layers read the article through. Sentences and paragraphs with character
offsets, quotations (which may run over several sentences), the dateline and the headline.

Offsets are into `Article.text`, so every claim built on this layer points back into the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..corpus import Article
from ..sentences import split

# A leading " date YYYY-MM-DD" line some sources put before the body: metadata, not text.
_HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\b")
# "BEIRUT (AP) —", "WASHINGTON, Feb 2 (Reuters) -", "SANAA:": the place and agency a report is filed from.
_DATELINE = re.compile(r"[A-Z][A-Z .'/-]{2,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Za-z. ]{2,30}\))?\s*(?:[—–-]{1,2}|:)\s")
_OPEN = {"“": "”", '"': '"'}


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class TextLayer:
    text: str
    headline: str | None
    dateline: Span | None
    sentences: list[Span] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    quotes: list[Span] = field(default_factory=list)  # from the opening to the closing mark, both included

    def quote_around(self, start: int, end: int) -> Span | None:
        """The quotation that runs through the end of [start, end) into a later sentence, if any."""
        return next((q for q in self.quotes if q.start < end < q.end), None)

    def sentence_at(self, pos: int) -> int | None:
        return next((i for i, s in enumerate(self.sentences) if s.start <= pos < s.end), None)


def read_text(article: Article) -> TextLayer:
    """The article's text layer. Pure function of the text and its title."""
    text = article.text
    header = _HEADER.match(text)
    body_start = header.end() if header else 0
    sentences = []
    for s, e in split(text):
        if s < body_start:
            s = body_start
            while s < e and text[s].isspace():
                s += 1
            if s >= e:
                continue
        sentences.append(Span(s, e))
    paragraphs = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.end() > body_start and m.group(0).strip()]
    dateline = None
    if sentences and (m := _DATELINE.match(text, sentences[0].start)):
        dateline = Span(m.start(), m.end())
    return TextLayer(text, article.title, dateline, sentences, paragraphs, _quotes(text))


def _quotes(text: str) -> list[Span]:
    """Quotation spans. Curly quotes pair by direction; straight ones pair in order, within a paragraph
    unless a paragraph opens with a quotation mark again (the typographic rule for quotes that go on)."""
    out: list[Span] = []
    for para in re.finditer(r"[^\n]+", text):
        opened: int | None = None
        close = ""
        for m in re.finditer(r"[“”\"]", para.group(0)):
            ch, pos = m.group(0), para.start() + m.start()
            if opened is None:
                if ch in _OPEN:
                    opened, close = pos, _OPEN[ch]
            elif ch == close:
                out.append(Span(opened, pos + 1))
                opened = None
    return out
