"""Canned SPARQL queries: parse their headers, bind parameters as RDF terms, run them locally or on
an endpoint, and return plain rows.

A canned query is a `.rq` file in `queries/` whose first lines are a header:

    # title: Who struck
    # question: Who is alleged to have struck <target kind> at <place>?
    # param: place (place, required) — a place; any alias works
    # param: target (target, optional, default: any) — a target kind notation
    # example: strikegraph query who-struck --param place=Boukamal

Each parameter NAME is the query variable ?NAME. Values are never spliced into query text: locally
and for an endpoint alike they go into a VALUES block at the head of the WHERE clause, written by
`sparql_term`, which accepts only validated IRIs and escaped literals. (Not `initBindings`: Oxigraph
takes those as substitutions into a plan made without them, so a bound parameter did not steer
the join order — looking up a place by name took 0.9 s on 1,000 articles, 10 ms with VALUES.)

Terms are pyoxigraph's: a question asked of the build's store needs nothing else (rdflib is imported
only when an rdflib graph is passed).
"""

from __future__ import annotations

import base64
import datetime as _dt
import os
import re
import time
import unicodedata
import urllib.error
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .resources import query_files

Row = dict[str, str | int | None]
Node = ox.NamedNode | ox.Literal
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING, _XSD_DATE, _XSD_INTEGER = f"{_XSD}string", f"{_XSD}date", f"{_XSD}integer"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_SG = "https://w3id.org/strikegraph/ontology#"
# The project's prefixes (namespaces.PREFIXES, without importing rdflib for them).
_CURIE_PREFIXES = {"actor": "https://w3id.org/strikegraph/id/actor/", "place": "https://w3id.org/strikegraph/id/place/",
                   "event": "https://w3id.org/strikegraph/id/event/", "sg": _SG}

PARAM_TYPES = ("place", "actor", "event", "target", "quantity", "date", "int", "iri", "string")
# Bound for an optional parameter left out: queries test `sameTerm(?p, <urn:strikegraph:any>)`.
# (Rather than an unbound variable, so that every engine reads the query the same way.)
ANY = ox.NamedNode("urn:strikegraph:any")
_ANY_WORDS = {"any", "*"}

_HEADER = re.compile(r"^#\s*(title|question|param|example)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(\s*(?P<type>\w+)\s*,\s*(?P<req>required|optional)"
    r"(?:\s*,\s*default:\s*(?P<default>[^)]*?))?\s*\)\s*(?:[—–-]+\s*(?P<desc>.*))?$"
)
# Characters never allowed in an IRI written between <>, per the SPARQL/Turtle IRIREF production.
_BAD_IRI_CHARS = re.compile(r'[<>"{}|^`\\\x00-\x20\x7f]')
_IRI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_LANG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_UNICODE_ESCAPE = re.compile(r"\\[uU]")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^[+-]?\d{1,18}$")
_CURIE = re.compile(r"^(?P<prefix>actor|place|event|sg):(?P<local>[A-Za-z0-9_][A-Za-z0-9_.\-/]*)$")

# Name folding for alias matching: lower-case and drop whitespace and common punctuation. The same
# character class is applied by SPARQL REPLACE on the labels (it is valid for Python `re` and the
# Rust regex engine, so rdflib and Oxigraph agree).
_FOLD_CLASS = "[\\s.,;:!?'\"()/_’‘ʼ`“”–—‐‑-]"
_FOLD_RE = re.compile(_FOLD_CLASS)
_FOLD_SPARQL = _FOLD_CLASS.replace("\\", "\\\\").replace('"', '\\"')


