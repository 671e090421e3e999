"""The facilitator console (F9): inject a live event into the round being played.

DESIGN.md section 3 and 7: a facilitator key opens a console to inject a scripted event
live.  It is a box on the scene stack over the board and lets no time pass beneath it, so
the room loses no simulated minutes while the facilitator chooses.  Every setting is a
list of choices stepped with Left/Right (numbers in steps a room can follow: 15 minutes,
0.05 calls a minute), pre-filled from the engine's ``INJECTABLE`` defaults and the
scenario's first service, demand and agent, so Enter alone injects something sensible.

The injection is an engine command (``live.command("inject", event=...)``), so it is a
recorded decision that replays; a refusal is shown here in words and the console stays
open.  The scenario's ``facilitator_notes`` appear only after N: the console is on the
team's screen, and the notes may say what is coming.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame

from deskgame.engine.commands import INJECTABLE, suggested_fix
from deskgame.scenario.model import Scenario
from deskgame.scenario.units import format_clock
from deskgame.ui import text, theme
from deskgame.ui.scenes.base import Scene
from deskgame.ui.widgets import modal

SIZE = (1160, 660)
PAD = 36
ROW = 50  # a setting's row: a line of body text and air to click it
NOTES_LINES = 13  # notes shown at once (PgUp/PgDn move through longer ones)
ARROW = 12  # half the size of the Left/Right arrows beside the chosen setting's value

KINDS: dict[str, tuple[str, str]] = {
    "major_incident": ("Major incident", "a service goes down and its callers pour in"),
    "wave": ("Wave", "more calls than usual of one kind"),
    "absence": ("Absence", "someone leaves the desk"),
    "social_storm": ("Social storm", "customers turn against IT; posts spread further"),
}
LABELS = {
    "service": "Service",
    "duration": "For",
    "surge": "Extra calls",
    "demand": "Calls about",
    "factor": "How many",
    "agent": "Who",
    "customers": "Who complains",
    "hit": "Satisfaction lost",
    "amplify": "Posts spread",
    "fix": "Fix",
}


ABSENCE_MINUTES = 60.0  # an injected absence starts at an hour: what a facilitator picks most


def minutes(value: float | None) -> str:
    """A duration in words: "45 minutes", "2 hours", "1 hour 30 minutes", or for good."""
    if value is None:
        return "the rest of the session"
    whole = int(round(value))
    if whole < 60:
        return f"{whole} minute{'s' if whole != 1 else ''}"
    hours, rest = divmod(whole, 60)
    said = f"{hours} hour{'s' if hours != 1 else ''}"
    return said if not rest else f"{said} {rest} minutes"


# A kind of call, as the room says it (a demand's id, "new-gadgets", is the author's name for it).
DEMAND_KINDS = {"byod": "own-device (BYOD) calls", "incident": "problems", "request": "requests",
                "end_run": "end-runs to specialists", "fake_emergency": "\u201cemergencies\u201d"}


def demand_words(scenario: Scenario) -> dict[str, str]:
    """Each demand's id -> its kind and service in words ("own-device (BYOD) calls about Email
    and mobile sync"), with its customers when two would read the same."""
    services = {s.id: s.name for s in scenario.services}
    said: dict[str, str] = {}
    for demand in scenario.demand:
        if demand.id:
            kind = DEMAND_KINDS.get(demand.kind, demand.kind.replace("_", " "))
            said[demand.id] = f"{kind} about {services.get(demand.service, demand.service)}"
    repeated = {words for words in said.values() if list(said.values()).count(words) > 1}
    for demand in scenario.demand:
        if demand.id and said[demand.id] in repeated:
            who = demand.customers if isinstance(demand.customers, str) else ", ".join(demand.customers)
            said[demand.id] += f" from {'everyone' if who == 'all' else who}"
    return said


def _steps(low: float, high: float, step: float) -> list[float]:
    count = int(round((high - low) / step))
    return [round(low + i * step, 2) for i in range(count + 1)]


