import pytest

from deskgame.scenario.units import format_clock, parse_clock, parse_duration, parse_rate


@pytest.mark.parametrize(("text", "minutes"), [
    ("90s", 1.5), ("15m", 15.0), ("8h", 480.0), ("1.5h", 90.0), ("2d", 2880.0), (" 0.5 h ", 30.0),
])
def test_durations_are_minutes(text, minutes):
    assert parse_duration(text) == pytest.approx(minutes)


@pytest.mark.parametrize("text", ["15", "m", "-5m", "1.5x", "15 minutes", "", "1e400h"])
def test_not_durations(text):
    assert parse_duration(text) is None


@pytest.mark.parametrize(("text", "per_minute"), [("6/h", 0.1), ("2.5/h", 2.5 / 60), ("30/d", 30 / 1440)])
def test_rates_are_per_minute(text, per_minute):
    assert parse_rate(text) == pytest.approx(per_minute)


def test_clock_round_trip():
    assert parse_clock("10:30") == 630
    assert parse_clock("24:00") is None and parse_clock("9:75") is None
    assert format_clock(630) == "10:30"