class QueryError(Exception):
    """A query cannot be run as asked: unknown query or parameter, missing or malformed value,
    ambiguous name, unreachable endpoint."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    default: str | None
    description: str


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    question: str
    params: tuple[Param, ...]
    example: str
    text: str

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


# -- parsing -------------------------------------------------------------------------------------


def parse_query(name: str, text: str) -> CannedQuery:
    """A CannedQuery from the text of a `.rq` file with a header."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break  # the header ends at the first line of SPARQL
            continue
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.groups()
        if key == "param":
            params.append(_parse_param(name, value))
        else:
            fields[key] = value
    for key in ("title", "question"):
        if key not in fields:
            raise QueryError(f"query {name!r}: header has no '# {key}:' line")
    return CannedQuery(name, fields["title"], fields["question"], tuple(params), fields.get("example", ""), text)


def _parse_param(query: str, spec: str) -> Param:
    m = _PARAM.match(spec)
    if not m:
        raise QueryError(f"query {query!r}: cannot parse parameter line {spec!r}")
    if m["type"] not in PARAM_TYPES:
        raise QueryError(f"query {query!r}: parameter {m['name']!r} has unknown type {m['type']!r}")
    default = m["default"].strip() if m["default"] is not None else None
    return Param(m["name"], m["type"], m["req"] == "required", default, (m["desc"] or "").strip())


def list_queries(directory: Path | None = None) -> list[CannedQuery]:
    """Every canned query, by name."""
    files = sorted(directory.glob("*.rq")) if directory is not None else query_files()
    return [parse_query(f.stem, f.read_text(encoding="utf-8")) for f in files]


def get_query(name: str, directory: Path | None = None) -> CannedQuery:
    queries = {q.name: q for q in list_queries(directory)}
    if name not in queries:
        known = ", ".join(sorted(queries)) or "none"
        raise QueryError(f"unknown query {name!r} (known: {known})")
    return queries[name]


# -- values --------------------------------------------------------------------------------------


def fold_name(value: str) -> str:
    """How names are compared: NFC, lower case, no whitespace or punctuation."""
    return _FOLD_RE.sub("", unicodedata.normalize("NFC", value).lower())


def check_iri(value: str) -> ox.NamedNode:
    """`value` as a NamedNode if it is an absolute IRI that can be written safely between <>."""
    if not _IRI_SCHEME.match(value) or _BAD_IRI_CHARS.search(value):
        raise QueryError(f"not a valid IRI: {value!r}")
    try:
        return ox.NamedNode(value)
    except ValueError:
        raise QueryError(f"not a valid IRI: {value!r}") from None


def _escape_string(value: str) -> str:
    if _CONTROL.search(value):
        raise QueryError("value contains a control character")
    # Some parsers (rdflib's among them) decode \uXXXX anywhere in the query text before parsing,
    # even after an escaped backslash; that cannot end the string, but it would change the value.
    if _UNICODE_ESCAPE.search(value):
        raise QueryError("value contains a \\u escape")
    return (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )


def sparql_term(term: Any) -> str:
    """A term (pyoxigraph's, or rdflib's URIRef or Literal) as SPARQL text for a VALUES block. IRIs
    must pass `check_iri`; literal text is escaped so that it cannot end the string (quote and
    backslash escaped, line breaks and tabs as escapes, other control characters refused); datatypes
    and language tags are validated too."""
    if isinstance(term, ox.NamedNode):
        return f"<{check_iri(term.value).value}>"
    if isinstance(term, ox.Literal):
        return _literal_text(term.value, term.language, term.datatype.value)
    if type(term).__module__.startswith("rdflib"):  # then rdflib is loaded already
        from rdflib import Literal, URIRef

        if isinstance(term, URIRef):
            return f"<{check_iri(str(term)).value}>"
        if isinstance(term, Literal):
            return _literal_text(str(term), term.language, str(term.datatype) if term.datatype else None)
    raise QueryError(f"cannot bind {type(term).__name__} {term!r}")


def _literal_text(value: str, language: str | None, datatype: str | None) -> str:
    body = f'"{_escape_string(value)}"'
    if language:
        if not _LANG.match(language):
            raise QueryError(f"not a valid language tag: {language!r}")
        return f"{body}@{language}"
    if datatype and datatype not in (_XSD_STRING, _RDF_LANG_STRING):
        return f"{body}^^<{check_iri(datatype).value}>"
    return body


