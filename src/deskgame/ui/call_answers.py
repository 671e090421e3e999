"""A ringing call's answers on the board: the key for each, and what the board says after it.

Shared by the play screen, which takes the keys, and the tutorial, which waits for them.
"""

from __future__ import annotations

import pygame

CHOICE_KEYS = {
    "take": pygame.K_t,
    "redirect": pygame.K_r,
    "learn": pygame.K_l,
    "unsupported": pygame.K_n,
    "serve": pygame.K_s,
    "deprioritise": pygame.K_d,
}
ANSWERED = {
    "take": "{agent} took the call: the work is off the books.",
    "redirect": "Redirected to the desk: a small dip now, fewer end-runs later.",
    "learn": "Learning it: slow this time, quick from now on.",
    "learn_known": "Helping: the desk already knows this device, so it takes the usual time.",
    "unsupported": "Refused: told them it is unsupported.",
    "serve": "Dropped everything for the 'emergency'.",
    "deprioritise": "Given its true priority by business impact.",
}
