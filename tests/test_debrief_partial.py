"""``deskgame debrief`` with partial files (review 3): a save with no finished round is left out
with a warning, a save in progress is compared over the rounds every team played, and a team
named by a long file name does not push the Teams table past the page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from deskgame.cli import main

from .test_debrief import tables_of

SCENARIO, SEED = "standard-monday", 3
LONG = "monday-at-northwind-seed7-20261130-060924"  # 41 characters, as a save is named


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("partial")
    for policy in ("triage", "servant"):
        assert main(["run", SCENARIO, "--seed", str(SEED), "--policy", policy,
                     "--out", str(folder / f"{policy}.json")]) == 0
    servant = json.loads((folder / "servant.json").read_text(encoding="utf-8"))
    rounds = len(servant["rounds"])
    save = dict(servant, ended="in_progress", rounds=servant["rounds"][:1], team=None)
    save["score"] = servant["rounds"][0]["score"] / rounds   # unplayed rounds count 0 in the file
    (folder / f"{LONG}.json").write_text(json.dumps(save), encoding="utf-8")
    empty = dict(save, rounds=[], score=0.0)
    (folder / "empty-save.json").write_text(json.dumps(empty), encoding="utf-8")
    return {"triage": folder / "triage.json", "save": folder / f"{LONG}.json",
            "empty": folder / "empty-save.json", "file_score": save["score"], "first": servant["rounds"][0]}


def _debrief(tmp_path: Path, *paths: Path) -> str:
    out = tmp_path / "report.html"
    assert main(["debrief", *map(str, paths), "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_a_save_with_no_round_is_left_out_with_a_warning(files, tmp_path, capsys):
    page = _debrief(tmp_path, files["triage"], files["empty"])
    said = capsys.readouterr()
    assert "empty-save.json left out" in said.out + said.err
    assert [row[0] for row in tables_of(page)["Teams"][1:]] == ["triage"]


def test_a_save_alone_with_no_round_is_still_a_clear_error(files, tmp_path, capsys):
    assert main(["debrief", str(files["empty"]), "--out", str(tmp_path / "r.html")]) == 2
    assert "no round was played" in capsys.readouterr().err


def test_a_save_in_progress_is_compared_over_the_rounds_both_played(files, tmp_path):
    page = _debrief(tmp_path, files["triage"], files["save"])
    prompts = re.findall(r"<li>(.*?)</li>", page.split("For discussion")[1].split("</ol>")[0], re.S)
    assert prompts and prompts[0].startswith("Compared over round 1 only, the rounds every team played")
    text = " ".join(prompts)
    assert f"{files['file_score']:.1f}" not in text        # the 0-counted score is not compared
    teams = tables_of(page)["Teams"]
    save_row = next(row for row in teams[1:] if row[4].startswith("1 of"))
    assert save_row[0] == "monday-at-northwind\u2026"
    assert save_row[3] == f"{files['first']['score']:.1f} so far"


def test_a_long_team_name_is_shortened_and_its_path_wraps(files, tmp_path):
    page = _debrief(tmp_path, files["triage"], files["save"])
    teams = tables_of(page)["Teams"]
    names = [row[0] for row in teams[1:]]
    assert "monday-at-northwind\u2026" in names and max(len(n) for n in names) <= 24
    assert any(row[1].endswith(f"{LONG}.json") for row in teams[1:])  # the whole file name beside it
    assert "td code { overflow-wrap: anywhere; }" in page
