"""The screens around play: title and scenario picker, briefing, round end, session end."""

from __future__ import annotations

import pygame

from deskgame.scenario.catalog import BundledScenario, bundled_scenarios
from deskgame.ui import theme
from deskgame.ui.scenes.base import Scene
from deskgame.ui.text import blit, fit, wrap

W, H = theme.LOGICAL_SIZE
CONTINUE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


def is_continue(event: pygame.event.Event) -> bool:
    """Enter, Space or a click: the "carry on" of every screen between rounds."""
    return (event.type == pygame.KEYDOWN and event.key in CONTINUE_KEYS) or (
        event.type == pygame.MOUSEBUTTONDOWN and event.button == 1
    )


def _panel(surface: pygame.Surface, rect: pygame.Rect) -> None:
    pygame.draw.rect(surface, theme.PANEL, rect, border_radius=12)


class TitleScene(Scene):
    """Pick a bundled scenario with Up/Down and Enter."""

    def __init__(self, app):  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.items = [item for item in bundled_scenarios() if not item.name.startswith("examples/")]
        self.index = next((i for i, item in enumerate(self.items) if item.name == "standard-monday"), 0)
        self.unfinished = app.saves.unfinished() if app.saves.enabled else None
        if self.unfinished is not None:
            # The latest unfinished session comes first: a crashed laptop is one Enter away.
            self.items.insert(
                0,
                BundledScenario(
                    "resume", self.unfinished, "Carry on the unfinished session", self.unfinished.name
                ),
            )
            self.index = 0

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_DOWN:
                self.index = (self.index + 1) % len(self.items)
            elif event.key == pygame.K_UP:
                self.index = (self.index - 1) % len(self.items)
            elif event.key in CONTINUE_KEYS:
                self._choose(self.index)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, _ in enumerate(self.items):
                if self._row(i).collidepoint(event.pos):
                    if i == self.index:
                        self._choose(i)
                    self.index = i
                    return True
        return False

    def _choose(self, index: int) -> None:
        item = self.items[index]
        if item.name == "resume":
            self.app.resume_file(item.path)
        else:
            self.app.choose_scenario(item.path)

    def _row(self, i: int) -> pygame.Rect:
        return pygame.Rect(W // 2 - 420, 250 + i * 92, 840, 80)

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(theme.BACKGROUND)
        blit(surface, "deskgame", (W // 2, 70), theme.SIZE_TITLE, theme.TEXT, bold=True, anchor="midtop")
        blit(
            surface,
            "A day at the service desk. Be a service, not a servant.",
            (W // 2, 140),
            theme.SIZE_HEADING,
            theme.TEXT_DIM,
            anchor="midtop",
        )
        blit(
            surface,
            "Choose a scenario (Up/Down, Enter)",
            (W // 2, 200),
            theme.SIZE_BODY,
            theme.TEXT_DIM,
            anchor="midtop",
        )
        for i, item in enumerate(self.items):
            rect = self._row(i)
            pygame.draw.rect(
                surface, theme.CARD_SELECTED if i == self.index else theme.CARD, rect, border_radius=8
            )
            blit(surface, item.title, (rect.x + 20, rect.y + 10), theme.SIZE_HEADING, theme.TEXT, bold=True)
            blit(
                surface,
                fit(item.summary, theme.SIZE_SMALL, rect.width - 40),
                (rect.x + 20, rect.y + 46),
                theme.SIZE_SMALL,
                theme.TEXT_DIM,
            )


class StepScene(Scene):
    """A screen on the way: Enter, Space or a click goes on; in demo mode it goes on by itself."""

    def proceed(self) -> None:  # pragma: no cover - every step scene says where it leads
        raise NotImplementedError

    def handle_event(self, event: pygame.event.Event) -> bool:
        if is_continue(event):
            self.proceed()
            return True
        return False

    def update(self, real_seconds: float) -> None:
        self.app.autoplay_wait(self.proceed)


class BriefingScene(StepScene):
    """The scenario's briefing and the table roles; Enter starts round 1."""

    def proceed(self) -> None:
        self.app.start_play()

    def draw(self, surface: pygame.Surface) -> None:
        scenario = self.app.live.scenario
        surface.fill(theme.BACKGROUND)
        blit(surface, scenario.title, (W // 2, 50), theme.SIZE_TITLE, theme.TEXT, bold=True, anchor="midtop")
        box = pygame.Rect(140, 130, W - 280, 380)
        _panel(surface, box)
        y = box.y + 24
        paragraphs = "\n".join(" ".join(p.split()) for p in scenario.briefing.split("\n\n"))
        for line in wrap(paragraphs, theme.SIZE_BODY, box.width - 60)[:11]:
            blit(surface, line, (box.x + 30, y), theme.SIZE_BODY, theme.TEXT)
            y += 30
        roles = (
            "Around the table: a driver at the keyboard, a triage lead for priorities, a comms lead "
            "for callers and broadcasts, an observer who notes the moments of truth."
        )
        y = box.bottom + 24
        for line in wrap(roles, theme.SIZE_BODY, W - 280):
            blit(surface, line, (140, y), theme.SIZE_BODY, theme.TEXT_DIM)
            y += 28
        blit(
            surface,
            f"{scenario.rounds} round{'s' if scenario.rounds > 1 else ''} · press Enter to "
            "open the desk · F1 for keys",
            (W // 2, H - 60),
            theme.SIZE_BODY,
            theme.YELLOW,
            anchor="midtop",
        )


class RoundEndScene(StepScene):
    """The session's end (completed or outsourced): the last round's figures and every score."""

    def proceed(self) -> None:
        self.app.continue_after_round()

    def draw(self, surface: pygame.Surface) -> None:
        live = self.app.live
        surface.fill(theme.BACKGROUND)
        rounds = live.outcome.rounds
        last = rounds[-1]
        ended = live.phase == "ended"
        if live.outcome.ended == "outsourced":
            title, colour = "The business has outsourced the desk", theme.VERMILLION
        elif ended:
            title, colour = "Session complete", theme.GREEN
        else:
            title, colour = f"End of round {last['round']}", theme.TEXT
        blit(surface, title, (W // 2, 28), theme.SIZE_TITLE, colour, bold=True, anchor="midtop")
        if live.outcome.ended == "outsourced":
            why = (
                f"Business trust fell below {live.scenario.scoring.outsourcing_below:.0f} at the end of "
                f"round {last['round']}: the contract goes to an outside supplier. Rounds not played score 0."
            )
            blit(
                surface,
                fit(why, theme.SIZE_SMALL, W - 120),
                (W // 2, 88),
                theme.SIZE_SMALL,
                theme.TEXT,
                anchor="midtop",
            )
        k = last["kpis"]
        rows = [
            ("Business trust", f"{k['trust']:.0f} / 100"),
            ("Satisfaction at resolution (CSAT)", f"{k['csat']:.0f}"),
            ("SLA met", f"{k['sla_met']:.0%}"),
            ("First-contact resolution", f"{k['fcr']:.0%}"),
            ("Mean wait for a first answer", f"{k['mean_wait_min']:.0f} min"),
            ("Still open at the end", str(k["backlog_end"])),
            ("Team morale", f"{k['morale']:.2f}"),
            ("Hidden work from end-runs", f"{k['hidden_work_min']:.0f} min"),
            ("Resolved", f"{k['resolved']} of {last['arrived']}"),
            ("Round score", f"{last['score']:.0f}"),
        ]
        box = pygame.Rect(120, 120, 560, 470)
        _panel(surface, box)
        y = box.y + 20
        for label, value in rows:
            blit(surface, label, (box.x + 24, y), theme.SIZE_BODY, theme.TEXT_DIM)
            blit(
                surface, value, (box.right - 24, y), theme.SIZE_BODY, theme.TEXT, bold=True, anchor="topright"
            )
            y += 44
        side = pygame.Rect(720, 120, 440, 470)
        _panel(surface, side)
        blit(
            surface,
            "Worst and best moments",
            (side.x + 20, side.y + 16),
            theme.SIZE_BODY,
            theme.TEXT,
            bold=True,
        )
        y = side.y + 52
        for moment in (
            sorted(last["moments"], key=lambda m: m["delta"])[:3]
            + sorted(last["moments"], key=lambda m: -m["delta"])[:3]
        ):
            colour = theme.GOOD if moment["delta"] > 0 else theme.BAD
            for i, line in enumerate(wrap(moment["text"], theme.SIZE_SMALL, side.width - 90)[:3]):
                if i == 0:
                    blit(
                        surface,
                        f"{moment['delta']:+.1f}",
                        (side.x + 20, y),
                        theme.SIZE_SMALL,
                        colour,
                        bold=True,
                    )
                blit(surface, line, (side.x + 76, y), theme.SIZE_SMALL, theme.TEXT)
                y += 20
            y += 8
        if ended:
            scores = "  ".join(f"R{r['round']}: {r['score']:.0f}" for r in rounds)
            blit(
                surface,
                f"Scores {scores}  ·  session {live.outcome.score:.0f}",
                (W // 2, H - 100),
                theme.SIZE_HEADING,
                theme.YELLOW,
                anchor="midtop",
            )
            blit(
                surface,
                "Press Enter to close.",
                (W // 2, H - 56),
                theme.SIZE_BODY,
                theme.TEXT_DIM,
                anchor="midtop",
            )
        else:
            blit(
                surface,
                "Press Enter for the next round.",
                (W // 2, H - 80),
                theme.SIZE_BODY,
                theme.YELLOW,
                anchor="midtop",
            )
