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
from deskgame.ui.board.ticket_line import numbered
from deskgame.ui.board.work_lines import fit_work, work_words
from deskgame.ui.widgets import Button

W, H = theme.LOGICAL_SIZE
TOP = 84  # the top bar
BOTTOM = 128  # the selected ticket's panel
LEFT = 380  # the queue
RIGHT = 360  # the feeds
LARGE_TEXT_TEAM_EXTRA = 40  # large text: the feeds give the team this much (skills beside names)
MIDDLE_BOTTOM = H - BOTTOM
DETAIL_RECT = pygame.Rect(0, MIDDLE_BOTTOM, W, BOTTOM)


def columns(top: int) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
    """The queue, team and feed columns under bands that end at ``top``."""
    height = MIDDLE_BOTTOM - top
    right = RIGHT - (LARGE_TEXT_TEAM_EXTRA if theme.TEXT_SCALE > 1 else 0)
    return (
        pygame.Rect(0, top, LEFT, height),
        pygame.Rect(LEFT, top, W - LEFT - right, height),
        pygame.Rect(W - right, top, right, height),
    )


QUEUE_RECT, TEAM_RECT, FEED_RECT = columns(TOP)  # with no band over the board

LINE = 28  # a line of body text: the font's 27-px line and one pixel of air
CARD_PAD = 6
BADGE_W = 46  # the priority badge's column on a card


def badge_w() -> int:
    """The badge column at the current text size: the bold "P1" under the shape must keep clear
    of the ticket number that leads the title beside it ("P1T0002" read as one word)."""
    return BADGE_W + (6 if theme.TEXT_SCALE > 1 else 0)


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
    "unsupported": "Refuse: say it is unsupported. Quick, but they are let down and go round you.",
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
    skills_below: bool = False  # the skills take a row of their own (large text: no room beside the name)
    dropped: str = ""  # what had to be left out for want of room (drawing reports it)
    spacing: tuple[int, int] = (5, 4)  # the skill chips' padding and gap (one for the whole team)
    work_x: int = 32  # where the work's words start, from the card's left (compact: after the names)
    foot: int = 8  # under the last line: the progress line and the margin (CARD_FOOT, or TIGHT_FOOT)


OFF_BOOKS = "(off the books) "


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
    buttons.append(Button(pygame.Rect(W - 62, 20, 54, 44), "F1", "help",
                          "Help (F1): what each meter and panel means, and every key. F2: the icons."))
    return buttons


def why_waiting(ticket: Ticket, agents: list[Agent]) -> str:
    """Why a waiting ticket is not being worked: who could, and what they are doing."""
    if ticket.call_pending:
        return ""
    able = [a for a in agents if a.can_do(ticket)]
    skills = ", ".join(sorted(ticket.skills)) or "the desk"
    if ticket.specialist_only:  # handed over: only a specialist may take it now
        skills = f"a specialist in {skills}" if ticket.skills else "a specialist"
    if not able:
        return f"needs {skills}: nobody has it"
    if any(a.ticket is None and not a.absent for a in able):
        return ""
    return f"needs {skills}: {who_cannot(able)}"


NAMED_AT_MOST = 3  # more than this many able people, all busy or away: counted, not named


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def who_cannot(able: list[Agent]) -> str:
    """Everyone who could take it, and why they do not: "Asha, Marco and Ben are busy" (naming
    only two read as if nobody else could help), or "all 4 who can are busy" when the names
    would not fit on a card."""
    busy = [a.name for a in able if not a.absent]
    away = [a.name for a in able if a.absent]
    if len(able) > NAMED_AT_MOST:
        if not away:
            return f"all {len(able)} who can are busy"
        if not busy:
            return f"all {len(able)} who can are away"
        return f"all {len(able)} who can are busy or away"
    said = []
    for names, state in ((away, "away"), (busy, "busy")):
        if names:
            said.append(f"{_names(names)} {'is' if len(names) == 1 else 'are'} {state}")
    return ", ".join(said)


def card_height(slot_lines: int, ringing: bool) -> int:
    return CARD_PAD * 2 + LINE * slot_lines + (48 if ringing else 0)


def call_lines(ticket: Ticket, width: int, compact: bool) -> list[str]:
    """A ringing call's words: its number, who rang and what about; ``compact``, only the number
    and who rang (the bottom panel says the rest of the selected call)."""
    said = ticket.customer if compact else f"{ticket.customer}: {ticket.title}"
    return text.wrap(numbered(ticket, said), theme.SIZE_BODY, width)


