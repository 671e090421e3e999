"""The ``deskgame`` command line (DESIGN.md section 3).

Exit codes: 0 success, 1 runtime failure, 2 bad input.  Every error is one clear
line per problem, never a traceback.  ``run``, ``validate`` and ``replay`` must not
import pygame or matplotlib, so heavy imports live inside the command functions.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import json
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """Bad command-line input: printed as one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


# What a terminal that cannot show a character gets instead (any encoding holds ASCII).
_ASCII = {"\u2014": "-", "\u2013": "-", "\u2212": "-", "\u2026": "...", "\u00b7": "-", "\u2022": "*",
          "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00d7": "x", "\u2192": "->",
          "\u2265": ">=", "\u2264": "<=", "\u2248": "~"}


def _degrade(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: print a character the terminal's encoding lacks as its ASCII
    look-alike (or "?"), so output never depends on the terminal (LC_ALL=C, PYTHONIOENCODING=ascii)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start:error.end]:
        plain = _ASCII.get(char) or unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        out.append(plain or "?")
    return "".join(out), error.end


codecs.register_error("deskgame-ascii", _degrade)


def _safe_streams() -> None:
    """Printing degrades to ASCII instead of raising UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a closed or unusual stream: leave it
                reconfigure(errors="deskgame-ascii")


SEED_LIMIT = 2**63  # results files hold seeds 0 .. 2^63-1 (session.results.check_results)


def _seed(text: str) -> int:
    """A seed exactly as results files accept it, so every run can be replayed."""
    value = _positive_int(text)
    if value >= SEED_LIMIT:
        raise argparse.ArgumentTypeError(f"expected a whole number from 0 to 2^63-1, found {text}")
    return value


def _team(text: str) -> str:
    """A team name a results file can hold and a screen can show (no control characters, and
    valid Unicode: undecodable bytes in a command line would make a file replay refuses)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError("the name is not valid text in this terminal's encoding") from None
    if any(unicodedata.category(char) == "Cc" for char in text) or not text.strip():
        raise argparse.ArgumentTypeError("give a name of visible characters")
    if len(text) > 120:
        raise argparse.ArgumentTypeError(f"a team name is at most 120 characters, found {len(text):,}")
    return text


def _positive_int(text: str, minimum: int = 0) -> int:
    """A whole number of at least ``minimum``, one message for every value below it."""
    try:
        if len(text) > 40:
            raise ValueError(text)
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text[:40]!r}") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"expected {minimum} or more, found {text}")
    return value


def _one_or_more(text: str) -> int:
    """A count that must be at least 1 (--runs, --jobs): -3 and 0 get the same message."""
    return _positive_int(text, minimum=1)


# The model's test bots, named here rather than imported (the policies import the engine,
# too slow for every command's start); tests/test_cli_help.py checks it names them all.
TEST_BOTS = ("The model's test bots: exploit-unsupported, exploit-update-spam, exploit-downgrade, "
             "exploit-watermelon (exploits that must lose), and triage without one practice: "
             "triage-no-prioritise, triage-no-learn-byod, triage-no-redirect, "
             "triage-no-classify-fakes, triage-no-updates, triage-no-broadcast, triage-no-improve")