@dataclass
class Setting:
    """One key of the event: its choices, how each reads, which is chosen.

    Names wrap round (Right after the last is the first again); numbers stop at their ends.
    """

    key: str
    choices: list[Any]
    show: Callable[[Any], str]
    index: int = 0
    wraps: bool = False
    # What the engine is sent for a choice, when it is not the choice itself (an outage's fix:
    # "the team can fix it" sends the scenario's fix for the service chosen above it).
    sent: Callable[[Any], Any] | None = None

    @property
    def value(self) -> Any:
        return self.choices[self.index]

    def step(self, by: int) -> None:
        if self.wraps:
            self.index = (self.index + by) % len(self.choices)
        else:
            self.index = max(0, min(len(self.choices) - 1, self.index + by))

    def choose(self, value: Any) -> None:
        """Start at ``value``, or at the nearest number to it."""
        if value in self.choices:
            self.index = self.choices.index(value)
        elif isinstance(value, int | float) and all(isinstance(c, int | float) for c in self.choices):
            self.index = min(range(len(self.choices)), key=lambda i: abs(self.choices[i] - value))


def _named(key: str, names: list[str], shown: dict[str, str] | None = None,
           everyone: str | None = None) -> Setting:
    """A choice of one name (sent as a one-item list when ``everyone`` is offered too)."""
    choices: list[Any] = list(names) + (["all"] if everyone else [])
    shown = shown or {}

    def show(value: Any) -> str:
        if value == "all":
            return everyone or "all"
        return shown.get(value, str(value))

    return Setting(key, choices, show, wraps=True)


def settings_for(kind: str, scenario: Scenario) -> list[Setting]:
    """The console's settings for ``kind``, at the engine's defaults and the scenario's first names."""
    defaults = INJECTABLE[kind]
    length = min(1440.0, max(60.0, float(scenario.round.length)))
    duration = Setting("duration", _steps(15, length, 15), minutes)
    made: list[Setting]
    if kind == "major_incident":
        services = {s.id: s.name for s in scenario.services}
        surge = Setting("surge", _steps(0, 3, 0.05),
                        lambda v: f"{v:.2f} a minute ({v * 60:.0f} an hour)")
        service = _named("service", list(services), services)
        made = [service, duration, surge, _fix_setting(scenario, service)]
    elif kind == "wave":
        demand = [d.id for d in scenario.demand if d.id]
        factor = Setting("factor", _steps(1.5, 10, 0.5), lambda v: f"{v:g}× the usual calls")
        made = [_named("demand", demand, demand_words(scenario), everyone="every kind of call"), duration,
                factor]
    elif kind == "absence":
        # For good is the last choice, not the first: an hour is what a facilitator picks most.
        away = Setting("duration", [*_steps(15, length, 15), None], minutes)
        away.choose(ABSENCE_MINUTES)
        made = [_named("agent", [a.name for a in scenario.team]), away]
    else:
        hit = Setting("hit", _steps(0, 50, 1), lambda v: f"{v:g} points")
        amplify = Setting("amplify", _steps(1, 10, 0.5), lambda v: f"{v:g}× as far as usual")
        customers = _named("customers", [c.name for c in scenario.customers], everyone="every department")
        made = [customers, duration, hit, amplify]
    for setting in made:
        if defaults.get(setting.key) is not None and not (kind == "absence" and setting.key == "duration"):
            setting.choose(defaults[setting.key])
    return made


def _fix_setting(scenario: Scenario, service: Setting) -> Setting:
    """Whether the team gets a fix to work (the scenario's own for the service, as a scripted
    outage has), or only time restores the service.  A fix is the default: it is the decision
    the outage puts to the team (who restores it, and what waits meanwhile)."""

    def words(offered: bool) -> str:
        fix = suggested_fix(scenario, service.value) if offered else None
        if fix is None:
            return "none: only time brings it back" if not offered else "none: nobody here has the skills"
        return f"{' and '.join(fix['skills'])} work, {minutes(fix['effort'])}"

    return Setting("fix", [True, False], words, wraps=True,
                   sent=lambda offered: suggested_fix(scenario, service.value) if offered else None)


