"""`strikegraph bench-corpus`, `strikegraph bench` and `strikegraph bench extract-layers`."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    c = sub.add_parser("bench-corpus", help="write a deterministic synthetic corpus for benchmarks",
                       description="Write N generated articles and expected.jsonl (what each article says) into DIR.")
    c.add_argument("n", type=int, metavar="N", help="number of articles")
    c.add_argument("--out", required=True, help="output directory")
    c.add_argument("--seed", type=int, default=0, help="random seed (default: 0); same N and seed give the same bytes")
    c.set_defaults(handler=_bench_corpus)

    from ..bench import add_arguments

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


def _bench_corpus(args: argparse.Namespace) -> int:
    from ..benchcorpus import generate
    from ..cli import CLIError

    if args.n < 0:
        raise CLIError("N must be zero or more")
    paths = generate(args.n, Path(args.out), args.seed)
    print(f"wrote {len(paths)} article(s) and expected.jsonl to {args.out}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from ..bench import run_args

    return run_args(args)


def _bench_layers(args: argparse.Namespace) -> int:
    from ..bench_layers import run_args

    return run_args(args)