def lay_out_queue(board: Board, items: list[Ticket], agents: list[Agent], scroll: int) -> int:
    """Cards from ``scroll`` on, as many as fit; returns the scroll actually used.  The ringing
    calls lead (``items`` has them first) and every one not scrolled past is in sight: when
    their full cards would not fit the column (a band over the board, large text) the newest
    say only their number and who rang, above their answers (the selected call's words are in
    the bottom panel).  A room saw "2 ringing" over one card,
    the second call's countdown off the screen."""
    width = board.queue.width - 24 - badge_w() - RING_W
    scroll = max(0, min(scroll, max(0, len(items) - 1)))
    calls = [t for t in items[scroll:] if t.call_pending]
    waiting = [t for t in items[scroll:] if not t.call_pending]
    y = board.queue.y + 46
    bottom = board.queue.bottom - 8 - LINE
    said = [call_lines(t, width, compact=False) for t in calls]
    for index in reversed(range(len(calls))):  # the newest calls say less first
        if sum(card_height(1 + len(lines), True) + 6 for lines in said) <= bottom - y:
            break
        said[index] = call_lines(calls[index], width, compact=True)
    for ticket, lines in zip(calls, said, strict=True):
        height = card_height(1 + len(lines), True)
        rect = pygame.Rect(board.queue.x + 12, y, board.queue.width - 24, height)
        board.slots.append(CardSlot(rect, ticket, lines, []))
        # Under the badge's column too: the answers get the card's whole width (large text).
        choices = CALL_CHOICES[ticket.kind]
        bx, answer_w = rect.x + 8, (rect.width - 16 - 8 * (len(choices) - 1)) // len(choices)
        for choice in choices:
            button = Button(
                pygame.Rect(bx, rect.bottom - 46, answer_w, 40),
                SHORT_CHOICE[choice],
                f"answer:{choice}:{ticket.id}",
                CHOICE_TIPS[choice],
            )
            board.buttons.append(button)
            bx += answer_w + 8
        y += height + 6
    board.more_above = scroll
    shown = len(calls)
    said_above = None  # the reason the card above gives
    for ticket in waiting:
        lines = text.wrap(numbered(ticket), theme.SIZE_BODY, width)
        why = why_waiting(ticket, agents)  # the cause, in sight
        why_lines = text.wrap(why, theme.SIZE_BODY, width) if why else []
        height = card_height(1 + len(lines) + len(why_lines), False)
        if y + height > bottom and board.slots:
            # Without its reason, when the card above gives the same one (everyone who could is
            # busy), it may still fit: a room saw one card over "+ 19 more" and a third of the
            # column empty, in the middle of an outage.
            height = card_height(1 + len(lines), False)
            if not why_lines or why != said_above or y + height > bottom:
                break
            why_lines = []
        rect = pygame.Rect(board.queue.x + 12, y, board.queue.width - 24, height)
        board.slots.append(CardSlot(rect, ticket, lines, why_lines))
        said_above = why
        y += height + 6
        shown += 1
    board.more_below = len(items) - scroll - shown
    return scroll


TEAM_HEAD = 40  # "The team" and its key: the first card starts this far down (at 44, five full
#                cards missed fitting under a two-line band by 2 px, and lost their skills and faces)
WORK_INDENT = 32  # the work line starts right of the avatar
WORK_TOP = 34  # the work's first line, below the name row (its chips end at 32)
CARD_FOOT = 8  # under the last line: the progress bar and the card's margin
TIGHT_FOOT, TIGHT_GAP = 4, 2  # a tighter foot and gap between cards, tried before compact rows
CARD_GAP = 4  # between two cards
SKILL_ROW = LINE + 4  # a row of skill chips under the name, when they do not fit beside it


SKILL_SPACINGS = ((5, 4), (4, 3), (3, 2))  # a chip's inner padding and the gap between chips, widest first
WIDEST_MORALE = "100%"  # the name row keeps room for the widest figure a card can show


def skill_spacing() -> tuple[int, int]:
    """The widest chip spacing at the current text size: tighter in large text, so a
    specialist's skills still fit beside the name."""
    return SKILL_SPACINGS[-1] if theme.TEXT_SCALE > 1 else SKILL_SPACINGS[0]


