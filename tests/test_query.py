"""Canned queries on the hand-made sample build (tests/data/ask-sample.trig + the real ontology)."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from strikegraph.cli import main
from strikegraph.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH
from strikegraph.query import (
    QueryError,
    check_iri,
    list_queries,
    parse_query,
    run_query,
    sparql_term,
    values_block,
    with_values,
)
from strikegraph.store import load_graph

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "ask-sample.trig"
EV1 = "https://w3id.org/strikegraph/id/event/2023-01-29-abu-kamal-convoy"


def write_build(directory: Path, *, inferred: bool = True) -> Path:
    """A build directory (dataset.nq and dataset.trig) from the real ontology and the sample."""
    ds = Dataset()
    ds.graph(ONTOLOGY_GRAPH).parse(ROOT / "ontology" / "strikegraph.ttl", format="turtle")
    ds.parse(SAMPLE, format="trig")
    if not inferred:
        ds.remove_graph(ds.graph(INFERRED_GRAPH))
    directory.mkdir(parents=True, exist_ok=True)
    ds.serialize(directory / "dataset.nq", format="nquads")
    ds.serialize(directory / "dataset.trig", format="trig")
    return directory


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_build(tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="module")
def graph(build: Path) -> Dataset:
    return load_graph(build)


@pytest.fixture(scope="module")
def memory_graph(build: Path) -> Dataset:
    return load_graph(build, store="memory")


def cols(rows: list[dict], *names: str) -> list[tuple]:
    return [tuple(r[n] for n in names) for r in rows]


# Every canned query with parameter sets; used here and by the remote tests.
CASES: list[tuple[str, dict[str, str]]] = [
    ("who-struck", {"place": "Boukamal", "target": "convoy"}),
    ("who-struck", {"place": "Deir ez-Zor"}),
    ("who-struck", {"place": "Syria", "target": "base"}),
    ("attributions", {"event": "convoy, Abu Kamal"}),
    ("contested", {}),
    ("conflicting-figures", {}),
    ("conflicting-figures", {"quantity": "killed"}),
    ("backers", {"group": "KH"}),
    ("backers", {"backer": "Iran"}),
    ("backers", {}),
    ("timeline", {"region": "Syria", "from": "2023-01-15", "to": "2023-02-28"}),
    ("timeline", {"region": "Iraq"}),
    ("denials", {"actor": "Israel"}),
    ("denials", {}),
    ("sources", {}),
    ("casualty-range", {}),
    ("unattributed", {}),
]


# -- headers -------------------------------------------------------------------------------------


def test_every_query_has_a_complete_header() -> None:
    queries = {q.name: q for q in list_queries()}
    assert set(queries) == {
        "who-struck", "attributions", "contested", "conflicting-figures", "backers", "timeline", "denials",
        "sources", "casualty-range", "unattributed",
    }
    for q in queries.values():
        assert q.title and q.question and q.example.startswith(f"strikegraph query {q.name}")
        assert "ORDER BY" in q.text, q.name
        for p in q.params:
            assert f"?{p.name}" in q.text and p.description
    who = queries["who-struck"]
    assert [(p.name, p.type, p.required, p.default) for p in who.params] == [
        ("place", "place", True, None),
        ("target", "target", False, "any"),
    ]


def test_header_parse_errors() -> None:
    with pytest.raises(QueryError, match="no '# title:'"):
        parse_query("x", "# question: q\nSELECT * WHERE {}")
    with pytest.raises(QueryError, match="unknown type 'colour'"):
        parse_query("x", "# title: t\n# question: q\n# param: c (colour, required) — c\nSELECT * WHERE {}")


# -- expected rows -------------------------------------------------------------------------------


def test_who_struck_lists_every_attribution_including_denials(graph: Dataset) -> None:
    rows = run_query("who-struck", graph, {"place": "Boukamal", "target": "convoy"})
    assert cols(rows, "actor", "stance", "source") == [
        ("Israel", "blamed", "Al Arabiya"),
        ("Israel", "denied", "Israel"),
        ("Israel", "suggested", "Aviv Kochavi"),
        ("U.S.-led coalition", "declined_comment", "U.S.-led coalition"),
        ("U.S.-led coalition", "suggested", "Syrian Observatory for Human Rights"),
    ]
    assert {r["event"] for r in rows} == {EV1}
    assert {r["date"] for r in rows} == {"2023-01-29"}
    assert {r["where"] for r in rows} == {"Abu Kamal"}
    assert rows[1]["quote"] == "Israel denied any involvement."
    assert "place" not in rows[0] and "target" not in rows[0]


def test_who_struck_covers_places_within_and_target_hierarchy(graph: Dataset) -> None:
    rows = run_query("who-struck", graph, {"place": "Deir ez-Zor"})
    assert sorted({r["where"] for r in rows}) == ["Abu Kamal", "Al-Mayadin", "Al-Omar oil field"]
    # "vehicle" is broader than convoy and truck.
    assert run_query("who-struck", graph, {"place": "Syria", "target": "vehicle"}) == run_query(
        "who-struck", graph, {"place": "Abu Kamal"})
    rows = run_query("who-struck", graph, {"place": "Syria", "target": "base"})
    assert cols(rows, "actor", "stance", "where") == [
        ("Islamic Resistance in Iraq", "acknowledged", "Al-Omar oil field")]
    unknown = run_query("who-struck", graph, {"place": "Iraq"})
    assert cols(unknown, "actor", "stance", "source") == [("", "unknown", "")]


def test_queries_work_without_the_inferred_graph(tmp_path: Path, graph: Dataset) -> None:
    bare = load_graph(write_build(tmp_path / "bare", inferred=False))
    for name, params in CASES:
        assert run_query(name, bare, params) == run_query(name, graph, params), (name, params)


def test_attributions_side_by_side(graph: Dataset) -> None:
    rows = run_query("attributions", graph, {"event": "convoy, abu kamal"})
    assert cols(rows, "source", "stance", "actor") == [
        ("Al Arabiya", "blamed", "Israel"),
        ("Aviv Kochavi", "suggested", "Israel"),
        ("Israel", "denied", "Israel"),
        ("Syrian Observatory for Human Rights", "suggested", "U.S.-led coalition"),
        ("U.S.-led coalition", "declined_comment", "U.S.-led coalition"),
    ]
    assert run_query("attributions", graph, {"event": EV1}) == rows
    with pytest.raises(QueryError, match="matches 2 events"):
        run_query("attributions", graph, {"event": "rocket attack"})
    assert run_query("attributions", graph, {"event": "no such strike"}) == []


def test_contested(graph: Dataset) -> None:
    rows = run_query("contested", graph, {})
    assert {r["event"] for r in rows} == {EV1}
    assert len(rows) == 5


def test_conflicting_figures(graph: Dataset) -> None:
    rows = run_query("conflicting-figures", graph, {})
    assert cols(rows, "kind", "source", "low", "high", "figure_text") == [
        ("trucks", "Syrian Observatory for Human Rights", 6, 6, "six"),
        ("trucks", "Al Arabiya", 25, 25, "25 trucks"),
    ]
    assert run_query("conflicting-figures", graph, {"quantity": "killed"}) == []


def test_backers_direct_and_through_umbrella(graph: Dataset) -> None:
    rows = run_query("backers", graph, {"group": "Kataib Hezbollah"})
    assert cols(rows, "group_label", "backer_label", "via_label", "source") == [
        ("Kata'ib Hezbollah", "Iran", "", "United States"),
        ("Kata'ib Hezbollah", "Iran", "Islamic Resistance in Iraq", ""),
    ]
    assert rows[0]["evidence"] == "https://www.state.gov/foreign-terrorist-organizations/"
    assert rows[1]["evidence"].startswith("Factions of the Islamic Resistance in Iraq")
    backed = run_query("backers", graph, {"backer": "Islamic Republic of Iran"})
    assert sorted({r["group_label"] for r in backed}) == [
        "Iran-backed militias", "Islamic Resistance in Iraq", "Kata'ib Hezbollah"]
    assert run_query("backers", graph, {"group": "KH", "backer": "Israel"}) == []


def test_timeline(graph: Dataset) -> None:
    rows = run_query("timeline", graph, {"region": "Syrian Arab Republic", "from": "2023-01-15", "to": "2023-02-28"})
    assert cols(rows, "earliest", "latest", "precision", "date_text", "where") == [
        ("2023-01-01", "2023-01-31", "month", "last month", "Abu Kamal"),
        ("2023-01-29", "2023-01-29", "day", "Sunday night", "Abu Kamal"),
        ("2023-02-10", "2023-02-10", "day", "On Friday", "Al-Mayadin"),
    ]
    assert len(run_query("timeline", graph, {"region": "Syria"})) == 4
    assert run_query("timeline", graph, {"region": "Syria", "from": "2024-01-01"}) == []


def test_denials(graph: Dataset) -> None:
    rows = run_query("denials", graph, {"actor": "Israel"})
    assert cols(rows, "source", "stance", "named") == [("Israel", "denied", "Israel")]
    rows = run_query("denials", graph, {})
    assert cols(rows, "stance", "named") == [
        ("declined_comment", "U.S.-led coalition"),
        ("denied", "Israel"),
        ("acknowledged", "Islamic Resistance in Iraq"),
    ]


def test_sources(graph: Dataset) -> None:
    rows = run_query("sources", graph, {})
    assert ("Al Arabiya", 1, "Israel", "blamed", 1) in cols(rows, "source", "total", "actor", "stance", "claims")
    assert ("", 1, "", "unknown", 1) in cols(rows, "source", "total", "actor", "stance", "claims")
    assert len(rows) == 8


def test_casualty_range(graph: Dataset) -> None:
    rows = run_query("casualty-range", graph, {})
    assert cols(rows, "event", "kind", "min_low", "max_high", "open_ended") == [
        (EV1, "killed", 7, None, 1),
        (EV1, "wounded", 3, 5, 0),
        ("https://w3id.org/strikegraph/id/event/2023-02-10-al-mayadin-depot", "killed", 4, 4, 0),
    ]


def test_unattributed(graph: Dataset) -> None:
    rows = run_query("unattributed", graph, {})
    assert cols(rows, "date", "where", "status") == [
        ("2023-03-01", "place unknown", "no claim"),
        ("2023-03-05", "Al-Qa'im", "unknown"),
    ]


@pytest.mark.parametrize(("name", "params"), CASES)
def test_rdflib_memory_store_gives_the_same_rows(
    graph: Dataset, memory_graph: Dataset, name: str, params: dict[str, str]
) -> None:
    assert run_query(name, memory_graph, params) == run_query(name, graph, params)


# -- parameters ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Boukamal", "Al-Bukamal", "ABU KAMAL", "abu  kamal", "Albukamal",
                                  "https://w3id.org/strikegraph/id/place/abu-kamal", "place:abu-kamal"])
def test_place_aliases(graph: Dataset, name: str) -> None:
    assert run_query("who-struck", graph, {"place": name}) == run_query("who-struck", graph, {"place": "Abu Kamal"})


def test_unknown_name_gives_no_rows(graph: Dataset) -> None:
    assert run_query("who-struck", graph, {"place": "Atlantis"}) == []
    assert run_query("denials", graph, {"actor": "Nobody at all"}) == []


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("who-struck", {}, "needs parameter 'place'"),
        ("who-struck", {"place": "Boukamal", "colour": "red"}, "unknown parameter 'colour'.*expected: place, target"),
        ("who-struck", {"place": "Boukamal", "target": "bicycle"}, "unknown target kind 'bicycle'.*convoy"),
        ("conflicting-figures", {"quantity": "goats"}, "unknown quantity kind 'goats'"),
        ("timeline", {"region": "Syria", "from": "2023-13-01"}, "not a calendar date"),
        ("timeline", {"region": "Syria", "from": "01/02/2023"}, "expected a date as YYYY-MM-DD"),
        ("timeline", {"region": "Syria", "to": "2023-01-01T00:00"}, "expected a date as YYYY-MM-DD"),
        ("who-struck", {"place": "http://x> } DROP ALL {<y"}, "not a valid IRI"),
        ("who-struck", {"place": "Bou\x00kamal"}, "control character"),
        ("nonexistent", {}, "unknown query 'nonexistent'"),
    ],
)
def test_bad_parameters(graph: Dataset, name: str, params: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        run_query(name, graph, params)


def test_int_string_and_iri_types(graph: Dataset) -> None:
    q = parse_query("t", """# title: t