EPILOG = """\
examples:
  deskgame scenarios                        the bundled scenarios, a line each
  deskgame validate my-desk.yaml            check a scenario you wrote
  deskgame balance my-desk.yaml --runs 40   bots play it many times: a verdict
  deskgame run standard-monday --policy servant --out servant.json
  deskgame play standard-monday --team Blue
  deskgame debrief blue.json red.json       one HTML report comparing teams

exit codes: 0 success, 1 runtime failure, 2 bad input (usage, an invalid
scenario or results file).  'deskgame COMMAND --help' describes a command."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="deskgame", description="An ITSM team simulation game.", epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    validate = commands.add_parser("validate", help="check scenario files")
    validate.add_argument("files", nargs="+", metavar="FILE",
                          help="a scenario YAML file (give several to check them all); each problem "
                               "prints as FILE:LINE:COL: path.to.field: message")

    commands.add_parser("schema", help="print the scenario JSON Schema")
    scenarios = commands.add_parser(
        "scenarios", help="list the bundled scenarios, or the scenario files in a folder of your own")
    scenarios.add_argument("folder", metavar="FOLDER", nargs="?", default=None,
                           help="a folder of *.yaml scenario files to list (default: the bundled ones)")

    run = commands.add_parser("run", help="run a scenario headless with a bot policy")
    run.add_argument("scenario", metavar="SCENARIO", help="a bundled scenario's name or a YAML file")
    run.add_argument("--seed", type=_seed,
                     help="the random seed, 0 to 2^63-1 (default: the scenario's seed)")
    run.add_argument("--policy", default="triage",
                     help="the bot team (default triage): triage sets priority by business impact, "
                          "learns BYOD, redirects end-runs, deprioritises fake emergencies, updates "
                          "waiting callers, broadcasts and picks cards; servant takes every end-run, "
                          "serves fake emergencies first, believes stated urgency, says 'unsupported' "
                          "to BYOD and picks no cards; fifo sets no priorities, lets every call take "
                          f"its default and picks no cards. {TEST_BOTS}")
    run.add_argument("--improve", default="auto",
                     help="cards at each change cycle: auto (the bot's own choice), none, or ID,ID "
                          "(bought at the first change cycle; cards stay in force)")
    run.add_argument("--team", type=_team, default=None,
                     help="the team's name in the results and the debrief (default: none; the results "
                          "file then records the policy's name and the debrief names the team by the "
                          "file's name, red.json -> red)")
    run.add_argument("--out", default=None, metavar="FILE.json",
                     help="write the results file (for replay and debrief)")

    play = commands.add_parser("play", help="play the game (pygame)")
    play.add_argument("scenario", metavar="SCENARIO", nargs="?", default=None,
                      help="a bundled scenario's name or a YAML file (default: the title screen, where "
                           "the bundled ones are listed; with --autoplay or --frames, standard-monday)")
    play.add_argument("--seed", type=_seed,
                      help="the random seed, 0 to 2^63-1 (default: the scenario's seed)")
    play.add_argument("--team", type=_team, default=None,
                      help="the team's name in the results and the debrief (default: none; the debrief "
                           "then names the team by the results file's name)")
    play.add_argument("--out", default=None, help="write the results file here when the game closes")
    play.add_argument("--autoplay", metavar="POLICY", default=None,
                      help="demo mode: a bot plays (triage, servant or fifo; see 'deskgame run --help')")
    play.add_argument("--frames", type=_positive_int, default=None, help="stop after N frames of 1/60 s")
    play.add_argument("--screenshot", metavar="PNG", default=None, help="save the last frame")
    play.add_argument("--autosave", metavar="FILE", default=None,
                      help="save here (default: a new file per session in the user data folder)")
    play.add_argument("--resume", metavar="FILE", default=None, help="carry on a saved session")
    play.add_argument("--speed", type=int, choices=(0, 1, 2, 4, 8), default=None,
                      help="starting speed: 0 paused, or 1, 2, 4, 8 times (default: the settings')")
    play.add_argument("--fair-calls", action=argparse.BooleanOptionalAction, default=None,
                      help="while a call rings, slow the clock so the table has at least 15 real seconds "
                           "to answer, whatever the speed (the default); --no-fair-calls keeps the speed")

    balance = commands.add_parser("balance", help="how hard is a scenario: many bot sessions and a verdict")
    balance.add_argument("scenario", metavar="SCENARIO", help="a bundled scenario's name or a YAML file")
    balance.add_argument("--runs", type=_one_or_more, default=40,
                         help="seeds per policy (default 40, the fewest that can rule out the 10%% "
                              "limit of 'too harsh'): the scenario's seed and the next ones")
    balance.add_argument("--seed", type=_seed, default=None,
                         help="the first seed, 0 to 2^63-1 (default: the scenario's seed, so the same "
                              "file gives everyone the same figures)")
    balance.add_argument("--policy", default="all", help="a policy name, or all: fifo, triage and servant")
    balance.add_argument("--jobs", type=_one_or_more, default=None,
                         help="worker processes (default: one per CPU; 1 runs in this process)")
    balance.add_argument("--out", metavar="FILE.csv", default=None, help="write one CSV row per run")

    replay = commands.add_parser("replay", help="re-run a results file and compare")
    replay.add_argument("results", metavar="RESULTS",
                        help="a results file written by run --out or play --out (or a save)")

    debrief = commands.add_parser("debrief", help="one HTML report comparing teams and rounds")
    debrief.add_argument("results", nargs="+", metavar="RESULTS", help="results files or folders of them")
    debrief.add_argument("--out", default=None, help="the report (default: debrief.html here)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _safe_streams()
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
    except BrokenPipeError:  # the reader went away (``| head``): files are already written
        _silence_stdout()
        return EXIT_FAILURE


def _silence_stdout() -> None:
    """Point stdout at the null device so Python's final flush does not complain either."""
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())


