"""The second workshop-room review of the debrief: what the room's questions rank first, that
none is dropped unseen, the comparison's better/worse without colour, large text, wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskgame.scenario import load_scenario
from tests.test_debrief_words import make_policy

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


# ---------------------------------------------------------------- 2. what mattered comes first
@pytest.fixture(scope="module")
def monday_triage():  # type: ignore[no-untyped-def]
    from deskgame.session.runner import run_session

    return run_session(load_scenario(SCENARIOS / "standard-monday.yaml"), 7, make_policy("triage"))


def test_an_outage_round_asks_about_the_outage_first_in_its_own_facts(monday_triage):
    from deskgame.report.round_questions import round_facts, round_questions

    played = monday_triage
    record = played.rounds[1]
    world = played.world
    start = next(e.t for e in world.log if e.kind == "round_started" and e.data.get("round") == 2)
    began = next(e for e in world.log if e.kind == "major_incident_started" and e.t >= start)
    ended = next(e for e in world.log if e.kind == "major_incident_ended" and e.t >= began.t)
    sent = sum(e.kind == "broadcast" and began.t <= e.t <= ended.t for e in world.log)
    callers = sum(t.round == 2 and t.demand.startswith("major-incident") and not t.repair
                  for t in world.tickets.values())
    assert callers > 0 and sent > 0 and ended.data["fixed"]
    # the queue as the board showed it meanwhile: the most waiting for a first answer at once,
    # sampled every 6 simulated seconds from the world's own tickets
    end = start + world.round_length
    spans = [(t.arrived, t.started if t.started is not None else end) for t in world.tickets.values()
             if t.round == 2 and not t.hidden and not t.repair and t.answer != "shadow"]
    samples = [began.t + i / 10 for i in range(int((ended.t - began.t) * 10) + 1)]
    most = max(sum(a <= when < b for a, b in spans) for when in samples)
    assert most > callers  # everyone else's tickets waited too: the room saw the whole queue
    questions = round_questions(round_facts(world, record))
    assert questions[0] == (f"{world.service_name(began.data['service'])}: down {ended.t - began.t:.0f} min, "
                            f"up to {most} waiting, {sent} broadcasts. Enough?")
    # the waits (a mean of 34 min) come next, and the desk's own choices keep a place
    assert questions[1].startswith(f"A first answer took {record['kpis']['mean_wait_min']:.0f} min")
    assert "emergenc" in questions[2]
    # a round without an outage asks about none
    assert not any("down" in q for q in round_questions(round_facts(world, played.rounds[0])))


def test_ranking_puts_what_mattered_first_but_keeps_the_lesson():
    from deskgame.report.round_questions import OutageFacts, RoundFacts, round_questions

    kpis = {"trust": 40.0, "hidden_work_min": 0.0, "mean_wait_min": 50.0, "fcr": 0.9, "morale": 0.8,
            "sla_met": 0.7}
    facts = RoundFacts(emergencies=3, declined=3, set_by_hand=4, lowered=2, kpis=kpis, late=9,
                       outage=OutageFacts("Order entry", 75.0, 16, 0, False), on_notice=True, line=46)
    asked = round_questions(facts)
    assert asked[0] == "Order entry: down 75 min, 16 callers waited, no broadcast. Why no fix?"
    assert asked[1] == ("Trust ended at 40, under the line of 46: on notice. What were the first "
                        "warning signs?")
    assert asked[2].startswith("3 callers insisted on an emergency")  # the lesson keeps its place
    calm = dict(kpis, mean_wait_min=25.0, trust=70.0)
    quiet = round_questions(RoundFacts(emergencies=3, declined=3, set_by_hand=4, lowered=2, kpis=calm))
    assert quiet[0].startswith("3 callers insisted") and quiet[1].startswith("The desk set 4 priorities")
    assert quiet[2].startswith("A first answer took 25 min")  # not far past: after the lesson


# ---------------------------------------------------------------- 1. no question dropped unseen
def _awareness_rounds(text_size: str = "normal"):  # type: ignore[no-untyped-def]
    """standard-monday played round after round with nobody at the keys (round 2 on notice,
    round 3 the ending): each round's Awareness app in turn."""
    from deskgame.ui import settings as user_settings
    from deskgame.ui.app import App, SaveOptions

    from .test_debrief_review import end_round, next_round

    settings = user_settings.Settings(text_size=text_size)
    app = App(load_scenario(SCENARIOS / "standard-monday.yaml"), saves=SaveOptions(enabled=False),
              settings=settings)
    app.start_play()
    try:
        for number in (1, 2, 3):
            end_round(app)
            yield number, app
            if app.scenes.top.ending:
                break
            next_round(app)
    finally:
        app.close()
        user_settings.apply(user_settings.Settings())