# question: q
# param: n (int, required) — n
# param: s (string, optional, default: x) — s
# param: i (iri, optional, default: https://example.org/a) — i
SELECT ?v ?n ?s ?i WHERE { BIND(?n + 1 AS ?v) } ORDER BY ?v
""")
    assert run_query(q, graph, {"n": "41", "s": "hi"}) == [{"v": 42}]
    for bad in ("4.5", "forty", "1e3", "1 2"):
        with pytest.raises(QueryError, match="expected an integer"):
            run_query(q, graph, {"n": bad})
    with pytest.raises(QueryError, match="empty value"):
        run_query(q, graph, {"n": " "})
    with pytest.raises(QueryError, match="not a valid IRI"):
        run_query(q, graph, {"n": "1", "i": "not an iri"})


# -- injection -----------------------------------------------------------------------------------

INJECTIONS = [
    'Boukamal" } ; DROP ALL ; #',
    "Boukamal' } ; DROP ALL ; #",
    "}",
    "{",
    "<http://x>",
    "\n",
    "Boukamal\n} DROP ALL #",
    "'",
    "\\",
    "Boukamal\\",
    'Boukamal\\" } DROP ALL #',
    "Boukamal\\u0022 } DROP ALL #",
    "Ābū Kamāl ☃ 𝔅",
    '"""',
    "'''",
    "\u0000",
    "?place",
    "$place",
    "Boukamal> . ?s ?p ?o <",
    "http://x> } DROP ALL {<y",
    "https://w3id.org/strikegraph/id/place/abu-kamal> } UNION { ?s ?p ?o",
    "# DROP ALL",
]
# (query, parameter) pairs through which user text reaches a query.
INJECTION_TARGETS = [
    ("who-struck", "place", {}),
    ("who-struck", "target", {"place": "Syria"}),
    ("attributions", "event", {}),
    ("backers", "group", {}),
    ("denials", "actor", {}),
    ("timeline", "region", {}),
    ("timeline", "from", {"region": "Syria"}),
    ("conflicting-figures", "quantity", {}),
]


