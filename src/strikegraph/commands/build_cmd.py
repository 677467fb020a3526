"""`strikegraph build`, `strikegraph export claims` and `strikegraph summary`."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("build", help="extract, validate, reason and write the dataset",
                       description="Build the knowledge graph from articles (default: corpus/) into a build directory.")
    p.add_argument("paths", nargs="*", default=["corpus"], help="article files or directories (default: corpus)")
    p.add_argument("--out", default="build", help="output directory (default: build)")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument("--no-reason", action="store_true", help="skip OWL 2 RL reasoning")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    p.add_argument("-v", "--verbose", action="store_true", help="print each step")
    p.set_defaults(handler=_build)

    e = sub.add_parser("export", help="export claims (JSON Lines, CSV) or the whole dataset (N-Quads, TriG)")
    e.add_argument("what", choices=["claims", "dataset"], help="what to export")
    e.add_argument("--format", choices=["jsonl", "csv", "nq", "trig"], default=None,
                   help="claims: jsonl (default) or csv; dataset: nq (default) or trig")
    e.add_argument("--build", default="build", help="build directory (default: build)")
    e.add_argument("--out", default=None, help="output file (default: standard output)")
    e.set_defaults(handler=_export)

    s = sub.add_parser("summary", help="counts of what the built graph holds")
    s.add_argument("--build", default="build", help="build directory (default: build)")
    s.set_defaults(handler=_summary)


def _progress(enabled: bool) -> Callable[[int, int], None] | None:
    if not enabled:
        return None
    started = time.monotonic()

    def show(n: int, total: int) -> None:
        if n != total and n % max(1, total // 100):
            return
        width = 30
        done = int(width * n / max(total, 1))
        rate = n / max(time.monotonic() - started, 1e-6)
        sys.stderr.write(f"\rextracting [{'#' * done}{'.' * (width - done)}] {n}/{total} {rate:.0f}/s")
        if n == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def _build(args: argparse.Namespace) -> int:
    from ..build import BuildError, build
    from ..cli import CLIError

    log = (lambda m: print(m, file=sys.stderr)) if args.verbose else None
    progress = _progress(not args.quiet and sys.stderr.isatty())
    try:
        result = build(args.paths, args.out, validate=not args.no_validate, reason=not args.no_reason,
                       log=log, progress=progress)
    except BuildError as exc:
        raise CLIError(f"{exc}\nprevious output in {args.out} left unchanged") from None
    for err in result.errors:
        print(f"strikegraph: skipped {err}", file=sys.stderr)
    if args.verbose:
        print("timings " + json.dumps(result.timings), file=sys.stderr)
    if not args.quiet:
        done = f"{args.out} is up to date" if result.up_to_date else f"built {args.out}"
        print(f"{done}: {len(result.articles)} article(s) ({result.extracted} extracted, {result.cached} cached), "
              f"{result.events} event(s), {result.claims} claim(s), {result.triples} triples ({result.inferred} inferred)"
              + (f", {len(result.errors)} file(s) skipped" if result.errors else ""))
    return 1 if result.errors and not result.articles else 0


def write_atomic(path: str | Path, text: str) -> None:
    """Write a file so that readers see the old or the new content, never a half-written one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _export(args: argparse.Namespace) -> int:
    from ..cli import CLIError

    formats = {"claims": ("jsonl", "csv"), "dataset": ("nq", "trig")}[args.what]
    fmt = args.format or formats[0]
    if fmt not in formats:
        raise CLIError(f"export {args.what} writes {' or '.join(formats)}, not {fmt}")
    if args.what == "dataset":
        return _export_dataset(args.build, fmt, args.out)
    from ..export import export_claims

    try:
        text = export_claims(args.build, fmt)
    except FileNotFoundError as exc:
        raise CLIError(str(exc)) from None
    if args.out:
        write_atomic(args.out, text)
    else:
        sys.stdout.write(text)
    return 0


def _export_dataset(build: str, fmt: str, out: str | None) -> int:
    """The dataset to a file (written beside it and renamed, so a reader never sees half of it) or to
    standard output."""
    from ..cli import CLIError
    from ..store.dump import write_dataset

    try:
        if out is None:
            write_dataset(build, fmt, sys.stdout.buffer)  # type: ignore[arg-type]
            sys.stdout.buffer.flush()
            return 0
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                write_dataset(build, fmt, fh)  # type: ignore[arg-type]
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except FileNotFoundError as exc:
        raise CLIError(str(exc)) from None
    return 0


def _summary(args: argparse.Namespace) -> int:
    from ..cli import CLIError
    from ..export import claim_rows, load_store

    try:
        rows = claim_rows(load_store(args.build))
    except FileNotFoundError as exc:
        raise CLIError(str(exc)) from None
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    events = {r["event"] for r in rows if r["event"]}
    articles = {r["article"] for r in rows}
    print(f"{len(articles)} article(s), {len(events)} distinct strike(s); "
          + ", ".join(f"{n} {k} row(s)" for k, n in sorted(kinds.items())))
    return 0
