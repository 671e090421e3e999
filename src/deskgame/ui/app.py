"""The app loop: input -> update -> draw, on a 1280x720 logical canvas scaled to the window.

Each frame turns real time x speed into simulated time (``LiveSession.tick``); in demo
mode with ``--frames`` every frame advances a fixed 1/60 s, so the same command always
gives the same picture.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pygame

from deskgame.policies.base import Policy
from deskgame.scenario import load_scenario
from deskgame.scenario.model import Scenario
from deskgame.session.live import LiveSession
from deskgame.ui import text, theme
from deskgame.ui.scenes.base import Scene, SceneStack
from deskgame.ui.scenes.cycle import ActionScene, AwarenessScene, WillScene
from deskgame.ui.scenes.menus import BriefingScene, RoundEndScene, TitleScene
from deskgame.ui.scenes.play import PlayScene

FRAME_SECONDS = 1 / 60
AUTOPLAY_PAUSE_FRAMES = 150  # demo mode lingers this long on screens between rounds


class App:
    def __init__(
        self,
        scenario: Scenario | None,
        seed: int | None = None,
        policy: Policy | None = None,
        fixed_step: bool = False,
    ):
        text.reset()
        pygame.display.init()  # no mixer: the game is silent, and audio devices vary by room
        pygame.font.init()
        self.window = pygame.display.set_mode(theme.LOGICAL_SIZE, pygame.RESIZABLE)
        pygame.display.set_caption("deskgame")
        self.canvas = pygame.Surface(theme.LOGICAL_SIZE).convert()
        self.seed = seed
        self.policy = policy
        self.autoplay = policy is not None
        self.fixed_step = fixed_step
        self.scenes = SceneStack()
        self.running = True
        self.frames = 0
        self.wait_frames = 0
        self.live: LiveSession | None = None  # type: ignore[assignment]
        if scenario is None:
            self.scenes.push(TitleScene(self))
        else:
            self._open(scenario)

    # ------------------------------------------------------------------ flow between scenes
    def _open(self, scenario: Scenario) -> None:
        self.live = LiveSession(scenario, self.seed, self.policy)
        if self.autoplay:
            self.scenes.replace(PlayScene(self)) if self.scenes.top else self.scenes.push(PlayScene(self))
        else:
            self.scenes.replace(BriefingScene(self)) if self.scenes.top else self.scenes.push(
                BriefingScene(self)
            )

    def choose_scenario(self, path: Path) -> None:
        self._open(load_scenario(path))

    def start_play(self) -> None:
        self.scenes.replace(PlayScene(self))

    def round_over(self) -> None:
        self.wait_frames = 0
        if self.live.phase == "ended":
            self.scenes.replace(RoundEndScene(self))
        else:
            self.scenes.replace(AwarenessScene(self))

    def to_will(self) -> None:
        self.wait_frames = 0
        self.scenes.replace(WillScene(self))

    def to_action(self, cards: list[str], commitment: str) -> None:
        self.wait_frames = 0
        reason = self.live.adopt(cards, commitment)
        if reason is None:
            self.scenes.replace(ActionScene(self))

    def start_next_round(self) -> None:
        self.live.begin_next_round()
        self.scenes.replace(PlayScene(self))

    def continue_after_round(self) -> None:
        if self.live.phase == "ended":
            self.running = False
            return
        self.start_next_round()

    def autoplay_wait(self, then: Callable[[], None] | None = None) -> None:
        """In demo mode the bot walks through the screens between rounds on its own."""
        if not self.autoplay:
            return
        self.wait_frames += 1
        if self.wait_frames >= AUTOPLAY_PAUSE_FRAMES and self.live.phase != "ended":
            self.wait_frames = 0
            (then or self.continue_after_round)()

    # ------------------------------------------------------------------ the loop
    def to_logical(self, pos: tuple[int, int]) -> tuple[int, int]:
        scale, offset = self._fit()
        return (int((pos[0] - offset[0]) / scale), int((pos[1] - offset[1]) / scale))

    def _fit(self) -> tuple[float, tuple[int, int]]:
        ww, wh = self.window.get_size()
        lw, lh = theme.LOGICAL_SIZE
        scale = min(ww / lw, wh / lh)
        return scale, ((ww - int(lw * scale)) // 2, (wh - int(lh * scale)) // 2)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE:
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            pygame.display.toggle_fullscreen()
            return
        if hasattr(event, "pos") and event.type in (
            pygame.MOUSEBUTTONDOWN,
            pygame.MOUSEBUTTONUP,
            pygame.MOUSEMOTION,
        ):
            event = pygame.event.Event(event.type, {**event.dict, "pos": self.to_logical(event.pos)})
        scene = self.scenes.top
        if scene is not None:
            scene.handle_event(event)

    def step(self, real_seconds: float) -> None:
        """One frame: input, update, draw."""
        for event in pygame.event.get():
            self.handle(event)
        scene: Scene | None = self.scenes.top
        if scene is not None:
            scene.update(real_seconds)
        self.draw()
        self.frames += 1

    def draw(self) -> None:
        scene = self.scenes.top
        if scene is not None:
            scene.draw(self.canvas)
        scale, offset = self._fit()
        if scale == 1 and offset == (0, 0):
            self.window.blit(self.canvas, (0, 0))
        else:
            self.window.fill(theme.BLACK)
            size = (int(theme.LOGICAL_SIZE[0] * scale), int(theme.LOGICAL_SIZE[1] * scale))
            self.window.blit(pygame.transform.smoothscale(self.canvas, size), offset)
        pygame.display.flip()

    def run(self, frames: int | None = None, screenshot: str | None = None) -> None:
        clock = pygame.time.Clock()
        while self.running and (frames is None or self.frames < frames):
            if self.fixed_step or frames is not None:
                self.step(FRAME_SECONDS)
            else:
                self.step(min(clock.tick(60) / 1000.0, 0.1))
        if screenshot:
            pygame.image.save(self.canvas, screenshot)

    def close(self) -> None:
        text.reset()
        pygame.quit()


def display_available() -> bool:
    """False when there is no screen to open a window on (and no headless SDL driver asked for)."""
    driver = os.environ.get("SDL_VIDEODRIVER", "")
    if driver in ("dummy", "offscreen"):
        return True
    if os.name == "nt" or sys.platform == "darwin":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
