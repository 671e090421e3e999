"""Where everything on the play board goes, worked out before drawing.

Click targets (cards, agents, buttons) are laid out here, in the scene's update and
after every input, never inside ``draw``: so a click works on the very first frame and
drawing changes nothing.  Text is wrapped here too, so card heights follow what they say.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from deskgame.engine.tickets import Agent, Ticket
from deskgame.engine.world import CALL_CHOICES
from deskgame.session.live import SPEEDS
from deskgame.ui import text, theme
from deskgame.ui.widgets import Button

W, H = theme.LOGICAL_SIZE
TOP = 84  # the top bar
BOTTOM = 176  # the selected ticket's panel
LEFT = 380  # the queue
RIGHT = 360  # the feeds
MIDDLE_BOTTOM = H - BOTTOM
DETAIL_RECT = pygame.Rect(0, MIDDLE_BOTTOM, W, BOTTOM)


def columns(top: int) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
    """The queue, team and feed columns under bands that end at ``top``."""
    height = MIDDLE_BOTTOM - top
    return (
        pygame.Rect(0, top, LEFT, height),
        pygame.Rect(LEFT, top, W - LEFT - RIGHT, height),
        pygame.Rect(W - RIGHT, top, RIGHT, height),
    )


QUEUE_RECT, TEAM_RECT, FEED_RECT = columns(TOP)  # with no band over the board

LINE = 28  # a line of body text: the font's 27-px line and one pixel of air
CARD_PAD = 6
BADGE_W = 46  # the priority badge's column on a card
RING_W = 40  # the wait ring's column

SHORT_CHOICE = {
    "take": "T Take",
    "redirect": "R Redirect",
    "learn": "L Learn",
    "unsupported": "N Refuse",
    "serve": "S Serve",
    "deprioritise": "D By impact",
}
CHOICE_TIPS = {
    "take": "Take it: the specialist drops work; invisible work, the habit grows.",
    "redirect": "Redirect to the desk: a small dip now, fewer end-runs later.",
    "learn": "Learn and help: slow the first time, quick after.",
    "unsupported": "Say unsupported: quick, but they are let down and go round you.",
    "serve": "Serve now: the caller is delighted; real work is dropped.",
    "deprioritise": "Prioritise by impact: one person disappointed, the business served.",
}


@dataclass
class CardSlot:
    """A ticket's card in the queue: where it is and the lines it says."""

    rect: pygame.Rect
    ticket: Ticket
    lines: list[str]  # the title, wrapped
    why: list[str]  # why nobody free takes it ("needs orders: Priya is busy"), wrapped


@dataclass
class AgentSlot:
    rect: pygame.Rect
    agent: Agent
    index: int
    lines: list[str]  # what they are doing, wrapped (one line beside the name when compact)
    colour: tuple[int, int, int]
    done: float | None  # how far along (None when idle)
    hidden: bool  # off-the-books work
    compact: bool = False  # one row: no room for skills under bands over the board


OFF_BOOKS = "(off the books) "


def work_words(agent: Agent, now: float) -> tuple[str, tuple[int, int, int], float | None, bool]:
    """What the agent is doing, its colour, how far along (None when idle), and whether it is hidden."""
    queued = len(agent.reserved)
    then = f" · then {queued} assigned" if queued else ""
    if agent.ticket is None:
        return ("away" if agent.absent else "free") + then, theme.TEXT_DIM, None, False
    ticket = agent.ticket
    elapsed = (now - agent.job_started) * agent.job_speed
    done = 1 - max(0.0, ticket.remaining - elapsed) / max(ticket.effort, 1e-9)
    title = ticket.title.removeprefix(OFF_BOOKS)
    if ticket.hidden:
        return f"off the books: {ticket.customer}: {title}{then}", theme.INK_CALL["end_run"], done, True
    return f"{ticket.customer}: {title}{then}", theme.TEXT, done, False


@dataclass
class Board:
    """Everything the board's input and drawing need to agree on."""

    slots: list[CardSlot] = field(default_factory=list)
    more_below: int = 0
    more_above: int = 0
    agents: list[AgentSlot] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    meters: list[tuple[pygame.Rect, str]] = field(default_factory=list)
    queue: pygame.Rect = field(default_factory=lambda: QUEUE_RECT.copy())
    team: pygame.Rect = field(default_factory=lambda: TEAM_RECT.copy())
    feed: pygame.Rect = field(default_factory=lambda: FEED_RECT.copy())


def speed_buttons() -> list[Button]:
    buttons = []
    x = 178
    for speed in SPEEDS:
        label = "II" if speed == 0 else f"{speed}x"
        tip = "Pause (Space)" if speed == 0 else f"Play at {speed}x (- and = change speed)"
        buttons.append(Button(pygame.Rect(x, 20, 54, 44), label, f"speed:{speed}", tip))
        x += 58
    buttons.append(Button(pygame.Rect(W - 62, 20, 54, 44), "F1", "help", "Every key (F1)"))
    return buttons


