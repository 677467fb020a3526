"""The pipeline: corpus → extract → merge → RDF (one named graph per article) → validate → reason → store.

The output is an Oxigraph store (store/) with a manifest. It is made in a fresh directory beside the
target and replaces it in one step, so an interrupted or failed build leaves the previous output as
it was (store/staging.py). Extraction results are cached per
article, keyed by content hash, extractor version and gazetteer, so an unchanged article is not read
again; each article's rendered graph is cached too, keyed also by the strikes it was merged into.

Articles are extracted and rendered over all cores, straight to N-Triples terms (no rdflib object per
term), and written to the output as they come; validation and reasoning read them back from disk in
chunks, so memory does not grow with the whole dataset held twice.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import hashlib
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from .corpus import Article, ArticleError, discover, read_corpus
from .extract import EXTRACTOR_VERSION, extract
from .lexicon import Lexicon
from .merge import MergedEvent, merge_events
from .namespaces import GAZETTEER_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH
from .rdfize import article_iri, article_triples
from .reason import reason_nt
from .records import Extraction
from .reference import reference_graphs
from .resources import gazetteer_files, ontology_file, shapes_files
from .serialize import NtTriple, nquads_block, nquads_lines, nt_triples
from .store.staging import CACHE_DIR, MANIFEST, Staging, committed_signature
from .validate import validate_nt

__all__ = ["CACHE_DIR", "MANIFEST", "BuildError", "BuildResult", "Rendered", "build",
           "extractor_version", "lexicon", "render"]


class BuildError(Exception):
    """The build cannot produce a valid dataset; the previous output is untouched."""


@dataclass
class BuildResult:
    out_dir: Path
    articles: list[str] = field(default_factory=list)
    extracted: int = 0
    cached: int = 0
    errors: list[ArticleError] = field(default_factory=list)
    events: int = 0
    claims: int = 0
    triples: int = 0
    inferred: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step, in order
    up_to_date: bool = False  # nothing had changed since the last build: its output was kept as it was


def lexicon() -> Lexicon:
    """The lexicon over the bundled gazetteer, built once per process."""
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = Lexicon.from_graph(reference_graphs()[1])
    return _LEXICON


_LEXICON: Lexicon | None = None


def extractor_version() -> str:
    """The declared version plus a digest of the extraction code: any change to the rules
    invalidates cached extractions, even without a version bump."""
    h = hashlib.sha256(EXTRACTOR_VERSION.encode())
    here = Path(__file__).resolve().parent
    files = [here / n for n in ("corpus.py", "dates.py", "lexicon.py", "records.py", "sentences.py")]
    files += sorted(p for p in (here / "extract").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        h.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{EXTRACTOR_VERSION}+{h.hexdigest()[:12]}"


def _reference_digest() -> str:
    """Changes whenever the gazetteer or ontology changes, which invalidates cached extractions."""
    h = hashlib.sha256()
    for p in [ontology_file(), *gazetteer_files()]:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def build(paths: Iterable[Path | str], out_dir: Path | str, *, validate: bool = True, reason: bool = True,
          log: Callable[[str], None] | None = None, progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build the dataset for the articles under `paths` into `out_dir`; see the module docstring.
    When no article file, option or piece of code changed since the build in `out_dir` (compared by
    file size, times and inode, as make and git do), that build is kept and the result says so."""
    out_dir = Path(out_dir)
    paths = list(paths)
    result = BuildResult(out_dir)
    lap = _Laps(result.timings)
    say = log or (lambda _msg: None)
    signature = inputs_signature(paths, validate=validate, reason=reason)
    if signature is not None and committed_signature(out_dir) == signature and _from_manifest(out_dir, result):
        say(f"up to date: nothing changed since the last build ({lap('check'):.1f} s)")
        return result
    lap("check")
    staging = Staging(out_dir)
    try:
        _build(paths, staging, result, lap, validate=validate, reason=reason, say=say, progress=progress, signature=signature)
    except BaseException:
        staging.abort()
        raise
    return result


def inputs_signature(paths: Iterable[Path | str], *, validate: bool, reason: bool) -> str | None:
    """A digest of what a build depends on: each article file's path, size, times and inode, the code,
    the reference data, the shapes, the libraries and the options. None when a path cannot be read
    (the build then reports it)."""
    try:
        files = discover(paths)
        stats = [(str(f), os.path.abspath(f), f.stat()) for f in files]
    except (ArticleError, OSError):
        return None
    h = hashlib.sha256(json.dumps([_code_digest(), extractor_version(), _render_version(), _reference_digest(),
                                   validate, reason]).encode())
    for name, resolved, st in stats:
        h.update(f"{name}\0{resolved}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\n".encode())
    return h.hexdigest()


