"""The room can read every screen: DESIGN.md section 7's floors, measured by benchmarks/legibility.py.

The benchmark renders every scene and state at 1280x720 and in a 1024x768 window and
records each text where it is drawn; these tests hold its floors, and check that its
watch on text drawn outside the recorder really fires.
"""

from __future__ import annotations

import importlib.util
import sys

import pygame
import pytest

from .conftest import ROOT


def _benchmark():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("legibility_bench", ROOT / "benchmarks" / "legibility.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["legibility_bench"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured():  # type: ignore[no-untyped-def]
    bench = _benchmark()
    return bench, bench.run()


def test_every_text_on_every_screen_meets_the_floors(measured):
    bench, result = measured
    details = result["details"]
    assert {"play-call-8x", "play-service-down", "play-on-notice", "will", "end", "console-kinds",
            "console-major-incident", "console-refused", "console-notes"} <= set(result["states"])
    for window in ("1280x720", "1024x768"):
        caps = result["min_cap_px"][window]
        assert caps["body"] >= 13, details["small"][:5]
        assert caps["heading"] >= 18 and caps["meter"] >= 18, details["small"][:5]
    assert result["below_floor"] == 0, details["small"][:5]
    assert result["lowest_contrast"] >= 4.5, details["faint"][:5]
    assert result["cut"] == 0, details["cut"][:5]
    assert result["unrecorded"] == 0, details["unrecorded"][:5]
    assert result["overlapping"] == 0, details["overlapping"][:5]  # no text written over another
    assert result["texts"] > 1000  # it measured the screens, not an empty frame


def test_text_drawn_behind_the_recorders_back_is_caught(measured):
    bench, _ = measured
    bench._install_watch()
    try:
        before = len(bench.WATCH.stray)
        pygame.font.init()
        pygame.font.Font(None, 30).render("sneaky", True, (255, 255, 255))
        assert len(bench.WATCH.stray) == before + 1
        assert "test_legibility" in bench.WATCH.stray[-1]
    finally:
        bench._uninstall_watch()


def test_every_character_the_screens_can_show_has_a_glyph_in_the_game_font():
    """A character the font lacks draws as an empty box (the board once showed "Sales [] Ben"
    for an arrow).  Every non-ASCII character in the words the screens use must have a glyph."""
    import ast
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from deskgame.ui import text, theme

    pygame.font.init()
    sources = [*(ROOT / "src" / "deskgame" / "ui").rglob("*.py")] + [
        ROOT / "src" / "deskgame" / part for part in (
            "engine/voices.py", "engine/satisfaction.py", "engine/cards.py", "report/prompts.py",
            "report/round_questions.py", "report/journey.py", "ui/verdict.py")]
    used: dict[str, str] = {}
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for char in node.value:
                    if ord(char) > 127 and char.isprintable():
                        used.setdefault(char, path.name)
    assert used, "the screens use some typographic characters (·, —, …)"
    for bold in (False, True):
        face = text.font(theme.SIZE_BODY, bold=bold)
        missing = face.metrics("\uffff")[0]   # what a character with no glyph measures
        lacking = {char: where for char, where in used.items() if face.metrics(char)[0] == missing}
        assert not lacking, f"no glyph for {lacking}"
