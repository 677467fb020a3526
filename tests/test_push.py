"""Push to a real writable Oxigraph server, then query it remotely (127.0.0.1 only)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset

from strikegraph.push import PushError, push
from strikegraph.query import QueryError, run_query, run_sparql
from strikegraph.serve import Server, free_port, running_server
from strikegraph.store import load_graph
from test_query import CASES, INJECTION_TARGETS, INJECTIONS, injection_outcome, write_build

pytestmark = pytest.mark.slow

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_build(tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="module")
def local(build: Path) -> Dataset:
    return load_graph(build)


@pytest.fixture(scope="module")
def server(build: Path) -> Iterator[Server]:
    with running_server(None, read_only=False) as srv:
        report = push(build, srv.url)
        assert report.graphs == 6 and report.deleted == ()
        yield srv


def remote_quads(server: Server) -> int:
    return int(run_sparql(server.query_url, COUNT)[0]["n"])  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "params"), CASES)
def test_remote_rows_equal_local_rows(server: Server, local: Dataset, name: str, params: dict[str, str]) -> None:
    expected = run_query(name, local, params)
    assert run_query(name, server.query_url, params) == expected
    assert run_query(name, server.url + "/query", params) == expected


def test_remote_parameter_errors(server: Server) -> None:
    with pytest.raises(QueryError, match="needs parameter 'place'"):
        run_query("who-struck", server.query_url, {})
    with pytest.raises(QueryError, match="unknown target kind"):
        run_query("who-struck", server.query_url, {"place": "Syria", "target": "bicycle"})
    assert run_query("who-struck", server.query_url, {"place": "Atlantis"}) == []


def test_injection_remote(server: Server, local: Dataset) -> None:
    before = remote_quads(server)
    for value in INJECTIONS:
        for name, param, base in INJECTION_TARGETS:
            remote = injection_outcome(server.query_url, name, param, base, value)
            assert remote == injection_outcome(local, name, param, base, value), (name, param, value)
    assert remote_quads(server) == before


def test_repush_replaces_graphs(tmp_path: Path, build: Path) -> None:
    with running_server(None, read_only=False) as srv:
        push(build, srv.url)
        # A new build: one article gone, another article changed.
        ds = Dataset()
        ds.parse(build / "dataset.nq", format="nquads")
        gone = ds.graph("https://w3id.org/strikegraph/id/article/003_sample")
        ds.remove_graph(gone)
        changed = ds.graph("https://w3id.org/strikegraph/id/article/002_sample")
        changed.remove((None, None, None))
        changed.add((changed.identifier, changed.identifier, changed.identifier))
        new = tmp_path / "new"
        new.mkdir()
        ds.serialize(new / "dataset.nq", format="nquads")
        report = push(new, srv.url)
        assert report.deleted == ("https://w3id.org/strikegraph/id/article/003_sample",)
        assert remote_quads(srv) == len(list(load_graph(new).quads((None, None, None, None))))
        graphs = {r["g"] for r in run_sparql(srv.query_url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")}
        assert "https://w3id.org/strikegraph/id/article/003_sample" not in graphs
        left = run_sparql(srv.query_url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH "
                          "<https://w3id.org/strikegraph/id/article/002_sample> { ?s ?p ?o } }")
        assert left == [{"n": 1}]


def test_unreachable_endpoint(build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRIKEGRAPH_USER", "analyst")
    monkeypatch.setenv("STRIKEGRAPH_PASSWORD", "s3cret-pw")
    closed = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(QueryError, match=r"cannot reach SPARQL endpoint .* after 3 attempts") as q_err:
        run_query("contested", closed + "/query", {})
    with pytest.raises(PushError, match="after 3 attempts") as p_err:
        push(build, f"http://analyst:s3cret-pw@127.0.0.1:{closed.rsplit(':', 1)[1]}")
    for err in (q_err, p_err):
        assert "s3cret-pw" not in str(err.value)
    assert "***@127.0.0.1" in str(p_err.value)


def test_read_only_server_refuses_push(build: Path) -> None:
    with running_server(build) as srv, pytest.raises(PushError, match="HTTP 4"):
        push(build, srv.url)


def test_bad_endpoint_url(build: Path) -> None:
    with pytest.raises(QueryError, match="not an http"):
        run_query("contested", "ftp://127.0.0.1/query", {})
    with pytest.raises(PushError, match="not an http"):
        push(build, "file:///etc")