@functools.cache
def _code_digest() -> str:
    """The package's code, the shapes and the versions of Python and the libraries that shape the output."""
    from importlib import metadata

    h = hashlib.sha256(sys.version.encode())
    for dist in ("rdflib", "pyoxigraph", "owlrl", "pyshacl", "PyYAML"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            h.update(f"{dist}={metadata.version(dist)}".encode())
    here = Path(__file__).resolve().parent
    for path in [*sorted(here.rglob("*.py")), *shapes_files()]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _from_manifest(out_dir: Path, result: BuildResult) -> bool:
    """Fill ``result`` from the manifest of the build in ``out_dir``; False if it cannot be read."""
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        result.articles = [str(a["file"]) for a in manifest["articles"]]
        result.errors = [ArticleError(e["file"], e["reason"], e["line"]) for e in manifest["errors"]]
        result.events, result.claims = int(manifest["events"]), int(manifest["claims"])
        result.triples, result.inferred = int(manifest["triples"]), int(manifest["inferred"])
    except (OSError, ValueError, KeyError, TypeError):
        return False
    result.cached = len(result.articles)
    result.up_to_date = True
    return True


def _build(paths: Iterable[Path | str], staging: Staging, result: BuildResult, lap: _Laps, *, validate: bool, reason: bool,
           say: Callable[[str], None], progress: Callable[[int, int], None] | None, signature: str | None) -> None:
    lex = lexicon()
    ontology, gazetteer = reference_graphs()
    ref_digest = _reference_digest()
    version = extractor_version()
    old_cache = staging.old_cache

    articles: list[Article] = []
    seen_stems: dict[str, Path] = {}
    for item in read_corpus(paths):
        if isinstance(item, ArticleError):
            result.errors.append(item)
            say(f"skipped {item}")
            continue
        if item.stem in seen_stems:
            why = f"same file name as {seen_stems[item.stem]}; article names must be unique"
            result.errors.append(ArticleError(item.path, why))
            continue
        seen_stems[item.stem] = item.path
        articles.append(item)
    lap("read")

    extractions: dict[str, Extraction] = {}
    keys: dict[str, dict[str, object]] = {}
    todo: list[Article] = []
    for article in articles:
        key = {"hash": article.content_hash, "version": version, "reference": ref_digest,
               "published": article.published.isoformat() if article.published else None}
        keys[article.stem] = key
        cached = _read_cache(old_cache / f"{article.stem}.json", key)
        if cached is not None:
            extractions[article.stem] = cached
            staging.keep_cache(f"{article.stem}.json")
            result.cached += 1
        else:
            todo.append(article)
    for n, (stem, ext) in enumerate(_extract_all(todo, lex), 1):
        extractions[stem] = ext
        staging.write_cache(f"{stem}.json", [json.dumps({**keys[stem], "extraction": ext.to_json()}, sort_keys=True).encode()])
        result.extracted += 1
        if progress:
            progress(result.cached + n, len(articles))
    say(f"extracted {result.extracted} article(s), {result.cached} unchanged from cache ({lap('extract'):.1f} s)")

    merged = merge_events(extractions, lex)
    lap("merge")
    result.articles = [a.file_name for a in articles]
    result.events = len({m.iri for m in merged.values()})
    result.claims = sum(len(e.attributions) + len(e.figures) + len(e.relations) + len(e.events) for e in extractions.values())

    # Graphs are written in IRI order; articles' IRIs all sort before the other graphs'.
    by_iri = sorted(articles, key=lambda a: str(article_iri(a)))
    render_keys = {a.stem: _render_key(a, extractions[a.stem], merged, keys[a.stem]) for a in by_iri}
    todo_render = [a for a in by_iri if not _cached_render(old_cache / f"{a.stem}{RENDER_SUFFIX}", render_keys[a.stem])]
    fresh = {a.stem for a in todo_render}
    new_renders = iter(_render_all(todo_render, extractions, merged, lex))
    for article in by_iri:
        name = f"{article.stem}{RENDER_SUFFIX}"
        r = _read_rendered(old_cache / name, render_keys[article.stem]) if article.stem not in fresh else None
        if r is None:
            stem, r = next(new_renders)
            assert stem == article.stem
            staging.write_cache(name, _rendered_entry(render_keys[article.stem], r))
        else:
            staging.keep_cache(name)
        staging.add_graph(r.nq)
        result.triples += r.triples
    del extractions
    say(f"rendered {len(todo_render)} article graph(s), {len(by_iri) - len(todo_render)} unchanged from cache "
        f"({lap('render'):.1f} s)")

    ontology_nt, gazetteer_nt = _reference_nt()
    if validate:
        _validate(_Reread(staging.graphs_as_ntriples), gazetteer, ontology)
        _release_memory()
        say(f"validated: no violations ({lap('validate'):.1f} s)")
    inferred: list[NtTriple] = []
    if reason:
        inferred = reason_nt(_Reread(lambda: chain(_parse_chunks(staging.graphs_as_text()), gazetteer_nt)), ontology)
        say(f"reasoned: {len(inferred)} inferred triples ({lap('reason'):.1f} s)")
    result.inferred = len(inferred)

    for name, triples in sorted([(str(GAZETTEER_GRAPH), gazetteer_nt), (str(INFERRED_GRAPH), inferred),
                                 (str(ONTOLOGY_GRAPH), ontology_nt)]):
        if triples:
            staging.add_graph(b"".join(s.encode("utf-8") for s in _batched(nquads_lines(name, triples))),
                              reference=name != str(INFERRED_GRAPH))
            result.triples += len(triples)
    manifest = {
        "extractor_version": version,
        "reference": ref_digest,
        "articles": [{"file": a.file_name, "path": str(a.path), "sha256": a.content_hash} for a in articles],
        "errors": [{"file": str(e.path), "line": e.line, "reason": e.reason} for e in result.errors],
        "events": result.events,
        "claims": result.claims,
        "triples": result.triples,
        "inferred": result.inferred,
    }
    staging.commit(manifest, signature)
    say(f"written ({lap('write'):.1f} s)")


def _release_memory() -> None:
    """Hand the validation store's freed memory back to the system (glibc keeps it otherwise), so that
    reasoning does not stack its peak on top of validation's."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


class _Laps:
    """Seconds per build step, each from the end of the one before."""

    def __init__(self, into: dict[str, float]) -> None:
        self.into, self.last = into, time.perf_counter()

    def __call__(self, step: str) -> float:
        now = time.perf_counter()
        self.into[step] = round(now - self.last, 3)
        self.last = now
        return self.into[step]


# A rendered graph's cache entry: one JSON line (key, graph, counts and length), then the N-Quads as
# they are written: no JSON string to decode for the bulk of it.
RENDER_SUFFIX = ".rdf"
_RENDER_FORMAT = 2  # part of each entry's key: entries of another layout are made again


@dataclass
class Rendered:
    """One article's named graph, rendered: sorted N-Quads lines. Held as UTF-8: a text with one
    curly quote would take two bytes a character as str."""

    graph: str
    nq: bytes
    triples: int

    def nq_as_nt(self) -> bytes:
        return self.nq.replace(f" <{self.graph}> .\n".encode(), b" .\n")


@functools.cache
def _render_version() -> str:
    """Changes with the code that turns records into RDF, which invalidates rendered graphs."""
    h = hashlib.sha256(str(_RENDER_FORMAT).encode())
    here = Path(__file__).resolve().parent
    for name in ("rdfize.py", "serialize.py", "namespaces.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def _render_key(article: Article, ext: Extraction, merged: dict[tuple[str, str], MergedEvent], key: dict[str, object]) -> str:
    """What an article's graph depends on: its extraction's key, the strikes its events were merged
    into (which depend on other articles) and the rendering code."""
    events = [(ev.local, str(merged[(article.stem, ev.local)].iri), merged[(article.stem, ev.local)].label) for ev in ext.events]
    payload = json.dumps([key, events, _render_version()], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _cached_render(path: Path, key: str) -> bool:
    """Whether the cache entry is there for this key (its header alone is read)."""
    try:
        with open(path, "rb") as fh:
            return json.loads(fh.readline()).get("key") == key
    except (OSError, ValueError, AttributeError):
        return False


def _read_rendered(path: Path, key: str) -> Rendered | None:
    try:
        with open(path, "rb") as fh:
            head = json.loads(fh.readline())
            if head.get("key") != key:
                return None
            nq = fh.read()
        if len(nq) != head["nq_bytes"]:
            return None  # cut short
        return Rendered(str(head["graph"]), nq, int(head["triples"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _rendered_entry(key: str, r: Rendered) -> list[bytes]:
    head = {"key": key, "graph": r.graph, "triples": r.triples, "nq_bytes": len(r.nq)}
    return [json.dumps(head, sort_keys=True).encode() + b"\n", r.nq]


def render(article: Article, ext: Extraction, merged: dict[tuple[str, str], MergedEvent], lex: Lexicon) -> Rendered:
    """One article's named graph as N-Quads."""
    triples = article_triples(article, ext, merged, lex)
    graph = str(article_iri(article))
    return Rendered(graph, nquads_block(graph, triples).encode("utf-8"), len(triples))


def _parse_block(nq: str) -> Iterator[NtTriple]:
    """Triples of rendered N-Quads lines: subject and predicate are IRIs (no spaces), the graph IRI
    ends the line."""
    for line in nq.splitlines():
        s, p, rest = line.split(" ", 2)
        yield s, p, rest[:rest.rindex(" <")]


_REFERENCE_NT: tuple[str, list[NtTriple], list[NtTriple]] | None = None


def _reference_nt() -> tuple[list[NtTriple], list[NtTriple]]:
    """Ontology and gazetteer as N-Triples terms, blank nodes labelled from their content, so that
    every process writes the same labels: parsers invent fresh ones."""
    global _REFERENCE_NT
    digest = _reference_digest()
    if _REFERENCE_NT is None or _REFERENCE_NT[0] != digest:
        ontology, gazetteer = reference_graphs()
        _REFERENCE_NT = (digest, nt_triples(_stable_bnodes(ontology)), nt_triples(_stable_bnodes(gazetteer)))
    return _REFERENCE_NT[1], _REFERENCE_NT[2]


# Below this many articles a process pool costs more than it saves.
PARALLEL_MIN = 64


def _extract_one(article: Article) -> tuple[str, Extraction]:
    return article.stem, extract(article, lexicon())


def _extract_all(articles: list[Article], lex: Lexicon) -> Iterable[tuple[str, Extraction]]:
    """Extract articles, over all cores when there are enough of them. Workers are forked after the
    lexicon is built, so they share it instead of rebuilding it; results come back in input order."""
    workers = min(os.cpu_count() or 1, 8)
    if len(articles) < PARALLEL_MIN or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for a in articles:
            yield a.stem, extract(a, lex)
        return
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers) as pool:
        yield from pool.imap(_extract_one, articles, chunksize=16)


