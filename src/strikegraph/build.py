"""The pipeline: corpus → extract → merge → RDF (one named graph per article) → validate → reason → write.

Outputs go to a fresh directory beside the target and replace it in one step, so an interrupted or
failed build leaves the previous output as it was. Extraction results are cached per article,
keyed by content hash, extractor version and gazetteer, so an unchanged article is not read again.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph

from .corpus import Article, ArticleError, read_corpus
from .extract import EXTRACTOR_VERSION, extract
from .lexicon import Lexicon
from .merge import merge_events
from .namespaces import GAZETTEER_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH
from .rdfize import to_graph
from .records import Extraction
from .reference import reference_graphs
from .resources import gazetteer_files, ontology_file
from .serialize import nquads, trig

DATASET_TRIG = "dataset.trig"
DATASET_NQ = "dataset.nq"
MANIFEST = "manifest.json"
CACHE_DIR = "cache"


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
    for name in ("corpus.py", "dates.py", "extract.py", "lexicon.py", "records.py", "sentences.py"):
        h.update((here / name).read_bytes())
    return f"{EXTRACTOR_VERSION}+{h.hexdigest()[:12]}"


def _reference_digest() -> str:
    """Changes whenever the gazetteer or ontology changes, which invalidates cached extractions."""
    h = hashlib.sha256()
    for p in [ontology_file(), *gazetteer_files()]:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def build(paths: Iterable[Path | str], out_dir: Path | str, *, validate: bool = True, reason: bool = True,
          log: Callable[[str], None] | None = None, progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build the dataset for the articles under `paths` into `out_dir`; see the module docstring."""
    out_dir = Path(out_dir)
    say = log or (lambda _msg: None)
    _recover(out_dir)
    result = BuildResult(out_dir)
    lex = lexicon()
    ontology, gazetteer = reference_graphs()
    ref_digest = _reference_digest()
    version = extractor_version()
    old_cache = out_dir / CACHE_DIR

    articles: list[Article] = []
    seen_stems: dict[str, Path] = {}
    for item in read_corpus(paths):
        if isinstance(item, ArticleError):
            result.errors.append(item)
            say(f"skipped {item}")
            continue
        if item.stem in seen_stems:
            reason = f"same file name as {seen_stems[item.stem]}; article names must be unique"
            result.errors.append(ArticleError(item.path, reason))
            continue
        seen_stems[item.stem] = item.path
        articles.append(item)

    extractions: dict[str, Extraction] = {}
    cache_entries: dict[str, dict[str, object]] = {}
    keys: dict[str, dict[str, object]] = {}
    todo: list[Article] = []
    for article in articles:
        key = {"hash": article.content_hash, "version": version, "reference": ref_digest,
               "published": article.published.isoformat() if article.published else None}
        keys[article.stem] = key
        cached = _read_cache(old_cache / f"{article.stem}.json", key)
        if cached is not None:
            extractions[article.stem] = cached
            result.cached += 1
        else:
            todo.append(article)
    for n, (stem, ext) in enumerate(_extract_all(todo, lex), 1):
        extractions[stem] = ext
        result.extracted += 1
        if progress:
            progress(result.cached + n, len(articles))
    for article in articles:
        cache_entries[article.stem] = {**keys[article.stem], "extraction": extractions[article.stem].to_json()}
    say(f"extracted {result.extracted} article(s), {result.cached} unchanged from cache")

    merged = merge_events(extractions, lex)
    graphs = [to_graph(a, extractions[a.stem], merged, lex) for a in articles]
    result.articles = [a.file_name for a in articles]
    result.events = len({m.iri for m in merged.values()})
    result.claims = sum(len(e.attributions) + len(e.figures) + len(e.relations) + len(e.events) for e in extractions.values())

    data = Graph()
    for g in graphs:
        data += g
    if validate:
        _validate(data, gazetteer, ontology, say)
    inferred = Graph(identifier=INFERRED_GRAPH)
    if reason:
        inferred = _reason(data + gazetteer, ontology, say)
    result.inferred = len(inferred)

    named = sorted([(ONTOLOGY_GRAPH, ontology), (GAZETTEER_GRAPH, gazetteer), *[(URIRef(str(g.identifier)), g) for g in graphs],
                    (INFERRED_GRAPH, inferred)], key=lambda x: str(x[0]))
    dataset = [(URIRef(str(name)), _stable_bnodes(g)) for name, g in named if len(g)]
    result.triples = sum(len(g) for _, g in dataset)

    manifest = {
        "extractor_version": version,
        "reference": ref_digest,
        "articles": [{"file": a.file_name, "path": str(a.path), "sha256": a.content_hash} for a in articles],
        "errors": [{"file": str(e.path), "line": e.line, "reason": e.reason} for e in result.errors],
        "events": result.events,
        "triples": result.triples,
        "inferred": result.inferred,
    }
    _write_atomically(out_dir, dataset, manifest, cache_entries)
    return result


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


