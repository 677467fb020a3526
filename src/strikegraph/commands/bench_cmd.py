"""`strikegraph bench-corpus`, `strikegraph bench` and `strikegraph bench extract-layers`.

The benchmark code lives outside the runtime package, in the checkout's `benchmarks/`; these
commands only find and call it, so that no other command imports it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from types import ModuleType


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    c = sub.add_parser("bench-corpus", help="write a deterministic synthetic corpus for benchmarks",
                       description="Write N generated articles and expected.jsonl (what each article says) into DIR.")
    c.add_argument("n", type=int, metavar="N", help="number of articles")
    c.add_argument("--out", required=True, help="output directory")
    c.add_argument("--seed", type=int, default=0, help="random seed (default: 0); same N and seed give the same bytes")
    c.set_defaults(handler=_bench_corpus)

    b = sub.add_parser("bench", help="benchmark extraction, build, queries, reasoning and validation",
                       description="Generate corpora, measure each step and write a JSON report.")
    add_arguments(b)
    b.set_defaults(handler=_bench)
    # Optional, so that `strikegraph bench --sizes …` keeps working as before.
    modes = b.add_subparsers(dest="bench_mode", metavar="MODE", required=False)
    layers = modes.add_parser("extract-layers", help="measure each extraction layer against gold annotations",
                              description="Run the extraction on annotated articles and measure mentions, speech, "
                                          "strikes and claims against the gold YAML files.")
    # Defined here, not in bench_layers, so that building the parser does not import rdflib.
    layers.add_argument("--gold", required=True, help="folder of gold annotation YAML files, one per article")
    layers.add_argument("--corpus", required=True, help="folder holding the annotated articles")
    layers.add_argument("--entities", nargs="+", default=None,
                        help="entity tables mapping labels to gold keys, first wins (default: entities*.yaml by --gold)")
    layers.add_argument("--misses", action="store_true", help="also list what each layer missed")
    layers.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    layers.set_defaults(handler=_bench_layers)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `strikegraph bench` (and of `python -m benchmarks.bench`)."""
    p.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated (default: 1000,10000)")
    p.add_argument("--out", default="benchmarks/results.json", help="JSON results file (default: benchmarks/results.json)")
    p.add_argument("--quick", action="store_true", help="small settings for CI: few query runs, tiny full build and reasoning")
    p.add_argument("--seed", type=int, default=0, help="corpus seed (default: 0)")
    p.add_argument("--work", default=None, help="keep corpora and builds in this directory (default: a temporary one)")
    p.add_argument("--full-build-size", type=int, default=None,
                   help="articles for the full build (validation and reasoning); default: every size (quick: 5)")
    p.add_argument("--reason-size", type=int, default=None, help="articles for fast vs owlrl/pyshacl (default 300, quick 10)")
    p.add_argument("--query-runs", type=int, default=None, help="runs per query (default 20, quick 3)")
    p.add_argument("--timeout", type=float, default=None, help="seconds before a build or reasoner is abandoned (default 3600)")


def benchmarks(name: str) -> ModuleType:
    """`benchmarks.<name>` from the source checkout this package runs from."""
    from ..cli import CLIError
    from ..resources import source_tree

    root = source_tree()
    if not (root / "benchmarks" / f"{name}.py").is_file():
        raise CLIError(f"the benchmarks are not installed: they live in a source checkout's benchmarks/ (looked in {root})")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    return importlib.import_module(f"benchmarks.{name}")


def _bench_corpus(args: argparse.Namespace) -> int:
    from ..cli import CLIError

    if args.n < 0:
        raise CLIError("N must be zero or more")
    paths = benchmarks("corpus").generate(args.n, Path(args.out), args.seed)
    print(f"wrote {len(paths)} article(s) and expected.jsonl to {args.out}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    return int(benchmarks("bench").run_args(args))


def _bench_layers(args: argparse.Namespace) -> int:
    from ..bench_layers import run_args

    return run_args(args)