def _question_page(app):  # type: ignore[no-untyped-def]
    """(the questions drawn whole on this page, which of them the heading says, the footer's).

    The heading stands on a line of its own with "1 of 3 · Q: more" beside it, or (compact,
    when a moment needs the line) leads the first question's line: "To talk about (1 of 3):".
    A question is whole when its words are all drawn, in order, under or after the heading."""
    from deskgame.ui.debrief_questions import QUESTIONS_HEADING

    from .ui_driver import drawn

    scene = app.scenes.top
    seen = drawn(app)
    head = next(d for d in seen if d.text.startswith(QUESTIONS_HEADING))
    # lines start at the questions' left edge, or just after the heading on its line
    region = sorted((d for d in seen if head.rect.y <= d.rect.y < 680 and d is not head
                     and (d.rect.x == scene.talk.x and d.rect.y > head.rect.y
                          or d.rect.y == head.rect.y and 0 <= d.rect.x - head.rect.right <= 20)),
                    key=lambda d: (d.rect.y, d.rect.x))
    beside = [d.text for d in region if d.rect.y == head.rect.y and not d.text.startswith("•")]
    said = " ".join(d.text for d in region if d.text not in beside)
    whole = [q for q in scene.questions if "• " + q in said]
    if head.text != QUESTIONS_HEADING:  # compact: "To talk about (1 of 3):"
        inside = head.text.removeprefix(QUESTIONS_HEADING).strip(" ():")
        beside = [f"{inside} · Q: more"] if inside else []
    footer = " ".join(d.text for d in seen if d.rect.y >= 680)
    return whole, beside, footer


@pytest.mark.parametrize("text_size", ["normal", "large"])
def test_every_question_the_round_earned_is_reached_with_q(text_size):
    import pygame

    from .ui_driver import post_key

    paged = 0
    for number, app in _awareness_rounds(text_size):
        scene = app.scenes.top
        assert len(scene.questions) == 3, (number, scene.questions)
        reached: list[str] = []
        for _ in range(len(scene.questions)):
            whole, beside, footer = _question_page(app)
            assert whole, (number, "a page shows at least one whole question")
            reached += [q for q in whole if q not in reached]
            if len(whole) < len(scene.questions):  # more than one page: says so, and the key
                shown = [scene.questions.index(q) + 1 for q in whole]
                which = f"{shown[0]}" if len(shown) == 1 else f"{shown[0]}-{shown[-1]}"
                assert beside == [f"{which} of 3 · Q: more"], (number, beside)
                assert "Q: more questions" in footer, footer
                paged += 1
            else:
                assert not beside and "Q:" not in footer
            post_key(app, pygame.K_q)
        assert reached == scene.questions, (number, text_size)  # every one, in rank order
        assert isinstance(app.scenes.top, type(scene))  # Q stays on the screen
    assert paged  # the ending's banner leaves room for fewer than three: paging was tested