def values_block(bindings: Mapping[str, Any]) -> str:
    """`VALUES (?a ?b) { (t1 t2) }` for the bindings, or '' when there are none."""
    if not bindings:
        return ""
    names = sorted(bindings)
    for n in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n):
            raise QueryError(f"not a valid variable name: {n!r}")
    variables = " ".join(f"?{n}" for n in names)
    terms = " ".join(sparql_term(bindings[n]) for n in names)
    return f"VALUES ({variables}) {{ ({terms}) }}"


def with_values(text: str, bindings: Mapping[str, Any]) -> str:
    """The query with a VALUES block as the first element of its outermost WHERE group, so it
    joins exactly like pre-bound variables (a trailing VALUES would join after GROUP BY)."""
    block = values_block(bindings)
    if not block:
        return text
    offset = 0
    for line in text.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            m = re.search(r"\bWHERE\s*\{", line, flags=re.IGNORECASE)
            if m:
                at = offset + m.end()
                return f"{text[:at]}\n  {block}\n{text[at:]}"
        offset += len(line)
    raise QueryError("query has no WHERE clause to bind parameters in")


# -- running -------------------------------------------------------------------------------------

# The build's store, an rdflib Graph/Dataset, or a SPARQL endpoint URL.
Target = Any


def run_query(
    name: str | CannedQuery,
    graph_or_endpoint: Target,
    params: Mapping[str, str] | None = None,
    *,
    queries_dir: Path | None = None,
) -> list[Row]:
    """Run a canned query with string parameters on a pyoxigraph Store or an rdflib Graph/Dataset
    (queried as the union of its graphs) or a SPARQL endpoint URL; rows are dicts of column → str,
    int or None.

    Unknown, missing or malformed parameters raise QueryError; a place, actor or event that names
    nothing gives no rows."""
    query = name if isinstance(name, CannedQuery) else get_query(name, queries_dir)
    params = dict(params or {})
    unknown = sorted(set(params) - {p.name for p in query.params})
    if unknown:
        expected = ", ".join(p.name for p in query.params) or "none"
        raise QueryError(f"unknown parameter {unknown[0]!r} for query {query.name!r} (expected: {expected})")
    bindings: dict[str, Node] = {}
    for p in query.params:
        raw = params.get(p.name)
        if raw is None:
            if p.required:
                raise QueryError(f"query {query.name!r} needs parameter {p.name!r} ({p.type}): {p.description}")
            raw = p.default
        term = _to_term(p, raw, graph_or_endpoint)
        if term is None:
            return []  # a name that matches nothing
        bindings[p.name] = term
    rows = _select(graph_or_endpoint, query.text, bindings)
    # Parameter columns are constant; they are projected only so that binding works everywhere.
    return [{k: v for k, v in row.items() if k not in bindings} for row in rows]


def run_sparql(graph_or_endpoint: Target, text: str) -> list[Row]:
    """Run any SELECT query (no parameters) and return rows as `run_query` does."""
    return _select(graph_or_endpoint, text, {})


