"""Upload a build to a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph is sent with PUT, which replaces that graph whole. Graphs of this project
(IRIs under https://w3id.org/strikegraph/id/) that the store holds but the build no longer has are
then deleted, so that after a push the store holds exactly the build. Each PUT is atomic; the push
as a whole is not, so a reader during a push can see some graphs old and some new.

Credentials come from STRIKEGRAPH_TOKEN (bearer) or STRIKEGRAPH_USER and STRIKEGRAPH_PASSWORD
(basic) and never appear in messages.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .namespaces import ID
from .query import ATTEMPTS, BACKOFF_S, QueryError, auth_header, check_endpoint, redact, run_sparql
from .store import open_store


class PushError(Exception):
    """The build could not be uploaded."""


@dataclass(frozen=True)
class PushReport:
    graphs: int
    triples: int
    deleted: tuple[str, ...]
    graph_store: str


def endpoints(endpoint: str, graph_store: str | None = None) -> tuple[str, str]:
    """(query URL, graph store URL) for a server base URL or its query URL. Oxigraph's layout is
    the default: `<base>/query` and `<base>/store`; other stores need `graph_store`."""
    try:
        check_endpoint(endpoint)
    except QueryError as exc:
        raise PushError(str(exc)) from None
    base = re.sub(r"/(query|sparql)/?$", "", endpoint.rstrip("/"))
    query = endpoint if re.search(r"/(query|sparql)/?$", endpoint) else f"{base}/query"
    return query, graph_store or f"{base}/store"


def push(build_dir: str | Path, endpoint: str, *, graph_store: str | None = None, prune: bool = True) -> PushReport:
    """PUT every graph of the build to the store; with `prune`, delete this project's graphs that
    the build no longer has."""
    query_url, store_url = endpoints(endpoint, graph_store)
    graphs: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Triple]] = defaultdict(list)
    for quad in open_store(build_dir):
        graphs[quad.graph_name].append(quad.triple)
    triples = 0
    for name, content in sorted(graphs.items(), key=lambda kv: str(kv[0])):
        if isinstance(name, ox.BlankNode):
            raise PushError("a graph named by a blank node cannot be addressed over the Graph Store Protocol")
        target = _graph_url(store_url, name)
        body = ox.serialize(content, format=ox.RdfFormat.N_TRIPLES) or b""
        _request("PUT", target, body, {"Content-Type": "application/n-triples"})
        triples += len(content)
    deleted: list[str] = []
    if prune:
        kept = {n.value for n in graphs if isinstance(n, ox.NamedNode)}
        for iri in _remote_graphs(query_url):
            if iri.startswith(str(ID)) and iri not in kept:
                _request("DELETE", _graph_url(store_url, ox.NamedNode(iri)), None, {})
                deleted.append(iri)
    return PushReport(len(graphs), triples, tuple(deleted), store_url)


def _graph_url(store_url: str, name: ox.NamedNode | ox.DefaultGraph) -> str:
    if isinstance(name, ox.DefaultGraph):
        return f"{store_url}?default"
    return f"{store_url}?{urllib.parse.urlencode({'graph': name.value})}"


def _remote_graphs(query_url: str) -> list[str]:
    try:
        rows = run_sparql(query_url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } } ORDER BY ?g")
    except QueryError as exc:
        raise PushError(str(exc)) from None
    return [str(r["g"]) for r in rows if r.get("g")]


def _request(method: str, url: str, body: bytes | None, headers: dict[str, str]) -> None:
    """One HTTP request, retried on connection errors and 5xx with bounded backoff."""
    request = urllib.request.Request(url, data=body, method=method, headers={**headers, **auth_header()})
    last = ""
    for attempt in range(ATTEMPTS):
        try:
            with urllib.request.urlopen(request, timeout=120) as resp:
                resp.read()
                return
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:300].decode(errors="replace").strip()
            if exc.code == 404 and method == "DELETE":
                return  # already gone
            if exc.code < 500:
                raise PushError(f"{method} {redact(url)}: HTTP {exc.code} {exc.reason}: {redact(detail)}") from None
            last = f"HTTP {exc.code} {exc.reason}"
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last = str(getattr(exc, "reason", exc))
        if attempt + 1 < ATTEMPTS:
            time.sleep(BACKOFF_S * 2**attempt)
    raise PushError(f"cannot {method} {redact(url)} after {ATTEMPTS} attempts: {redact(last)}")
