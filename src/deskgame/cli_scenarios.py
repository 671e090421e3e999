"""`deskgame scenarios [FOLDER]`: the bundled scenarios, or the scenario files of a
facilitator's folder, as a table (name, difficulty, rounds, team size, title and the
briefing's first sentence).

Apart from ``cli.py`` to keep that file to the command table; it prints with rich, which
is imported only when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from deskgame.cli import EXIT_BAD_INPUT, EXIT_OK, UsageError
from deskgame.scenario.catalog import DEFAULT_SCENARIO, BundledScenario, bundled_scenarios, folder_scenarios


def command_scenarios(args: argparse.Namespace) -> int:
    """The bundled scenarios, or the scenario files of a facilitator's folder, in one table
    (name, title and the briefing's first sentence, difficulty, rounds, team size).  Files of the
    folder that do not load get one line each (their first problem) after the table, and
    exit 2, so the command also checks a folder before a workshop."""
    if args.folder is None:
        scenario_table("Bundled scenarios", bundled_scenarios(), DEFAULT_SCENARIO)
        print("Play one with: deskgame play NAME (or a file of your own: deskgame play FILE.yaml)")
        return EXIT_OK
    folder = Path(args.folder)
    if not folder.exists():
        raise UsageError(f"{args.folder}: no such folder")
    if not folder.is_dir():
        raise UsageError(f"{args.folder}: not a folder (to check one file: deskgame validate FILE)")
    try:
        listing = folder_scenarios(folder)
    except OSError as error:
        raise UsageError(f"{args.folder}: cannot read the folder: {error.strerror or error}") from None
    if not listing.scenarios and not listing.broken:
        print(f"{args.folder}: no scenario files (*.yaml, *.yml) in this folder")
        return EXIT_OK
    if listing.scenarios:
        scenario_table(f"Scenarios in {args.folder}", listing.scenarios)
    for path, error in listing.broken:
        more = len(error.problems) - 1
        rest = f" (and {more} more: deskgame validate {path})" if more else ""
        print(f"{error.problems[0]}{rest}" if error.problems else f"{path}: invalid scenario")
    if listing.left_out:
        print(f"{listing.left_out} more files not read: a folder lists at most "
              f"{len(listing.scenarios) + len(listing.broken)}")
    if listing.scenarios:
        print(f"Play one with: deskgame play {folder / listing.scenarios[0].name}")
    if listing.broken:
        print(f"{len(listing.broken)} of {len(listing.scenarios) + len(listing.broken)} files are not "
              "valid scenarios", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def scenario_table(title: str, items: Sequence[BundledScenario], default: str = "") -> None:
    """One row per scenario; the title column takes the width left and wraps, the others never do."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Text, not markup: a file name or title such as "[draft] Monday" must print as written.
    table = Table(title=Text(title), title_justify="left", box=box.SIMPLE_HEAD, show_lines=True)
    table.add_column("scenario", no_wrap=True)
    table.add_column("difficulty", no_wrap=True)
    table.add_column("rounds", justify="right", no_wrap=True)
    table.add_column("team", justify="right", no_wrap=True)
    table.add_column("title and briefing", ratio=1, min_width=24)
    for item in items:
        mark = " (default)" if item.name == default else ""
        about = f"{item.title}{mark}" + (f"\n{item.summary}" if item.summary else "")
        table.add_row(Text(item.name), item.difficulty or "-", str(item.rounds), str(item.team), Text(about))
    Console(highlight=False).print(table)
