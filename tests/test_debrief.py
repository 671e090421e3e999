"""``deskgame debrief``: the report for real teams' results files, and every bad input.

The files are made the way a workshop makes them: ``deskgame run`` with different bots
and ``--team`` names on the same scenario and seed.  The report is then read back as
HTML tables and checked against the numbers in the files themselves.
"""

from __future__ import annotations

import base64
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from deskgame.cli import main

from .conftest import MINIMAL

SCENARIO = "standard-monday"
SEED = 3


class Tables(HTMLParser):
    """Every table of a page as rows of cell texts, with the heading that precedes it."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, list[list[str]]]] = []
        self.heading = ""
        self._in: str | None = None
        self._text = ""
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3"):
            self._in, self._text = tag, ""
        elif tag == "table":
            self.tables.append((self.heading, []))
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._in, self._text = tag, ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3") and self._in == tag:
            self.heading, self._in = self._text.strip(), None
        elif tag in ("td", "th") and self._row is not None:
            self._row.append(" ".join(self._text.split()))
            self._in = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1][1].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text += data


def tables_of(page: str) -> dict[str, list[list[str]]]:
    parser = Tables()
    parser.feed(page)
    found: dict[str, list[list[str]]] = {}
    for heading, rows in parser.tables:
        found.setdefault(heading, rows)
    return found


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three sessions of one day: Blue (triage), Red (servant) and a fifo run without --team."""
    folder = tmp_path_factory.mktemp("workshop")
    teams = (("triage", "Blue", "blue"), ("servant", "Red", "red"), ("fifo", None, "third"))
    for policy, team, name in teams:
        argv = ["run", SCENARIO, "--seed", str(SEED), "--policy", policy,
                "--out", str(folder / f"{name}.json")]
        assert main(argv + (["--team", team] if team else [])) == 0
    return folder


