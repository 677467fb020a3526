"""Per-layer quality of the extraction against gold annotations (the schema of ../shared/gold/README.md).

    strikegraph bench extract-layers --gold GOLD_DIR --corpus CORPUS_DIR [--entities FILE ...]

The end-to-end scorer says *that* an attribution was missed; this says *where* in the layered
extraction it was lost:

- mentions: of the entities a gold attribution names (actor, source), how many the mentions layer
  finds in the article at all;
- speech:   of the gold attributions with a named source, how many have that source among the
  speakers the speech layer gives the sentence(s) the gold quote lies in;
- strikes:  gold strikes found (an extracted strike with the gold place or date, or one a matched
  claim is about, as the scorer counts them) and strikes extracted;
- claims:   attribution, figure and relation precision, recall and F1, matched as the scorer does.

It runs the real `extract()` in process and listens to the layers' outputs on the way, so the
numbers are those of the pipeline as it is, not of a re-implementation. Gold labels are mapped onto
keys with the scorer's name folding (re-implemented here: the project must not import ../shared).
Cross-article merging needs a build and is left to `make score`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import yaml
from rdflib import URIRef

from .corpus import read_article
from .lexicon import Lexicon, Mention
from .records import EventRecord, Extraction

Row = dict[str, Any]
Gold = dict[str, Any]

# The label the export gives sg:unknownPlace, the place of a strike whose report names none.
UNKNOWN_PLACE = "place unknown"
ARTICLE = "article"  # the gold key of the article's own voice
CLAIM_KINDS = ("attribution", "figure", "relation")


# =================================================================================================
# Gold keys: the scorer's name folding and entity tables
# =================================================================================================

def norm(text: object) -> str | None:
    """Fold a name as the scorer does: ASCII, lower case, punctuation and articles away."""
    if text is None:
        return None
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    s = s.lower().replace("’", "'")
    s = re.sub(r"[\-‐‑–—_/.,'\"()]", " ", s)
    s = re.sub(r"\b(the|a|an)\b", " ", s)
    return " ".join(s.split())


class Entities:
    """Gold keys and the names that map onto them; the first table to name a name wins."""

    def __init__(self, files: Sequence[Path | str]) -> None:
        self.by_name: dict[str, str] = {}
        self.kind: dict[str, str | None] = {}
        self._cache: dict[str, str | None] = {}
        self._letters: list[tuple[str, str, int, Counter[str]]] | None = None
        for f in files:
            for key, spec in (yaml.safe_load(Path(f).read_text(encoding="utf-8")) or {}).items():
                spec = spec or {}
                self.kind[key] = spec.get("kind")
                for name in [key.replace("_", " "), *spec.get("names", [])]:
                    self.by_name.setdefault(norm(name) or "", key)

    def key(self, label: str | None) -> str | None:
        """The gold key of a label the project wrote, "?name" when none fits; None stays None."""
        if label is None or not str(label).strip():
            return None
        if label not in self._cache:  # the fuzzy fallback scans every name: worth remembering
            self._cache[label] = self._lookup(norm(label) or "")
        return self._cache[label]

    def _lookup(self, n: str) -> str:
        """Exact name, else the most similar name at a ratio of 0.9 or more (first of equals), as the
        scorer does. ratio() is bounded by the share of letters in common, so names that cannot reach
        0.9, or beat the best so far, are skipped unmeasured: same answer, a fraction of the time."""
        if n in self.by_name:
            return self.by_name[n]
        if self._letters is None:
            self._letters = [(name, key, len(name), Counter(name)) for name, key in self.by_name.items()]
        letters, length = Counter(n), len(n)
        best, score = None, 0.0
        for name, key, size, counts in self._letters:
            total = length + size
            if not total or 2 * min(length, size) / total < max(score, 0.9):
                continue
            bound = 2 * sum((letters & counts).values()) / total
            if bound < 0.9 or bound <= score:
                continue
            r = SequenceMatcher(None, n, name).ratio()
            if r > score:
                best, score = key, r
        return best if best is not None and score >= 0.9 else "?" + n

    def source_key(self, label: str | None) -> str:
        """A claimant's key: no label is the article's own voice."""
        return self.key(label) or ARTICLE


def default_entity_files(gold_dir: Path) -> list[Path]:
    """entities*.yaml beside or in the gold folder, entities.yaml first (the scorer's order: its
    names win over those a set adds)."""
    found = {p.resolve() for d in (gold_dir.parent, gold_dir) for p in d.glob("entities*.yaml")}
    return sorted(found, key=lambda p: (p.name != "entities.yaml", p.name))


def load_gold(gold_dir: Path) -> dict[str, Gold]:
    """Gold annotations by article file name."""
    gold: dict[str, Gold] = {}
    for f in sorted(gold_dir.glob("*.yaml")):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        if isinstance(doc, dict) and "article" in doc:
            gold[doc["article"]] = doc
    return gold


def gold_attributions(doc: Gold) -> list[Row]:
    return [{"event": ev["id"], "place": ev.get("place"), "actor": a.get("actor"), "source": a.get("source"),
             "stance": a.get("stance"), "quote": a.get("quote")}
            for ev in doc.get("events", []) or [] for a in ev.get("attributions", []) or []]


# =================================================================================================
# Listening to the layers
# =================================================================================================

@dataclass
class SentenceTrace:
    start: int
    end: int
    speakers: list[str]  # source IRIs of the sentence's reporting clauses, coordinated speakers too


@dataclass
class Trace:
    """What the layers produced for one article."""

    mentions: list[Mention] = field(default_factory=list)
    sentences: list[SentenceTrace] = field(default_factory=list)
    strike_mentions: int = 0  # sentences that refer to at least one strike


# The layer functions `extract()` calls through the package's namespace, and what to keep of each.
_TAPS = ("_mentions", "_sources", "_event_refs")


@contextmanager
def _listening(trace: Trace) -> Iterator[None]:
    """Wrap the layer entry points for the length of one `extract()` call. The wrappers return what
    the layers return, so the extraction is the one the build makes."""
    pkg = importlib.import_module("strikegraph.extract")
    missing = [name for name in _TAPS if not callable(getattr(pkg, name, None))]
    if missing:
        raise RuntimeError(f"strikegraph.extract no longer calls {', '.join(missing)}: update bench_layers._TAPS")
    original: dict[str, Callable[..., Any]] = {name: getattr(pkg, name) for name in _TAPS}

    def mentions(*args: Any, **kwargs: Any) -> list[Mention]:
        out = original["_mentions"](*args, **kwargs)
        trace.mentions = list(out)
        return out

    def sources(ctx: Any, sent: Any, *args: Any, **kwargs: Any) -> list[tuple[int, str | None]]:
        out = original["_sources"](ctx, sent, *args, **kwargs)
        # co_speakers is filled while the clauses are read: "Iran and Hamas have blamed …" has two.
        co = [s for others in sent.co_speakers.values() for s in others]
        trace.sentences.append(SentenceTrace(sent.start, sent.end, [s for _, s in out if s] + co))
        return out

    def event_refs(*args: Any, **kwargs: Any) -> Any:
        out = original["_event_refs"](*args, **kwargs)
        trace.strike_mentions += bool(out)
        return out

    wrappers = {"_mentions": mentions, "_sources": sources, "_event_refs": event_refs}
    try:
        for name, fn in wrappers.items():
            setattr(pkg, name, fn)
        yield
    finally:
        for name, fn in original.items():
            setattr(pkg, name, fn)


def traced_extract(article: Any, lex: Lexicon) -> tuple[Extraction, Trace]:
    """`extract()` with the layers' outputs kept."""
    from .extract import extract

    trace = Trace()
    with _listening(trace):
        ext = extract(article, lex)
    if article.text.strip() and not trace.sentences:
        raise RuntimeError("extract() read no sentence through _sources: the layer hooks in bench_layers are stale")
    return ext, trace


