"""The bottom panel: the selected ticket in full, and what the team can do with it."""

from __future__ import annotations

import pygame

from deskgame.engine.tickets import Ticket
from deskgame.engine.world import World
from deskgame.ui import engine_view, help_texts, text, theme, tooltips
from deskgame.ui.board.layout import DETAIL_RECT, DETAIL_TEXT_W, LINE, Board


def kind_words(kind: str) -> str:
    """"incident", "request", "end-run call", "BYOD (own device)": the calls' words as the
    flags and hints say them ("end run" read as two words nobody had met)."""
    return help_texts.DETAIL_KIND_WORDS.get(kind, kind.replace("_", " "))


def priority_words(ticket: Ticket) -> str:
    """"caller says P2 · no priority set yet": what the customer claimed and what the desk set,
    in words a newcomer reads without the manual ("stated P2 · set none" did not)."""
    who = "caller" if ticket.channel in ("phone", "walk_up") else "customer"
    said = f"{who} says {ticket.stated_priority}"
    if ticket.shouted is not None and ticket.shouted != ticket.stated_priority:
        # A fake emergency told its real priority: keep what was shouted in sight (after D the
        # panel said "caller says P3 · you set P3", and the contrast the lesson needs was gone).
        said = f"{who} said {ticket.shouted}, was told {ticket.stated_priority}"
    if ticket.priority is None:
        return f"{said} · no priority set yet"
    return f"{said} · you set {ticket.priority}"


def impact_words(world: World, ticket: Ticket) -> str:
    """"Order entry: high impact, medium urgency": what the triage lead judges priority by
    (the service's business impact, never the caller's rank); the panel showed only what the
    caller said, so there was nothing to judge with."""
    service = engine_view.service_name(world, ticket.service)
    return f"{service}: {ticket.impact} impact, {ticket.urgency} urgency"


FACT_LINES = 2  # the selected ticket's facts under its title
BODY_LINES = 4  # lines of body text the panel holds (a long title in body text, then the facts)
DROPPED_FIRST = (5, 7, 2)  # the channel, the wait, then the kind (the card's icon or flag says it)


def fitted_facts(parts: list[str], width: int, lines: int) -> str:
    """The facts joined with " · ", whole in ``lines`` lines: when they do not fit (a long
    title's end leads them), the channel and then the wait give way, so the priorities and
    the skills it needs are never the words left out."""
    kept = list(parts)
    for index in DROPPED_FIRST:
        if len(text.wrap(" · ".join(p for p in kept if p), theme.SIZE_BODY, width)) <= lines:
            break
        kept[index] = ""
    return " · ".join(p for p in kept if p)


def fact_parts(world: World, ticket: Ticket) -> list[str]:
    """The selected ticket's facts in order, "" where a part says nothing; ``DROPPED_FIRST``
    indexes them."""
    if ticket.started is None:  # still waiting: how long so far
        waited = f"waiting {world.now - ticket.arrived:.0f} min"
    elif ticket.repair:  # nobody is answered: the team started on it
        waited = f"started after {ticket.started - ticket.arrived:.0f} min"
    else:  # the wait that counts is the one before the first answer
        waited = f"first answer after {ticket.started - ticket.arrived:.0f} min"
    if ticket.repair:  # an outage's fix: the team's own job, not a customer's call
        down = engine_view.service_name(world, ticket.service)
        parts = ["", ticket.id, "the team's fix for the outage", "", f"{down} is down", "", "P1", waited,
                 f"needs {', '.join(sorted(ticket.skills))}", "rated by no customer"]
    else:
        parts = ["", ticket.id, kind_words(ticket.kind), ticket.customer, impact_words(world, ticket),
                 ticket.channel.replace("_", " "), priority_words(ticket), waited,
                 f"needs {', '.join(sorted(ticket.skills)) or 'the desk'}"]
    if ticket.device and ticket.device not in ticket.title:  # said once is enough
        parts.append(ticket.device)
    return parts


NOTE_PAD = 8  # inside the yellow frame of a note in the panel