def _to_term(p: Param, raw: str | None, target: Target) -> Node | None:
    if raw is None or (not p.required and p.type in {"place", "actor", "event", "target", "quantity", "iri"}
                       and raw.strip().lower() in _ANY_WORDS):
        return ANY
    if not isinstance(raw, str):
        raise QueryError(f"parameter {p.name!r}: expected a string, got {type(raw).__name__}")
    if _CONTROL.search(raw):
        raise QueryError(f"parameter {p.name!r}: value contains a control character")
    if _UNICODE_ESCAPE.search(raw):
        raise QueryError(f"parameter {p.name!r}: value contains a \\u escape")
    value = raw.strip()
    if not value and p.type not in {"place", "actor", "event", "string"}:
        raise QueryError(f"parameter {p.name!r}: empty value")
    if p.type == "date":
        if not _DATE.match(value):
            raise QueryError(f"parameter {p.name!r}: expected a date as YYYY-MM-DD, got {raw!r}")
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"parameter {p.name!r}: not a calendar date: {raw!r}") from None
        return ox.Literal(value, datatype=ox.NamedNode(_XSD_DATE))
    if p.type == "int":
        if not _INT.match(value):
            raise QueryError(f"parameter {p.name!r}: expected an integer, got {raw!r}")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(_XSD_INTEGER))
    if p.type == "iri":
        return check_iri(value)
    if p.type == "string":
        return ox.Literal(raw)
    if p.type in {"target", "quantity"}:
        return _resolve_notation(p, value, target)
    return _resolve_name(p, value, target)


def _as_iri(value: str) -> ox.NamedNode | None:
    """An IRI given directly, as an absolute IRI or a CURIE with a project prefix."""
    m = _CURIE.match(value)
    if m:
        return check_iri(_CURIE_PREFIXES[m["prefix"]] + m["local"])
    if re.match(r"^(https?|urn):", value, flags=re.IGNORECASE):
        return check_iri(value)
    return None


_NOTATION_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?x ?notation ?scheme WHERE {
  ?x rdf:type/rdfs:subClassOf* ?scheme ; skos:notation ?n .
  BIND(STR(?n) AS ?notation)
}
ORDER BY ?notation
"""

_KIND_CLASS = {kind: ox.NamedNode(_SG + local) for kind, local in
               (("target", "TargetKind"), ("quantity", "QuantityKind"), ("place", "Place"), ("actor", "Actor"),
                ("event", "Event"))}


def _resolve_notation(p: Param, value: str, target: Target) -> ox.NamedNode:
    """A target or quantity kind from its notation ("convoy", "weapons depot", "killed")."""
    iri = _as_iri(value)
    if iri is not None:
        return iri
    rows = _select(target, _NOTATION_QUERY, {"scheme": _KIND_CLASS[p.type]})
    wanted = fold_name(value)
    for row in rows:
        if fold_name(str(row["notation"])) == wanted:
            return ox.NamedNode(str(row["x"]))
    known = ", ".join(sorted({str(r["notation"]) for r in rows})) or "none in the graph"
    raise QueryError(f"parameter {p.name!r}: unknown {p.type} kind {value!r} (known: {known})")


def _name_query(labels: str, kind: str) -> str:
    """Things with a label that folds (in SPARQL, exactly as fold_name folds the value bound as ?needle)
    to the needle, of class ?kind, with the places and groups above them."""
    return f"""
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX sg: <https://w3id.org/strikegraph/ontology#>
SELECT DISTINCT ?x ?up ?needle ?kind WHERE {{
  {labels}
  FILTER(REPLACE(LCASE(STR(?label)), "{_FOLD_SPARQL}", "") = ?needle)
  {kind}
  OPTIONAL {{ ?x (sg:locatedIn|sg:partOf|sg:forceOf)+ ?up }}
}}
ORDER BY ?x ?up
"""


# Oxigraph starts this one from the instances of ?kind, whose labels it then looks up: right for
# places, which are the gazetteer's.
_NAME_QUERY = _name_query("?x skos:prefLabel|skos:altLabel|skos:hiddenLabel|rdfs:label ?label .",
                          "?x rdf:type/rdfs:subClassOf* ?kind .")
# The same answer, starting from the labels: for actors, which every article adds (its unnamed
# sources and officials), one pass over the labels beats a label lookup per actor (on 10,000
# articles 0.15 s against 0.8 s). The class is tested per match (FILTER), not joined, so that the
# instances of ?kind are not listed first.
_NAME_SCAN_QUERY = _name_query(
    "{ ?x skos:prefLabel ?label } UNION { ?x skos:altLabel ?label } UNION { ?x skos:hiddenLabel ?label }\n"
    "  UNION { ?x rdfs:label ?label }",
    "FILTER EXISTS { ?x rdf:type/rdfs:subClassOf* ?kind }")

_EVENT_QUERY = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?x ?label ?needle ?kind WHERE {{
  ?x rdf:type/rdfs:subClassOf* ?kind ; rdfs:label ?l .
  BIND(STR(?l) AS ?label)
  FILTER(CONTAINS(REPLACE(LCASE(?label), "{_FOLD_SPARQL}", ""), ?needle))
}}
ORDER BY ?x ?label
"""