@pytest.fixture(scope="module")
def report(workshop: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("report") / "report.html"
    files = [str(workshop / f"{name}.json") for name in ("blue", "red", "third")]
    assert main(["debrief", *files, "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def results(workshop: Path, name: str) -> dict:  # type: ignore[type-arg]
    return json.loads((workshop / f"{name}.json").read_text(encoding="utf-8"))


def test_names_every_team_and_a_team_without_a_name_by_its_file(report: str) -> None:
    teams = tables_of(report)["Teams"]
    assert [row[0] for row in teams[1:]] == ["Blue", "Red", "third"]
    assert [row[2] for row in teams[1:]] == ["triage", "servant", "fifo"]


def test_holds_its_charts_embedded_and_needs_no_network(report: str) -> None:
    images = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', report)
    assert len(images) == 4          # trust, score, SLA per priority, hidden work
    for image in images:
        assert base64.b64decode(image)[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<script" not in report and "http://" not in report and "https://" not in report
    assert "@page" in report and "@media print" in report


def test_round_table_shows_each_files_kpis(report: str, workshop: Path) -> None:
    rows = tables_of(report)["Score and figures per round"]
    header, body = rows[0], rows[1:]
    assert header[2].startswith("Score") and header[-1].startswith("Status")
    expected = []
    for name in ("blue", "red", "third"):
        data = results(workshop, name)
        for r in data["rounds"]:
            k = r["kpis"]
            sat = [values[-1] for values in r["series"]["satisfaction"].values()]
            expected.append([str(r["round"]), f"{r['score']:.1f}", f"{k['trust']:.1f}",
                             f"{sum(sat) / len(sat):.1f}", f"{k['csat']:.1f}",
                             f"{k['sla_met']:.0%}", f"{k['fcr']:.0%}", f"{k['mean_wait_min']:.1f} min",
                             str(k["backlog_end"]), f"{k['morale']:.0%}", f"{k['hidden_work_min']:.0f} min",
                             f"{k['resolved']}/{r['arrived']}"])
    assert [row[1:13] for row in body] == expected
    for i in range(1, len(header) - 1):   # every column has a footnote
        assert f'id="n{i}"' in report


def test_hidden_work_and_summary_match_the_files(report: str, workshop: Path) -> None:
    hidden = tables_of(report)["Hidden work"]
    for row, name in zip(hidden[1:], ("blue", "red", "third"), strict=True):
        total = sum(r["kpis"]["hidden_work_min"] for r in results(workshop, name)["rounds"])
        assert row[-1] == f"{total:.0f} min"
    teams = tables_of(report)["Teams"]
    assert [row[3] for row in teams[1:]] == [f"{results(workshop, n)['score']:.1f}"
                                             for n in ("blue", "red", "third")]


def test_discussion_prompts_quote_the_numbers(report: str, workshop: Path) -> None:
    prompts = re.findall(r"<li>(.*?)</li>", report.split("For discussion")[1].split("</ol>")[0])
    text = " ".join(prompts).replace("&#x27;", "'")
    blue, red = results(workshop, "blue"), results(workshop, "red")
    red_hidden = sum(r["kpis"]["hidden_work_min"] for r in red["rounds"])
    assert red_hidden > 30    # the servant takes end-runs; triage redirects them
    assert f"Red had {red_hidden:.0f} min of hidden work (specialists working off the books" in text
    assert f"Blue ended with a session score of {blue['score']:.1f}" in text
    assert f"Red with {red['score']:.1f}" in text
    assert len(prompts) >= 4
    # The worst moment names its ticket and when it came in (twins share customer and title).
    teams = [results(workshop, name) for name in ("blue", "red", "third")]
    worst = min((m for s in teams for r in s["rounds"] for m in r["moments"]), key=lambda m: m["rating"])
    lowest = next(p for p in prompts if p.startswith("The lowest-rated moment"))
    assert f"ticket {worst['ticket']}, in at " in lowest


def test_cards_and_moments_are_listed(report: str, workshop: Path) -> None:
    tables = tables_of(report)
    cards = tables["Cards and commitments"]
    blue = results(workshop, "blue")
    blue_rows = [row for row in cards[1:] if row[0] in ("Blue", "")][: len(blue["rounds"]) - 1]
    from deskgame.engine.cards import CARDS

    # Cards by the names the room reads, not their ids.
    assert [row[2] for row in blue_rows] == [", ".join(CARDS[c].title for c in r["improvements"])
                                             for r in blue["rounds"][1:]]
    assert any(row[2] for row in blue_rows)
    moments = tables["Red"]
    red = results(workshop, "red")
    worst = min((m for r in red["rounds"] for m in r["moments"]), key=lambda m: m["rating"])
    row = next(row for row in moments if row[0] == "worst" and row[5] == f"{worst['rating']:.0f}")
    # The ticket is named, with when it came in: twins share a customer and a title.
    if worst["ticket"] is None:
        assert row[4] == "off the books"
    else:
        rounds = [r for r in red["rounds"] if any(t["id"] == worst["ticket"] for t in r["tickets"])]
        ticket = next(t for t in rounds[0]["tickets"] if t["id"] == worst["ticket"])
        from deskgame.scenario.units import format_clock
        arrived = format_clock(8 * 60 + ticket["arrived"])  # standard-monday starts at 08:00
        assert row[4].startswith(f"{worst['ticket']}, in ") and row[4].endswith(arrived)


def test_a_folder_is_read_and_default_out_is_debrief_html(workshop: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["debrief", str(workshop)]) == 0
    page = (tmp_path / "debrief.html").read_text(encoding="utf-8")
    assert "Blue" in page and "Red" in page and "third" in page
    assert "debrief of 3 teams (Blue, Red, third) written to debrief.html" in capsys.readouterr().out


def test_different_seeds_and_injected_events_are_warned(workshop: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "green.json"
    assert main(["run", SCENARIO, "--seed", "4", "--policy", "triage", "--team", "Green",
                 "--out", str(other)]) == 0
    injected = results(workshop, "blue")
    injected["team"] = "Blue again"
    last = injected["decisions"][-1]
    injected["decisions"].append({"round": 3, "step": last["step"] + 1, "t": 1000.0, "action": "inject",
                                  "event": {"kind": "social_storm", "duration": "30m", "hit": 5}})
    (tmp_path / "blue2.json").write_text(json.dumps(injected), encoding="utf-8")
    out = tmp_path / "r.html"
    capsys.readouterr()
    assert main(["debrief", str(workshop / "red.json"), str(other), str(tmp_path / "blue2.json"),
                 "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "different seeds" in page and "Green: seed 4" in page
    assert "injected different events" in page
    events = tables_of(page)["Injected live by the facilitator"]
    # t is the engine's clock (minutes since the session started): 1000 - 2 x 480 = 40 min into round 3
    assert events[1][:4] == ["Blue again", "3", "08:40", "social storm"]
    assert "duration 30m" in events[1][4]
    assert "warning: These files were played with different seeds" in capsys.readouterr().out


def _bad(tmp_path: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    before = {p: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert main(["debrief", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert {p: p.read_bytes() for p in tmp_path.iterdir() if p.is_file() and p in before} == before
    return err


def test_bad_truncated_and_foreign_files_exit_2_naming_the_file(workshop: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    good = str(workshop / "blue.json")
    text = (workshop / "red.json").read_text(encoding="utf-8")
    truncated = tmp_path / "truncated.json"
    truncated.write_text(text[: len(text) // 2], encoding="utf-8")
    foreign = tmp_path / "package.json"
    foreign.write_text('{"name": "left-pad", "version": "1.0.0"}', encoding="utf-8")
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    hollow = tmp_path / "hollow.json"
    data = json.loads(text)
    del data["rounds"][1]["kpis"]["trust"]
    hollow.write_text(json.dumps(data), encoding="utf-8")
    out = str(tmp_path / "r.html")
    assert "truncated.json" in _bad(tmp_path, capsys, good, str(truncated), "--out", out)
    assert "package.json: format" in _bad(tmp_path, capsys, good, str(foreign), "--out", out)
    assert "photo.json: not UTF-8" in _bad(tmp_path, capsys, str(binary), "--out", out)
    assert "hollow.json: rounds[1].kpis.trust: expected a number" in _bad(tmp_path, capsys, str(hollow),
                                                                          "--out", out)
    missing = str(tmp_path / "missing.json")
    assert "missing.json: no such file" in _bad(tmp_path, capsys, missing, "--out", out)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no results files" in _bad(tmp_path, capsys, str(empty), "--out", out)
    assert not (tmp_path / "r.html").exists()


def test_the_report_never_overwrites_an_input(workshop: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "blue.json"
    copy.write_bytes((workshop / "blue.json").read_bytes())
    link = tmp_path / "link.html"
    link.symlink_to(copy)
    assert "is one of the results files" in _bad(tmp_path, capsys, str(copy), "--out", str(copy))
    assert "is one of the results files" in _bad(tmp_path, capsys, str(copy), "--out", str(link))
    assert "does not exist" in _bad(tmp_path, capsys, str(copy), "--out", str(tmp_path / "no" / "r.html"))
    assert "not a regular file" in _bad(tmp_path, capsys, str(copy), "--out", str(tmp_path))


HARSH = MINIMAL.replace("title: Tiny", "title: Harsh\nrounds: 3\nround: {length: 1h}\n"
                        "scoring: {outsourcing_below: 99}\n"
                        "facilitator_notes: |\n  Watch who answers the phone.\n\n  Stop after round 2.")


def test_one_outsourced_team_with_facilitator_notes(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    scenario = write(HARSH)
    assert main(["run", str(scenario), "--policy", "fifo", "--out", str(tmp_path / "solo.json")]) == 0
    data = json.loads((tmp_path / "solo.json").read_text(encoding="utf-8"))
    assert data["ended"] == "outsourced"
    out = tmp_path / "solo.html"
    assert main(["debrief", str(tmp_path / "solo.json"), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<p>Watch who answers the phone.</p><p>Stop after round 2.</p>" in page
    notice = tables_of(page)["On notice and outsourcing"]
    trust = [r["kpis"]["trust"] for r in data["rounds"]]
    assert notice[1] == ["solo", f"on notice ({trust[0]:.1f})", f"outsourced ({trust[1]:.1f})", "not played"]
    prompts = page.split("For discussion")[1].split("</ol>")[0]
    assert f"solo was put on notice after round 1: trust {trust[0]:.1f}, below the line of 99" in prompts
    assert tables_of(page)["Teams"][1][-1] == "outsourced"


def test_a_save_and_its_results_copy_in_one_folder_count_once(workshop: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    for name in ("blue.json", "blue-results.json"):
        (folder / name).write_bytes((workshop / "blue.json").read_bytes())
    (folder / ".#blue.json").write_text("editor lock", encoding="utf-8")   # hidden: skipped
    assert main(["debrief", str(folder), "--out", str(tmp_path / "r.html")]) == 0
    out = capsys.readouterr().out
    assert "blue.json is the same session as" in out and "debrief of 1 team (Blue)" in out


def test_what_each_team_did_is_counted_from_its_decisions(report: str, workshop: Path) -> None:
    table = tables_of(report)["What each team did"]
    header = table[0]
    for row, name in zip(table[1:], ("blue", "red", "third"), strict=True):
        decisions = results(workshop, name)["decisions"]
        updates = sum(1 for d in decisions if d["action"] == "update")
        taken = sum(1 for d in decisions if d["action"] == "answer" and d.get("choice") == "take")
        assert row[header.index("updates to waiting callers")] == str(updates)
        assert row[header.index("end-runs taken")] == str(taken)
    assert table[2][header.index("end-runs taken")] != "0"     # the servant takes them


def test_the_trust_chart_marks_the_scripted_major_incident(workshop: Path) -> None:
    """The chart marks each event at its hour from the session's start (round 2's 11:00 on an
    08:00-16:00 day is 8 + 3 = 11 hours in), and wide tables scroll inside the page."""
    from deskgame.report.charts import event_marks
    from deskgame.report.sessions import load_session

    sessions = [load_session(workshop / "blue.json"), load_session(workshop / "red.json")]
    scenario = sessions[0].scenario
    length = scenario.round.length
    expected = [((e.at.round - 1) * length + e.at.offset(scenario.round)) / 60
                for e in scenario.events]
    marks = event_marks(sessions, length)
    assert [hours for hours, _, _ in marks] == sorted(expected)
    assert {letter for _, letter, team in marks} <= {"M", "W", "A", "S"}
    assert all(team is None for _, _, team in marks)  # nobody injected anything here
    assert any(e.kind == "major_incident" for e in scenario.events)


def test_tables_with_many_columns_scroll_inside_the_page(report: str) -> None:
    from deskgame.report.debrief import WIDE_COLUMNS

    for match in re.finditer(r"(<div class=wide>)?<table><thead><tr>(.*?)</tr>", report):
        columns = match.group(2).count("<th")
        assert (match.group(1) is not None) == (columns > WIDE_COLUMNS), columns


def test_the_notice_prompt_tells_what_came_after_the_notice() -> None:
    """On notice in the last round: the session ended there, nobody 'played on'."""
    from types import SimpleNamespace as Fake

    from deskgame.report.prompts import _notice

    def rounds(*trusts: float) -> list[Fake]:
        return [Fake(number=i + 1, on_notice=t < 45, kpis={"trust": t}) for i, t in enumerate(trusts)]

    scenario = Fake(scoring=Fake(outsourcing_below=45))
    safe = Fake(name="Blue", rounds=rounds(60, 62), ended="completed", scenario=scenario)
    last = Fake(name="Red", rounds=rounds(50, 41.4), ended="completed", scenario=scenario)
    assert "after round 2: trust 41.4, below the line of 45, as the session ended." in _notice([safe, last])
    lifted = Fake(name="Red", rounds=rounds(41, 50, 52), ended="completed", scenario=scenario)
    assert "after round 1: trust 41.0, below the line of 45, and lifted the notice in round 2." in \
        _notice([safe, lifted])
    out = Fake(name="Red", rounds=rounds(41, 40), ended="outsourced", scenario=scenario)
    assert "and was outsourced at the next round below the line" in _notice([out, safe])


def test_the_trust_chart_has_clock_times_every_two_hours_of_each_round() -> None:
    from deskgame.report.charts import clock_ticks

    hours, labels = clock_ticks(8 * 60, 8 * 60, 3)  # 08:00-16:00, three rounds side by side
    assert hours == [2, 4, 6, 10, 12, 14, 18, 20, 22]
    assert labels == ["10:00", "12:00", "14:00"] * 3


def test_departments_and_posts_per_round_come_from_the_files(report: str, workshop: Path) -> None:
    table = tables_of(report)["Departments and word of mouth"]
    red = results(workshop, "red")
    names = list(red["rounds"][0]["series"]["satisfaction"])
    assert table[0] == ["Team", "Round", *names, "Public posts"]
    red_rows = [row for row in table[1:] if row[0] in ("Red",)]
    first = table.index(red_rows[0])
    for r, row in zip(red["rounds"], table[first:first + len(red["rounds"])], strict=True):
        assert row[1] == str(r["round"])
        assert row[2:-1] == [f"{r['series']['satisfaction'][n][-1]:.0f}" for n in names]
        assert row[-1] == str(len(r["posts"]))


def test_prompts_name_word_of_mouth_and_the_outage_broadcasts(report: str, workshop: Path) -> None:
    files = {name: results(workshop, name) for name in ("blue", "red", "third")}
    posts = {name: sum(len(r["posts"]) for r in data["rounds"]) for name, data in files.items()}
    casts = {name: sum(1 for d in data["decisions"] if d["action"] == "broadcast")
             for name, data in files.items()}
    page = " ".join(report.split())
    assert max(posts.values()) - min(posts.values()) >= 5  # the servant's day goes public, triage's not
    assert f"customers posted {max(posts.values())} bad experiences in public" in page
    assert casts["blue"] > casts["red"]  # triage broadcasts during the round-2 outage, servant does not
    assert f"During the major incident Blue sent {casts['blue']} status broadcast" in page
