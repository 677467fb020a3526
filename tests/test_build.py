"""The build: deterministic, incremental, atomic (even when killed), and honest about bad input."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset

from strikegraph import build as build_mod
from strikegraph.build import CACHE_DIR, MANIFEST, RENDER_SUFFIX, BuildError, build
from strikegraph.export import FIELDS, claim_rows, export_claims, load_store
from strikegraph.namespaces import ARTICLE, GAZETTEER_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, SG
from strikegraph.serialize import trig
from strikegraph.store import REFERENCE_NQ, STORE_DIR, open_store
from strikegraph.store.dump import parse_nquads_lines, write_dataset

SEEDS = Path(__file__).resolve().parents[1] / "corpus" / "seeds"


def dataset_bytes(out: Path, fmt: str = "nq") -> bytes:
    """The build's dataset as `strikegraph export dataset` writes it, read from its store."""
    buf = io.BytesIO()
    write_dataset(out, fmt, buf)  # type: ignore[arg-type]
    return buf.getvalue()


def snapshot(out: Path) -> dict[str, bytes]:
    return {"nq": dataset_bytes(out, "nq"), "trig": dataset_bytes(out, "trig"), MANIFEST: (out / MANIFEST).read_bytes()}


def test_seed_build_has_one_graph_per_article_and_the_others(seed_build: tuple[Path, object]) -> None:
    out, result = seed_build
    ds = Dataset()
    ds.parse(data=dataset_bytes(out), format="nquads")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    articles = {str(ARTICLE[p.stem]) for p in SEEDS.glob("*.txt")}
    assert articles <= names
    assert {str(ONTOLOGY_GRAPH), str(GAZETTEER_GRAPH), str(INFERRED_GRAPH)} <= names
    # Reasoning ran: the convoy strike has an alleged perpetrator only through the property chain.
    inferred = ds.graph(INFERRED_GRAPH)
    assert len(list(inferred.triples((None, SG.allegedPerpetrator, None)))) > 0
    assert result.errors == []


def test_trig_and_nquads_hold_the_same_quads(seed_build: tuple[Path, object]) -> None:
    out, _ = seed_build
    a, b = Dataset(), Dataset()
    a.parse(data=dataset_bytes(out, "nq"), format="nquads")
    b.parse(data=dataset_bytes(out, "trig"), format="trig")
    for g in a.graphs():
        if len(g):
            assert len(b.graph(g.identifier)) == len(g), g.identifier


def test_the_dataset_export_is_the_rendered_graphs_byte_for_byte(seed_build: tuple[Path, object]) -> None:
    """Article graphs come back from the store exactly as the build rendered them, the reference
    graphs as it wrote them; the TriG is the writer's TriG of the same graphs."""
    out, _ = seed_build
    nq = dataset_bytes(out, "nq")
    rendered = []
    for entry in (out / CACHE_DIR).glob(f"*{RENDER_SUFFIX}"):
        with open(entry, "rb") as fh:
            head = json.loads(fh.readline())
            rendered.append((head["graph"], fh.read()))
    articles = b"".join(body for _graph, body in sorted(rendered))
    reference = parse_nquads_lines((out / REFERENCE_NQ).read_text(encoding="utf-8"))
    assert sorted(reference) == [str(GAZETTEER_GRAPH), str(ONTOLOGY_GRAPH)]
    assert nq.startswith(articles) and len(articles) > 0
    graphs = parse_nquads_lines(nq.decode("utf-8"))
    for name, triples in reference.items():
        assert graphs[name] == triples
    assert list(graphs) == sorted(graphs)
    assert dataset_bytes(out, "trig") == trig(graphs.items()).encode("utf-8")


def test_the_store_is_opened_read_only_and_answers_without_loading(seed_build: tuple[Path, object]) -> None:
    out, result = seed_build
    store = open_store(out)
    assert len(store) == result.triples  # type: ignore[attr-defined]
    with pytest.raises(RuntimeError, match="read-write"):
        store.add(next(iter(store)))