def injection_outcome(target: object, name: str, param: str, base: dict[str, str], value: str) -> object:
    """[] or a QueryError message; anything else (rows, another exception) fails the test."""
    try:
        rows = run_query(name, target, {**base, param: value})  # type: ignore[arg-type]
    except QueryError as exc:
        return f"QueryError: {exc}"
    assert rows == [], (name, param, value, rows)
    return rows


def quad_count(graph: Dataset) -> int:
    return len(list(graph.quads((None, None, None, None))))


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_local(graph: Dataset, memory_graph: Dataset, value: str) -> None:
    before = quad_count(graph), quad_count(memory_graph)
    for name, param, base in INJECTION_TARGETS:
        ox_outcome = injection_outcome(graph, name, param, base, value)
        assert injection_outcome(memory_graph, name, param, base, value) == ox_outcome
    assert (quad_count(graph), quad_count(memory_graph)) == before


@pytest.mark.parametrize(
    "value", [v for v in INJECTIONS if "\x00" not in v and "\\u" not in v] + ["tab\there", "cr\rlf\n"]
)
def test_values_block_round_trips_exactly(value: str) -> None:
    """Proof that VALUES text written by sparql_term is read back as the very same literal, by
    Oxigraph and by rdflib — so the value cannot end the literal and add query text."""
    for term in (Literal(value), Literal(value, lang="en"), Literal(value, datatype=URIRef("http://ex.org/dt"))):
        text = with_values("SELECT ?v WHERE { }", {"v": term})
        got = [s["v"] for s in ox.Store().query(text)]
        assert len(got) == 1 and got[0].value == value
        rows = list(Graph().query(text))
        assert len(rows) == 1 and rows[0][0] == term  # type: ignore[index]