# =================================================================================================
# Export rows from records (what `strikegraph export claims` writes, without building RDF)
# =================================================================================================

def _labeller(lex: Lexicon, ext: Extraction) -> Callable[[str | None], str | None]:
    """IRI → the prefLabel the export shows: gazetteer entities, then actors the article added."""
    def label(iri: str | None) -> str | None:
        if iri is None:
            return None
        ent = lex.entities.get(URIRef(iri))
        if ent is not None:
            return ent.label
        new = ext.new_entities.get(iri)
        return new.label if new is not None else None
    return label


def _event_date(ev: EventRecord) -> str | None:
    d = ev.date
    if d is None or not (d.earliest and d.latest and d.precision):
        return None
    iso = d.earliest.isoformat()
    return {"day": iso[:10], "month": iso[:7], "year": iso[:4]}.get(d.precision, iso[:10])


def claim_rows(file_name: str, text: str, ext: Extraction, lex: Lexicon) -> list[Row]:
    """The article's rows of the claims export. Event ids are the article's local ones: merging
    across articles is a build's work."""
    label = _labeller(lex, ext)
    events = {ev.local: {"event": ev.local, "event_date": _event_date(ev),
                         "place": label(ev.place) if ev.place else UNKNOWN_PLACE} for ev in ext.events}
    rows: list[Row] = [{"kind": "event", "article": file_name, **e} for e in events.values()]
    for a in ext.attributions:
        rows.append({"kind": "attribution", "article": file_name, **events[a.event], "actor": label(a.actor),
                     "source": label(a.source), "stance": a.stance, "quote": text[a.span[0]:a.span[1]]})
    for f in ext.figures:
        rows.append({"kind": "figure", "article": file_name, **events[f.event], "source": label(f.source),
                     "quantity": f.quantity, "min": f.low, "max": f.high, "quote": text[f.span[0]:f.span[1]]})
    for r in ext.relations:
        rows.append({"kind": "relation", "article": file_name, "subject": label(r.subject), "predicate": r.kind,
                     "object": label(r.object), "source": label(r.source), "quote": text[r.span[0]:r.span[1]]})
    return rows


