"""``deskgame scenarios [FOLDER]``: the bundled scenarios, or a facilitator's own folder.

Each scenario is a row with its difficulty, rounds and team size; a file of the folder
that is not a valid scenario is one line (its first problem, FILE:LINE:COL) and exit 2.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deskgame.cli import main
from deskgame.scenario import load_scenario
from deskgame.scenario.catalog import summary

from .conftest import MINIMAL, SCENARIOS


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")   # rows on one line each, so a row can be read back


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["scenarios", *args])
    out, err = capsys.readouterr()
    return code, out, err


def row(out: str, name: str) -> list[str]:
    [line] = [line for line in out.splitlines() if line.split()[:1] == [name]]
    return line.split()


def test_without_a_folder_the_bundled_ones_are_listed_with_difficulty_rounds_and_team(capsys) -> None:
    code, out, _ = run(capsys)
    assert code == 0
    for name in ("standard-monday", "first-day", "byod-after-holidays"):
        scenario = load_scenario(SCENARIOS / f"{name}.yaml")
        cells = row(out, name)
        assert cells[1:4] == [scenario.difficulty, str(scenario.rounds), str(len(scenario.team))], cells
        assert " ".join(cells[4:]).startswith(scenario.title)
    assert "(default)" in " ".join(row(out, "standard-monday"))
    assert row(out, "examples/mmc")[1] == "-"           # no difficulty stated


def test_a_folder_lists_its_valid_files_and_one_line_per_invalid_one(capsys, tmp_path: Path) -> None:
    shutil.copy(SCENARIOS / "first-day.yaml", tmp_path / "my-desk.yaml")
    (tmp_path / "quick.yml").write_text(MINIMAL.replace("title: Tiny", "title: Quick\nrounds: 2"))
    broken = MINIMAL.replace("role: desk", "role: boss").replace("service: email", "service: emial")
    (tmp_path / "broken.yaml").write_text(broken)
    (tmp_path / "notes.txt").write_text("not a scenario")
    (tmp_path / ".draft.yaml").write_text("hidden: not listed")
    (tmp_path / "old").mkdir()
    shutil.copy(SCENARIOS / "standard-monday.yaml", tmp_path / "old" / "monday.yaml")
    code, out, err = run(capsys, str(tmp_path))
    assert code == 2                                     # a file that does not load is bad input
    assert row(out, "my-desk.yaml")[1:4] == ["easy", "1", "3"]
    assert row(out, "quick.yml")[1:4] == ["-", "2", "1"]
    problems = [line for line in out.splitlines() if "broken.yaml" in line]
    assert len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'broken.yaml'}:4:") and "team[0].role" in problems[0]
    assert f"(and 1 more: deskgame validate {tmp_path / 'broken.yaml'})" in problems[0]
    assert "notes.txt" not in out and ".draft" not in out and "monday" not in out
    assert "1 of 3 files are not valid scenarios" in err
    assert (tmp_path / "broken.yaml").read_text() == broken   # nothing changed


def test_a_folder_of_good_files_exits_0_and_an_empty_one_says_so(capsys, tmp_path: Path) -> None:
    shutil.copy(SCENARIOS / "standard-monday.yaml", tmp_path / "monday.yaml")
    assert run(capsys, str(tmp_path))[0] == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _ = run(capsys, str(empty))
    assert code == 0 and "no scenario files" in out


@pytest.mark.parametrize(("make", "words"), [
    (lambda p: p / "missing", "no such folder"),
    (lambda p: (p / "one.yaml", (p / "one.yaml").write_text(MINIMAL))[0], "not a folder"),
])
def test_a_path_that_is_not_a_folder_is_one_line_and_exit_2(capsys, tmp_path: Path, make, words) -> None:
    code, out, err = run(capsys, str(make(tmp_path)))
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and words in err


def test_a_file_name_or_title_in_brackets_prints_as_written(capsys, tmp_path: Path) -> None:
    (tmp_path / "[red]x.yaml").write_text(MINIMAL.replace("title: Tiny", 'title: "[bold]Draft[/bold]"'))
    code, out, _ = run(capsys, str(tmp_path))
    assert code == 0 and row(out, "[red]x.yaml")[4] == "[bold]Draft[/bold]"


def test_the_summary_is_the_briefings_first_sentence() -> None:
    assert summary("First day of January.  Half the sales\nforce got tablets.") == "First day of January."
    assert summary("Welcome to a desk with\ntwo people.\nMore.") == "Welcome to a desk with two people."
    assert summary("No full stop\n\nSecond paragraph.") == "No full stop"
    assert summary("") == ""
    long = summary("word " * 100)
    assert len(long) <= 205 and long.endswith("...")