def test_sparql_term_refuses_what_it_cannot_write_safely() -> None:
    for bad in ("http://x>", "http://x y", 'http://x"', "http://x{", "http://x\\", "relative", "http://x\n"):
        with pytest.raises(QueryError):
            sparql_term(URIRef(bad))
    with pytest.raises(QueryError):
        sparql_term(Literal("a\x00b"))
    with pytest.raises(QueryError, match="u escape"):
        sparql_term(Literal("a\\u0022b"))
    with pytest.raises(QueryError):
        sparql_term(Literal("x", datatype=URIRef("http://x> } DROP ALL {")))
    with pytest.raises(QueryError):
        values_block({"a b": Literal("x")})
    assert sparql_term(Literal('a"b\\c\nd')) == '"a\\"b\\\\c\\nd"'
    assert check_iri("https://w3id.org/x") == ox.NamedNode("https://w3id.org/x")


def test_values_go_first_in_the_outer_where() -> None:
    text = "# WHERE { in a comment\nSELECT ?x WHERE {\n ?x ?p ?o { SELECT ?y WHERE { ?y ?q ?z } } }"
    out = with_values(text, {"x": URIRef("http://e/x")})
    assert out.index("VALUES (?x) { (<http://e/x>) }") < out.index("?x ?p ?o")
    assert out.startswith("# WHERE { in a comment\n")