def _validate(data: Graph, gazetteer: Graph, ontology: Graph, say: Callable[[str], None]) -> None:
    try:
        from .validate import validate
    except ImportError:  # validation module not installed in this build
        return
    report = validate(data + gazetteer, ontology=ontology)
    if not report.conforms:
        raise BuildError("the extracted graph does not pass the shapes:\n" + report.format())
    say("validated: no violations")


def _reason(data: Graph, ontology: Graph, say: Callable[[str], None]) -> Graph:
    try:
        from .reason import reason
    except ImportError:
        return Graph(identifier=INFERRED_GRAPH)
    inferred = reason(data, ontology)  # written under INFERRED_GRAPH by name; no copy needed
    say(f"reasoned: {len(inferred)} inferred triples")
    return inferred


# -- writing -------------------------------------------------------------------------------------

def _stable_bnodes(g: Graph) -> Graph:
    """Blank nodes (the ontology's RDF lists) relabelled from their content, so that every process
    writes the same labels: parsers invent fresh ones."""
    if not any(isinstance(n, BNode) for t in g for n in t):
        return g
    return to_canonical_graph(g)


def _write_atomically(out_dir: Path, dataset: list[tuple[URIRef, Graph]], manifest: dict[str, object],
                      cache: dict[str, dict[str, object]]) -> None:
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.with_name(out_dir.name + ".partial")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    (tmp / DATASET_NQ).write_text(nquads(dataset), encoding="utf-8")
    (tmp / DATASET_TRIG).write_text(trig(dataset), encoding="utf-8")
    (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (tmp / CACHE_DIR).mkdir()
    for stem, entry in cache.items():
        (tmp / CACHE_DIR / f"{stem}.json").write_text(json.dumps(entry, sort_keys=True), encoding="utf-8")
    for p in tmp.rglob("*"):
        if p.is_file():
            with open(p, "rb") as fh:
                os.fsync(fh.fileno())
    if out_dir.exists():
        if not _exchange(tmp, out_dir):
            old = out_dir.with_name(out_dir.name + ".previous")
            if old.exists():
                shutil.rmtree(old)
            os.rename(out_dir, old)
            os.rename(tmp, out_dir)
            shutil.rmtree(old)
            return
        shutil.rmtree(tmp)  # after the exchange, tmp holds the previous output
    else:
        os.rename(tmp, out_dir)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one atomic step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    rc = fn(at_fdcwd, os.fsencode(str(a)), at_fdcwd, os.fsencode(str(b)), rename_exchange)
    return rc == 0


def _recover(out_dir: Path) -> None:
    """Finish what an interrupted swap left: restore the previous output, drop partial ones."""
    out_dir = out_dir.resolve()
    old = out_dir.with_name(out_dir.name + ".previous")
    if old.exists() and not out_dir.exists():
        os.rename(old, out_dir)
    elif old.exists():
        shutil.rmtree(old)
