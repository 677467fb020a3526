"""A real read-only Oxigraph server over the sample build (127.0.0.1 only)."""

from __future__ import annotations

import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from strikegraph.query import run_query
from strikegraph.serve import prepare_store, running_server
from strikegraph.store import load_graph
from test_query import write_build

pytestmark = pytest.mark.slow


def test_serve_read_only_answers_queries(tmp_path: Path) -> None:
    build = write_build(tmp_path / "build")
    with running_server(build) as server:
        assert server.url.startswith("http://127.0.0.1:")
        # The query UI is at /, SPARQL at /query, and the default graph is the union.
        with urllib.request.urlopen(server.url + "/", timeout=5) as resp:
            assert resp.status == 200
        ask = urllib.parse.urlencode({"query": "ASK { ?e a <https://w3id.org/strikegraph/ontology#DroneStrike> }"})
        req = urllib.request.Request(f"{server.query_url}?{ask}", headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=5) as resp:
            assert b"true" in resp.read()
        remote = run_query("who-struck", server.query_url, {"place": "Boukamal"})
        assert remote == run_query("who-struck", load_graph(build), {"place": "Boukamal"})
        assert len(remote) == 5
        process = server.process
    assert process.poll() is not None  # terminated on leaving the block


def test_store_is_reused_until_the_dataset_changes(tmp_path: Path) -> None:
    build = write_build(tmp_path / "build")
    location = prepare_store(build)
    marker = location / "marker"
    marker.write_text("x")
    assert prepare_store(build) == location and marker.exists()
    (build / "dataset.nq").write_text((build / "dataset.nq").read_text() + "\n")
    assert prepare_store(build) == location and not marker.exists()
