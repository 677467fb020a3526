"""`strikegraph bench-corpus` and `strikegraph bench`."""

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