def why_waiting(ticket: Ticket, agents: list[Agent]) -> str:
    """Why a waiting ticket is not being worked: who could, and what they are doing."""
    if ticket.call_pending:
        return ""
    able = [a for a in agents if a.can_do(ticket)]
    skills = ", ".join(sorted(ticket.skills)) or "the desk"
    if not able:
        return f"needs {skills}: nobody has it"
    if any(a.ticket is None and not a.absent for a in able):
        return ""
    names = " and ".join(a.name for a in able[:2])
    verb = "is" if len(able) == 1 else "are"
    state = "away" if all(a.absent for a in able) else "busy"
    return f"needs {skills}: {names} {verb} {state}"


def card_height(slot_lines: int, ringing: bool) -> int:
    return CARD_PAD * 2 + LINE * slot_lines + (48 if ringing else 0)


def lay_out_queue(board: Board, items: list[Ticket], agents: list[Agent], scroll: int) -> int:
    """Cards from ``scroll`` on, as many as fit; returns the scroll actually used."""
    width = board.queue.width - 24 - BADGE_W - RING_W
    scroll = max(0, min(scroll, max(0, len(items) - 1)))
    y = board.queue.y + 46
    bottom = board.queue.bottom - 8 - LINE
    board.more_above = scroll
    shown = 0
    for ticket in items[scroll:]:
        title = f"{ticket.customer}: {ticket.title}" if ticket.call_pending else ticket.title
        lines = text.wrap(title, theme.SIZE_BODY, width)
        why = why_waiting(ticket, agents)  # the cause, in sight
        why_lines = text.wrap(why, theme.SIZE_BODY, width) if why else []
        height = card_height(1 + len(lines) + len(why_lines), ticket.call_pending)
        if y + height > bottom and shown:
            break
        rect = pygame.Rect(board.queue.x + 12, y, board.queue.width - 24, height)
        board.slots.append(CardSlot(rect, ticket, lines, why_lines))
        if ticket.call_pending:
            bx = rect.x + BADGE_W
            for choice in CALL_CHOICES[ticket.kind]:
                button = Button(
                    pygame.Rect(bx, rect.bottom - 46, 140, 40),
                    SHORT_CHOICE[choice],
                    f"answer:{choice}:{ticket.id}",
                    CHOICE_TIPS[choice],
                )
                board.buttons.append(button)
                bx += 148
        y += height + 6
        shown += 1
    board.more_below = len(items) - scroll - shown
    return scroll


WORK_INDENT = 32  # the work line starts right of the avatar
COMPACT_WORK = 200  # in a compact row the name and morale take this much of the width


def lay_out_team(board: Board, agents: list[Agent], now: float) -> None:
    """A card per agent as tall as what they are doing needs; one row each when bands over
    the board leave too little height (the skills then give way, and the benchmark counts it)."""
    y = board.team.y + 44
    room = board.team.bottom - 8 - y
    card_w = board.team.width - 24
    words = [work_words(agent, now) for agent in agents]
    wrapped = [text.wrap(w[0], theme.SIZE_BODY, card_w - WORK_INDENT - 12) for w in words]
    heads = 10 + LINE + 10  # name row, margins and the progress line
    keep = max((len(lines) for lines in wrapped), default=1)
    while keep > 1 and sum(heads + LINE * min(len(lines), keep) + 4 for lines in wrapped) > room:
        keep -= 1
    compact = sum(heads + LINE + 4 for _ in agents) > room
    for index, agent in enumerate(agents):
        said, colour, done, hidden = words[index]
        if compact:
            full = text.wrap(said, theme.SIZE_BODY, card_w - COMPACT_WORK)
            lines = full[:1]
            text.mark(f"cut:{agent.name}'s skills")
            height = LINE + 14
        else:
            full = wrapped[index]
            lines = full[:keep]
            height = heads + LINE * len(lines)
        if len(lines) < len(full):
            text.mark(f"cut:{said}")
        rect = pygame.Rect(board.team.x + 12, y, card_w, height)
        board.agents.append(AgentSlot(rect, agent, index, lines, colour, done, hidden, compact))
        y += height + 4


def lay_out_detail(board: Board, ticket: Ticket | None, incident: bool) -> None:
    """The selected ticket's actions (a call's answers, or priority, update, escalate)."""
    y = DETAIL_RECT.bottom - 56
    x = DETAIL_RECT.x + 20
    if incident:
        board.buttons.append(
            Button(
                pygame.Rect(W - 290, y, 270, 44),
                "B Broadcast status",
                "broadcast",
                "Tell everyone what is happening: fewer calls, calmer callers.",
            )
        )
    if ticket is None:
        return
    if ticket.call_pending:
        for choice in CALL_CHOICES[ticket.kind]:
            board.buttons.append(
                Button(
                    pygame.Rect(x, y, 230, 44),
                    SHORT_CHOICE[choice],
                    f"answer:{choice}:{ticket.id}",
                    CHOICE_TIPS[choice],
                )
            )
            x += 240
        return
    for label, action, tip in (
        ("P Priority", "priority", "Cycle P1-P4 (what the queue obeys)"),
        ("U Update", "update", "Tell the customer where things stand"),
        ("E Escalate", "escalate", "Hand it to a specialist"),
    ):
        board.buttons.append(Button(pygame.Rect(x, y, 190, 44), label, action, tip))
        x += 200