def test_two_builds_are_byte_identical(seed_build: tuple[Path, object], tmp_path: Path) -> None:
    out, _ = seed_build
    again = tmp_path / "again"
    # Another process: nothing may depend on parse order, hash seeds or fresh blank-node labels.
    subprocess.run([*_cli(), "build", str(SEEDS), "--out", str(again), "-q"], check=True,
                   env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert snapshot(again) == snapshot(out)


def test_unchanged_articles_are_not_extracted_again(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    out = tmp_path / "build"
    first = build([corpus], out, reason=False)
    assert (first.extracted, first.cached) == (5, 0)
    second = build([corpus], out, reason=False)
    assert (second.extracted, second.cached) == (0, 5)
    changed = sorted(corpus.glob("*.txt"))[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA drone strike hit a truck near Al-Qaim on Monday.\n",
                       encoding="utf-8")
    third = build([corpus], out, reason=False)
    assert (third.extracted, third.cached) == (1, 4)


def test_a_build_with_nothing_changed_keeps_the_previous_output(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    out = tmp_path / "build"
    first = build([corpus], out, reason=False)
    stats = {name: (out / name).stat().st_mtime_ns for name in (REFERENCE_NQ, MANIFEST, f"{STORE_DIR}/CURRENT")}
    again = build([corpus], out, reason=False)
    assert again.up_to_date and not first.up_to_date
    counts = ("articles", "events", "claims", "triples", "inferred")
    assert [getattr(again, k) for k in counts] == [getattr(first, k) for k in counts]
    assert [str(e) for e in again.errors] == [str(e) for e in first.errors]
    assert {name: (out / name).stat().st_mtime_ns for name in stats} == stats  # not rewritten
    # Any change to the inputs, the options or the outputs means a real build.
    assert not build([corpus], out, reason=True).up_to_date
    assert build([corpus], out, reason=True).up_to_date
    changed = sorted(corpus.glob("*.txt"))[1]
    changed.write_bytes(changed.read_bytes())  # same bytes, new modification time
    assert not build([corpus], out, reason=True).up_to_date
    (corpus / "empty.txt").unlink()
    result = build([corpus], out, reason=True)
    assert not result.up_to_date and result.errors == []
    shutil.rmtree(out / STORE_DIR)
    assert not build([corpus], out, reason=True).up_to_date
    assert len(open_store(out)) == result.triples


def test_bad_files_are_reported_and_the_rest_is_built(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "page.txt").write_text("<html><body>not an article</body></html>")
    (corpus / "date.txt").write_text("---\npublished: yesterday\n---\nA strike.\n")
    result = build([corpus], tmp_path / "build", reason=False)
    assert sorted(e.path.name for e in result.errors) == ["date.txt", "empty.txt", "page.txt"]
    assert len(result.articles) == 5
    manifest = json.loads((tmp_path / "build" / MANIFEST).read_text())
    assert {e["file"].rsplit("/", 1)[1] for e in manifest["errors"]} == {"date.txt", "empty.txt", "page.txt"}


def test_two_articles_with_one_name_are_refused_and_options_still_hold(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    first = sorted(SEEDS.glob("*.txt"))[0]
    (corpus / "other").mkdir()
    shutil.copy(first, corpus / "other" / first.name)
    result = build([corpus], tmp_path / "build", reason=False)
    assert [e.reason.split(";")[0] for e in result.errors] == [f"same file name as {corpus / first.name}"]
    assert len(result.articles) == 5
    assert result.inferred == 0  # --no-reason is kept


def test_failed_validation_leaves_previous_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "build"
    build([SEEDS], out, reason=False)
    before = snapshot(out)
    real = build_mod.article_triples
    stance = f"<{SG.stance}>"

    def broken(*args: object, **kwargs: object):
        # Claims without a stance must not pass the shapes.
        return [t for t in real(*args, **kwargs) if t[1] != stance]

    monkeypatch.setattr(build_mod, "article_triples", broken)
    monkeypatch.setattr(build_mod, "_render_version", lambda: "broken")  # not the cached rendering
    with pytest.raises(BuildError) as exc:
        build([SEEDS], out, reason=False)
    assert "stance" in str(exc.value)
    assert snapshot(out) == before


def _cli() -> list[str]:
    return [sys.executable, "-m", "strikegraph"]


def test_killed_builds_leave_previous_output_intact(tmp_path: Path) -> None:
    out = tmp_path / "build"
    subprocess.run([*_cli(), "build", str(SEEDS), "--out", str(out), "--no-reason", "-q"], check=True)
    before = snapshot(out)
    rng = random.Random(7)
    for _ in range(5):
        proc = subprocess.Popen([*_cli(), "build", str(SEEDS), "--out", str(out), "--no-reason", "-q"],
                                start_new_session=True)
        time.sleep(rng.uniform(0.2, 3.0))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        # Whatever the moment of the kill, the output directory holds a complete, queryable build.
        assert snapshot(out) == before
    done = subprocess.run([*_cli(), "build", str(SEEDS), "--out", str(out), "--no-reason", "-q"], check=False)
    assert done.returncode == 0
    assert snapshot(out) == before


def test_export_gives_each_reported_date_at_its_precision(seed_build: tuple[Path, object]) -> None:
    out, _ = seed_build
    dates = {(r["article"][:3], r["event_date"]) for r in claim_rows(load_store(out)) if r["kind"] == "event"}
    # "Sunday night" in an article of Monday 2023-01-30; "in November" the month before "last month".
    assert ("001", "2023-01-29") in dates
    assert ("001", "2022-11") in dates
    assert all(d is None or len(d) in (7, 10) for _, d in dates)


def test_export_rows_come_from_the_graph(seed_build: tuple[Path, object]) -> None:
    out, _ = seed_build
    rows = claim_rows(load_store(out))
    kinds = {r["kind"] for r in rows}
    assert kinds == {"event", "attribution", "figure", "relation"}
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for r in rows:
        assert set(r) == set(FIELDS)
        assert texts[r["article"]][r["start"]:r["end"]] == r["quote"]
        if r["kind"] == "attribution":
            assert r["stance"] in {"asserted", "suggested", "blamed", "acknowledged", "denied", "declined_comment", "unknown"}
            assert (r["actor"] is None) == (r["stance"] == "unknown")


def test_export_csv_and_jsonl_agree(seed_build: tuple[Path, object]) -> None:
    out, _ = seed_build
    jsonl = export_claims(out, "jsonl").splitlines()
    csv_lines = export_claims(out, "csv").splitlines()
    assert csv_lines[0].split(",") == FIELDS
    assert len(csv_lines) - 1 == len(jsonl)


def test_same_strike_in_two_articles_is_one_event(seed_build: tuple[Path, object]) -> None:
    out, _ = seed_build
    rows = claim_rows(load_store(out))
    sohr = {r["article"]: r["event"] for r in rows
            if r["kind"] == "attribution" and r["actor"] == "U.S.-led coalition" and r["stance"] == "suggested"
            and r["article"][:3] in ("000", "001")}
    assert len(sohr) == 2 and len(set(sohr.values())) == 1
    nov = {r["event"] for r in rows if r["kind"] == "attribution" and r["actor"] == "Israel"
           and r["stance"] in ("denied", "declined_comment")}
    assert len(nov) == 1
    figures = {(r["source"], r["min"]) for r in rows if r["kind"] == "figure" and r["quantity"] == "trucks"}
    # 6 vs 25 vs 1 trucks stay side by side, each with its source.
    assert {m for _, m in figures} == {1, 6, 25}


def test_denials_never_yield_an_alleged_perpetrator(seed_build: tuple[Path, object]) -> None:
    out, _ = seed_build
    store = load_store(out)
    q = """PREFIX sg: <https://w3id.org/strikegraph/ontology#>
    SELECT ?claim WHERE { ?claim sg:stance ?s ; sg:attributesTo ?a .
                          FILTER(?s IN (sg:denied, sg:declinedComment, sg:unknownStance)) }"""
    assert list(store.query(q, use_default_graph_as_union=True)) == []
    q2 = """PREFIX sg: <https://w3id.org/strikegraph/ontology#>
    SELECT ?e WHERE { ?e sg:allegedPerpetrator ?a . FILTER NOT EXISTS { ?e sg:hasClaim ?c . ?c sg:attributesTo ?a } }"""
    assert list(store.query(q2, use_default_graph_as_union=True)) == []


def test_cli_build_and_export(tmp_path: Path) -> None:
    out = tmp_path / "b"
    r = subprocess.run([*_cli(), "build", str(SEEDS), "--out", str(out), "--no-reason"], capture_output=True, text=True)
    assert r.returncode == 0 and "5 article(s)" in r.stdout
    r = subprocess.run([*_cli(), "export", "claims", "--build", str(out), "--format", "csv", "--out", str(tmp_path / "c.csv")],
                       capture_output=True, text=True)
    assert r.returncode == 0 and (tmp_path / "c.csv").read_text().startswith("kind,article,")
    r = subprocess.run([*_cli(), "export", "claims", "--build", str(tmp_path / "missing")], capture_output=True, text=True)
    assert r.returncode == 2 and "strikegraph build" in r.stderr
