"""The game's sounds, synthesised with numpy (no sound files, so nothing to license).

Each effect is a few lines of arithmetic made once and cached as a mixer Sound.  Rooms
differ: with no audio device (or SDL's dummy driver) the mixer does not open and every
call here does nothing, so the game plays on silently.
"""

from __future__ import annotations

import time

import numpy as np
import pygame

RATE = 22050
HEADROOM = 0.6  # several effects at once must not clip
REPEAT_GAP = 0.2  # seconds: at 8x a burst of resolutions clicks once, not twenty times


def _tone(freq: float, seconds: float, shape: str = "sine") -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    if shape == "square":
        return np.sign(np.sin(2 * np.pi * freq * t)) * 0.5
    return np.sin(2 * np.pi * freq * t)


def _envelope(wave: np.ndarray, attack: float = 0.01, release: float = 0.08) -> np.ndarray:
    n = len(wave)
    env = np.ones(n)
    a, r = int(RATE * attack), int(RATE * release)
    if a:
        env[:a] = np.linspace(0, 1, a)
    if r:
        env[-r:] *= np.linspace(1, 0, r)
    return wave * env


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(int(RATE * seconds))


def waves() -> dict[str, np.ndarray]:
    """Every effect as mono samples in -1..1 (tests and the mixer both read these)."""
    ring_burst = _envelope(_tone(440, 0.4) * 0.5 + _tone(480, 0.4) * 0.5, 0.01, 0.02)
    ring = np.concatenate([ring_burst, _silence(0.2), ring_burst])  # a desk phone: two trills
    chime = np.concatenate([_envelope(_tone(f, 0.18), 0.005, 0.12) for f in (660, 880, 1320)])
    click = _envelope(_tone(1800, 0.03, "square"), 0.001, 0.02) * 0.6
    breach = _envelope(_tone(220, 0.35, "square"), 0.01, 0.15) * 0.5
    siren = np.concatenate([_envelope(_tone(f, 0.25, "square"), 0.01, 0.03) * 0.9 for f in (880, 587) * 3])
    notice = np.concatenate([_envelope(_tone(f, 0.3), 0.01, 0.1) for f in (392, 311, 262)])
    danger = np.concatenate([_envelope(_tone(f, 0.22, "square"), 0.01, 0.05) * 0.45 for f in (330, 247)])
    return {
        "ring": ring,
        "chime": chime,
        "click": click,
        "breach": breach,
        "alarm": siren,
        "notice": notice,
        "danger": danger,
    }


class Sounds:
    """The mixer if there is one; ``play`` is safe to call either way."""

    def __init__(self) -> None:
        self.enabled = False
        self.muted = False
        self.volume = 0.7
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._last: dict[str, float] = {}
        try:
            pygame.mixer.init(RATE, -16, 1, 512)
            channels = pygame.mixer.get_init()
        except pygame.error:
            return
        if channels is None:
            return
        stereo = channels[2]
        for name, wave in waves().items():
            samples = (np.clip(wave, -1, 1) * 32767 * HEADROOM).astype(np.int16)
            if stereo > 1:
                samples = np.repeat(samples[:, None], stereo, axis=1)
            self._sounds[name] = pygame.sndarray.make_sound(np.ascontiguousarray(samples))
        self.enabled = True

    def play(self, name: str) -> None:
        sound = self._sounds.get(name)
        if sound is None or self.muted:
            return
        now = time.monotonic()
        if now - self._last.get(name, -1.0) < REPEAT_GAP:
            return
        self._last[name] = now
        sound.set_volume(self.volume)
        sound.play()

    def toggle_mute(self) -> str:
        self.muted = not self.muted
        return "Sound off (M)" if self.muted else f"Sound on, volume {self.volume:.0%}"

    def change_volume(self, step: float) -> str:
        self.volume = round(max(0.0, min(1.0, self.volume + step)), 2)
        self.muted = False
        return f"Volume {self.volume:.0%}"

    def close(self) -> None:
        if self.enabled:
            pygame.mixer.quit()
            self.enabled = False
