"""Read corpus articles: optional YAML front matter, a leading ` date YYYY-MM-DD` line, strict checks.

Every problem becomes an `ArticleError` naming the file, the line where it applies, and the reason,
so a build can report it and go on with the other articles.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# Real reporting is a few KB; anything past this is not an article (a dump, a log, a binary).
MAX_BYTES = 5 * 1024 * 1024
FRONT_MATTER_KEYS = {"title", "url", "published", "outlet", "language", "date", "source", "author"}

_LEADING_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b")
_HTML = re.compile(r"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)


# libyaml's parser when PyYAML has it: the pure-Python one takes longer than extracting the article.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FrontMatterLoader(_SafeLoader):  # type: ignore[valid-type, misc]
    """Safe YAML without implicit timestamps, so dates stay text and get our own, clearer check."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class ArticleError(Exception):
    """A corpus file that cannot be read as an article."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class Article:
    """One article: its text (front matter removed) and what its metadata says."""

    path: Path
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    language: str = "en"
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def discover(paths: Iterable[Path | str]) -> list[Path]:
    """All `*.txt` files under the given files and directories, sorted, without duplicates."""
    found: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            found.update(q for q in p.rglob("*.txt") if q.is_file())
        elif p.is_file():
            found.add(p)
        else:
            raise ArticleError(p, "no such file or directory")
    return sorted(found, key=lambda q: (q.name, str(q)))


def _parse_date(value: object, path: Path, line: int | None) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})([T ].*)?", text)
    if m:
        try:
            return dt.date.fromisoformat(m.group(1))
        except ValueError:
            pass
    raise ArticleError(path, f"'published' is not a date (YYYY-MM-DD): {text!r}", line)


def _front_matter(raw: str, path: Path) -> tuple[dict[str, object], str, int]:
    """Split YAML front matter off; returns (metadata, body, line number where the body starts)."""
    lines = raw.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, raw, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            block = "\n".join(lines[1:i])
            try:
                meta = yaml.load(block, Loader=_FrontMatterLoader) if block.strip() else {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 2 if mark is not None else 1
                problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
                raise ArticleError(path, f"front matter is not valid YAML: {problem}", line) from None
            if not isinstance(meta, dict):
                raise ArticleError(path, "front matter must be a mapping of key: value lines", 2)
            body = "\n".join(lines[i + 1 :])
            return meta, body, i + 2
    raise ArticleError(path, "front matter opened with '---' is never closed", 1)


def _key_line(raw: str, key: str) -> int | None:
    for n, line in enumerate(raw.split("\n"), 1):
        if re.match(rf"\s*{re.escape(key)}\s*:", line):
            return n
    return None


def decode(data: bytes, path: Path) -> str:
    """Bytes → text, or an ArticleError saying where the bytes are wrong."""
    if not data.strip():
        raise ArticleError(path, "file is empty")
    if b"\x00" in data[:8192]:
        raise ArticleError(path, "file is binary (contains NUL bytes), not a text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ArticleError(path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", line) from None
    return text.removeprefix("\ufeff")


def read_article(path: Path | str) -> Article:
    """Read one article file; raises ArticleError with file, line and reason."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            limit = MAX_BYTES // (1024 * 1024)
            raise ArticleError(path, f"file is {size / 1e6:.1f} MB; articles larger than {limit} MB are refused")
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(path, f"cannot read: {exc.strerror or exc}") from None
    raw = decode(data, path).replace("\r\n", "\n").replace("\r", "\n")
    meta, body, body_line = _front_matter(raw, path)
    if _HTML.match(body):
        raise ArticleError(path, "looks like an HTML page, not article text; save the article's text instead", body_line)
    if not body.strip():
        raise ArticleError(path, "article has front matter but no text", body_line)
    unknown = sorted(str(k) for k in meta if str(k) not in FRONT_MATTER_KEYS)
    published: dt.date | None = None
    date_value = meta.get("published", meta.get("date"))
    if date_value is not None:
        published = _parse_date(date_value, path, _key_line(raw, "published") or _key_line(raw, "date"))
    else:
        m = _LEADING_DATE.match(body)
        if m:
            try:
                published = dt.date.fromisoformat(m.group(1))
            except ValueError:
                raise ArticleError(path, f"leading date line is not a valid date: {m.group(1)!r}", body_line) from None
    if published is None:
        published = date_in_url(_str_or_none(meta.get("url")))
    return Article(
        path=path,
        text=body,
        title=_str_or_none(meta.get("title")),
        url=_str_or_none(meta.get("url")),
        published=published,
        outlet=_str_or_none(meta.get("outlet") or meta.get("source")),
        language=str(meta.get("language") or "en"),
        extra={k: str(meta[k]) for k in unknown},
    )


# Dates news sites put in their article paths: /2021/11/08/, /2022/1/27/, /2023/may/4/, -20240731-.
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d{1,2}|[a-z]{3,9})/(\d{1,2})(?:/|$)|[-/_]((?:19|20)\d\d)(\d\d)(\d\d)(?:[-/_.]|$)")
_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december"), 1)}


def date_in_url(url: str | None) -> dt.date | None:
    """The publication date a news site's address carries, when the front matter gives none."""
    if not url:
        return None
    for m in _URL_DATE.finditer(url.lower().split("?", 1)[0]):
        year, month, day = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
        number = int(month) if month.isdigit() else _MONTHS.get(month) or next(
            (i for name, i in _MONTHS.items() if name.startswith(month) and len(month) >= 3), None)
        if number is None:
            continue
        try:
            return dt.date(int(year), number, int(day))
        except ValueError:
            continue
    return None


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value).strip() or None


def read_corpus(paths: Iterable[Path | str]) -> Iterator[Article | ArticleError]:
    """Yield each article, or the error that stopped it being read; never stops early."""
    try:
        files = discover(paths)
    except ArticleError as exc:
        yield exc
        return
    for path in files:
        try:
            yield read_article(path)
        except ArticleError as exc:
            yield exc
