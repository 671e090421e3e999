"""The ``deskgame`` command line (DESIGN.md section 3).

Exit codes: 0 success, 1 runtime failure, 2 bad input.  Every error is one clear
line per problem, never a traceback.  ``run``, ``validate`` and ``replay`` must not
import pygame or matplotlib, so heavy imports live inside the command functions.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """Bad command-line input: printed as one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, found {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="deskgame", description="An ITSM team simulation game.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    validate = commands.add_parser("validate", help="check scenario files")
    validate.add_argument("files", nargs="+", metavar="FILE")

    commands.add_parser("schema", help="print the scenario JSON Schema")
    commands.add_parser("scenarios", help="list the bundled scenarios")

    run = commands.add_parser("run", help="run a scenario headless with a bot policy")
    run.add_argument("scenario", metavar="SCENARIO")
    run.add_argument("--seed", type=_positive_int)
    run.add_argument("--policy", default="triage")
    run.add_argument("--improve", default="auto", help="auto, none or ID,ID")
    run.add_argument("--team", default=None)
    run.add_argument("--out", default=None)

    replay = commands.add_parser("replay", help="re-run a results file and compare")
    replay.add_argument("results", metavar="RESULTS")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as error:
        print(str(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    except SystemExit as stop:  # --help
        return int(stop.code or 0)
    if args.version:
        from deskgame import __version__

        print(f"deskgame {__version__}")
        return EXIT_OK
    if args.command is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    handler = globals()[f"command_{args.command}"]
    try:
        return int(handler(args))
    except UsageError as error:
        print(f"deskgame {args.command}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("deskgame: interrupted", file=sys.stderr)
        return EXIT_FAILURE


def command_validate(args: argparse.Namespace) -> int:
    from deskgame.scenario import validate_files

    problems = validate_files(args.files)
    for problem in problems:
        print(problem)
    if problems:
        files = len({problem.file for problem in problems})
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {files} "
              f"file{'s' if files != 1 else ''}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for path in args.files:
        print(f"{path}: ok")
    return EXIT_OK


def command_schema(args: argparse.Namespace) -> int:
    from deskgame.scenario.definition import json_schema

    print(json.dumps(json_schema(), indent=2))
    return EXIT_OK


def command_scenarios(args: argparse.Namespace) -> int:
    from deskgame.scenario.catalog import DEFAULT_SCENARIO, bundled_scenarios

    for item in bundled_scenarios():
        mark = " (default)" if item.name == DEFAULT_SCENARIO else ""
        print(f"{item.name:<24} {item.title}{mark}")
        if item.summary:
            print(f"{'':<24} {item.summary}")
    return EXIT_OK