def command_validate(args: argparse.Namespace) -> int:
    """One line per valid file ("ok") and one per problem of the others, in the order given;
    exit 2 when any file has a problem."""
    from deskgame.scenario.loader import validate_each

    results = validate_each(args.files)
    for path, problems in results:
        if not problems:
            print(f"{path}: ok")
        for problem in problems:
            print(problem)
    count = sum(len(problems) for _, problems in results)
    if count:
        files = sum(1 for _, problems in results if problems)
        print(f"{count} problem{'s' if count != 1 else ''} in {files} "
              f"file{'s' if files != 1 else ''}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def command_schema(args: argparse.Namespace) -> int:
    from deskgame.scenario.definition import json_schema

    print(json.dumps(json_schema(), indent=2))
    return EXIT_OK


def command_scenarios(args: argparse.Namespace) -> int:
    """The bundled scenarios, or a facilitator's folder of them (``cli_scenarios``)."""
    from deskgame.cli_scenarios import command_scenarios as scenarios

    return scenarios(args)


def _load_scenario_arg(name: str):  # type: ignore[no-untyped-def]
    """The scenario for a command, or print its problems and signal bad input."""
    from deskgame.scenario import ScenarioError, load_scenario
    from deskgame.scenario.catalog import resolve_scenario

    path = resolve_scenario(name)
    if not path.exists() and path.suffix not in (".yaml", ".yml") and "/" not in name:
        from difflib import get_close_matches

        from deskgame.scenario.catalog import bundled_scenarios

        names = [s.name for s in bundled_scenarios()]
        close = get_close_matches(name, names, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        print(f"{name}: no such file or bundled scenario; {hint}'deskgame scenarios' lists them",
              file=sys.stderr)
        raise _BadInput()
    try:
        return load_scenario(path, shown_as=str(path) if name != str(path) else name)
    except ScenarioError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        raise _BadInput() from None


def _did_you_mean(given: str, known: Sequence[str]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(given, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _BadInput(Exception):
    """Problems already printed; exit 2."""


def command_run(args: argparse.Namespace) -> int:
    from deskgame.cli_run_table import print_run_table
    from deskgame.engine.cards import card_problem, parse_card_list
    from deskgame.policies import POLICIES, make_policy, policy_choices
    from deskgame.session.results import build_results, iter_dumps
    from deskgame.session.runner import run_session

    if args.policy not in POLICIES:
        raise UsageError(f"--policy: unknown policy {args.policy!r}{_did_you_mean(args.policy, POLICIES)}; "
                         f"{policy_choices()}")
    cards = parse_card_list(args.improve) if args.improve not in ("auto", "none") else []
    if args.improve not in ("auto", "none") and not cards:
        raise UsageError("--improve: expected auto, none or card ids separated by commas")
    try:
        scenario = _load_scenario_arg(args.scenario)
    except _BadInput:
        return EXIT_BAD_INPUT
    problem = card_problem(cards, scenario)
    if problem:
        raise UsageError(f"--improve: {problem}")
    out = None if args.out is None else _check_output(args.out, "--out", [("the scenario", scenario.file)])
    try:
        outcome = run_session(scenario, args.seed, make_policy(args.policy), improve=args.improve,
                              keep_log=False, keep_tickets=out is not None)
        results = build_results(outcome, args.policy, args.team)
    except Exception as error:  # an engine failure is a runtime failure: one line, as balance does
        print(f"deskgame run: the session failed: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILURE
    # Written before the table: a terminal that cannot print must not lose the results.
    if out is not None and not _write_output("run", args.out, iter_dumps(results), out):
        return EXIT_FAILURE
    print_run_table(results, scenario.scoring.outsourcing_below)
    if out is not None:
        print(f"results written to {args.out}")
    return EXIT_OK


def _write_output(command: str, shown: str, text: str | Iterable[str], target: Path | None = None) -> bool:
    """Write a command's output file atomically (to ``target``, the checked and resolved
    path, when given); one line on stderr when it cannot.  ``text`` may come in pieces (a
    results file is encoded as it is written); a number JSON cannot hold (NaN, infinity)
    leaves no file: no results file is better than one nothing can read."""
    from deskgame.session.results import write_atomic

    try:
        write_atomic(target if target is not None else shown, text)
    except OSError as error:
        print(f"deskgame {command}: cannot write {shown}: {error.strerror or error}", file=sys.stderr)
        return False
    except ValueError as error:  # json refuses NaN and infinity; the temp file is gone
        print(f"deskgame {command}: the session produced a number that is not finite ({error}); "
              f"no results file written", file=sys.stderr)
        return False
    return True


def _results_text(results: dict) -> tuple[str | None, str]:  # type: ignore[type-arg]
    """The results file's text, or None and why when the session produced a number JSON
    cannot hold (NaN, infinity): no results file is better than one nothing can read."""
    from deskgame.session.results import dumps

    try:
        return dumps(results), ""
    except ValueError as error:
        return None, f"the session produced a number that is not finite ({error}); no results file written"


def command_balance(args: argparse.Namespace) -> int:
    import os
    import time

    from deskgame.policies import POLICIES
    from deskgame.report.balance import POLICIES as REFERENCE
    from deskgame.report.balance import balance, csv_text, render, seeds_for

    jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if args.policy != "all" and args.policy not in POLICIES:
        raise UsageError(f"--policy: unknown policy {args.policy!r}; choose all or one of "
                         f"{', '.join(POLICIES)}")
    policies = REFERENCE if args.policy == "all" else (args.policy,)
    try:
        scenario = _load_scenario_arg(args.scenario)
    except _BadInput:
        return EXIT_BAD_INPUT
    try:
        seeds_for(scenario.seed if args.seed is None else args.seed, args.runs)
    except ValueError as error:
        raise UsageError(f"--runs: {error}") from None
    out = None if args.out is None else _check_output(args.out, "--out", [("the scenario", scenario.file)])
    started = time.perf_counter()
    try:
        report = balance(scenario, policies, args.runs, jobs, first_seed=args.seed)
    except Exception as error:  # a failing session is a runtime failure: one line, not a traceback
        print(f"deskgame balance: a session failed: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILURE
    elapsed = time.perf_counter() - started
    sys.stdout.write(render(report))
    processes = min(jobs, len(report.runs))
    print(f"{len(report.runs)} sessions in {elapsed:.2f} s on {processes} "
          f"process{'es' if processes > 1 else ''}", file=sys.stderr)
    if out is not None:
        if not _write_output("balance", args.out, csv_text(report), out):
            return EXIT_FAILURE
        print(f"{len(report.runs)} runs written to {args.out}")
    return EXIT_OK


def _check_output(path: str, flag: str, inputs: Sequence[tuple[str, str | Path]],
                  companions: Sequence[str] = ()) -> Path:
    """The resolved path for an output option, refused (exit 2, one line) before any work
    is done when it is an input, not a regular file, or in a folder that cannot be written."""
    from deskgame.files import FileProblem, check_output

    try:
        return check_output(path, flag, inputs, companions)
    except FileProblem as problem:
        raise UsageError(str(problem)) from None


def command_replay(args: argparse.Namespace) -> int:
    """Re-run a results file and compare, streaming it (``session.replay_file``)."""
    from deskgame.scenario import ScenarioError
    from deskgame.session.replay_file import replay_file
    from deskgame.session.results import ResultsError

    try:
        verdict = replay_file(args.results)
    except ResultsError as error:
        print(f"deskgame replay: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ScenarioError as error:
        print(f"deskgame replay: {args.results}: the embedded scenario is invalid: "
              f"{error.problems[0]}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RecursionError:
        print(f"deskgame replay: {args.results}: JSON nested too deeply", file=sys.stderr)
        return EXIT_BAD_INPUT
    if verdict.difference:
        print(f"deskgame replay: {args.results}: NOT identical: {verdict.difference}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"{args.results}: replay identical ({verdict.decisions} decisions, score {verdict.score:.1f})")
    return EXIT_OK


def command_play(args: argparse.Namespace) -> int:
    """The pygame game (its checks, outputs and saves live in ``cli_play``)."""
    from deskgame.cli_play import command_play as play

    return play(args)


def command_debrief(args: argparse.Namespace) -> int:
    """Compare teams' results files in one self-contained HTML report (docs/results.md)."""
    from deskgame.report.debrief_command import DEFAULT_OUT, DebriefInputError, make_debrief

    out = args.out or DEFAULT_OUT
    try:
        summary = make_debrief(args.results, out)
    except DebriefInputError as error:
        print(f"deskgame debrief: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"deskgame debrief: cannot write {out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILURE
    print(summary)
    return EXIT_OK
