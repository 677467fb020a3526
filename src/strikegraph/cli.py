"""Command-line interface. Each command mirrors a function of the Python API; command groups live
in their own modules and register their sub-commands here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from . import __version__

# Each entry adds sub-commands to the parser; imported lazily so `--help` stays fast.
_COMMAND_MODULES = (
    "strikegraph.commands.build_cmd",
    "strikegraph.commands.ask_cmd",
    "strikegraph.commands.bench_cmd",
)


class CLIError(Exception):
    """An error to report to the user in one line, without a traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="strikegraph",
        description="Turn reporting on military strikes into a knowledge graph of attributed claims.",
    )
    parser.add_argument("--version", action="version", version=f"strikegraph {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    import importlib

    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that command group is not installed in this build
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return int(handler(args) or 0)
    except CLIError as exc:
        print(f"strikegraph: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("strikegraph: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