def test_the_tutorial_s_end_run_question_is_reached(data: Path) -> None:
    import pygame

    from .test_tutorial_practice import _tutorial, walk_to_the_debrief
    from .ui_driver import post_key

    app = _tutorial(data)
    try:
        walk_to_the_debrief(app, post_key)
        scene = app.scenes.top
        ends = [q for q in scene.questions if "specialist" in q]
        assert ends, scene.questions
        seen: list[str] = []
        for _ in range(len(scene.questions)):
            seen += _question_page(app)[0]
            post_key(app, pygame.K_q)
        assert ends[0] in seen
    finally:
        app.close()


# ---------------------------------------------------------------- 3, 4. the comparison panel
def _panel_texts(app, scene):  # type: ignore[no-untyped-def]
    """The comparison panel's texts, and where each tick or cross was drawn (and which)."""
    import pygame

    from deskgame.ui import debrief_comparison
    from deskgame.ui.debrief_comparison import PANEL

    from .ui_driver import drawn

    marks: list[tuple[tuple[int, int], bool]] = []
    real = debrief_comparison.judged

    def record(surface, centre, better):  # type: ignore[no-untyped-def]
        marks.append((centre, better))
        real(surface, centre, better)

    debrief_comparison.judged = record
    try:
        seen = drawn(app)
    finally:
        debrief_comparison.judged = real
    title = next(d for d in seen if d.text.startswith(f"Round {scene.record['round']} beside"))
    area = pygame.Rect(PANEL.x, title.rect.y - 10, PANEL.width, 20 + 28 * 14)
    inside = [d for d in seen if d.rect.y >= title.rect.y and d.rect.colliderect(area)
              and d.rect.bottom <= title.rect.y + 28 * 14]
    return inside, marks


