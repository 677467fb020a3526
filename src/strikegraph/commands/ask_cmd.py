"""Commands to ask the graph: `query`, `queries`, `sparql`, `serve`, `push`."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import TextIO

from strikegraph.cli import CLIError

TABLE_CELL_MAX = 60  # table cells longer than this (quotes, IRIs) are cut; csv/json keep everything


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("query", help="run a canned query (see `strikegraph queries`)")
    p.add_argument("name", help="query name, e.g. who-struck")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="a query parameter; repeat for several")
    _target_args(p)
    _format_arg(p)
    p.set_defaults(handler=_query)

    p = subparsers.add_parser("queries", help="list the canned queries and their parameters")
    p.set_defaults(handler=_queries)

    p = subparsers.add_parser("sparql", help="run a SPARQL SELECT query")
    p.add_argument("text", nargs="?", help="the query text (or use --file)")
    p.add_argument("--file", "-f", type=Path, help="read the query from this file")
    _target_args(p)
    _format_arg(p)
    p.set_defaults(handler=_sparql)

    p = subparsers.add_parser("serve", help="serve the build over HTTP (query UI and SPARQL endpoint)")
    p.add_argument("--build", default="build/", help="build directory (default: build/)")
    p.add_argument("--port", type=int, default=7878, help="port on 127.0.0.1 (default: 7878)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.set_defaults(handler=_serve)

    p = subparsers.add_parser("push", help="upload the build to a triple store (SPARQL Graph Store Protocol)")
    p.add_argument("--endpoint", required=True, help="server base URL or its SPARQL query URL")
    p.add_argument("--graph-store", help="Graph Store Protocol URL (default: <base>/store, as in Oxigraph)")
    p.add_argument("--build", default="build/", help="build directory (default: build/)")
    p.add_argument("--no-prune", action="store_true", help="keep project graphs the build no longer has")
    p.set_defaults(handler=_push)


def _target_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--build", default="build/", help="build directory (default: build/)")
    p.add_argument("--endpoint", help="query this SPARQL endpoint instead of the build")


def _format_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format")


def _target(args: argparse.Namespace) -> object:
    if args.endpoint:
        return args.endpoint
    from strikegraph.store import open_store

    try:
        return open_store(args.build)
    except FileNotFoundError as exc:
        raise CLIError(str(exc)) from None


def _query(args: argparse.Namespace) -> int:
    from strikegraph.query import QueryError, run_query

    params: dict[str, str] = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CLIError(f"--param expects NAME=VALUE, got {item!r}")
        params[key.strip()] = value
    try:
        rows = run_query(args.name, _target(args), params)  # type: ignore[arg-type]
    except QueryError as exc:
        raise CLIError(str(exc)) from None
    write_rows(rows, args.format, sys.stdout)
    return 0


def _queries(args: argparse.Namespace) -> int:
    from strikegraph.query import list_queries

    for q in list_queries():
        print(f"{q.name} — {q.title}")
        print(f"    {q.question}")
        for p in q.params:
            need = "required" if p.required else f"optional, default: {p.default}"
            print(f"    --param {p.name}=…  ({p.type}, {need}) {p.description}")
        if q.example:
            print(f"    e.g. {q.example}")
        print()
    return 0


def _sparql(args: argparse.Namespace) -> int:
    from strikegraph.query import QueryError, run_sparql

    if args.file is not None:
        try:
            text = args.file.read_text(encoding="utf-8")
        except OSError as exc:
            raise CLIError(f"cannot read {args.file}: {exc.strerror}") from None
    elif args.text:
        text = args.text
    else:
        raise CLIError("give the query text or --file")
    try:
        rows = run_sparql(_target(args), text)  # type: ignore[arg-type]
    except QueryError as exc:
        raise CLIError(str(exc)) from None
    except Exception as exc:  # a syntax error from rdflib or Oxigraph
        raise CLIError(f"query failed: {exc}") from None
    write_rows(rows, args.format, sys.stdout)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from strikegraph.serve import ServeError, serve

    try:
        serve(args.build, port=args.port, host=args.host)
    except (FileNotFoundError, ServeError) as exc:
        raise CLIError(str(exc)) from None
    return 0


def _push(args: argparse.Namespace) -> int:
    from strikegraph.push import PushError, push

    try:
        report = push(args.build, args.endpoint, graph_store=args.graph_store, prune=not args.no_prune)
    except (FileNotFoundError, PushError) as exc:
        raise CLIError(str(exc)) from None
    print(f"pushed {report.graphs} graphs ({report.triples} triples) to {report.graph_store}")
    for iri in report.deleted:
        print(f"deleted graph no longer in the build: {iri}")
    return 0


# -- output --------------------------------------------------------------------------------------


def write_rows(rows: list[dict[str, str | int | None]], fmt: str, out: TextIO) -> None:
    columns = list(rows[0]) if rows else []
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row[c] is None else row[c] for c in columns])
    else:
        out.write(format_table(rows) + "\n")


def _cell(value: str | int | None) -> str:
    text = "" if value is None else " ".join(str(value).split())  # one line per row
    return text if len(text) <= TABLE_CELL_MAX else text[: TABLE_CELL_MAX - 1] + "…"


def format_table(rows: list[dict[str, str | int | None]]) -> str:
    if not rows:
        return "(no rows)"
    columns = list(rows[0])
    cells = [[_cell(r[c]) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    numeric = [all(isinstance(r[c], int) or r[c] is None for r in rows) for c in columns]

    def line(values: list[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    head = [line(columns), line(["-" * w for w in widths])]
    return "\n".join(head + [line(r) for r in cells] + [f"({len(rows)} rows)"])
