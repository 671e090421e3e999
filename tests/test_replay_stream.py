"""``deskgame replay`` streams its file: the same verdicts and the same errors as reading it whole.

Each test holds the streamed path (``replay_file``) against the whole-file path
(``replay_whole`` / ``read_results``) on the same file, so "streamed" can never quietly
mean "different".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deskgame.policies import make_policy
from deskgame.scenario import load_scenario_text
from deskgame.session import results_stream
from deskgame.session.replay_file import replay_file, replay_whole
from deskgame.session.results import ResultsError, build_results, dumps, read_results
from deskgame.session.results_stream import ResultsStream
from deskgame.session.runner import run_session

from .conftest import MINIMAL

# A scenario whose text holds non-ASCII letters, so a file written without escapes has
# characters of two and three bytes for the reader's chunks to cut through.
TEXT = MINIMAL.replace("title: Tiny", "title: Tiny — café day\nrounds: 3")


@pytest.fixture(scope="module")
def session() -> dict:
    outcome = run_session(load_scenario_text(TEXT, "tiny.yaml", file="tiny.yaml"), 3, make_policy("triage"))
    results = build_results(outcome, "triage", "Blue")
    assert len(results["rounds"]) >= 2 and len(results["decisions"]) >= 2
    return json.loads(dumps(results))  # as a reader sees it


def write(path: Path, data: dict, **options) -> Path:  # type: ignore[no-untyped-def]
    path.write_text(json.dumps(data, **options), encoding="utf-8")
    return path


def refusal(function, *args) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ResultsError) as caught:
        function(*args)
    return str(caught.value)


def test_a_small_file_round_trips_through_the_stream(tmp_path, session):
    path = tmp_path / "r.json"
    path.write_text(dumps(session), encoding="utf-8")
    whole = read_results(path)
    with ResultsStream(path) as stream:
        rounds = []
        for pieces in stream.rounds():
            record: dict = {}
            for kind, key, value in pieces:
                if kind == "field":
                    record[key] = value
                elif kind == "tickets":
                    record["tickets"] = []
                elif kind == "ticket":
                    assert key == len(record["tickets"])
                    record["tickets"].append(value)
            rounds.append(record)
        stream.finish()
        header = stream.header
        decisions = list(stream.decisions())
        assert list(stream.decisions()) == decisions  # read again as often as needed
    assert rounds == whole["rounds"] and decisions == whole["decisions"]
    assert list(header) == list(whole)  # the file's key order, "rounds" and "decisions" in their places
    assert header["decisions"] == [] and stream.decisions_count == len(decisions)
    assert {**header, "rounds": rounds, "decisions": decisions} == whole
    verdict = replay_file(path)
    assert verdict.streamed and verdict.difference is None
    assert verdict.decisions == len(session["decisions"]) and verdict.score == pytest.approx(session["score"])


def _tamper(data: dict, case: str) -> None:
    last = len(data["rounds"]) - 1
    if case == "a ticket's agent in the last round":
        data["rounds"][last]["tickets"][3]["agent"] = "Nobody"
    elif case == "a figure":
        data["rounds"][0]["kpis"]["trust"] += 1
    elif case == "a ticket dropped":
        del data["rounds"][1]["tickets"][-1]
    elif case == "a ticket added":
        data["rounds"][0]["tickets"].append(dict(data["rounds"][0]["tickets"][0]))
    elif case == "a round's key dropped":
        del data["rounds"][1]["posts"]
    elif case == "a round's key added after its tickets":
        data["rounds"][0]["extra"] = 1
    elif case == "a round missing":
        del data["rounds"][last]
    elif case == "a round that is not an object":
        data["rounds"][1] = [1, 2]
    elif case == "the session score":
        data["score"] += 0.5
    elif case == "a header key the replay lacks":
        data["note"] = "x"
    else:
        raise AssertionError(case)


TAMPERED = ["a ticket's agent in the last round", "a figure", "a ticket dropped", "a ticket added",
            "a round's key dropped", "a round's key added after its tickets", "a round missing",
            "a round that is not an object", "the session score", "a header key the replay lacks"]


@pytest.mark.parametrize("case", TAMPERED)
def test_a_tampered_file_is_caught_where_reading_it_whole_catches_it(tmp_path, session, case):
    data = json.loads(json.dumps(session))
    _tamper(data, case)
    path = write(tmp_path / "t.json", data)
    streamed, whole = replay_file(path), replay_whole(path)
    assert streamed.streamed
    assert whole.difference is not None
    assert streamed.difference == whole.difference


def test_the_first_difference_wins_when_there_are_several(tmp_path, session):
    data = json.loads(json.dumps(session))
    data["rounds"][1]["tickets"][0]["title"] = "changed"
    data["rounds"][1]["tickets"][2]["agent"] = "Nobody"
    data["rounds"][0]["score"] += 1
    path = write(tmp_path / "t.json", data, indent=1)
    streamed = replay_file(path)
    assert streamed.streamed and streamed.difference == replay_whole(path).difference
    assert streamed.difference is not None and streamed.difference.startswith("rounds[0].score:")


@pytest.mark.parametrize("indent", [None, 2])
def test_a_file_cut_anywhere_is_refused_with_the_same_line_and_column(tmp_path, session, indent):
    text = json.dumps(session, indent=indent)
    start = text.index('"rounds"')
    cuts = [start + 12, (start + len(text)) // 2, len(text) - 40, len(text) - 1]
    cuts += [text.index('"tickets"', start) + 30, text.rindex('"tickets"') + 200]
    for cut in cuts:
        path = tmp_path / "cut.json"
        path.write_text(text[:cut], encoding="utf-8")
        expected = refusal(read_results, path)
        assert "not valid JSON" in expected
        assert refusal(replay_file, path) == expected, cut


@pytest.mark.parametrize("case", ["a bad character in a ticket", "a missing comma between rounds",
                                  "trailing text", "a 30-digit number in a ticket", "NaN in a round",
                                  "a lone surrogate in a ticket's title",
                                  "a lone surrogate in a round's key"])
def test_a_broken_round_is_refused_with_the_whole_file_readers_line(tmp_path, session, case):
    text = json.dumps(session, indent=1)
    ticket = text.rindex('"agent"')  # in the last round
    if case == "a bad character in a ticket":
        text = text[:ticket] + "@" + text[ticket:]
    elif case == "a missing comma between rounds":
        at = text.index('"round": 2') - 1
        at = text.rindex(",", 0, at)
        text = text[:at] + text[at + 1:]
    elif case == "trailing text":
        text += "\n  x"
    elif case == "a 30-digit number in a ticket":
        text = text[:ticket] + '"n": ' + "1" * 30 + ", " + text[ticket:]
    elif case == "NaN in a round":
        text = text.replace('"on_notice"', '"odd": NaN, "on_notice"', 1)
    elif case == "a lone surrogate in a ticket's title":
        at = text.rindex('"title": "') + len('"title": "')
        text = text[:at] + "\\ud800" + text[at:]
    else:
        text = text.replace('"on_notice"', '"\\udcff": 1, "on_notice"', 1)
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    expected = refusal(read_results, path)
    assert refusal(replay_file, path) == expected


def test_a_broken_round_is_told_before_a_header_problem_as_when_read_whole(tmp_path, session):
    data = json.loads(json.dumps(session))
    data["team"] = ["Red"]  # a header problem...
    text = json.dumps(data)
    text = text[:-30]       # ...and the file cut short: the cut is told, as before
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    assert refusal(replay_file, path) == refusal(read_results, path)
    path.write_text(json.dumps(data), encoding="utf-8")
    assert "team: expected text" in refusal(replay_file, path)


def test_a_file_read_in_tiny_pieces_replays_the_same(tmp_path, session, monkeypatch):
    """Chunks of 7 bytes cut numbers, escapes and multi-byte letters: nothing may change."""
    data = json.loads(json.dumps(session))
    data["rounds"][1]["tickets"][4]["rating"] = 12.345678901234
    path = write(tmp_path / "t.json", data, ensure_ascii=False)
    assert "—" in path.read_text(encoding="utf-8")
    expected = replay_whole(path).difference
    monkeypatch.setattr(results_stream, "CHUNK_BYTES", 7)
    verdict = replay_file(path)
    assert verdict.streamed and verdict.difference == expected
    assert expected is not None and "rounds[1].tickets[4].rating: 12.345678901234 != " in expected


def test_the_reader_holds_a_window_not_the_file(tmp_path, session, monkeypatch):
    """The text held at once stays near one chunk however many tickets the rounds have."""
    data = json.loads(json.dumps(session))
    many = [dict(data["rounds"][0]["tickets"][0], id=f"T{i:06d}") for i in range(5000)]
    data["rounds"][0]["tickets"] = many
    path = write(tmp_path / "big.json", data)
    monkeypatch.setattr(results_stream, "CHUNK_BYTES", 4096)
    held = []
    fill = results_stream._Text.fill

    def watched(self, want=None):  # type: ignore[no-untyped-def]
        fill(self, want)
        held.append(len(self.buf))

    monkeypatch.setattr(results_stream._Text, "fill", watched)
    with ResultsStream(path) as stream:
        header_window = max(held)
        count = sum(1 for pieces in stream.rounds() for kind, _, _ in pieces if kind == "ticket")
        stream.finish()
    assert count == 5000 + sum(len(r["tickets"]) for r in data["rounds"][1:])
    assert path.stat().st_size > 100 * 4096
    assert header_window < 20 * 4096  # the scenario's text is the longest value before the rounds
    assert max(held) <= max(header_window, 3 * 4096)


def test_a_file_whose_rounds_come_first_is_read_whole_and_still_replays(tmp_path, session):
    data = json.loads(json.dumps(session))
    reordered = {"rounds": data.pop("rounds"), **data}
    path = write(tmp_path / "r.json", reordered)
    verdict = replay_file(path)
    assert not verdict.streamed and verdict.difference is None
    reordered["rounds"][0]["kpis"]["trust"] += 1
    write(path, reordered)
    assert replay_file(path).difference == replay_whole(path).difference


def test_a_replay_key_given_again_after_the_rounds_is_read_as_json_reads_it(tmp_path, session):
    """json keeps the last of two equal keys: a second seed after the rounds must not be ignored
    (here it makes the recorded decisions name tickets that never arrive)."""
    text = dumps(session).rstrip()
    assert text.endswith("}")
    path = tmp_path / "r.json"
    path.write_text(text[:-1] + ', "seed": 4}', encoding="utf-8")
    message = refusal(replay_file, path)
    assert message == refusal(replay_whole, path) and "decisions" in message


def test_an_old_files_version_is_refused_by_the_stream_too(tmp_path, session):
    data = dict(session, deskgame_version="0.4.9")
    path = write(tmp_path / "old.json", data)
    message = refusal(replay_file, path)
    assert message == refusal(read_results, path) and "deskgame_version" in message


@pytest.mark.parametrize("case", ["a decision out of order", "a decision's step as text",
                                  "a lone surrogate in a decision", "a lone surrogate in a header key",
                                  "a decision never reached"])
def test_a_bad_decision_is_refused_as_when_read_whole(tmp_path, session, case):
    """The decisions are checked while the header is read and then dropped: the words stay the same."""
    data = json.loads(json.dumps(session))
    if case == "a decision out of order":
        data["decisions"][1]["step"], data["decisions"][0]["step"] = 0, data["decisions"][1]["step"]
        data["decisions"][1]["round"] = 1
    elif case == "a decision's step as text":
        data["decisions"][-1]["step"] = "5"
    elif case == "a lone surrogate in a decision":
        data["decisions"][2]["ticket"] = "T\ud800"
    elif case == "a lone surrogate in a header key":
        data = {"\udcff": 1, **data}
    else:
        data["decisions"].append(dict(data["decisions"][-1], step=999_999_999))
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data), encoding="utf-8", errors="surrogatepass")
    expected = refusal(replay_whole, path)
    assert refusal(replay_file, path) == expected


def test_streamed_decisions_are_compared_item_by_item_as_a_list_would_be():
    from deskgame.session.replay_check import difference_with_streamed, first_difference

    file_decisions = [{"round": 1, "step": s, "action": "a"} for s in range(5)]
    for again in (file_decisions[:4], file_decisions + [{"round": 2}], file_decisions[:2] + [{"round": 9}],
                  list(file_decisions), "not a list"):
        original = {"format": "f", "decisions": [], "score": 1.0}
        replayed = {"format": "f", "decisions": again, "score": 2.0}
        expected = first_difference({**original, "decisions": file_decisions}, replayed)
        found = difference_with_streamed(original, replayed, {"decisions": lambda: iter(file_decisions)})
        if isinstance(again, str):
            assert found == "decisions: a list != 'not a list'"
        else:
            assert found == expected and found is not None