@pytest.mark.parametrize("text_size", ["normal", "large"])
def test_the_comparison_says_better_or_worse_by_shape_and_nothing_overlaps(text_size):
    import pygame

    from deskgame.ui.debrief_awareness import PANEL
    from deskgame.ui.debrief_common import JUDGED_SIZE

    judged_rounds = 0
    for number, app in _awareness_rounds(text_size):
        if number == 1:
            continue
        scene = app.scenes.top
        texts, marks = _panel_texts(app, scene)
        counted = [c for c in scene.changes if c.better is not None and c.mark in ("up", "down")]
        assert sorted(better for _, better in marks) == sorted(c.better for c in counted), number
        assert marks, number
        judged_rounds += 1
        discs = [pygame.Rect(x - JUDGED_SIZE // 2, y - JUDGED_SIZE // 2, JUDGED_SIZE, JUDGED_SIZE)
                 for (x, y), _ in marks]
        ink = [d.image.get_bounding_rect().move(d.rect.topleft) for d in texts]  # the glyphs' own box
        for i, d in enumerate(texts):  # no text on another ('Operations' ran into '62'), nor on a mark
            assert PANEL.x <= d.rect.x and d.rect.right <= PANEL.right, (number, d.text)
            for j in range(i + 1, len(texts)):
                assert not ink[i].colliderect(ink[j]), (number, text_size, d.text, texts[j].text)
            assert not [r for r in discs if r.colliderect(ink[i])], (number, d.text)
        for disc in discs:
            assert PANEL.x <= disc.x and disc.right <= PANEL.right - 8
    assert judged_rounds == 2


def test_a_tick_and_a_cross_are_two_shapes_not_two_colours():
    """Drawn in one ink, a better mark and a worse one still differ: the shape carries it."""
    import pygame

    from deskgame.ui import debrief_common, theme

    masks = []
    for better in (True, False):
        surface = pygame.Surface((40, 40))
        surface.fill(theme.PANEL)
        saved = theme.INK_GOOD, theme.INK_BAD
        theme.INK_GOOD = theme.INK_BAD = (200, 200, 200)  # colour taken away
        try:
            debrief_common.judged(surface, (20, 20), better)
        finally:
            theme.INK_GOOD, theme.INK_BAD = saved
        masks.append({(x, y) for x in range(40) for y in range(40)
                      if surface.get_at((x, y))[:3] == (200, 200, 200)})
    tick, cross = masks
    assert len(tick) > 150 and len(cross) > 150  # a disc about 20 px across, each
    assert len(tick ^ cross) >= 40  # the cut-out tick and cross leave clearly different shapes


# ---------------------------------------------------------------- 5. wording
def test_a_late_answer_reads_with_one_bracket_and_the_updates_as_not_enough():
    from deskgame.report.moment_words import moment_words

    said = ("Operations waited 24 min for an answer about 'You fixed it last time, could you do it again?' "
            "(expected about 5) (kept informed).")
    assert moment_words(said) == ("Operations waited 24 min for an answer about 'You fixed it last time, "
                                  "could you do it again?', expecting one in about 5 min, even with updates "
                                  "from the desk.")
    assert moment_words("Sales waited 20 min for an answer about 'It's down' (expected about 5).") == (
        "Sales waited 20 min for an answer about 'It's down', expecting one in about 5 min.")
    assert moment_words("HR went without Email for 40 min (kept informed).") == (
        "HR went without Email for 40 min, even with the desk's status broadcasts.")
    other = "HR: 'Forgot my password again' fixed at the first contact."
    assert moment_words(other) == other


def test_the_engine_s_moments_read_without_two_brackets(monday_triage):
    from deskgame.report.journey import journey
    from deskgame.report.moment_words import moment_words

    world = monday_triage.world
    moments = [e.data["moment"] for e in world.log if e.kind == "moment"]
    informed = [m for m in moments if m.text.endswith(") (kept informed).")]
    assert informed  # the engine still says it so: the debrief must not
    for m in moments:
        assert ") (" not in moment_words(m.text) and "(kept informed)" not in moment_words(m.text), m.text
    for m in informed[:5]:  # and the journey shows the debrief's words
        if m.ticket in world.tickets:
            steps = [s.words for s in journey(world, m.ticket).steps]
            assert not [w for w in steps if "(kept informed)" in w], steps


def test_a_journey_says_how_the_customer_reached_the_desk(monday_triage):
    from deskgame.report.journey import CONTACT_WORDS, journey

    world = monday_triage.world
    rang = {e.data["ticket"] for e in world.log if e.kind == "call_ringing"}
    by_channel: dict[str, int] = {}
    for ticket_id in sorted(rang):
        ticket = world.tickets[ticket_id]
        story = journey(world, ticket_id)
        first = next(s for s in story.steps if s.kind == "call_ringing")
        desk, direct = CONTACT_WORDS[ticket.channel]
        assert first.words in (desk, direct.format(first.who)), (ticket.channel, first.words)
        if ticket.channel == "walk_up":
            assert "Rang" not in first.words and first.words.startswith("Walked")
            assert "walking up to the desk" in story.summary()
        by_channel[ticket.channel] = by_channel.get(ticket.channel, 0) + 1
    assert by_channel.get("walk_up") and by_channel.get("phone"), by_channel


def test_the_team_is_proud_of_real_work_not_of_a_caller_s_words(monday_triage):
    from deskgame.report.team_voice import AgentRound, team_voices, voice
    from deskgame.scenario.texts import DEFAULT_TITLES

    spoken = DEFAULT_TITLES["end_run"] + DEFAULT_TITLES["fake_emergency"]
    world = monday_triage.world
    proud = [line for number in (1, 2, 3) for _, line in team_voices(world, number) if "Proud" in line]
    assert proud
    assert not [line for line in proud if any(title in line for title in spoken)], proud
    assert any("Proud of fixing '" in line for line in proud)
    only_calls = AgentRound("Ben", 0.5, 0, 0, 1, 0, ("Sales", "Order entry call", 90.0), None, 0.7)
    assert voice(only_calls).endswith("1 fix; morale 70% at the end. "
                                      "Proud of sorting out Sales' Order entry call.")