def _resolve_name(p: Param, value: str, target: Target) -> ox.NamedNode | None:
    """A place, actor or event IRI from a name (any label or alias; for events a part of the
    label), an IRI or a CURIE. None when nothing matches."""
    iri = _as_iri(value)
    if iri is not None:
        return iri
    needle = fold_name(value)
    if not needle:
        return None
    kind = _KIND_CLASS[p.type]
    if p.type == "event":
        rows = _select(target, _EVENT_QUERY, {"needle": ox.Literal(needle), "kind": kind})
        events = sorted({(str(r["x"]), str(r["label"])) for r in rows})
        if len(events) > 1:
            listed = "; ".join(f"{label} <{x}>" for x, label in events[:6])
            raise QueryError(f"parameter {p.name!r}: {value!r} matches {len(events)} events: {listed} — "
                             "give more of the label or the IRI")
        return ox.NamedNode(events[0][0]) if events else None
    rows = _select(target, _NAME_QUERY if p.type == "place" else _NAME_SCAN_QUERY,
                   {"needle": ox.Literal(needle), "kind": kind})
    above: dict[str, set[str]] = {}
    for r in rows:
        above.setdefault(str(r["x"]), set())
        if r["up"] is not None:
            above[str(r["x"])].add(str(r["up"]))
    if len(above) <= 1:
        return ox.NamedNode(next(iter(above))) if above else None
    # Several entities share the name: take the one the others lie within or belong to.
    for cand in sorted(above):
        if all(cand in ups for other, ups in above.items() if other != cand):
            return ox.NamedNode(cand)
    raise QueryError(f"parameter {p.name!r}: {value!r} names {len(above)} different {p.type}s: "
                     f"{', '.join(sorted(above))} — pass the IRI instead")


# -- execution -----------------------------------------------------------------------------------


def _select(target: Target, text: str, bindings: Mapping[str, Node]) -> list[Row]:
    if isinstance(target, str):
        return select_remote(target, with_values(text, bindings))
    if isinstance(target, ox.Store):
        try:
            result = target.query(with_values(text, bindings), use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"query failed: {exc}") from None
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("only SELECT queries return rows")
        variables = [v.value for v in result.variables]
        return [{v: to_python(solution[v]) for v in variables} for solution in result]
    from rdflib.graph import Graph

    if isinstance(target, Graph):
        result = target.query(with_values(text, bindings))
        if result.type != "SELECT":
            raise QueryError("only SELECT queries return rows")
        names = [str(v) for v in result.vars or []]
        return [{v: to_python(row[i]) for i, v in enumerate(names)} for row in result]  # type: ignore[index]
    raise QueryError(f"cannot query a {type(target).__name__}; pass the build's store, an rdflib Graph/Dataset "
                     "or an endpoint URL")


_INT_TYPES = frozenset(f"{_XSD}{t}" for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                              "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedInt",
                                              "unsignedLong", "unsignedShort", "unsignedByte"))


def _python_value(value: str, datatype: str | None) -> str | int:
    if datatype in _INT_TYPES:
        try:
            return int(value)
        except ValueError:
            return value
    return value