# =================================================================================================
# Claims and strikes, matched as the scorer matches them
# =================================================================================================

def _match(gold: list[Row], pred: list[Row], tiers: list[Callable[[Row], tuple[Any, ...]]]) -> list[tuple[int, int]]:
    """Greedy matching in tiers of keys, strictest first; the scorer's order, so the same pairs."""
    free_g, free_p = list(range(len(gold))), list(range(len(pred)))
    pairs: list[tuple[int, int]] = []
    for keyf in tiers:
        index: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        for j in free_p:
            index[keyf(pred[j])].append(j)
        still = []
        for i in free_g:
            cands = index.get(keyf(gold[i]))
            if cands:
                j = cands.pop(0)
                free_p.remove(j)
                pairs.append((i, j))
            else:
                still.append(i)
        free_g = still
    return pairs


def _dedupe(items: list[Row], sig: Callable[[Row], tuple[Any, ...]]) -> list[Row]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for it in items:
        if sig(it) not in seen:
            seen.add(sig(it))
            out.append(it)
    return out


def _same_evidence(gold_quote: str | None, pred_quote: str | None) -> bool:
    """The scorer's evidence test: the two quotes share at least half of the shorter one."""
    if not gold_quote or not pred_quote:
        return False
    a, b = " ".join(gold_quote.split()), " ".join(pred_quote.split())
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size >= 0.5 * min(len(a), len(b))


