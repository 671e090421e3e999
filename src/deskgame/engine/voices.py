"""What customers say in public: the social feed, in their own words.

Pick by the ticket's sequence number (no random draws, so the feed never shifts a
stream).  Placeholders: {customer}, {title}, {wait}, {device}, {service}.

Each situation says only what the customer lived through: a post at a late first answer
or a slow fix does not claim nobody picked it up, and one from a customer who was kept
informed (updates, status broadcasts) does not say "silence" (a room read "Silence."
about a ticket that had two updates and was fixed that morning).
"""

from __future__ import annotations

VOICES: dict[str, tuple[str, ...]] = {
    "waiting": (  # patience ran out, nobody has answered, nobody said anything
        "Still waiting on IT. {wait} minutes and counting for '{title}'.",
        "Does anyone at the service desk actually answer? {wait} min now.",
        "Reported '{title}' ages ago. Silence. #ITfail",
        "Day ruined: '{title}' and nobody has even picked it up.",
    ),
    "waiting_informed": (  # still no answer, but updates came
        "IT keeps telling me they're on '{title}'. {wait} minutes and nobody has started.",
        "Another 'we're looking into it' from IT about '{title}'. Still nothing actually done.",
    ),
    "late_answer": (  # answered at last, too late
        "Finally heard back from IT about '{title}'. Only took {wait} minutes.",
        "{wait} minutes to get an answer from the service desk. Is that normal?",
        "IT got round to '{title}' at last. Half my morning gone.",
    ),
    "slow_fix": (  # fixed, but far later than expected
        "'{title}' finally fixed. Took IT long enough.",
        "Lost most of the day to '{title}' before IT sorted it.",
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
    "outage_informed": (  # the desk broadcast status: people are still cross, but not in the dark
        "{service} was down for {wait} minutes today. At least IT kept us posted.",
        "Another {service} outage, {wait} minutes. IT's updates were the only good part.",
    ),
    "other": (
        "Not impressed with the service desk today.",
        "IT, again. Sigh.",
    ),
}


def public_text(situation: str, seq: int, **fields: object) -> str:
    options = VOICES.get(situation, VOICES["other"])
    return options[seq % len(options)].format(**fields)