def _title_fit(world: World, ticket: Ticket, width: int) -> tuple[list[str], bool, int]:
    """The title's lines, whether they are in the heading's font, and how many lines of facts
    fit under them.  One font per title: the heading's when it fits on one line and leaves the
    facts room enough (the channel and the wait may go: the card's icon and ring say them),
    else the whole title in bold body text ("...will not pick" big and "up work mail" small
    read as two things), which gives the facts a third line."""
    parts = fact_parts(world, ticket)
    heading = text.wrap(ticket.title, theme.SIZE_HEADING, width, bold=True)
    spare = [p for i, p in enumerate(parts) if i not in DROPPED_FIRST[:2] and p]  # channel, wait go
    roomy = len(text.wrap(" · ".join(spare), theme.SIZE_BODY, width)) <= FACT_LINES
    if len(heading) == 1 and roomy:
        return heading, True, FACT_LINES
    lines = text.wrap(ticket.title, theme.SIZE_BODY, width, bold=True)[:BODY_LINES - FACT_LINES]
    return lines, False, BODY_LINES - len(lines)


def note_lines(world: World, ticket: Ticket | None, note: str, short: str | None = None) -> list[str] | None:
    """A confirmation about the selected ticket ("T0022 is P3, as the caller said..."), wrapped
    to take the place of its facts for a moment, in its short form if the whole does not fit;
    None when neither fits (the board then says it at the feed's foot).  Said here, by the
    buttons just pressed, it no longer hides the feed's moments of truth, as every P or U press
    did for three seconds."""
    if ticket is None:
        return None
    width = DETAIL_TEXT_W - 2 * NOTE_PAD
    room = _title_fit(world, ticket, DETAIL_TEXT_W)[2]
    for words in (note, short):
        if words:
            lines = text.wrap(words, theme.SIZE_BODY, width)
            if len(lines) <= room:
                return lines
    return None


def draw_detail(surface: pygame.Surface, board: Board, world: World, ticket: Ticket | None,
                note: list[str] | None = None) -> None:
    """The selected ticket's title and facts (or, for a moment, ``note`` from ``note_lines`` in
    the facts' place), and the buttons."""
    x, y = DETAIL_RECT.x + 20, DETAIL_RECT.y + 8
    width = DETAIL_TEXT_W
    if ticket is None:
        keys = min(9, len(board.agents))  # the team's own keys, as its panel says ("1-3 assigns")
        text.blit_lines(
            surface,
            "Select a ticket or a ringing call (Up/Down, or click) to see it here. Free team members "
            "pull the next ticket they can do, in queue order: shape it with priorities, assignments "
            f"(1-{keys} or drag) and answers.",
            (x, y),
            theme.SIZE_BODY,
            theme.TEXT_DIM,
            width,
            max_lines=4,
        )
    else:
        title, big, fact_lines = _title_fit(world, ticket, width)
        if big:
            text.blit(surface, title[0], (x, y), theme.SIZE_HEADING, theme.TEXT, bold=True)
            facts_y = y + 38
        else:
            for i, line in enumerate(title):
                text.blit(surface, line, (x, y + LINE * i), theme.SIZE_BODY, theme.TEXT, bold=True)
            facts_y = y + LINE * len(title)
        if note:
            box = pygame.Rect(x - NOTE_PAD, facts_y - 2, width + 2 * NOTE_PAD, LINE * len(note) + 6)
            box.bottom = min(box.bottom, DETAIL_RECT.bottom - 2)
            pygame.draw.rect(surface, theme.BLACK, box, border_radius=6)
            pygame.draw.rect(surface, theme.YELLOW, box, 2, border_radius=6)
            for i, line in enumerate(note):
                text.blit(surface, line, (x, box.y + 3 + LINE * i), theme.SIZE_BODY, theme.YELLOW)
        else:
            facts = fitted_facts(fact_parts(world, ticket), width, fact_lines)
            at = (x, facts_y)
            text.blit_lines(surface, facts, at, theme.SIZE_BODY, theme.TEXT_DIM, width, max_lines=fact_lines)
            kind_tip = help_texts.CALL_LABEL_TIPS.get(ticket.kind)
            if kind_tip:  # "BYOD", "end-run": the words explain themselves under the pointer
                tooltips.add((at[0], at[1], width, LINE * fact_lines), kind_tip)
    for button in board.buttons:
        if button.rect.colliderect(DETAIL_RECT):
            button.draw(surface)
