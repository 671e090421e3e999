"""The help box pages at sentence or paragraph boundaries: a page never ends mid-sentence.

A room read Awareness's first page ending "...then press Enter to decide what to" and turned
the page to find the rest of the instruction (ui/help_pages.py)."""

from __future__ import annotations

import re

import pygame
import pytest

from deskgame.ui import help_pages, help_texts, text, theme

ENDS_A_SENTENCE = re.compile(r"[.!?:][)'\"]?$")


@pytest.fixture(autouse=True)
def default_look():
    pygame.font.init()
    theme.apply("default", "normal")
    yield
    theme.apply("default", "normal")
    text.reset()


def text_pages(topic: str) -> list[help_pages.Leaf]:
    return [leaf for leaf in help_pages.build(topic) if leaf.kind == "text"]


def source_words(topic: str) -> list[str]:
    return [word for _, words in help_texts.pages(topic)
            if words not in (help_texts.LEGEND, help_texts.KEYS_PAGE) for word in words.split()]


@pytest.mark.parametrize("size", ["normal", "large"])
def test_no_help_page_ends_mid_sentence(size):
    theme.apply("default", size)
    text.reset()
    checked = 0
    for topic in help_texts.PAGES:
        leaves = text_pages(topic)
        for number, leaf in enumerate(leaves, start=1):
            last = next(line for line in reversed(leaf.lines) if line).rstrip()
            assert ENDS_A_SENTENCE.search(last), f"{topic} page {number} ({size}) ends {last[-40:]!r}"
            checked += 1
        # nothing lost and nothing said twice by paging
        assert [w for leaf in leaves for line in leaf.lines for w in line.split()] == source_words(topic)
    assert checked > len(help_texts.PAGES), "some help needs more than one page: the test pages it"


def test_awareness_help_is_paged_and_its_instruction_stays_whole():
    """The page the reviewer saw: the last paragraph's instruction is read on one page."""
    leaves = text_pages("awareness")
    assert len(leaves) >= 2
    body = help_pages.body_rect()
    step = text.line_height(theme.SIZE_BODY)
    for leaf in leaves:
        height = sum(step if line else help_pages.PARAGRAPH_GAP for line in leaf.lines)
        assert height <= body.height
    whole = [" ".join(line for line in leaf.lines if line) for leaf in leaves]
    assert sum("press Enter to decide what to change" in page for page in whole) == 1


def test_a_sentence_taller_than_a_page_is_still_shown_whole_by_lines():
    """No sentence boundary to break at: the words go on by lines rather than vanish."""
    long = " ".join(["word"] * 2000) + "."
    leaves = help_pages._text_leaves("Long", long, help_pages.body_rect())
    assert len(leaves) > 1
    assert [w for leaf in leaves for line in leaf.lines for w in line.split()] == long.split()


def test_sentences_split_after_the_stop_and_rejoin_to_the_paragraph():
    paragraph = "One. Two (with '!' inside) goes on? Three (ends here.) Four!"
    parts = help_pages.sentences(paragraph)
    assert parts == ["One.", "Two (with '!' inside) goes on?", "Three (ends here.)", "Four!"]
    assert " ".join(parts) == paragraph