def score_claims(doc: Gold, rows: list[Row], ents: Entities, out: dict[str, Counter[str]]) -> None:
    """Add one article's claim and strike counts to `out` (kinds of CLAIM_KINDS and "events")."""
    links: dict[str, set[str]] = defaultdict(set)  # gold event id → extracted events its matched claims are about
    g_att = gold_attributions(doc)
    p_att = _dedupe([{"event": r["event"], "place": ents.key(r.get("place")), "actor": ents.key(r.get("actor")),
                      "source": ents.source_key(r.get("source")), "stance": r.get("stance"), "quote": r.get("quote")}
                     for r in rows if r["kind"] == "attribution"],
                    lambda x: (x["event"], x["actor"], x["source"], x["stance"]))
    pairs = _match(g_att, p_att, [lambda x: (x["actor"], x["source"], x["stance"], x["place"]),
                                  lambda x: (x["actor"], x["source"], x["stance"]),
                                  lambda x: (x["actor"], x["source"])])
    c = out["attribution"]
    c["tp"] += len(pairs)
    c["gold"] += len(g_att)
    c["pred"] += len(p_att)
    for i, j in pairs:
        c["stance_ok"] += g_att[i]["stance"] == p_att[j]["stance"]
        c["evidence_ok"] += _same_evidence(g_att[i]["quote"], p_att[j]["quote"])
        links[g_att[i]["event"]].add(p_att[j]["event"])

    g_fig = [{"event": ev["id"], "source": f["source"], "quantity": f["quantity"], "min": f.get("min"), "max": f.get("max")}
             for ev in doc.get("events", []) or [] for f in ev.get("figures", []) or []]
    p_fig = _dedupe([{"event": r["event"], "source": ents.source_key(r.get("source")), "quantity": r.get("quantity"),
                      "min": r.get("min"), "max": r.get("max")} for r in rows if r["kind"] == "figure"],
                    lambda x: tuple(x.values()))
    pairs = _match(g_fig, p_fig, [lambda x: (x["quantity"], x["source"], x["min"], x["max"]),
                                  lambda x: (x["quantity"], x["min"], x["max"])])
    c = out["figure"]
    c["tp"] += len(pairs)
    c["gold"] += len(g_fig)
    c["pred"] += len(p_fig)
    for i, j in pairs:
        links[g_fig[i]["event"]].add(p_fig[j]["event"])

    g_rel = {(r["subject"], r["predicate"], r["object"]) for r in doc.get("relations", []) or []}
    p_rel = {(ents.key(r.get("subject")), r.get("predicate"), ents.key(r.get("object"))) for r in rows if r["kind"] == "relation"}
    c = out["relation"]
    c["tp"] += len(g_rel & p_rel)
    c["gold"] += len(g_rel)
    c["pred"] += len(p_rel)

    _score_events(doc, rows, ents, links, out["events"])


def _score_events(doc: Gold, rows: list[Row], ents: Entities, links: dict[str, set[str]], c: Counter[str]) -> None:
    """A gold strike is found when a matched claim is about an extracted strike, or an extracted
    strike has its place or date (the scorer's rule)."""
    features: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    for r in rows:
        if r["kind"] in ("event", "attribution", "figure") and r.get("event"):
            features[r["event"]].add(("place", ents.key(r.get("place"))))
            if r.get("event_date"):
                features[r["event"]].add(("date", str(r["event_date"])))
    for ev in doc.get("events", []) or []:
        want = {("place", ev.get("place"))} | ({("date", str(ev["date"]))} if ev.get("date") else set())
        c["gold"] += 1
        c["found"] += bool(links.get(ev["id"]) or any(want & f for f in features.values()))
    c["pred"] += len(features)


# =================================================================================================
# Mentions and speech
# =================================================================================================

def mentioned_keys(trace: Trace, ext: Extraction, lex: Lexicon, ents: Entities) -> set[str]:
    """Gold keys of everything the mentions layer found; an unnamed source also stands for the body
    it names ("a spokesperson for the coalition"), since the speech layer speaks for that body."""
    label = _labeller(lex, ext)
    keys: set[str] = set()
    for m in trace.mentions:
        keys.add(ents.key(m.entity.label) or "")
        new = ext.new_entities.get(str(m.entity.iri))
        if new is not None and new.affiliated_with:
            keys.add(ents.key(label(new.affiliated_with)) or "")
    return keys


