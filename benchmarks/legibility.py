"""Can the room read the screens?  Every scene and state, measured from what was drawn.

Usage: python benchmarks/legibility.py [--shots DIR] [--text normal|large] [--palette default|high_contrast]
(``--text`` and ``--palette`` measure the screens with those settings, as the settings screen sets them.)
Renders each scene and state of the game headless at 1280x720 and in a 1024x768 window
(the letterboxed canvas scaled by 0.8), records every text where it is drawn
(``deskgame.ui.text.blit``: its string, box, font and role: body, heading or meter),
and measures:

- the capital height of each text's font, in physical pixels (logical x the window's scale);
- the contrast of each text against what is behind it, from the frame's own pixels: the
  median colour under the glyphs' solid pixels against the median colour of the box's
  pixels the glyphs do not touch (WCAG ratio); texts under a modal veil are skipped;
- texts cut short ("…"), drawn past the canvas's edge, or with lines left out for want
  of room (the board reports those itself); texts written over other texts;
- text surfaces made without going through the recorder (a ``Font.render`` that did not
  come from ``text.blit``): these would escape every measure above.

The last line is JSON: the smallest capital height per role at each size, the lowest
contrast (and which text), the cut count and the unrecorded count.  DESIGN.md section 7
floors: body >= 13 px, headings and meters >= 18 px, contrast >= 4.5:1, no cuts.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from deskgame.policies import make_policy  # noqa: E402
from deskgame.scenario import load_scenario  # noqa: E402
from deskgame.scenario.catalog import resolve_scenario  # noqa: E402
from deskgame.ui import text  # noqa: E402
from deskgame.ui.app import App, SaveOptions  # noqa: E402
from deskgame.ui.scenes.base import Go  # noqa: E402
from deskgame.ui.settings import Settings  # noqa: E402

SETTINGS = Settings()  # what every measured App starts with (see --text and --palette)

NO_SAVES = SaveOptions(enabled=False, folder=Path(os.devnull).parent / "deskgame-legibility-none")
WINDOWS = {"1280x720": (1280, 720), "1024x768": (1024, 768)}
FLOORS = {"body": 13, "heading": 18, "meter": 18}
CONTRAST_FLOOR = 4.5


# ---------------------------------------------------------------- text surfaces made outside blit
@dataclass
class RenderWatch:
    """Counts ``Font.render`` calls that did not come through ``text.blit``."""

    stray: list[str] = field(default_factory=list)
    widget_frames: int = 0
    widget_renders: int = 0

    def check(self) -> None:
        frame = sys._getframe(2)  # the caller of Font.render
        name = frame.f_code.co_name
        module = frame.f_globals.get("__name__", "")
        if module == "deskgame.ui.text" and name == "render":
            outer = frame.f_back
            if (
                outer is not None
                and outer.f_code.co_name in ("blit",)
                and outer.f_globals.get("__name__") == "deskgame.ui.text"
            ):
                return
        if module == __name__ or (module == "deskgame.ui.text" and name == "record_widget"):
            return  # measuring a font's capitals, not drawing
        if module.startswith("pygame_gui"):
            self.widget_renders += 1  # accepted when the frame recorded the widget's text
            return
        self.stray.append(f"{module}.{name}:{frame.f_lineno}")


WATCH = RenderWatch()


_ORIGINAL: dict[str, type] = {}


def _install_watch() -> None:
    """Swap in font classes that report their renders (before any font is made)."""
    base = _ORIGINAL.setdefault("font", pygame.font.Font)

    class WatchedFont(base):  # type: ignore[misc, valid-type]
        def render(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            WATCH.check()
            return super().render(*args, **kwargs)

    pygame.font.Font = WatchedFont  # type: ignore[misc]
    from pygame import freetype

    free = _ORIGINAL.setdefault("freetype", freetype.Font)

    class WatchedFree(free):  # type: ignore[misc, valid-type]
        def render(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            WATCH.check()
            return super().render(*args, **kwargs)

        def render_to(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            WATCH.check()
            return super().render_to(*args, **kwargs)

    freetype.Font = WatchedFree  # type: ignore[misc]
    try:
        import pygame_gui.core.gui_font_freetype as gf
        import pygame_gui.core.gui_font_pygame as gp

        gf.Font = WatchedFree  # type: ignore[attr-defined]
        gp.Font = WatchedFont  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover
        pass


def _uninstall_watch() -> None:
    """Put pygame's own font classes back."""
    from pygame import freetype

    if "font" in _ORIGINAL:
        pygame.font.Font = _ORIGINAL["font"]  # type: ignore[misc]
    if "freetype" in _ORIGINAL:
        freetype.Font = _ORIGINAL["freetype"]  # type: ignore[misc]
    try:
        import pygame_gui.core.gui_font_freetype as gf
        import pygame_gui.core.gui_font_pygame as gp

        gf.Font = _ORIGINAL.get("freetype", gf.Font)  # type: ignore[attr-defined]
        gp.Font = _ORIGINAL.get("font", gp.Font)  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover
        pass


