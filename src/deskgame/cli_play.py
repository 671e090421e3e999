"""`deskgame play`: the game's command — its argument checks, output paths, saves and
the results written when the window closes.

Apart from ``cli.py`` because it is the one command with a window, saves and locks, and
imported only when ``play`` runs (``run``, ``validate`` and ``replay`` must not import
pygame).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from deskgame.cli import (
    EXIT_BAD_INPUT,
    EXIT_FAILURE,
    EXIT_OK,
    UsageError,
    _BadInput,
    _check_output,
    _did_you_mean,
    _load_scenario_arg,
    _results_text,
)
from deskgame.scenario.catalog import DEFAULT_SCENARIO


def command_play(args: argparse.Namespace) -> int:
    from deskgame.policies import POLICIES, make_policy, policy_choices

    if args.resume is not None and (args.scenario is not None or args.seed is not None):
        raise UsageError("--resume: the save names its scenario and seed; give neither SCENARIO nor --seed")
    if args.resume is not None and args.autoplay:
        raise UsageError("--resume: a saved session keeps its own players; leave out --autoplay")
    if args.autoplay is not None and args.autoplay not in POLICIES:
        hint = _did_you_mean(args.autoplay, POLICIES)
        raise UsageError(f"--autoplay: unknown policy {args.autoplay!r}{hint}; {policy_choices()}")
    if args.screenshot is not None and not args.screenshot.lower().endswith(".png"):
        raise UsageError("--screenshot: give a file name ending in .png")
    scenario = resumed = None
    wants_scenario = args.scenario is not None or args.autoplay is not None or args.frames is not None
    if args.resume is None and wants_scenario:
        try:
            scenario = _load_scenario_arg(args.scenario or DEFAULT_SCENARIO)
        except _BadInput:
            return EXIT_BAD_INPUT
    paths = _play_outputs(args, scenario)  # before the (possibly long) resume and any play
    if args.resume is not None:
        from deskgame.session.results import ResultsError
        from deskgame.session.saves import resume

        try:
            resumed = resume(args.resume)
        except ResultsError as error:
            print(f"deskgame play: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
    import os

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from deskgame.session.saves import SaveLocked, SaveUnavailable
    from deskgame.ui.app import App
    from deskgame.ui.launch import SaveOptions, display_available

    if not display_available():
        if args.resume is not None:
            print("deskgame play: no display is available here; a saved session carries on only "
                  "where a window can open", file=sys.stderr)
        else:
            print("deskgame play: no display is available here; for a headless session run: "
                  + headless_command(args), file=sys.stderr)
        return EXIT_FAILURE
    policy = make_policy(args.autoplay) if args.autoplay else None
    saves = SaveOptions(autosave=paths.get("--autosave"), resume_from=paths.get("--resume"), team=args.team)
    try:
        calls = {} if args.fair_calls is None else {"fair_calls": args.fair_calls}  # else the app's default
        app = App(scenario, seed=args.seed, policy=policy, saves=saves, resumed=resumed, **calls)
    except SaveLocked as error:
        print(f"deskgame play: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except SaveUnavailable as error:
        print(f"deskgame play: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.out is not None:
        app.results_out = args.out  # the end screen names the file the results go to
    if args.speed is not None:  # every session this run opens starts at it: a demo's "play again"
        app.start_speed = args.speed  # loops fell back to 1x after the first
        if app.live is not None:
            app.live.set_speed(args.speed)
    problems: list[str] = []
    saved_to = None
    try:
        app.run(frames=args.frames)
        if args.screenshot:
            try:
                app.save_screenshot(paths["--screenshot"])
            except OSError as error:
                problems.append(f"--screenshot: {error}")
    finally:
        try:
            problems += _write_play_results(app, args, paths.get("--out"), saves.policy_name(app.policy))
        finally:  # the final autosave and the lock's release happen whatever the results did
            saved_to = app.autosaver.path if app.autosaver is not None else None
            problem = app.close()
            if problem:
                problems.append(f"{problem} ({saved_to}; its previous save is kept)")
    if app.stopped_by:
        print(f"deskgame play: stopped by {app.stopped_by}"
              + (f"; the session was saved to {saved_to}" if saved_to and not problems else ""),
              file=sys.stderr)
    for problem in problems:
        print(f"deskgame play: {problem}", file=sys.stderr)
    return EXIT_FAILURE if problems else EXIT_OK


def headless_command(args: argparse.Namespace) -> str:
    """The ``run`` command for this session, as it works when pasted into a shell anywhere.

    ``python3 tasks.py play`` (the README's first command) runs the game from ``.venv``
    without putting ``deskgame`` on the PATH, so "deskgame run" alone was a command not found:
    the suggestion names the very program that is running, by its full path, unless the
    ``deskgame`` on the PATH is that program.
    """
    import os
    import shlex
    import shutil
    import subprocess

    quote = subprocess.list2cmdline if os.name == "nt" else shlex.join
    script = Path(sys.executable).with_name("deskgame.exe" if os.name == "nt" else "deskgame")
    on_path = shutil.which("deskgame")
    if on_path is not None and script.exists() and Path(on_path).resolve() == script.resolve():
        program = ["deskgame"]
    elif script.exists():
        program = [str(script)]
    else:
        program = [sys.executable, "-m", "deskgame"]
    words = [*program, "run", args.scenario or DEFAULT_SCENARIO]
    if args.seed is not None:
        words += ["--seed", str(args.seed)]
    return quote(words)


def _play_outputs(args: argparse.Namespace, scenario: object) -> dict[str, Path]:
    """Check every file ``play`` will write, before anything starts (DESIGN.md section 3).

    Inputs are the scenario (or, from the title screen, every bundled one) and the save
    being resumed; no two outputs may be the same file.  ``--resume`` alone saves back
    into that file, so it must be writable too.
    """
    from deskgame.scenario.catalog import bundled_scenarios

    inputs: list[tuple[str, str | Path]] = []
    if scenario is not None:
        inputs.append(("the scenario", scenario.file))  # type: ignore[attr-defined]
    elif args.resume is None:
        inputs += [(f"the bundled scenario {item.name}", item.path) for item in bundled_scenarios()]
    paths: dict[str, Path] = {}
    if args.autosave is not None:
        paths["--autosave"] = _check_output(args.autosave, "--autosave", inputs, companions=(".lock",))
    if args.resume is not None:
        paths["--resume"] = Path(args.resume)
        if args.autosave is None:
            try:
                paths["--autosave"] = _check_output(args.resume, "--resume", inputs, companions=(".lock",))
            except UsageError as error:
                raise UsageError(f"{error} (the game saves back into it; give --autosave FILE to save "
                                 "elsewhere)") from None
        inputs.append(("the save to resume", args.resume))
    for flag, given in (("--out", args.out), ("--screenshot", args.screenshot)):
        if given is None:
            continue
        target = _check_output(given, flag, inputs)
        for other, path in paths.items():
            if other != "--resume" and path == target:
                raise UsageError(f"{flag}: {given} is also the {other} file; choose another file")
        paths[flag] = target
    return paths


def _write_play_results(app, args: argparse.Namespace, out: Path | None,  # type: ignore[no-untyped-def]
                        policy: str) -> list[str]:
    """Write the results file when the game closes: to ``--out`` (checked at start), or beside
    the save once the session has ended.  Problems come back as lines, never as exceptions."""
    from deskgame.files import FileProblem, check_output
    from deskgame.session.saves import save_results

    live = app.live
    if live is None:
        return []
    shown = args.out
    if out is None:
        if app.autosaver is None or live.phase != "ended":
            return []
        beside = app.autosaver.path.with_name(app.autosaver.path.stem + "-results.json")
        shown = str(beside)
        try:
            out = check_output(beside, "results")
        except FileProblem as problem:
            return [str(problem)]
    text, problem = _results_text(save_results(live, policy, args.team))
    if text is None:
        return [problem]
    from deskgame.session.results import write_atomic

    try:
        write_atomic(out, text)
    except OSError as error:
        return [f"cannot write the results to {shown}: {error.strerror or error}"]
    print(f"results written to {shown}")
    return []
