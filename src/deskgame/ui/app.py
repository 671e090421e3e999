"""The app loop: input -> update -> draw, on a 1280x720 logical canvas scaled to the window.

Each frame turns real time x speed into simulated time (``LiveSession.tick``); in demo
mode with ``--frames`` every frame advances a fixed 1/60 s, so the same command always
gives the same picture.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pygame

from deskgame.policies.base import Policy
from deskgame.scenario import load_scenario
from deskgame.scenario.model import Scenario
from deskgame.session.live import LiveSession
from deskgame.session.saves import Autosaver, Resumed, SaveLocked, SaveUnavailable, default_save_path
from deskgame.ui import help_texts, text, theme, tooltips
from deskgame.ui import settings as user_settings
from deskgame.ui.board.legend import draw_compact as draw_legend
from deskgame.ui.board.legend import turn_page
from deskgame.ui.hints import CALL_KINDS
from deskgame.ui.launch import SaveOptions, display_available  # noqa: F401 - the app's public names
from deskgame.ui.scenes.base import Go, Scene, SceneStack
from deskgame.ui.scenes.boxes import HelpBox, IncidentBox, QuitBox
from deskgame.ui.scenes.console import Console
from deskgame.ui.scenes.cycle import ActionScene, AwarenessScene, WillScene
from deskgame.ui.scenes.ending import EndScene, SummaryScene
from deskgame.ui.scenes.menus import BriefingScene, TitleScene
from deskgame.ui.scenes.play import PlayScene
from deskgame.ui.scenes.settings import SettingsScene
from deskgame.ui.sound import Sounds
from deskgame.ui.stop_signals import StopSignals
from deskgame.ui.tutorial import Coach, HintBox, calls_rung, coach_for
from deskgame.ui.userdata import UserData

FRAME_SECONDS = 1 / 60


AUTOPLAY_PAUSE_FRAMES = 150  # demo mode lingers this long on screens between rounds


class App:
    def __init__(
        self,
        scenario: Scenario | None,
        seed: int | None = None,
        policy: Policy | None = None,
        fixed_step: bool = False,
        saves: SaveOptions | None = None,
        resumed: Resumed | None = None,
        fair_calls: bool = True,
        settings: user_settings.Settings | None = None,
    ):
        # The player's settings (the config file; a bad one falls back with a warning).
        self.settings = settings if settings is not None else user_settings.load()
        user_settings.apply(self.settings)
        text.reset()
        pygame.display.init()
        pygame.font.init()
        self.sounds = Sounds()  # silent when the room has no audio device
        self.sounds.volume, self.sounds.muted = self.settings.volume, self.settings.muted
        self.window = pygame.display.set_mode(theme.LOGICAL_SIZE, pygame.RESIZABLE)
        pygame.display.set_caption("deskgame")
        if self.settings.fullscreen:
            self._toggle_fullscreen()
        self.mouse: tuple[int, int] | None = None  # the pointer on the canvas (tooltips)
        self.legend_page: int | None = None  # F2: the compact legend's page over the board, or None
        self.canvas = pygame.Surface(theme.LOGICAL_SIZE).convert()
        self.seed = seed
        self.policy = policy
        self.autoplay = policy is not None
        self.start_speed: int | None = None  # --speed: every session opened starts at it (cli_play)
        self.fixed_step = fixed_step
        # a ringing call slows the clock (see scenes.play), unless turned off here or in settings
        self.fair_calls = fair_calls and self.settings.slow_for_calls
        self.scenes = SceneStack()
        self.running = True
        self.frames = 0
        self.wait_frames = 0
        self.live: LiveSession | None = None  # type: ignore[assignment]
        self.saves = saves or SaveOptions()
        self.autosaver: Autosaver | None = None
        self.hinted: set[str] = set()  # kinds of call whose first-time hint was shown
        self.notes: list[str] = []
        self.stopped_by = ""  # the signal that ended the game (SIGHUP, SIGTERM), if one did
        self.userdata = UserData()  # tutorial played, hints turned off, personal bests
        self.coach: Coach | None = None  # the tutorial's hints (ui/tutorial.py)
        self._stop_signals = StopSignals()
        self._stop_signals.catch(self._stopped)
        try:
            if resumed is not None:
                self._resume(resumed)
            elif scenario is None:
                self.scenes.push(TitleScene(self))
            else:
                self._open(scenario, save_to=self.saves.autosave)
        except BaseException:  # e.g. the save lock is taken: leave nothing behind for the caller
            pygame.quit()
            self._stop_signals.restore()
            raise

    def _stopped(self, signal_name: str) -> None:
        """A stop signal ended the game: the loop stops; the caller saves (ui/stop_signals.py)."""
        self.stopped_by = signal_name
        self.running = False

    # ------------------------------------------------------------------ saves
    def _start_saving(self, path: Path | None) -> None:
        """Autosave to ``path`` (or a new file in the user data folder; demo mode: only if asked)."""
        if self.autosaver is not None:
            self.autosaver.close(None)
            self.autosaver = None
        if path is None and (self.autoplay or not self.saves.enabled):
            return
        target = path or self._new_save_path()
        try:
            self.autosaver = Autosaver(Path(target), self.saves.policy_name(self.policy), self.saves.team)
        except (SaveLocked, SaveUnavailable) as error:
            if path is not None:  # asked for (checked before start) or resumed: the caller reports it
                raise
            # The user data folder cannot take a save: play on, and say so on the board.
            self.notes.append(f"This session is not being saved: {error}")
            return
        self.autosaver.save(self.live)

    def _new_save_path(self) -> Path:
        """A new file in the saves folder, never an earlier session's (names end in the second
        they were made, and "play again" can start a session within the same second)."""
        live = self.live
        first = default_save_path(live.scenario.title, live.world.seed, self.saves.folder)
        path, copy = first, 2
        while path.exists():
            path = first.with_name(f"{first.stem}-{copy}{first.suffix}")
            copy += 1
        return path

    def _resume(self, resumed: Resumed) -> None:
        self.live = resumed.live
        self.policy = resumed.live.policy
        self.autoplay = self.policy is not None
        self.saves.team = resumed.team
        self.notes = list(resumed.notes)
        self._start_saving(self.saves.autosave or self.saves.resume_from)
        self._show_resumed()

    def _show_resumed(self) -> None:
        self._onboard(resumed=True)
        if self.live.phase == "playing":
            self.live.set_speed(0 if not self.autoplay else 1)  # resume paused: the team gets its bearings
            board = PlayScene(self)
            if not self.autoplay:
                board.say("Carried on from the save: the game waits until you press Space (or click 1x).",
                          frames=600)
            self.scenes.push(board)
        else:
            self.scenes.push(AwarenessScene(self))  # after the last round: the ending debrief

    def resume_file(self, path: Path) -> None:
        """Carry on the save at ``path`` (the title screen's offer).

        Raises ResultsError, SaveLocked or SaveUnavailable with the app unchanged, so the
        title screen can say why instead of crashing.
        """
        from deskgame.session.saves import resume

        resumed = resume(path)
        before = (self.live, self.policy, self.autoplay, self.saves.team, self.notes,
                  self.saves.resume_from)
        self.saves.resume_from = path
        try:
            self.live = resumed.live
            self.policy = resumed.live.policy
            self.autoplay = self.policy is not None
            self.saves.team = resumed.team
            self.notes = list(resumed.notes)
            self._start_saving(self.saves.autosave or path)
        except (SaveLocked, SaveUnavailable):
            (self.live, self.policy, self.autoplay, self.saves.team, self.notes,
             self.saves.resume_from) = before
            raise
        self.scenes.pop()
        self._show_resumed()

    # ------------------------------------------------------------------ flow between scenes
    def _open(self, scenario: Scenario, seed: int | None = None, save_to: Path | None = None) -> None:
        self.live = LiveSession(scenario, self.seed if seed is None else seed, self.policy)
        if self.start_speed is not None:
            self.live.set_speed(self.start_speed)
        elif not self.autoplay:
            self.live.set_speed(self.settings.default_speed)
        self._start_saving(save_to)
        self._onboard()
        first = PlayScene(self) if self.autoplay else BriefingScene(self)
        self.scenes.replace(first) if self.scenes.top else self.scenes.push(first)

    def choose_scenario(self, path: Path) -> None:
        self._open(load_scenario(path), save_to=self.saves.autosave)

    def start_play(self) -> None:
        self.scenes.replace(PlayScene(self))

    def round_over(self) -> None:
        """Every round, the last one too (outsourced or not), ends with its Awareness debrief."""
        self.wait_frames = 0
        live = self.live
        if live.phase == "ended" and self.policy is None:  # people's bests, not bots'
            self.userdata.session_played(live.scenario.title, live.world.seed, live.outcome.score,
                                         live.scenario.tutorial)
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

    def to_summary(self) -> None:
        self.wait_frames = 0
        self.scenes.replace(SummaryScene(self))

    def to_end(self) -> None:
        self.wait_frames = 0
        self.scenes.replace(EndScene(self))

    def play_again(self) -> None:
        """A fresh session of the same scenario and seed from round 1, saved to a new file.

        The finished session's save already holds its whole result (it was saved when the
        session ended), so nothing is lost; a new file keeps it from being written over.
        """
        self.wait_frames = 0
        finished = self.live
        if self.autosaver is not None:
            self.autosaver.close(finished)  # its last save: the whole result
            self.autosaver = None
        self.hinted.clear()
        self._open(finished.scenario, seed=finished.world.seed)

    def to_title(self) -> None:
        """Back to the scenario picker; the finished session stays the app's until another opens
        (quitting from the title still writes its results, as quitting from the end did)."""
        self.wait_frames = 0
        self.scenes.replace(TitleScene(self))

    # ------------------------------------------------------------------ onboarding
    def _onboard(self, resumed: bool = False) -> None:
        """A tutorial played by people gets its hint boxes (instead of the calls' one-liners);
        a game carried on from a save carries on its hints too, never starting them anew."""
        self.coach = coach_for(self.live, self.userdata, self.autoplay, resumed)
        if self.coach is not None:
            self.hinted.update(CALL_KINDS)
        elif resumed:
            self.hinted = calls_rung(self.live)

    def _show_hint(self) -> None:
        """The next waiting tutorial hint over the board, or back to the board when none is left."""
        if isinstance(self.scenes.top, HintBox):
            self.scenes.pop()
        due = self.coach.next() if self.coach is not None else None
        if due is not None and self.scenes.top is not None:
            self.scenes.push(HintBox(self, due))

    def autoplay_wait(self, then: Callable[[], None]) -> None:
        """In demo mode the bot walks through the screens on its own (and plays again at the end)."""
        if not self.autoplay:
            return
        self.wait_frames += 1
        if self.wait_frames >= AUTOPLAY_PAUSE_FRAMES:
            self.wait_frames = 0
            then()

    # ------------------------------------------------------------------ the loop
    def to_logical(self, pos: tuple[int, int]) -> tuple[int, int]:
        scale, offset = self._fit()
        return (int((pos[0] - offset[0]) / scale), int((pos[1] - offset[1]) / scale))

    def _fit(self) -> tuple[float, tuple[int, int]]:
        ww, wh = self.window.get_size()
        lw, lh = theme.LOGICAL_SIZE
        scale = min(ww / lw, wh / lh)
        return scale, ((ww - int(lw * scale)) // 2, (wh - int(lh * scale)) // 2)

    @property
    def confirm_quit(self) -> bool:
        """The quit question is up (the game waits for Y or N)."""
        return isinstance(self.scenes.top, QuitBox)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self._quit_request()
            return
        if event.type == pygame.VIDEORESIZE:
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self._toggle_fullscreen()
            return
        if hasattr(event, "pos") and event.type in (
            pygame.MOUSEBUTTONDOWN,
            pygame.MOUSEBUTTONUP,
            pygame.MOUSEMOTION,
        ):
            event = pygame.event.Event(event.type, {**event.dict, "pos": self.to_logical(event.pos)})
            self.mouse = event.pos
        if event.type == pygame.KEYDOWN and self._global_key(event.key):
            return
        scene = self.scenes.top
        if scene is not None:
            scene.handle_event(event)
            self._follow(scene)

    def _global_key(self, key: int) -> bool:
        """F1 (help for this screen), F2 (the board's legend), S on the title (settings)."""
        top = self.scenes.top
        name = type(top).__name__
        if key == pygame.K_F1:
            if isinstance(top, HelpBox):
                self.go(Go("close"))
                return True
            if name in help_texts.TOPIC_BY_SCENE:
                self.go(Go("help"))
                return True
            return False  # a box that is not help (the console, the quit question) keeps F1
        if key == pygame.K_F2 and isinstance(top, PlayScene):
            self.legend_page = turn_page(self.legend_page, top.board.queue.y)
            return True
        if key == pygame.K_s and name == "TitleScene":
            self.go(Go("settings"))
            return True
        return False

    def help_topic(self) -> str:
        """Which screen's help F1 opens: the top scene's (a box's: the screen under it)."""
        for scene in reversed(self.scenes.scenes):
            topic = getattr(scene, "help_topic", None) or help_texts.TOPIC_BY_SCENE.get(type(scene).__name__)
            if topic:
                return topic
        return "board"

    def change_settings(self, chosen: user_settings.Settings) -> str:
        """Use ``chosen`` from now on and save it; the save's problem in one line, or ""."""
        before, self.settings = self.settings, chosen
        user_settings.apply(chosen)
        self.sounds.volume, self.sounds.muted = chosen.volume, chosen.muted
        if chosen.slow_for_calls != before.slow_for_calls:  # else --no-fair-calls stays in force
            self.fair_calls = chosen.slow_for_calls
        if chosen.fullscreen != before.fullscreen:
            self._toggle_fullscreen()
        return user_settings.save(chosen)

    def keep_sound(self) -> str:
        """The board's sound keys (M, [ and ]) changed the sound: remember it in the settings
        file as the settings screen would; the save's problem in one line, or ""."""
        self.settings = replace(self.settings, volume=self.sounds.volume, muted=self.sounds.muted)
        return user_settings.save(self.settings)

    def _toggle_fullscreen(self) -> None:
        with contextlib.suppress(pygame.error):  # some drivers (the headless one) cannot: stay windowed
            pygame.display.toggle_fullscreen()

    def _quit_request(self) -> None:
        """Closing mid-round saves first and asks; Y (or closing again) quits, N carries on."""
        live = self.live
        if live is None or live.phase == "ended" or self.autoplay or self.confirm_quit:
            self.running = False
            return
        if self.autosaver is not None:
            self.autosaver.save(live)
        self.scenes.push(QuitBox(self))

    # ------------------------------------------------------------------ transitions
    def _follow(self, scene: Scene) -> None:
        """Carry out the step a scene asked for (if any)."""
        step, scene.transition = scene.transition, None
        if step is not None:
            self.go(step)

    def _resume_from_title(self, path: Path) -> None:
        """Carry on a save the title screen offered; if it cannot be, the title says why."""
        from deskgame.session.results import ResultsError
        from deskgame.session.saves import SaveLocked, SaveUnavailable

        try:
            self.resume_file(path)
        except (ResultsError, SaveLocked, SaveUnavailable) as error:
            scene = self.scenes.top
            if scene is not None and hasattr(scene, "cannot_resume"):
                scene.cannot_resume(path, error)

    def go(self, step: Go) -> None:
        """Where each step of the game leads: the one table of the game's flow."""
        to, args = step.to, step.args
        overlays = {"settings": SettingsScene, "console": Console, "incident": IncidentBox}
        plain = {"hint": self._show_hint, "play": self.start_play, "round_over": self.round_over,
                 "will": self.to_will, "next_round": self.start_next_round, "summary": self.to_summary,
                 "end": self.to_end, "again": self.play_again, "title": self.to_title}
        if to == "close":  # a box goes away
            if self.scenes.top is not None and self.scenes.top.overlay:
                self.scenes.pop()
        elif to == "quit":
            self.running = False
        elif to == "help":
            self.scenes.push(HelpBox(self, args.get("topic") or self.help_topic(), args.get("page")))
        elif to in overlays:
            self.scenes.push(overlays[to](self))
        elif to in plain:
            plain[to]()
        elif to == "action":
            self.to_action(args["cards"], args["commitment"])
        elif to == "scenario":
            self.choose_scenario(args["path"])
        elif to == "resume":
            self._resume_from_title(args["path"])
        else:  # pragma: no cover - a scene asked for a step nobody wrote
            raise ValueError(f"no step called {to!r}")

    def step(self, real_seconds: float) -> None:
        """One frame: input, update, draw."""
        for event in pygame.event.get():
            self.handle(event)
        for scene in self.scenes.updating():
            if scene in self.scenes.scenes:  # an earlier one's step may have replaced it
                scene.update(real_seconds)
                self._follow(scene)
        if self.autosaver is not None and self.live is not None:
            self.autosaver.maybe_save(self.live)
        self.draw()
        self.frames += 1

    def draw(self) -> None:
        top = self.scenes.top
        for scene in self.scenes.visible():
            if scene is top:
                tooltips.clear()  # only what the screen in front shows can be hovered
            scene.draw(self.canvas)
        self._draw_extras(top)
        scale, offset = self._fit()
        if scale == 1 and offset == (0, 0):
            self.window.blit(self.canvas, (0, 0))
        else:
            self.window.fill(theme.BLACK)
            size = (int(theme.LOGICAL_SIZE[0] * scale), int(theme.LOGICAL_SIZE[1] * scale))
            self.window.blit(pygame.transform.smoothscale(self.canvas, size), offset)
        pygame.display.flip()

    def _draw_extras(self, top: Scene | None) -> None:
        """What the app lays over any screen: the board's legend (F2) and the pointer's tooltip."""
        if top is None:
            return
        if self.legend_page is not None and isinstance(top, PlayScene):
            box = draw_legend(self.canvas, top.board.queue.y, self.legend_page)
            tooltips.add(box, help_texts.LEGEND_TIP)
        tooltips.add_scene(top)
        if getattr(top, "dragging", None) is None:
            tooltips.draw_hover(self.canvas, self.mouse)

    def run(self, frames: int | None = None, screenshot: str | None = None) -> None:
        clock = pygame.time.Clock()
        while self.running and (frames is None or self.frames < frames):
            if self.fixed_step or frames is not None:
                self.step(FRAME_SECONDS)
            else:
                self.step(min(clock.tick(60) / 1000.0, 0.1))
        if screenshot:
            self.save_screenshot(screenshot)

    def save_screenshot(self, path: str | os.PathLike[str]) -> None:
        """The last frame as PNG; OSError (one line) when it cannot be written."""
        try:
            pygame.image.save(self.canvas, os.fspath(path))
        except pygame.error as error:
            raise OSError(f"cannot write {os.fspath(path)}: {error}") from None

    def close(self) -> str:
        """The final autosave and the lock's release; the save's error, or "" when it was written."""
        problem = ""
        if self.autosaver is not None:
            self.autosaver.close(self.live)
            problem = self.autosaver.last_error
            self.autosaver = None
        text.reset()
        self.sounds.close()
        pygame.quit()
        self._stop_signals.restore()
        return problem