def event_of(kind: str, settings: list[Setting]) -> dict[str, Any]:
    """The event as the engine takes it (a one-item list where it names people or demand)."""
    event: dict[str, Any] = {"kind": kind}
    for setting in settings:
        value = setting.value
        if setting.key in ("demand", "customers") and value != "all":
            value = [value]
        event[setting.key] = setting.sent(value) if setting.sent is not None else value
    return event


def described(kind: str, settings: list[Setting], clock: Callable[[float], str] | None = None) -> str:
    """What the room will see happen, in words (the board's toast after an injection).
    ``clock``: the clock in so many minutes from now, to say when someone is back."""
    shown = {s.key: s.show(s.value) for s in settings}
    values = {s.key: s.value for s in settings}
    if kind == "major_incident":
        extra = f", about {values['surge'] * 60:.0f} extra calls an hour" if values["surge"] else ""
        fixed = "; the team can fix it sooner" if event_of(kind, settings).get("fix") else ""
        return f"{shown['service']} is down for {shown['duration']}{extra}{fixed}"
    if kind == "wave":
        about = "calls of every kind" if values["demand"] == "all" else shown["demand"]
        return f"a wave of {about}, {values['factor']:g}× the usual, for {shown['duration']}"
    if kind == "absence":
        back = f", back at {clock(values['duration'])}" if clock is not None and values["duration"] else ""
        return f"{values['agent']} is away for {shown['duration']}{back}"
    who = shown["customers"]
    # What it does, not more: the customers lose the points at once, and while it lasts a
    # let-down caller's post spreads further ("complains in public for 1 h" promised a feed of
    # posts, and a facilitator saw one).
    return (f"a social storm: {who} loses {shown['hit']} of satisfaction at once, and for "
            f"{shown['duration']} a let-down caller's post spreads {shown['amplify']}")


