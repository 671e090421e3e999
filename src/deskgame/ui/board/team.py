"""The team: who each agent is, what they can do, what they are doing and what waits for them."""

from __future__ import annotations

import pygame

from deskgame.ui import help_texts, text, theme, tooltips
from deskgame.ui.board.icons import avatar, chip, chip_width
from deskgame.ui.board.layout import (
    LINE,
    SKILL_ROW,
    WORK_INDENT,
    WORK_TOP,
    AgentSlot,
    Board,
)
from deskgame.ui.board.ticket_line import blit_line, numbered


def draw_team(surface: pygame.Surface, board: Board, now: float, hover: pygame.Rect | None) -> None:
    top = board.team.y
    header = text.blit(surface, "The team", (board.team.x + 16, top + 8), theme.SIZE_BODY, theme.TEXT,
                       bold=True)
    tooltips.add(header, help_texts.TEAM_TIP)
    keys = min(9, len(board.agents))  # "1-9 assigns" over a team of three offered keys that do nothing
    text.blit(
        surface,
        "1 assigns" if keys == 1 else f"1-{keys} assigns",
        (board.team.right - 16, top + 8),
        theme.SIZE_BODY,
        theme.TEXT_DIM,
        anchor="topright",
    )
    for slot in board.agents:
        _draw_agent(surface, slot, now, hover is not None and hover == slot.rect)


def no_entry(surface: pygame.Surface, centre: tuple[int, int], radius: int) -> None:
    """A round no-entry sign (a disc with a bar across): "away", told by shape where a face
    would be, so nobody needs the colour to see it."""
    pygame.draw.circle(surface, theme.INK_WARN, centre, radius)
    bar = pygame.Rect(0, 0, radius * 2 - 6, 5)
    bar.center = centre
    pygame.draw.rect(surface, theme.BLACK, bar)


def _draw_agent(surface: pygame.Surface, slot: AgentSlot, now: float, hover: bool) -> None:
    rect, agent = slot.rect, slot.agent
    if slot.dropped:
        text.mark(f"cut:{agent.name}: {slot.dropped}")
    colour, done, hidden = slot.colour, slot.done, slot.hidden
    number = agent.ticket.id if agent.ticket is not None and not hidden else None  # leads the work line
    pygame.draw.rect(surface, theme.CARD_SELECTED if hover else theme.CARD, rect, border_radius=6)
    if theme.PANEL_EDGE is not None and not hidden:
        pygame.draw.rect(surface, theme.PANEL_EDGE, rect, 1, border_radius=6)
    tooltips.add(rect, help_texts.AGENT_TIP.format(
        name=agent.name, role=agent.role, skills=", ".join(sorted(agent.skills)) or "none",
        number=slot.index + 1) + (" Now: off the books (an end-run it took)." if hidden else "")
        + (f" Now: {numbered(agent.ticket)}." if agent.ticket is not None and not hidden else ""))
    if hidden:  # the servant's drift: invisible work, drawn as a dashed purple frame
        for x in range(rect.x + 4, rect.right - 8, 16):
            pygame.draw.line(surface, theme.PURPLE, (x, rect.y + 1), (x + 8, rect.y + 1), 3)
            pygame.draw.line(surface, theme.PURPLE, (x, rect.bottom - 2), (x + 8, rect.bottom - 2), 3)
    text.blit(
        surface, str(slot.index + 1), (rect.x + 8, rect.y + 4), theme.SIZE_BODY, theme.YELLOW, bold=True
    )
    away = agent.absent and agent.ticket is None
    if away:  # a shape of its own, not a grey word like "free": a frame and a no-entry sign
        pygame.draw.rect(surface, theme.INK_WARN, rect, 3, border_radius=6)
    if not slot.compact:  # beside the first work line, kept inside the card (a one-line card is short)
        clip = surface.get_clip()
        surface.set_clip(rect.inflate(-2, -2).clip(clip))
        centre = (rect.x + 16, rect.y + WORK_TOP + 14)
        if away:
            no_entry(surface, centre, 11)
        else:
            avatar(surface, agent.name, slot.index, (rect.x + 16, rect.y + WORK_TOP + 16), agent.role)
        surface.set_clip(clip)
    name = text.blit(surface, agent.name, (rect.x + 32, rect.y + 4), theme.SIZE_BODY, theme.TEXT, bold=True)
    morale = f"{agent.morale * 100:.0f}%"
    morale_rect = text.blit(
        surface,
        morale,
        (rect.right - 8, rect.y + 4),
        theme.SIZE_BODY,
        theme.INK_GOOD if agent.morale >= 0.5 else theme.INK_WARN if agent.morale >= 0.3 else theme.INK_BAD,
        anchor="topright",
    )
    tooltips.add(morale_rect, help_texts.AGENT_MORALE_TIP.format(name=agent.name))
    if slot.compact:  # the work beside the name, morale at the far right
        for i, line in enumerate(slot.lines):
            at = (rect.x + slot.work_x, rect.y + 4 + LINE * i)
            blit_line(surface, line, number if i == 0 else None, at, colour)
        return
    x, top = name.right + 8, rect.y + 3
    limit = morale_rect.x - 8
    if slot.skills_below:  # large text: a row of their own under the name
        x, top, limit = rect.x + WORK_INDENT, rect.y + 6 + LINE, rect.right - 8
    pad, gap = slot.spacing
    for skill in sorted(agent.skills):
        if x + chip_width(skill, pad) > limit:
            text.mark(f"cut:{agent.name}'s skill {skill}")
            break
        x = chip(surface, skill, (x, top), theme.PANEL_LIGHT, theme.TEXT, pad=pad).right + gap
    y = rect.y + WORK_TOP + (SKILL_ROW if slot.skills_below else 0)
    for i, line in enumerate(slot.lines):
        blit_line(surface, line, number if i == 0 else None, (rect.x + WORK_INDENT, y), colour)
        y += LINE
    if done is not None:
        progress = pygame.Rect(rect.x + 32, rect.bottom - slot.foot + 1, rect.width - 44,
                               min(4, slot.foot - 1))
        pygame.draw.rect(surface, theme.PANEL_LIGHT, progress)
        progress.width = int(progress.width * max(0.0, min(1.0, done)))
        pygame.draw.rect(surface, theme.SKY, progress)