def skills_fit(agent: Agent, card_w: int, spacing: tuple[int, int] | None = None) -> bool:
    """Whether the agent's skill chips fit on the name row, between the name and the morale,
    measured against the widest morale ("100%"), so that a card does not change shape as its
    person's morale climbs to 100% (a room saw Priya's skills drop to a row of their own)."""
    from deskgame.ui.board.icons import chip_width

    pad, gap = spacing or skill_spacing()
    used = 32 + text.width(agent.name, theme.SIZE_BODY, True) + 8
    used += sum(chip_width(skill, pad) + gap for skill in agent.skills)
    return used <= card_w - 8 - text.width(WIDEST_MORALE, theme.SIZE_BODY) - 8


def team_skill_spacing(agents: list[Agent], card_w: int) -> tuple[int, int]:
    """One chip spacing for the whole team, so every card looks alike: the widest at which
    every card's skills fit beside its name (the tightest when some never do)."""
    first = SKILL_SPACINGS.index(skill_spacing())
    for spacing in SKILL_SPACINGS[first:]:
        if all(skills_fit(agent, card_w, spacing) for agent in agents):
            return spacing
    return SKILL_SPACINGS[-1]


COMPACT_WORK_X = 140  # in a compact row the work starts here at the least (after number and name)
WORK_GAP = 12  # between the work and the name before it or the morale after it


def compact_columns(agents: list[Agent], card_w: int) -> tuple[int, int]:
    """Where a compact row's work starts and how wide it may be: after the longest name,
    and clear of the widest morale ("100%") at the right, measured at the current text size
    (a fixed share let a title run into the percentage in large text)."""
    names = max((text.width(a.name, theme.SIZE_BODY, True) for a in agents), default=0)
    start = max(COMPACT_WORK_X, 32 + names + WORK_GAP)
    morale = text.width("100%", theme.SIZE_BODY)
    return start, card_w - start - WORK_GAP - morale - 8


Held = dict[str, tuple[str, bool, bool]]  # agent -> (ticket, compact cards, its title shown whole)


def lay_out_team(board: Board, agents: list[Agent], now: float, held: Held | None = None,
                 away: dict[str, list[str]] | None = None) -> None:
    """A card per agent: a name row with skills, then what they are doing.  Every card gets a
    line of work, then the longest descriptions get more while the height lasts.  When bands
    over the board leave too little height, each card turns compact: the work goes beside the
    name (the skills give way: the queue still says who is needed).

    ``held`` (the scene keeps it between frames) makes each card's words stable while its
    person works on one ticket: a title said whole keeps its lines first, so a card that shows
    its title keeps it while other people's work comes and goes (a room saw cards switch between
    a title and "T0128 for Sales").  Work said short ("T0128 for Sales") gets its title as soon
    as a line frees up, and then keeps it: a later room saw one card say "T0017 for Sales" for
    the whole of a long job while the others showed titles.

    ``away``: how each absent person's absence is said (``work_lines.away_words``)."""
    held = {} if held is None else held
    away = away or {}
    y = board.team.y + TEAM_HEAD
    room = board.team.bottom - 8 - y
    card_w = board.team.width - 24
    words = [work_words(agent, now, away.get(agent.name)) for agent in agents]
    # The name row, the foot with the progress line: kept tight, so that five busy people under
    # no band still get a second line for a long title (a newcomer saw "T0069 for Finance").
    full_head = WORK_TOP + CARD_FOOT
    spacing = team_skill_spacing(agents, card_w)
    below = [not skills_fit(agent, card_w, spacing) for agent in agents]
    extra = [SKILL_ROW if b else 0 for b in below]
    gap, foot = CARD_GAP, CARD_FOOT
    compact = len(agents) * (full_head + LINE + gap) > room
    if compact and len(agents) * (WORK_TOP + TIGHT_FOOT + LINE + TIGHT_GAP) <= room:
        # A few pixels short (large text under a two-line band): tighter cards keep the skill
        # chips and faces, which a compact row drops (a room needs the skills to read "needs
        # devices: all 4 who can are busy").
        compact, gap, foot = False, TIGHT_GAP, TIGHT_FOOT
        full_head = WORK_TOP + foot
    if compact or sum(full_head + e + LINE + gap for e in extra) > room:
        extra = [0] * len(agents)  # no height for skill rows: the chips that fit stay by the name
    head = 8 if compact else full_head
    work_x, compact_w = compact_columns(agents, card_w)
    width = compact_w if compact else card_w - WORK_INDENT - 12
    wrapped = [text.wrap(w[0], theme.SIZE_BODY, width) for w in words]
    before = []  # per agent: True (said whole before), False (said short before), None (new work)
    for agent in agents:
        ticket = agent.ticket
        kept = held.get(agent.name)
        same = ticket is not None and kept is not None and kept[:2] == (ticket.id, compact)
        before.append(kept[2] if same and kept is not None else None)
    shown = [1] * len(agents)
    spare = room - len(agents) * (head + LINE + gap) - sum(extra)
    order = sorted(range(len(agents)), key=lambda i: (before[i] is not True, len(wrapped[i])))
    for index in order:
        while shown[index] < len(wrapped[index]) and spare >= LINE:
            shown[index] += 1
            spare -= LINE
    for index, agent in enumerate(agents):
        whole = shown[index] >= len(wrapped[index])
        if shown[index] < len(wrapped[index]):  # the title does not fit: cut at a word (work_lines)
            wrapped[index] = fit_work(agent, shown[index], width, away.get(agent.name))
        if agent.ticket is not None:
            held[agent.name] = (agent.ticket.id, compact, whole)
        else:
            held.pop(agent.name, None)
        said, colour, done, hidden = words[index]
        lines = wrapped[index][: shown[index]]
        height = head + extra[index] + LINE * len(lines)
        dropped = said if len(lines) < len(wrapped[index]) else ""
        rect = pygame.Rect(board.team.x + 12, y, card_w, height)
        board.agents.append(
            AgentSlot(rect, agent, index, lines, colour, done, hidden, compact=compact, dropped=dropped,
                      skills_below=bool(extra[index]), work_x=work_x if compact else WORK_INDENT,
                      spacing=spacing, foot=foot)
        )
        y += height + gap


