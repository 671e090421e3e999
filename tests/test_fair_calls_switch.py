"""``deskgame play --fair-calls / --no-fair-calls``: the switch reaches the game, and it
changes what a ringing call does to the clock (issue 11: calls stay fair at speed unless
the table turns that off)."""

from __future__ import annotations

import pytest

from deskgame.cli import build_parser, main
from deskgame.scenario import load_scenario
from deskgame.ui import app as app_module
from deskgame.ui.app import App, SaveOptions

from .conftest import SCENARIOS


@pytest.mark.parametrize(("flag", "expected"), [([], True), (["--fair-calls"], True),
                                                 (["--no-fair-calls"], False)])
def test_the_switch_reaches_the_game(monkeypatch, tmp_path, flag, expected) -> None:  # type: ignore[no-untyped-def]
    made: list[App] = []

    class Recorded(App):
        def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(app_module, "App", Recorded)
    code = main(["play", "first-day", "--autoplay", "fifo", "--frames", "2", *flag,
                 "--autosave", str(tmp_path / "s.json")])
    assert code == 0
    assert [a.fair_calls for a in made] == [expected]


def test_help_documents_it(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["play", "--help"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "--fair-calls, --no-fair-calls" in said and "15 real seconds" in said
    assert build_parser().parse_args(["play"]).fair_calls is None  # the game's default decides


@pytest.mark.parametrize("fair", [True, False])
def test_a_ringing_call_slows_the_clock_only_when_calls_are_fair(fair: bool) -> None:
    app = App(load_scenario(SCENARIOS / "standard-monday.yaml"), seed=7, saves=SaveOptions(enabled=False),
              fair_calls=fair)
    try:
        app.start_play()
        app.live.set_speed(8)
        for _ in range(20000):
            if app.live.world.calls:
                break
            app.step(0.05)
        assert app.live.world.calls
        before = app.live.world.now
        app.step(1.0)
        moved = app.live.world.now - before
        full = 8 * app.live.minutes_per_real_second
        if fair:
            assert moved < full / 2  # at most call_window / 15 minutes per real second
        else:
            assert moved == pytest.approx(full)
    finally:
        app.close()