def quote_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place the gold quote occurs; spacing may differ (line breaks in the stored text)."""
    if not quote or not quote.strip():
        return []
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(quote), text)]
    if not spans:
        loose = r"\s+".join(re.escape(w) for w in quote.split())
        spans = [(m.start(), m.end()) for m in re.finditer(loose, text)]
    return spans


def sentence_speakers(trace: Trace, spans: list[tuple[int, int]]) -> list[str] | None:
    """Speaker IRIs of the sentences that overlap any of the spans; None when no sentence does."""
    hit = [s for s in trace.sentences for a, b in spans if s.start < b and a < s.end]
    if not hit:
        return None
    return [iri for s in hit for iri in s.speakers]


# =================================================================================================
# The measure
# =================================================================================================

@dataclass
class LayerReport:
    articles: int = 0
    missing_articles: list[str] = field(default_factory=list)
    mentions: Counter[str] = field(default_factory=Counter)  # keys, found
    speech: Counter[str] = field(default_factory=Counter)  # quotes, found, unlocated
    strikes: Counter[str] = field(default_factory=Counter)  # gold, found, pred, strike_mentions
    claims: dict[str, Counter[str]] = field(default_factory=lambda: {k: Counter() for k in CLAIM_KINDS})
    misses: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"articles": self.articles, "missing_articles": self.missing_articles,
                               "mentions": {**self.mentions, "recall": _ratio(self.mentions["found"], self.mentions["keys"])},
                               "speech": {**self.speech, "recall": _ratio(self.speech["found"], self.speech["quotes"])},
                               "strikes": {**self.strikes, "recall": _ratio(self.strikes["found"], self.strikes["gold"])}}
        for kind, c in self.claims.items():
            p, r, f = prf(c["tp"], c["pred"], c["gold"])
            out[kind] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                         "gold": c["gold"], "extracted": c["pred"], "matched": c["tp"]}
        a = self.claims["attribution"]
        # Agreement on no matched claim is none, as the scorer prints it.
        out["attribution"]["stance_agreement"] = _ratio(a["stance_ok"], a["tp"], empty=0.0)
        out["attribution"]["evidence_agreement"] = _ratio(a["evidence_ok"], a["tp"], empty=0.0)
        return out


def _ratio(n: int, d: int, empty: float = 1.0) -> float:
    return round(n / d, 3) if d else empty


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """The scorer's precision, recall and F1 (nothing to find and nothing found is perfect)."""
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def measure(gold_dir: Path | str, corpus_dir: Path | str, entity_files: Sequence[Path | str] | None = None,
            lex: Lexicon | None = None) -> LayerReport:
    """Run the extraction on every annotated article of `corpus_dir` and measure each layer."""
    gold_dir, corpus_dir = Path(gold_dir), Path(corpus_dir)
    if lex is None:
        from .build import lexicon

        lex = lexicon()
    ents = Entities(entity_files if entity_files is not None else default_entity_files(gold_dir))
    report = LayerReport()
    for name, doc in load_gold(gold_dir).items():
        path = corpus_dir / name
        if not path.is_file():
            report.missing_articles.append(name)
            continue
        article = read_article(path)
        ext, trace = traced_extract(article, lex)
        report.articles += 1
        _measure_mentions(name, doc, trace, ext, lex, ents, report)
        _measure_speech(name, doc, article.text, trace, ext, lex, ents, report)
        claims = {**report.claims, "events": report.strikes}
        score_claims(doc, claim_rows(name, article.text, ext, lex), ents, claims)
        report.strikes["strike_mentions"] += trace.strike_mentions
    return report


