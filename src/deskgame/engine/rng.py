"""Named random streams: one numpy Generator per stable name (DESIGN.md section 6).

The key comes from SHA-256 of the name, never Python's ``hash()``, so streams are the
same whatever PYTHONHASHSEED is, and adding a stream shifts no other.
"""

from __future__ import annotations

import hashlib

import numpy as np


def spawn_key(*names: str | int) -> tuple[int, ...]:
    digest = hashlib.sha256("/".join(str(n) for n in names).encode("utf-8")).digest()
    return tuple(int.from_bytes(digest[i:i + 4], "little") for i in range(0, 16, 4))


def stream(seed: int, *names: str | int) -> np.random.Generator:
    """The generator for stream ``names`` of a session seeded with ``seed``."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=spawn_key(*names)))