# -- API and CLI ---------------------------------------------------------------------------------


def test_ask(build: Path, graph: Dataset) -> None:
    from strikegraph import ask

    rows = ask("timeline", build=build, region="Syria", from_="2023-02-01")
    assert rows == run_query("timeline", graph, {"region": "Syria", "from": "2023-02-01"})
    with pytest.raises(FileNotFoundError, match="run `strikegraph build` first"):
        ask("contested", build=build / "missing")


def test_load_graph_missing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="run `strikegraph build` first"):
        load_graph(tmp_path / "nope")
    with pytest.raises(FileNotFoundError, match=r"no store \(nor dataset\.nq"):
        load_graph(tmp_path)


def test_cli_query_formats(build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["query", "who-struck", "--param", "place=Boukamal", "--param", "target=convoy", "--build", str(build)]
    assert main([*args, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["stance"] for r in rows] == ["blamed", "denied", "suggested", "declined_comment", "suggested"]
    assert main([*args, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("date,event,event_label,where,actor,stance,source,quote")
    assert len(lines) == 6
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "(5 rows)" in out and "The Syrian Observatory said the drones appear to have been …" in out


def test_cli_errors(build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "who-struck", "--build", str(build)]) == 2
    assert "needs parameter 'place'" in capsys.readouterr().err
    assert main(["query", "who-struck", "--param", "place", "--build", str(build)]) == 2
    assert "NAME=VALUE" in capsys.readouterr().err
    assert main(["query", "contested", "--build", str(build / "missing")]) == 2
    assert "run `strikegraph build` first" in capsys.readouterr().err


def test_cli_queries_and_sparql(build: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["queries"]) == 0
    out = capsys.readouterr().out
    assert "who-struck — Who struck" in out and "--param place=…" in out
    assert main(["sparql", "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a <https://w3id.org/strikegraph/ontology#Strike> }",
                 "--build", str(build), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "5"]
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?x WHERE { BIND(1 AS ?x) }")
    assert main(["sparql", "--file", str(q), "--build", str(build), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"x": 1}]
    assert main(["sparql", "SELECT nonsense", "--build", str(build)]) == 2
    assert "query failed" in capsys.readouterr().err