def _measure_mentions(name: str, doc: Gold, trace: Trace, ext: Extraction, lex: Lexicon, ents: Entities,
                      report: LayerReport) -> None:
    # Each entity counts once per article: the layer either finds it or not.
    wanted: dict[str, str] = {}
    for a in gold_attributions(doc):
        if a["actor"] is not None:
            wanted.setdefault(a["actor"], "actor")
        if a["source"] not in (None, ARTICLE):
            wanted.setdefault(a["source"], "source")
    found = mentioned_keys(trace, ext, lex, ents)
    for key, role in sorted(wanted.items()):
        report.mentions["keys"] += 1
        if key in found:
            report.mentions["found"] += 1
        else:
            report.misses.append(f"mentions  {name}: {key} ({role}) not mentioned")


def _measure_speech(name: str, doc: Gold, text: str, trace: Trace, ext: Extraction, lex: Lexicon, ents: Entities,
                    report: LayerReport) -> None:
    label = _labeller(lex, ext)
    for a in gold_attributions(doc):
        if a["source"] in (None, ARTICLE):
            continue
        report.speech["quotes"] += 1
        speakers = sentence_speakers(trace, quote_spans(text, a["quote"] or ""))
        if speakers is None:
            report.speech["unlocated"] += 1
            report.misses.append(f"speech    {name}: quote not found in the text: \"{(a['quote'] or '')[:80]}\"")
            continue
        keys = [ents.key(label(s)) for s in speakers]
        if a["source"] in keys:
            report.speech["found"] += 1
        else:
            report.misses.append(f"speech    {name}: {a['source']} not a speaker (found {sorted({k or '-' for k in keys})}): "
                                 f"\"{(a['quote'] or '')[:80]}\"")


# =================================================================================================
# Output and command line
# =================================================================================================

def table(report: LayerReport) -> str:
    """The report as a fixed-width table."""
    j = report.to_json()
    m, s, e = report.mentions, report.speech, report.strikes
    lines = [f"articles measured: {report.articles}" +
             (f" ({len(report.missing_articles)} annotated but not in the corpus)" if report.missing_articles else ""),
             f"{'layer':9} {'measure':52} value",
             f"{'mentions':9} {'gold actor/source keys mentioned in the article':52} "
             f"{m['found']}/{m['keys']}  {j['mentions']['recall']:.3f}",
             f"{'speech':9} {'named-source quotes whose sentence has that speaker':52} "
             f"{s['found']}/{s['quotes']}  {j['speech']['recall']:.3f}" + (f"  ({s['unlocated']} quote(s) not located)"
                                                                          if s["unlocated"] else ""),
             f"{'strikes':9} {'gold strikes found (place, date or matched claim)':52} "
             f"{e['found']}/{e['gold']}  {j['strikes']['recall']:.3f}",
             f"{'':9} {'strikes extracted / sentences referring to a strike':52} {e['pred']} / {e['strike_mentions']}"]
    for kind in CLAIM_KINDS:
        x = j[kind]
        lines.append(f"{'claims':9} {kind:52} P {x['precision']:.3f}  R {x['recall']:.3f}  F1 {x['f1']:.3f}  "
                     f"(gold {x['gold']}, extracted {x['extracted']}, matched {x['matched']})")
    a = j["attribution"]
    lines.append(f"{'':9} {'attribution stance / evidence agreement':52} "
                 f"{a['stance_agreement']:.3f} / {a['evidence_agreement']:.3f}")
    return "\n".join(lines)


def run_args(args: argparse.Namespace) -> int:
    from .cli import CLIError

    gold, corpus = Path(args.gold), Path(args.corpus)
    for label, d in (("--gold", gold), ("--corpus", corpus)):
        if not d.is_dir():
            raise CLIError(f"{label} {d}: not a folder")
    files = [Path(f) for f in args.entities] if args.entities else default_entity_files(gold)
    if not files:
        raise CLIError(f"no entity tables: none beside {gold}; give --entities FILE …")
    report = measure(gold, corpus, files)
    if args.json:
        print(json.dumps(report.to_json(), indent=2))
        return 0
    if args.misses:
        print("\n".join(report.misses), end="\n\n" if report.misses else "")
    print(table(report))
    return 0