DETAIL_TEXT_W = 780  # the selected ticket's words; its buttons sit to the right
BUTTON_W, BUTTON_H = 222, 44  # "B Broadcast (12)" fits in large text


def lay_out_detail(board: Board, ticket: Ticket | None, incident: bool, broadcasts: int = 0) -> None:
    """The selected ticket's actions, two to a row right of its words (a call's answers, or
    priority, update, escalate), and the broadcast while a service is down."""
    wanted: list[tuple[str, str, str]] = []
    why_not: dict[str, str] = {}  # a button shown but disabled, and why
    if ticket is not None and ticket.call_pending:
        wanted = [
            (SHORT_CHOICE[c], f"answer:{c}:{ticket.id}", CHOICE_TIPS[c]) for c in CALL_CHOICES[ticket.kind]
        ]
    elif ticket is not None:
        wanted = [
            ("P Priority", "priority",
             "The caller's priority first, then P1-P4 in turn: judge by impact (the queue obeys it)"),
            ("U Update", "update", "Tell the customer where things stand"),
            ("E Escalate", "escalate", "Hand it to a specialist"),
        ]
        if ticket.repair:  # the outage's fix: the team's own job, which the engine refuses these for
            why_not = {"priority": "the outage's fix always comes first (P1)",
                       "update": "nobody waits on the fix by name: broadcast to the callers",
                       "escalate": "the fix goes to whoever holds its skills: assign it"}
        elif ticket.escalated:
            why_not["escalate"] = "it is already with a specialist"
        elif ticket.hidden:
            why_not["escalate"] = "work off the books has no ticket to hand over"
        elif ticket.linked is not None:
            why_not["escalate"] = "it closes by itself when the outage ends"
    if incident:
        wanted.append(
            (
                f"B Broadcast ({broadcasts})",
                "broadcast",
                "Tell everyone what is happening: fewer calls, calmer callers.",
            )
        )
    left = DETAIL_RECT.x + DETAIL_TEXT_W + 36
    for i, (label, action, tip) in enumerate(wanted[:4]):
        rect = pygame.Rect(
            left + (i % 2) * (BUTTON_W + 8),
            DETAIL_RECT.y + 10 + (i // 2) * (BUTTON_H + 8),
            BUTTON_W,
            BUTTON_H,
        )
        reason = why_not.get(action, "")
        board.buttons.append(Button(rect, label, action, tip, active=not reason, why_not=reason))