def _render_one(article: Article) -> tuple[str, Rendered]:
    assert _RENDER_STATE is not None
    extractions, merged = _RENDER_STATE
    return article.stem, render(article, extractions[article.stem], merged, lexicon())


_RENDER_STATE: tuple[dict[str, Extraction], dict[tuple[str, str], MergedEvent]] | None = None


def _render_all(articles: list[Article], extractions: dict[str, Extraction], merged: dict[tuple[str, str], MergedEvent],
                lex: Lexicon) -> Iterable[tuple[str, Rendered]]:
    """Render articles, over all cores when there are enough; workers are forked with the extractions
    and merged strikes in memory instead of being sent them."""
    global _RENDER_STATE
    workers = min(os.cpu_count() or 1, 8)
    if len(articles) < PARALLEL_MIN or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for a in articles:
            yield a.stem, render(a, extractions[a.stem], merged, lex)
        return
    _RENDER_STATE = (extractions, merged)
    try:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(workers) as pool:
            yield from pool.imap(_render_one, articles, chunksize=16)
    finally:
        _RENDER_STATE = None


def _read_cache(path: Path, key: dict[str, object]) -> Extraction | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if any(data.get(k) != v for k, v in key.items()):
        return None
    try:
        return Extraction.from_json(data["extraction"])
    except (KeyError, TypeError, ValueError):
        return None