# ---------------------------------------------------------------- measuring one frame
def luminance(colour: tuple[int, int, int]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


_CAPS: dict[tuple[int, bool], int] = {}


def cap_height(size: int, bold: bool) -> int:
    """Height in pixels of a capital H in the game's font at ``size`` (measured, not assumed)."""
    key = (size, bold)
    if key not in _CAPS:
        image = text.font(size, bold).render("H", True, (255, 255, 255))
        _CAPS[key] = image.get_bounding_rect(min_alpha=128).height
    return _CAPS[key]


def _lum(pixels: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of an (n, 3) array of 0-255 colours."""
    c = pixels.astype(float) / 255
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return c @ np.array([0.2126, 0.7152, 0.0722])


def text_contrast(frame: np.ndarray, drawn: text.Drawn) -> float | None:
    """Contrast of a text against its background, from the frame's pixels under its box.

    ``frame`` is the canvas as an (x, y, 3) array.  Glyph pixels are those the text's own
    image covers (almost) fully; background pixels those it does not touch at all.
    """
    alpha = pygame.surfarray.array_alpha(drawn.image)
    x0, y0 = drawn.rect.topleft
    w, h = alpha.shape
    fx0, fy0 = max(0, x0), max(0, y0)
    fx1, fy1 = min(frame.shape[0], x0 + w), min(frame.shape[1], y0 + h)
    if fx1 <= fx0 or fy1 <= fy0:
        return None
    a = alpha[fx0 - x0 : fx1 - x0, fy0 - y0 : fy1 - y0]
    under = frame[fx0:fx1, fy0:fy1]
    fg, bg = under[a >= 230], under[a == 0]
    if len(fg) == 0 or len(bg) == 0:
        return None
    lf, lb = float(np.median(_lum(fg))), float(np.median(_lum(bg)))
    high, low = max(lf, lb), min(lf, lb)
    return (high + 0.05) / (low + 0.05)


@dataclass
class Frame:
    """What one draw of the app put on the canvas."""

    texts: list[text.Drawn] = field(default_factory=list)
    widgets: list[tuple[text.Drawn, int]] = field(default_factory=list)

    def on_text(self, drawn: text.Drawn) -> None:
        self.texts.append(drawn)

    cuts: list[str] = field(default_factory=list)

    def on_mark(self, what: str, rect: pygame.Rect | None) -> None:
        if what.startswith("cut:"):
            self.cuts.append(what[4:])  # lines of a text left out for want of room
        elif rect is None:
            self.texts.clear()  # a veil: only what is drawn over it must be read
        else:  # a passing overlay (toast, floating number, tooltip) hides what is under it
            self.texts = [d for d in self.texts if not d.rect.colliderect(rect)]


def overlapping(texts: list[text.Drawn]) -> list[str]:
    """Pairs of texts whose ink boxes cross (one written over the other)."""
    boxes = []
    for drawn in texts:
        if drawn.image is None or not drawn.text.strip():
            continue
        ink = drawn.image.get_bounding_rect(min_alpha=128).move(drawn.rect.topleft)
        boxes.append((ink.inflate(-2, -2), drawn.text))
    found = []
    for i, (a, words_a) in enumerate(boxes):
        for b, words_b in boxes[i + 1 :]:
            if a.colliderect(b):
                found.append(f"{words_a!r} x {words_b!r}")
    return found


@dataclass
class Report:
    caps: dict[str, dict[str, float]] = field(default_factory=dict)
    lowest_contrast: float = 99.0
    lowest_text: str = ""
    cuts: list[str] = field(default_factory=list)
    overlaps: list[str] = field(default_factory=list)
    small: list[str] = field(default_factory=list)
    faint: list[str] = field(default_factory=list)
    texts: int = 0

    def as_json(self) -> dict:  # type: ignore[type-arg]
        return {
            "min_cap_px": self.caps,
            "lowest_contrast": round(self.lowest_contrast, 2),
            "lowest_contrast_text": self.lowest_text,
            "cut": len(self.cuts),
            "unrecorded": len(WATCH.stray),
            "texts": self.texts,
            "below_floor": len(self.small),
            "below_contrast": len(self.faint),
            "overlapping": len(self.overlaps),
        }


def measure(app: App, state: str, report: Report, shots: Path | None) -> None:
    """Draw ``app`` at each window size and add what was drawn to ``report``."""
    for label, size in WINDOWS.items():
        app.window = pygame.display.set_mode(size, pygame.RESIZABLE)
        frame = Frame()
        before = WATCH.widget_renders
        with text.recording(frame.on_text, frame.on_mark):
            app.draw()
        if WATCH.widget_renders > before and not any(d.image is None for d in frame.texts):
            WATCH.stray.append(f"{state}: a widget drew text nobody recorded")
        scale = app._fit()[0]
        canvas = app.canvas
        pixels = pygame.surfarray.array3d(canvas)
        if shots is not None:
            pygame.image.save(app.window, str(shots / f"{state}-{label}.png"))
        caps = report.caps.setdefault(label, {})
        if label == "1280x720":
            report.cuts.extend(f"{state}: {words!r} (lines left out)" for words in frame.cuts)
            report.overlaps.extend(f"{state}: {pair}" for pair in overlapping(frame.texts))
        for drawn in frame.texts:
            if not drawn.text.strip():
                continue
            report.texts += 1
            cap = (drawn.cap_px or cap_height(drawn.size, drawn.bold)) * scale
            caps[drawn.tag] = round(min(caps.get(drawn.tag, 99.0), cap), 2)
            where = f"{state}@{label}: {drawn.text!r}"
            if cap < FLOORS[drawn.tag]:
                report.small.append(f"{where} {drawn.tag} cap {cap:.1f}px")
            if label != "1280x720":
                continue  # the same canvas: cuts and contrast are measured once
            if "…" in drawn.text or not canvas.get_rect().contains(drawn.rect):
                report.cuts.append(where)
            if drawn.target is not canvas or drawn.image is None:
                continue
            ratio = text_contrast(pixels, drawn)
            if ratio is not None:
                if ratio < report.lowest_contrast:
                    report.lowest_contrast, report.lowest_text = ratio, where
                if ratio < CONTRAST_FLOOR:
                    report.faint.append(f"{where} {ratio:.2f}:1")
    app.window = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)


# ---------------------------------------------------------------- the states
def _open(name: str, seed: int = 7, policy: str | None = None) -> App:
    chosen = make_policy(policy) if policy else None
    app = App(
        load_scenario(resolve_scenario(name)), seed=seed, policy=chosen, saves=NO_SAVES, settings=SETTINGS
    )
    app.start_play()
    return app


def _run(app: App, until: Callable[[App], bool], step: float = 0.5, limit: int = 20000) -> None:
    for _ in range(limit):
        if until(app):
            return
        app.step(step)
    raise RuntimeError("the state was never reached")


def _at(minutes: float) -> Callable[[App], bool]:
    return lambda app: app.live.world.now >= minutes


def states() -> Iterator[tuple[str, App]]:
    """Each scene and state a room sees, arranged with real play (bots and keys)."""
    from deskgame.ui.scenes.play import PlayScene

    for policy in ("triage", "servant"):
        app = _open("standard-monday", policy=policy)
        try:
            app.live.set_speed(8)
            _run(app, _at(30))
            yield f"play-quiet-{policy}", app
            _run(app, _at(300))
            yield f"play-busy-{policy}", app
        finally:
            app.close()
    app = _open("standard-monday")
    try:
        app.live.set_speed(8)
        _run(app, lambda a: bool(a.live.world.calls))
        yield "play-call-8x", app
        _run(app, lambda a: len(a.live.world.calls) >= 2, step=0.1)
        yield "play-calls", app
        scene = app.scenes.top
        assert isinstance(scene, PlayScene)
        scene._say("Select a ticket first (Up/Down or click).")
        yield "play-toast", app
        yield from _help_pages(app, "play-help")
        _key(app, pygame.K_F2)
        yield "play-legend", app
        _key(app, pygame.K_F2)
        _hover(app, (560, 50))  # the trust meter
        yield "play-tooltip", app
        _hover(app, (-100, -100))
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        app.step(0.0)
        yield "play-quit-question", app
        app.go(Go("close"))
    finally:
        app.close()
    app = _open("byod-after-holidays", policy="triage")
    try:
        app.live.set_speed(8)
        for _ in range(100000):
            if app.live.incident_alert:
                break
            if app.live.phase == "round_over":
                app.live.next_round()
                app.start_play()
            app.step(1.0)
        yield "play-incident", app
        app.live.acknowledge_incident()
        app.step(1 / 60)
        yield "play-service-down", app
        app.live.outcome.on_notice = True  # the next round's board, as the runner sets it
        app.step(1 / 60)
        yield "play-on-notice", app
        app.live.outcome.on_notice = False
    finally:
        app.close()
    yield from _console()
    yield from _between_rounds()
    app = App(None, saves=NO_SAVES, settings=SETTINGS)
    try:
        app.step(0.0)
        yield "title", app
        yield from _help_pages(app, "title-help")
        _key(app, pygame.K_s)
        yield "settings", app
        _key(app, pygame.K_ESCAPE)
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode=""))
        app.step(0.0)
        yield "briefing", app
    finally:
        app.close()


# Long enough to need a second page, as a real scenario's notes may.
CONSOLE_NOTES = (
    "Round 1 is calm on purpose: let the team find its feet, and say nothing about priorities yet. "
    "Watch who takes the end-run calls from Sales and whether anyone notices the habit growing. "
    "In round 2, if the team has not broadcast during the scripted outage, inject a second major "
    "incident on Email around 10:30 and see whether anyone thinks of B this time. "
    "If Ben is the only one who knows the network, an absence for Ben after lunch shows the single "
    "point of failure better than any slide: give it an hour, not the rest of the session. "
    "A social storm among Sales is the right pressure when the team is doing well and getting "
    "comfortable; do not use it on a team already on notice. "
    "Ask afterwards: who noticed first, how did they tell the others, and what would they change "
    "on Monday? Keep the debrief to what the team saw on the board, not to the score. "
    "If the room runs late, skip the third round and go straight to the debrief report. "
    "Before the workshop, run deskgame balance on this scenario to check it still teaches the lesson "
    "with today's numbers; after it, deskgame debrief on the teams' results files gives the charts "
    "and the discussion prompts. Injected events appear in the results as facilitator actions, so "
    "say in the debrief which ones you added: the team should not blame itself for an outage you "
    "chose. A wave of password calls at the start of a round is a gentle way to show the queue "
    "growing; a wave of orders faults late in the day is a harsh one."
)


def _hover(app: App, pos: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    app.step(0.0)


def _help_pages(app: App, state: str) -> Iterator[tuple[str, App]]:
    """Every page of the help (F1) over the screen in front, then closes it."""
    from deskgame.ui.scenes.boxes import HelpBox

    _key(app, pygame.K_F1)
    box = app.scenes.top
    assert isinstance(box, HelpBox), f"F1 opened no help over {state}"
    for index in range(len(box.pages)):
        box.index = index
        yield f"{state}-{index + 1}", app
    _key(app, pygame.K_ESCAPE)


def _key(app: App, key: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=""))
    app.step(0.0)


def _console() -> Iterator[tuple[str, App]]:
    """The facilitator console (F9) over the board: choosing, setting, a refusal, the notes."""
    scenario = dataclasses.replace(
        load_scenario(resolve_scenario("standard-monday")), facilitator_notes=CONSOLE_NOTES
    )
    app = App(scenario, seed=7, saves=NO_SAVES, settings=SETTINGS)
    app.start_play()
    try:
        app.live.set_speed(8)
        _run(app, _at(120))
        _key(app, pygame.K_F9)
        yield "console-kinds", app
        for key in (pygame.K_1, pygame.K_RIGHT, pygame.K_DOWN, pygame.K_DOWN, pygame.K_RIGHT):
            _key(app, key)
        yield "console-major-incident", app
        for key in (pygame.K_ESCAPE, pygame.K_4):
            _key(app, key)
        yield "console-social-storm", app
        for key in (pygame.K_ESCAPE, pygame.K_3, pygame.K_RETURN):
            _key(app, key)
        yield "console-injected", app  # the board says what happened
        for key in (pygame.K_F9, pygame.K_3, pygame.K_RETURN):
            _key(app, key)
        yield "console-refused", app  # the same person again: already away
        _key(app, pygame.K_n)
        yield "console-notes", app
        _key(app, pygame.K_PAGEDOWN)
        yield "console-notes-more", app
    finally:
        app.close()


def _between_rounds() -> Iterator[tuple[str, App]]:
    from deskgame.ui.scenes.cycle import ActionScene, AwarenessScene, WillScene
    from deskgame.ui.scenes.ending import EndScene, SummaryScene
    from deskgame.ui.scenes.play import PlayScene

    app = App(
        load_scenario(resolve_scenario("standard-monday")),
        seed=7,
        policy=make_policy("triage"),
        saves=NO_SAVES,
        settings=SETTINGS,
    )
    try:
        app.live.set_speed(8)
        seen: set[type] = set()
        names = {
            AwarenessScene: "awareness",
            WillScene: "will",
            ActionScene: "action",
            SummaryScene: "summary",
            EndScene: "end",
        }
        later = False  # a later round's Awareness: the comparison beside the last round
        for _ in range(40000):
            app.step(1.0)
            kind = type(app.scenes.top)
            if kind in names and kind not in seen:
                seen.add(kind)
                app.step(1 / 60)  # the scene's first update (its widgets lay themselves out)
                yield names[kind], app
                yield from _help_pages(app, f"{names[kind]}-help")
            elif kind is AwarenessScene and not later and app.live.outcome.rounds[-1]["round"] > 1:
                later = True  # round 1's has no comparison: large text ran a name into its figure here
                app.step(1 / 60)
                yield "awareness-round-2", app
                _key(app, pygame.K_q)  # the next page of the room's questions
                yield "awareness-round-2-more", app
            if kind is EndScene or (kind is PlayScene and app.live.world.round > 1 and "will" in seen):
                break
    finally:
        app.close()


def run(shots: Path | None = None) -> dict:  # type: ignore[type-arg]
    _install_watch()
    WATCH.stray.clear()
    report = Report()
    names = []
    try:
        for state, app in states():
            names.append(state)
            measure(app, state, report, shots)
    finally:
        _uninstall_watch()
    result = report.as_json()
    result["states"] = names
    result["details"] = {
        "small": report.small[:40],
        "faint": report.faint[:40],
        "cut": report.cuts[:40],
        "overlapping": report.overlaps[:40],
        "unrecorded": sorted(set(WATCH.stray))[:40],
    }
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shots", type=Path, help="save every measured frame here as PNG")
    parser.add_argument("--details", action="store_true", help="list the texts below a floor")
    parser.add_argument("--text", choices=("normal", "large"), default="normal", help="the text size setting")
    parser.add_argument("--palette", choices=("default", "high_contrast"), default="default",
                        help="the palette setting")
    args = parser.parse_args()
    global SETTINGS
    SETTINGS = Settings(text_size=args.text, palette=args.palette)
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    result = run(args.shots)
    details = result.pop("details")
    if args.details:
        print(json.dumps(details, indent=1))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
