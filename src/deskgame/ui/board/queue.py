"""The incoming queue: ringing calls first, then tickets in the order agents will pull them."""

from __future__ import annotations

import pygame

from deskgame.engine.world import World
from deskgame.ui import engine_view, help_texts, text, theme, tooltips
from deskgame.ui.board.icons import channel_icon, chip, impact_mark, kind_icon, wait_ring
from deskgame.ui.board.layout import BADGE_W, CARD_PAD, LINE, RING_W, Board, CardSlot, badge_w
from deskgame.ui.board.ticket_line import blit_line
from deskgame.ui.widgets import priority_badge

CALL_LABEL = {"end_run": "END-RUN", "byod": "BYOD", "fake_emergency": "EMERGENCY?"}


def queue_header(waiting: int, ringing: int, width: int) -> str:
    """"Incoming · 0 waiting · 1 ringing": a ringing call is drawn as a card under the header, so
    the header counts it too (a newcomer read "0 waiting" over a ringing card as a contradiction).
    "Incoming" gives way when the counts need the width (large text)."""
    counts = f"{waiting} waiting" + (f" · {ringing} ringing" if ringing else "")
    whole = f"Incoming · {counts}"
    return whole if text.width(whole, theme.SIZE_BODY, True) <= width else counts


def draw_queue(
    surface: pygame.Surface,
    board: Board,
    world: World,
    selected: str | None,
    flash: int,
    seconds_left: dict[str, float],
    waiting: int,
    ringing: int = 0,
) -> None:
    header = text.blit(
        surface,
        queue_header(waiting, ringing, board.queue.width - 32),
        (board.queue.x + 16, board.queue.y + 10),
        theme.SIZE_BODY,
        theme.TEXT,
        bold=True,
    )
    tooltips.add(header, help_texts.QUEUE_TIP)
    for slot in board.slots:
        _draw_card(surface, slot, world, slot.ticket.id == selected, flash, seconds_left)
    # In words (the game font has no arrow glyphs), on the queue's last line.
    if board.more_above:
        scrolled = f"{board.more_above} above · {max(0, board.more_below)} below · wheel"
    elif board.more_below > 0:
        scrolled = f"+ {board.more_below} more: wheel or PgDn"
    else:
        scrolled = ""
    if scrolled:
        text.blit(
            surface,
            scrolled,
            (board.queue.x + 16, board.queue.bottom - 8 - LINE),
            theme.SIZE_BODY,
            theme.TEXT_DIM,
        )
    if not board.slots:
        text.blit(
            surface,
            "Nobody is waiting.",
            (board.queue.x + 16, board.queue.y + 52),
            theme.SIZE_BODY,
            theme.TEXT_DIM,
        )
    for button in board.buttons:
        if button.action.startswith("answer:") and any(button.rect.colliderect(s.rect) for s in board.slots):
            button.draw(surface)


def _draw_card(
    surface: pygame.Surface,
    slot: CardSlot,
    world: World,
    selected: bool,
    flash: int,
    seconds_left: dict[str, float],
) -> None:
    rect, ticket = slot.rect, slot.ticket
    ringing = ticket.call_pending
    fill = theme.CARD_SELECTED if selected else theme.CARD
    pygame.draw.rect(surface, fill, rect, border_radius=6)
    if theme.PANEL_EDGE is not None and not ringing and not selected:
        pygame.draw.rect(surface, theme.PANEL_EDGE, rect, 1, border_radius=6)
    if ringing:
        colour = theme.CALL_COLOUR.get(ticket.kind, theme.YELLOW)
        width = 5 if (flash // 20) % 2 == 0 else 3  # the border beats like a ringing phone
        pygame.draw.rect(surface, colour, rect, width, border_radius=6)
    elif selected:
        pygame.draw.rect(surface, theme.TEXT, rect, 2, border_radius=6)
    priority = ticket.priority or (ticket.stated_priority if ringing else None)
    badge = (rect.x + 24, rect.y + CARD_PAD + LINE)
    priority_badge(surface, priority, badge)
    if priority:
        tooltips.add((badge[0] - 20, badge[1] - 30, 40, 58), help_texts.BADGE_TIP.format(priority=priority))
    else:
        tooltips.add((badge[0] - 20, badge[1] - 30, 40, 58), help_texts.NO_PRIORITY_TIP)
    x = rect.x + BADGE_W  # the top line sits beside the badge's shape, the words beside its label
    y = rect.y + CARD_PAD
    if ringing:
        label = chip(surface, CALL_LABEL[ticket.kind], (x, y - 1), theme.CALL_COLOUR[ticket.kind])
        tooltips.add(label, help_texts.CALL_LABEL_TIPS[ticket.kind])
        text.blit(
            surface,
            f"{seconds_left.get(ticket.id, 0):.0f} s",
            (label.right + 8, y),
            theme.SIZE_BODY,
            theme.INK_CALL[ticket.kind],
            bold=True,
        )
    else:
        where = "outage fix" if ticket.repair else ticket.customer  # the team's job, not a call
        if ticket.assigned_to:
            where += f" for {ticket.assigned_to}"
        kind_icon(surface, ticket.kind, (x + 10, y + LINE // 2))
        channel_icon(surface, ticket.channel, (x + 36, y + LINE // 2), theme.TEXT)
        what = help_texts.KIND_WORDS["request" if ticket.kind == "request" else "incident"]
        tooltips.add((x - 2, y, 52, LINE), help_texts.ICON_TIP.format(what=what, channel=ticket.channel))
        text.blit(surface, where, (x + 56, y), theme.SIZE_BODY, theme.TEXT_DIM)
    y += LINE
    x = rect.x + badge_w()
    for i, line in enumerate(slot.lines):
        blit_line(surface, line, ticket.id if i == 0 else None, (x, y), theme.TEXT)
        y += LINE
    for line in slot.why:
        text.blit(surface, line, (x, y), theme.SIZE_BODY, theme.INK_WARN)
        y += LINE
    target = world.sla_target(ticket)
    centre = (rect.right - RING_W // 2 - 2, rect.y + CARD_PAD + LINE // 2 + 2)
    used = (world.now - ticket.arrived) / target
    wait_ring(surface, centre, used)
    tooltips.add(
        (centre[0] - 20, centre[1] - 20, 40, 40),
        help_texts.RING_TIP.format(used=used, priority=priority or "its", target=_minutes(target)),
    )
    if not ticket.repair:  # under the ring: what the triage lead judges priority by, at a glance
        mark = impact_mark(surface, ticket.impact, (centre[0], rect.y + CARD_PAD + 2 * LINE - 2))
        tooltips.add(mark.inflate(12, 8), help_texts.IMPACT_TIP.format(
            impact=ticket.impact, service=engine_view.service_name(world, ticket.service)))


def _minutes(value: float) -> str:
    return f"{value / 60:g} h" if value >= 60 else f"{value:.0f} min"