def _validate(data: Iterable[bytes], gazetteer: Graph, ontology: Graph) -> None:
    report = validate_nt(data, extra=gazetteer, ontology=ontology, canonical=True)  # article_triples() writes canonical literals
    if not report.conforms:
        raise BuildError("the extracted graph does not pass the shapes:\n" + report.format())


# -- writing -------------------------------------------------------------------------------------

def _stable_bnodes(g: Graph) -> Graph:
    """Blank nodes (the ontology's RDF lists) relabelled from their content, so that every process
    writes the same labels: parsers invent fresh ones."""
    if not any(isinstance(n, BNode) for t in g for n in t):
        return g
    return to_canonical_graph(g)


def _batched(lines: Iterable[str], size: int = 10_000) -> Iterator[str]:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) == size:
            yield "".join(batch)
            batch = []
    yield "".join(batch)


class _Reread:
    """An iterable that calls ``make`` for each pass: the data is read again from disk, not kept."""

    def __init__(self, make: Callable[[], Iterable[Any]]) -> None:
        self.make = make

    def __iter__(self) -> Iterator[Any]:
        return iter(self.make())


def _parse_chunks(chunks: Iterable[str]) -> Iterator[NtTriple]:
    for chunk in chunks:
        yield from _parse_block(chunk)
