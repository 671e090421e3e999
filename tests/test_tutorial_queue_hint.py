"""The queue's lesson ("work that nobody has started waits in the queue on the left") shows
only over a card in the queue, pointing at it: a newcomer read it over a panel that said
"Nobody is waiting", its arrow at the agent who had taken the first ticket at once."""

from __future__ import annotations

from pathlib import Path

from deskgame.ui.tutorial import target_rect

from .test_onboarding import tutorial_app, walk_hints


def test_the_queue_lesson_waits_for_a_card_and_points_at_it(data: Path) -> None:
    app = tutorial_app()
    try:
        said, box = walk_hints(app, until="first_ticket")
        assert box is not None, f"no queue lesson in the round: {list(said)}"
        queue = list(app.live.world.queue)
        assert queue, "the queue lesson showed over an empty queue"
        assert box.due.ticket in {t.id for t in queue}
        play = app.scenes.below(box)
        card = next(s.rect for s in play.board.slots if s.ticket.id == box.due.ticket)
        assert box.target == card == target_rect(box.due, play.board)
        assert "took it" not in box.due.words
        # The box before it (the agent who took the first ticket) said who took it, once.
        if "first_start" in said:
            assert said["first_start"].count("'s now") <= 1
    finally:
        app.close()
