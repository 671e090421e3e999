"""Built-in words for demand entries that do not give their own (titles, devices, channels).

All texts of the game are deskgame's own; facilitators override them per demand entry.
"""

from __future__ import annotations

DEFAULT_CHANNELS: dict[str, dict[str, float]] = {
    "incident": {"phone": 0.45, "email": 0.3, "portal": 0.2, "walk_up": 0.05},
    "request": {"portal": 0.6, "email": 0.3, "phone": 0.1},
    "end_run": {"phone": 0.6, "walk_up": 0.4},
    "byod": {"walk_up": 0.5, "phone": 0.3, "email": 0.2},
    "fake_emergency": {"phone": 0.7, "walk_up": 0.3},
}

DEFAULT_TITLES: dict[str, tuple[str, ...]] = {
    "incident": (
        "It was working yesterday and now it is not",
        "Error message I have never seen before",
        "Everything is very slow since this morning",
        "Cannot log in, it says my account is locked",
        "The screen freezes when I save",
    ),
    "request": (
        "New starter needs an account by Monday",
        "Please install the reporting add-in",
        "Can I get access to the shared drive?",
        "Replacement charger, mine is broken",
        "A second monitor for the new desk",
    ),
    "end_run": (
        "Quick one, can you just have a look?",
        "You fixed it last time, could you do it again?",
        "I did not want to raise a ticket for this",
        "Got two minutes? It's urgent-ish",
    ),
    # "{device}" is the caller's device, drawn with the ticket: the title and the device agree.
    "byod": (
        "My {device} will not pick up work mail",
        "My {device} will not join the wifi",
        "How do I get the work apps on my {device}?",
        "The calendar on my {device} shows the wrong meetings",
    ),
    "fake_emergency": (
        "I need this report right now, it is critical",
        "Drop everything, my slides will not print",
        "Top priority: my desktop wallpaper reset",
        "The director wants this fixed in five minutes",
    ),
}

DEFAULT_DEVICES: tuple[str, ...] = (
    "new tablet",
    "folding phone",
    "personal laptop",
    "smartwatch",
    "home mesh wifi",
    "note-taking app",
    "video-call app",
)
