"""What customers say in public: the social feed, in their own words.

Pick by the ticket's sequence number (no random draws, so the feed never shifts a
stream).  Placeholders: {customer}, {title}, {wait}, {device}, {service}.
"""

from __future__ import annotations

VOICES: dict[str, tuple[str, ...]] = {
    "waited": (
        "Still waiting on IT. {wait} minutes and counting for '{title}'.",
        "Does anyone at the service desk actually answer? {wait} min now.",
        "Reported '{title}' ages ago. Silence. #ITfail",
        "Day ruined: '{title}' and nobody has even picked it up.",
    ),
    "unsupported": (
        "Bought a new {device} for work and IT says 'not supported'. Great.",
        "Apparently my {device} is 'unsupported'. Everyone else's works fine at home...",
        "IT's answer to my {device}: no. Off to find someone who will help.",
    ),
    "dropped": (
        "They were fixing my problem, then just... stopped. Someone louder called?",
        "Half-way through '{title}' and my technician vanished.",
    ),
    "outage": (
        "{service} down for {wait} minutes. Not a word from IT.",
        "Is {service} down for everyone or just us? No status anywhere.",
    ),
    "other": (
        "Not impressed with the service desk today.",
        "IT, again. Sigh.",
    ),
}


def public_text(situation: str, seq: int, **fields: object) -> str:
    options = VOICES.get(situation, VOICES["other"])
    return options[seq % len(options)].format(**fields)