class Console(Scene):
    """F9: pick an event kind (1-4), set it (Up/Down, Left/Right), inject (Enter); Esc goes back.

    The game waits underneath (``passes_time`` is False), and N shows the scenario's notes.
    """

    overlay = True

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.kind: str | None = None
        self.settings: list[Setting] = []
        self.row = 0
        self.refusal = ""
        self.notes = False
        self.notes_from = 0

    # ------------------------------------------------------------------ choosing
    @property
    def scenario(self) -> Scenario:
        return self.app.live.scenario

    def clock(self, minutes_on: float) -> str:
        """The board's clock ``minutes_on`` from now ("11:43")."""
        world = self.app.live.world
        return format_clock(self.scenario.round.start + world.now + minutes_on - world.round_start)

    def pick(self, kind: str) -> None:
        self.kind = kind
        self.settings = settings_for(kind, self.scenario)
        self.row = 0
        self.refusal = ""

    def inject(self) -> None:
        """Send the event; on success close and tell the board, else say why here."""
        if self.kind is None:
            return
        if not self.settings[0].choices:
            self.refusal = f"This scenario has nothing to name for {LABELS[self.settings[0].key].lower()}."
            return
        reason = self.app.live.command("inject", event=event_of(self.kind, self.settings))
        if reason is not None:
            self.refusal = f"Not injected: {reason}."
            return
        self.app.sounds.play("click")
        board = self.app.scenes.below(self)
        if board is not None and hasattr(board, "say"):
            board.say(f"Facilitator: {described(self.kind, self.settings, self.clock)}.", frames=300)
        self.go("close")

    # ------------------------------------------------------------------ input
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            self._key(event.key)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._click(event.pos)
        return True  # the board under it takes no input while the console is up

    def _key(self, key: int) -> None:
        if key == pygame.K_n:
            self.notes = not self.notes
            self.notes_from = 0
        elif key == pygame.K_F9:
            self.go("close")
        elif key == pygame.K_ESCAPE:
            if self.notes:
                self.notes = False
            elif self.kind is not None:
                self.kind, self.refusal = None, ""
            else:
                self.go("close")
        elif self.notes and key in (pygame.K_PAGEDOWN, pygame.K_DOWN):
            last_page = max(0, len(self._note_lines()) - NOTES_LINES)
            self.notes_from = min(self.notes_from + NOTES_LINES - 1, last_page)
        elif self.notes and key in (pygame.K_PAGEUP, pygame.K_UP):
            self.notes_from = max(0, self.notes_from - (NOTES_LINES - 1))
        elif self.notes:
            return
        elif self.kind is None:
            if pygame.K_1 <= key <= pygame.K_4:
                self.pick(list(KINDS)[key - pygame.K_1])
        elif key in (pygame.K_UP, pygame.K_DOWN):
            self.row = (self.row + (1 if key == pygame.K_DOWN else -1)) % len(self.settings)
        elif key in (pygame.K_LEFT, pygame.K_RIGHT) and self.settings[self.row].choices:
            self.settings[self.row].step(1 if key == pygame.K_RIGHT else -1)
            self.refusal = ""
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.inject()

    def _click(self, pos: tuple[int, int]) -> None:
        if self.notes:
            return
        box = self._box()
        if self.kind is None:
            for i, kind in enumerate(KINDS):
                if self._kind_rect(box, i).collidepoint(pos):
                    self.pick(kind)
            return
        for i, setting in enumerate(self.settings):
            left, right = self._arrows(box, i)
            if left.collidepoint(pos) or right.collidepoint(pos):
                self.row = i
                if setting.choices:
                    setting.step(1 if right.collidepoint(pos) else -1)
                    self.refusal = ""
            elif self._setting_rect(box, i).collidepoint(pos):
                self.row = i
        if self._inject_rect(box).collidepoint(pos):
            self.inject()

    # ------------------------------------------------------------------ where things are
    # Pure functions of the console's state, so clicks and drawing agree without layout in draw.
    @staticmethod
    def _box() -> pygame.Rect:
        box = pygame.Rect((0, 0), SIZE)
        box.center = (theme.LOGICAL_SIZE[0] // 2, theme.LOGICAL_SIZE[1] // 2)
        return box

    @staticmethod
    def _kind_rect(box: pygame.Rect, i: int) -> pygame.Rect:
        return pygame.Rect(box.x + PAD - 10, box.y + 130 + i * (ROW + 16), box.width - 2 * PAD + 20, ROW + 8)

    @staticmethod
    def _setting_rect(box: pygame.Rect, i: int) -> pygame.Rect:
        return pygame.Rect(box.x + PAD - 10, box.y + 130 + i * ROW, box.width - 2 * PAD + 20, ROW - 4)

    @classmethod
    def _arrows(cls, box: pygame.Rect, i: int) -> tuple[pygame.Rect, pygame.Rect]:
        row = cls._setting_rect(box, i)
        left = pygame.Rect(0, 0, 2 * ARROW + 12, row.height)
        left.midleft = (box.x + 330, row.centery)
        right = left.copy()
        right.midright = (row.right - 6, row.centery)
        return left, right

    @staticmethod
    def _inject_rect(box: pygame.Rect) -> pygame.Rect:
        return pygame.Rect(box.right - PAD - 300, box.bottom - 70, 300, 46)

    def _note_lines(self) -> list[str]:
        notes = self.scenario.facilitator_notes.strip()
        return text.wrap(notes, theme.SIZE_BODY, SIZE[0] - 2 * PAD) if notes else []

    # ------------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface) -> None:
        box = modal(surface, SIZE, 200, theme.SKY)
        title = "Facilitator console" if self.kind is None else f"Inject: {KINDS[self.kind][0]}"
        text.blit(surface, title, (box.x + PAD, box.y + 22), theme.SIZE_HEADING, theme.TEXT, bold=True)
        text.blit(surface, "The game waits while this is open.", (box.x + PAD, box.y + 70),
                  theme.SIZE_BODY, theme.TEXT_DIM)
        if self.notes:
            self._draw_notes(surface, box)
        elif self.kind is None:
            self._draw_kinds(surface, box)
        else:
            self._draw_settings(surface, box)

    def _footer(self, surface: pygame.Surface, box: pygame.Rect, keys: str) -> None:
        text.blit(surface, keys, (box.x + PAD, box.bottom - 60), theme.SIZE_BODY, theme.YELLOW)

    def _draw_kinds(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        for i, (name, what) in enumerate(KINDS.values()):
            rect = self._kind_rect(box, i)
            pygame.draw.rect(surface, theme.CARD, rect, border_radius=8)
            text.blit(surface, f"{i + 1}", (rect.x + 24, rect.centery), theme.SIZE_HEADING, theme.YELLOW,
                      bold=True, anchor="midleft")
            text.blit(surface, name, (rect.x + 70, rect.centery), theme.SIZE_BODY, theme.TEXT, bold=True,
                      anchor="midleft")
            text.blit(surface, what, (rect.x + 300, rect.centery), theme.SIZE_BODY, theme.TEXT,
                      anchor="midleft")
        self._footer(surface, box, "1-4 or click: choose an event · N: notes · Esc or F9: close")

    def _draw_settings(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        for i, setting in enumerate(self.settings):
            rect = self._setting_rect(box, i)
            chosen = i == self.row
            pygame.draw.rect(surface, theme.CARD_SELECTED if chosen else theme.CARD, rect, border_radius=8)
            if chosen:
                pygame.draw.rect(surface, theme.YELLOW, rect, 2, border_radius=8)
            text.blit(surface, LABELS[setting.key], (rect.x + 16, rect.centery), theme.SIZE_BODY,
                      theme.TEXT, bold=True, anchor="midleft")
            left, right = self._arrows(box, i)
            shown = setting.show(setting.value) if setting.choices else "(none in this scenario)"
            text.blit(surface, shown, (left.right + 10, rect.centery), theme.SIZE_BODY, theme.TEXT,
                      anchor="midleft")
            ink = theme.YELLOW if chosen else theme.PANEL_LIGHT
            for arrow, way in ((left, -1), (right, 1)):
                x, y = arrow.center
                back = x - way * ARROW
                corners = [(x + way * ARROW, y), (back, y - ARROW), (back, y + ARROW)]
                pygame.draw.polygon(surface, ink, corners)
        below = box.y + 130 + len(self.settings) * ROW + 14
        if self.settings[0].choices:
            said = described(self.kind or "", self.settings, self.clock)
            used = text.blit_lines(surface, f"Enter injects now: {said}.", (box.x + PAD, below),
                                   theme.SIZE_BODY, theme.TEXT, box.width - 2 * PAD)
        else:
            used = 0
        if self.refusal:
            text.blit_lines(surface, self.refusal, (box.x + PAD, below + used + 12), theme.SIZE_BODY,
                            theme.INK_BAD, box.width - 2 * PAD, bold=True)
        button = self._inject_rect(box)
        pygame.draw.rect(surface, theme.GREEN, button, border_radius=8)
        pygame.draw.rect(surface, theme.BLACK, button, 2, border_radius=8)
        text.blit(surface, "Inject (Enter)", button.center, theme.SIZE_BODY, theme.BLACK, bold=True,
                  anchor="center")
        self._footer(surface, box, "Up/Down: setting · Left/Right: change · Esc: back · N: notes")

    def _draw_notes(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        lines = self._note_lines()
        x, y = box.x + PAD, box.y + 120
        text.blit(surface, "Facilitator notes (not for the team)", (x, y), theme.SIZE_BODY, theme.YELLOW,
                  bold=True)
        if not lines:
            text.blit(surface, "This scenario has no facilitator notes.", (x, y + 48), theme.SIZE_BODY,
                      theme.TEXT)
        step = text.line_height(theme.SIZE_BODY) + 4
        shown = lines[self.notes_from:self.notes_from + NOTES_LINES]
        for i, line in enumerate(shown):
            text.blit(surface, line, (x, y + 48 + i * step), theme.SIZE_BODY, theme.TEXT)
        keys = "N or Esc: hide the notes"
        if len(lines) > NOTES_LINES:
            last = self.notes_from + len(shown)
            keys = f"Lines {self.notes_from + 1}-{last} of {len(lines)} · PgUp/PgDn: more · " + keys
        self._footer(surface, box, keys)