def to_python(term: Any) -> str | int | None:
    """A result term (pyoxigraph's or rdflib's) as a row value: integers as int, every other term as
    its lexical form."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return _python_value(term.value, term.datatype.value)
    if isinstance(term, ox.NamedNode | ox.BlankNode):
        return term.value
    datatype = getattr(term, "datatype", None)  # an rdflib Literal
    return _python_value(str(term), str(datatype) if datatype is not None else None)


# -- endpoints -----------------------------------------------------------------------------------

ATTEMPTS = 3
BACKOFF_S = 0.25


def auth_header() -> dict[str, str]:
    """Authorization from STRIKEGRAPH_TOKEN (bearer) or STRIKEGRAPH_USER/STRIKEGRAPH_PASSWORD (basic)."""
    token = os.environ.get("STRIKEGRAPH_TOKEN")
    if token:
        return {"Authorization": f"Bearer {token}"}
    user, password = os.environ.get("STRIKEGRAPH_USER"), os.environ.get("STRIKEGRAPH_PASSWORD")
    if user is not None and password is not None:
        pair = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        return {"Authorization": f"Basic {pair}"}
    return {}


def redact(text: str) -> str:
    """`text` without credentials: user info in URLs and any configured secret."""
    text = re.sub(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/@\s]+@", r"\1***@", text)
    for var in ("STRIKEGRAPH_TOKEN", "STRIKEGRAPH_PASSWORD"):
        secret = os.environ.get(var)
        if secret:
            text = text.replace(secret, "***")
    return text


def check_endpoint(url: str) -> str:
    if not re.match(r"^https?://[^\s/?#]+", url, flags=re.IGNORECASE):
        raise QueryError(f"not an http(s) endpoint URL: {redact(url)!r}")
    return url


def select_remote(endpoint: str, text: str) -> list[Row]:
    """Run a SELECT on a SPARQL endpoint (JSON results), retrying connection errors and 5xx."""
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, SPARQLWrapperException

    check_endpoint(endpoint)
    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(60)
    for key, value in auth_header().items():
        client.addCustomHttpHeader(key, value)
    client.setQuery(text)
    # SPARQLWrapper guesses the query form by searching for keywords after a naive comment strip
    # and can mistake a SELECT for an update (sending it as `update=`); only SELECTs are sent here.
    client.queryType = "SELECT"
    last: Exception | None = None
    for attempt in range(ATTEMPTS):
        try:
            data = client.queryAndConvert()
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError, EndPointInternalError) as exc:
            # HTTPError is a URLError too: only server errors are worth another try.
            if isinstance(exc, urllib.error.HTTPError) and exc.code < 500:
                raise QueryError(f"SPARQL endpoint {redact(endpoint)} answered HTTP {exc.code}") from None
            last = exc
            if attempt + 1 < ATTEMPTS:
                time.sleep(BACKOFF_S * 2**attempt)
        except SPARQLWrapperException as exc:
            raise QueryError(f"SPARQL endpoint {redact(endpoint)} refused the query: {redact(str(exc))[:300]}") from None
    else:
        reason = getattr(last, "reason", last)
        raise QueryError(
            f"cannot reach SPARQL endpoint {redact(endpoint)} after {ATTEMPTS} attempts: {redact(str(reason))}"
        ) from None
    if not isinstance(data, dict) or "results" not in data:
        raise QueryError(f"SPARQL endpoint {redact(endpoint)} did not return SELECT results")
    variables = list(data.get("head", {}).get("vars", []))
    return [
        {v: _json_value(b[v]) if v in b else None for v in variables}
        for b in data["results"]["bindings"]
    ]


def _json_value(b: Mapping[str, str]) -> str | int:
    """A SPARQL 1.1 JSON results term as a row value, as to_python() gives it."""
    kind = b.get("type")
    if kind in {"uri", "bnode"}:
        return b["value"]
    if kind in {"literal", "typed-literal"}:
        return _python_value(b["value"], None if "xml:lang" in b else b.get("datatype"))
    raise QueryError(f"unexpected term in SPARQL results: {kind!r}")
