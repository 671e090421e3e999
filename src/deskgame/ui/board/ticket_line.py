"""A ticket's number leads its title wherever the board names the work (queue cards, calls,
the team's work lines), in a quieter colour.

Titles are generated from a short list per kind of work, so two tickets can share one: a
ringing call and a ticket someone is working on, both "My home laptop will not join the
wifi", looked like one ticket to a room.  The number (the same one the detail panel, the
messages and "then T0031" use) tells them apart without another row on the card.
"""

from __future__ import annotations

import pygame

from deskgame.engine.tickets import Ticket
from deskgame.ui import text, theme


def numbered(ticket: Ticket, title: str | None = None) -> str:
    """``title`` (default: the ticket's) led by the ticket's number: "T0024 Cannot log in"."""
    return f"{ticket.id} {ticket.title if title is None else title}"


def blit_line(surface: pygame.Surface, line: str, ticket_id: str | None, pos: tuple[int, int],
              colour: tuple[int, int, int]) -> pygame.Rect:
    """One line of a card's words; a leading ticket number is drawn dim, the rest in ``colour``."""
    if ticket_id and line.startswith(ticket_id + " "):
        number = text.blit(surface, ticket_id, pos, theme.SIZE_BODY, theme.TEXT_DIM)
        rest = line[len(ticket_id) + 1:]
        gap = text.width(ticket_id + " ", theme.SIZE_BODY) - number.width
        after = text.blit(surface, rest, (number.right + gap, pos[1]), theme.SIZE_BODY, colour)
        return number.union(after)
    return text.blit(surface, line, pos, theme.SIZE_BODY, colour)
