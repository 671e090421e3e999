"""A facilitator review of ``deskgame validate``: an absence late in the last round, after the last
moment the work only the absent person can do may arrive, is fair and must pass; one while that
work can still arrive is refused as before.
"""

from __future__ import annotations

from .conftest import PRINTERS
from .conftest import scenario_problems as problems


def with_(old: str, new: str, text: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# Ravi alone holds printing; printing calls stop at 15:00 (profile 0 from then); he leaves for good.
LATE = (PRINTERS.replace("title: Printers", "title: Printers, late leave")
        .replace("    rate: 1/h\n", '    rate: 1/h\n    profile: {"08:00": 1, "15:00": 0}\n')
        .replace('{round: 1, time: "10:00"}', '{round: 2, time: "15:30"}'))


def refused(when: str) -> list[str]:
    return [f"s.yaml:25:5: events[0].duration: absence of Ravi from {when} leaves nobody who holds printing "
            "for the rest of the session (demand[1] needs it): give the absence a duration or give printing "
            "to someone else"]


def test_an_absence_after_the_last_printing_call_can_arrive_is_accepted() -> None:
    assert problems(LATE) == []
    # From the very moment the profile turns zero, too.
    assert problems(with_('time: "15:30"', 'time: "15:00"', LATE)) == []


def test_an_absence_while_the_work_can_still_arrive_is_still_refused() -> None:
    # Before 15:00 printing calls still come that afternoon: the line says until when, and that
    # starting the absence then is a way out.
    assert problems(with_('time: "15:30"', 'time: "14:30"', LATE)) == [
        "s.yaml:25:5: events[0].duration: absence of Ravi from round 2, 14:30 leaves nobody who holds "
        "printing for the rest of the session (demand[1] needs it, and its profile brings it until 15:00): "
        "give the absence a duration, start it at 15:00 or later, or give printing to someone else"]
    # In round 1 they come again all of round 2's morning.
    assert problems(with_("round: 2, time", "round: 1, time", LATE)) == refused("round 1, 15:30")
    # A flat profile brings them until the round's last minute.
    flat = with_('    profile: {"08:00": 1, "15:00": 0}\n', "", LATE)
    assert problems(flat) == [line.replace("25:5", "24:5") for line in refused("round 2, 15:30")]
    # A profile that comes back at 15:45 (within the round) brings them after he has gone.
    assert problems(with_('"15:00": 0}', '"15:00": 0, "15:45": 1}', LATE)) == refused("round 2, 15:30")


def test_a_round_of_two_days_repeats_the_profile_so_day_one_is_refused_and_day_two_is_not() -> None:
    days = with_("rounds: 2\n", 'rounds: 1\nround: {length: 2d, start: "08:00"}\n', LATE)
    day_one = with_("round: 2, time", "round: 1, time", days)
    assert problems(day_one) == [line.replace("25:5", "26:5") for line in refused("round 1, 15:30")]
    assert problems(with_("round: 2, time", "round: 1, day: 2, time", days)) == []
