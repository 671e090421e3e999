"""The bottom panel: the selected ticket in full, and what the team can do with it."""

from __future__ import annotations

import pygame

from deskgame.engine.tickets import Ticket
from deskgame.engine.world import World
from deskgame.ui import text, theme
from deskgame.ui.board.layout import DETAIL_RECT, DETAIL_TEXT_W, Board


def draw_detail(surface: pygame.Surface, board: Board, world: World, ticket: Ticket | None) -> None:
    x, y = DETAIL_RECT.x + 20, DETAIL_RECT.y + 8
    width = DETAIL_TEXT_W
    if ticket is None:
        text.blit_lines(
            surface,
            "Select a ticket or a ringing call (Up/Down, or click) to see it here. Free team members "
            "pull the next ticket they can do, in queue order: shape it with priorities, assignments "
            "(1-9 or drag) and answers.",
            (x, y),
            theme.SIZE_BODY,
            theme.TEXT_DIM,
            width,
            max_lines=4,
        )
    else:
        title = text.wrap(ticket.title, theme.SIZE_HEADING, width, bold=True)[0]
        rest = ticket.title[len(title) :].strip()
        text.blit(surface, title, (x, y), theme.SIZE_HEADING, theme.TEXT, bold=True)
        if ticket.started is None:  # still waiting: how long so far
            waited = f"waiting {world.now - ticket.arrived:.0f} min"
        else:  # the wait that counts is the one before the first answer
            waited = f"first answer after {ticket.started - ticket.arrived:.0f} min"
        facts = (
            f"{ticket.id} · {ticket.kind.replace('_', ' ')} · {ticket.customer} · "
            f"{ticket.channel.replace('_', ' ')}"
            f" · stated {ticket.stated_priority} · set {ticket.priority or 'none'}"
            f" · {waited} · needs {', '.join(sorted(ticket.skills)) or 'the desk'}"
        )
        if ticket.device and ticket.device not in ticket.title:  # said once is enough
            facts += f" · {ticket.device}"
        if rest:
            facts = f"{rest} · {facts}"
        text.blit_lines(surface, facts, (x, y + 38), theme.SIZE_BODY, theme.TEXT_DIM, width, max_lines=2)
    for button in board.buttons:
        if button.rect.colliderect(DETAIL_RECT):
            button.draw(surface)
