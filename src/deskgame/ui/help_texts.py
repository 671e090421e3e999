"""Every word of the in-game help (F1), the tooltips' texts and the key list, in one place.

Help is written for someone who has never heard of ITSM: what each thing on the screen
*means* and what changes it, not only which key does what.  Pages are (title, text);
the help box wraps and pages them itself, so a text may be as long as it needs to be.
A page whose text is ``LEGEND`` is drawn as the board's legend (icons with their words).
"""

from __future__ import annotations

from deskgame.engine.params import DEFAULT_PARAMS

LEGEND = "<legend>"  # the page that draws the board's icons beside their meaning

# ---------------------------------------------------------------- keys (help and settings)
BOARD_KEYS: list[tuple[str, str]] = [
    ("Up / Down / Tab", "select a call or ticket"),
    ("1-9 or drag", "assign the selected ticket to that team member"),
    ("P · U · E", "priority · send an update · escalate"),
    ("T R · L N · S D", "answer a ringing call (the card shows which)"),
    ("B", "broadcast while a service is down"),
    ("Space · - · =", "pause · slower · faster"),
    ("PgUp / PgDn, wheel", "scroll the queue"),
    ("M · [ · ]", "sound off/on · volume down · up"),
    ("F1 · F2", "help for this screen · the legend of icons"),
    ("F11", "full screen"),
    ("F9", "facilitator console: inject a live event"),
]
OTHER_KEYS: list[tuple[str, str]] = [
    ("Title: Up / Down, Enter", "choose a scenario · S settings"),
    ("Between rounds: Enter", "go on to the next step"),
    ("Awareness: Left / Right", "step through the marked moments"),
    ("Will: Space · Tab", "pick a card · type the commitment"),
    ("Help: Left / Right", "turn the page · F1 or Esc closes"),
]

# ---------------------------------------------------------------- tooltips on the board
METER_TIPS = {
    "trust": "Business trust: how satisfied the departments are, each weighted by its influence on the "
    "business (0-100). The tick is the outsourcing line: end a round below it and the desk is on "
    "notice; end the next one below it too and the desk is outsourced. The bar is green well above "
    "the line, amber within 10 points above it, red below it.",
    "satisfaction": "Satisfaction: the plain average of the departments' satisfaction (0-100). Each "
    "department remembers its people's recent moments of truth; memorable ones weigh more. Its bar "
    "takes its colour from the outsourcing line, as trust's does: green well above it, amber close "
    "above it, red below it.",
    "sla": "SLA met: of the tickets due so far (their work started, or their response target passed "
    "without it starting), the share whose work started within their priority's target. Shows "
    "'—' until the first ticket is due.",
    "morale": "Morale: how the team feels (their average), not the customers. A queue of more than "
    f"{DEFAULT_PARAMS.morale.overload_queue_per_agent:g} waiting per person (the longer, the faster), "
    "interruptions and end-run calls wear it down; finished work and recognition build it up, "
    "finished work less the happier they already are. Low morale slows work and dulls empathy. A "
    "calm team can still leave customers waiting: trust is their side.",
    "clock": "The round's clock. The round ends when it reaches the end of the working day; work "
    "still open then carries over to the next round.",
    "round": "Which round this is, of how many. Between rounds the team looks back (Awareness), "
    "chooses changes (Will) and sees them take effect (Action).",
}
AGENT_MORALE_TIP = "{name}'s morale. Below 50% it shows amber, below 30% red: a tired agent works slower."
AGENT_TIP = "{name}, {role}. Skills: {skills}. Drop a ticket here (or press {number}) to assign it."
RING_TIP = "Wait ring: {used:.0%} of the {priority} response target ({target}) used. It fills clockwise; " \
    "amber from 60%, red with a dot once the target has passed."
BADGE_TIP = "{priority}: the order agents pull work in (P1 first). Shape and label say it, not only " \
    "colour. P changes it for the selected ticket."
IMPACT_TIP = "Business impact: {impact} ({service}). One bar low, two medium, three high. Priority " \
    "follows what the service's trouble does to the business, never the caller's rank."
NO_PRIORITY_TIP = "No priority set yet: it waits in arrival order. P sets the caller's own; press P " \
    "again for the next one. Judge by the business impact and urgency the bottom panel gives."
CALL_LABEL_TIPS = {  # the flag on a ringing call's card, where a newcomer first meets the word
    "end_run": "END-RUN: a customer went round the desk, straight to a specialist (by phone or in "
    "person). T takes it (off the books), R redirects them to the desk.",
    "byod": "BYOD, 'bring your own device': a customer's own phone, tablet or laptop that the desk "
    "has not supported before. L learns it, N refuses it as unsupported.",
    "fake_emergency": "EMERGENCY?: the caller says it cannot wait. S serves it now, D gives it the "
    "priority its business impact deserves.",
}
DETAIL_KIND_WORDS = {"end_run": "end-run call", "byod": "BYOD call",
                     "fake_emergency": "'emergency' call"}
# The help box's words for a legend row, where they must differ from ``board.legend.ROWS``
# (keyed by the row's short words).  The hidden-work mark is drawn in theme.PURPLE, the
# Okabe-Ito "reddish purple", which a room sees as pink: the words name that colour and the
# shape, so the row reads the same to someone who cannot tell the colour.
LEGEND_HELP_WORDS = {
    "work off the books": "Pink dashed lines along the top and bottom of a person's card: a specialist "
                          "busy with an end-run off the books (no ticket, no SLA, no credit).",
}
SEED_TIP = "The seed fixes the day: the same scenario and seed bring the same calls at the same " \
    "times, so two teams (or two tries) can compare fairly."
KIND_WORDS = {"request": "Something wanted (a request)", "incident": "Something broken (an incident)"}
ICON_TIP = "{what}, came in by {channel}. F2 shows every icon."
MOMENT_TIP = "Rated {rating:.0f} out of 100 by the customer. {meaning}"
MOMENT_MEANING = {
    "better": "A smile: better than they expected.",
    "expected": "A straight mouth: about what they expected.",
    "worse": "A frown: clearly worse than they expected; it drags the department's memory down.",
}
LEGEND_TIP = "The legend: what each symbol on the board means. F2 hides it, F1 explains more."
FEED_TIP = "Social feed: what let-down customers post in public. A post hurts every department's " \
    "satisfaction a little."
QUEUE_TIP = "Incoming: ringing calls first, then waiting tickets in the order free agents pull them. " \
    "The header counts both: tickets waiting and calls ringing."
TEAM_TIP = "The team. Free agents pull the next ticket they have the skills for; you shape the order."
BAND_TIPS = {
    "notice": "On notice: trust ended the last round below the outsourcing line. End this round at or "
    "above the line to lift it; below it again and the desk is outsourced.",
    "down": "A business service is down. Calls about it pour in; each broadcast (B) keeps some "
    "callers away and calms the rest. A specialist with the right skills can fix it sooner: "
    "assign the fix (a number key) to pull them off their work at once.",
    "storm": "A storm on social media: these customers' trust fell as it broke, and until it ends "
    "a let-down caller's post reaches more people. Serve them well; a social channel card calms posts.",
}

# ---------------------------------------------------------------- help pages per screen
Page = tuple[str, str]

BOARD_PAGES: list[Page] = [
    (
        "The board at a glance",
        "Top: the round and its clock, the speed buttons, and four meters (trust, satisfaction, SLA met, "
        "morale). Rest the pointer on any meter or button to read what it means.\n"
        "Left, Incoming: ringing calls first, then the waiting tickets in the order your team will pick "
        "them up. Centre, the team: who is free, who is busy with what, and what is queued for them. "
        "Right: the social feed and the latest moments of truth. Bottom: the selected ticket and what "
        "you can do with it.\n"
        "You do not have to click every ticket: free team members pull the next ticket they have the "
        "skills for. Your job is to shape that flow with priorities, assignments and answers to calls.\n"
        "Priority follows the business impact of the service that is hurt, never the caller's rank: "
        "the bottom panel names the service with its impact and urgency. P sets the caller's own "
        "priority; press it again until the priority fits the impact.",
    ),
    (
        "Trust and the outsourcing line",
        "Each department (Sales, Finance, ...) has a satisfaction score from 0 to 100: its memory of "
        "how its people were served lately. Business trust is those scores weighted by how much each "
        "department matters to the business.\n"
        "The tick on the trust bar is the outsourcing line. The bar is green well above it, amber "
        "close to it and red below it; the satisfaction bar beside it is coloured by the same line, "
        "so the same number always reads the same. If a round ends with trust below the line, the "
        "desk is put on notice: a band says so for the whole next round. End that round at or above "
        "the line and the notice is lifted; end it below the line again and the business outsources "
        "the desk and the session ends.",
    ),
    (
        "SLA met, satisfaction and morale",
        "SLA met counts the tickets that are due so far: those whose work has started, and those whose "
        "response target has passed without anyone starting them. Of those, it is the share whose "
        "work started within the target for their priority (for example P1 within 15 minutes). "
        "Before anything is due it shows a dash, not 100%. Tickets still inside their target do not "
        "count yet, either way.\n"
        "Satisfaction is the plain average of the departments. Morale is the team's average: overload, "
        "interruptions and calls taken off the books wear it down; finished work builds it up.",
    ),
    (
        "Moments of truth",
        "Every time a customer meets the desk (the first answer, an update, a hand-over, the fix, a "
        "redirect, an 'unsupported') is a moment of truth. The customer rates it 0-100 against what "
        "they expected: how long they waited against the promised response, whether it was fixed at "
        "first contact, how it was handled, and whether they were kept informed.\n"
        "The right column lists the latest moments. The chip in front gives each one's rating out of "
        "100, and its face how it felt: a smile for better than expected, a straight mouth for about "
        "as expected, a frown for clearly worse. (The numbers rising from the cards, like "
        "'Sales +1.1', are how much a department's satisfaction moved.) Peaks and "
        "disasters stick in a department's memory more than routine does.",
    ),
    (
        "Calls, and when the round ends",
        "End-runs, BYOD surprises and 'emergencies' ring as flagged cards with a countdown. Answer with "
        "the buttons on the card or their keys; if nobody answers, the default happens (an unanswered "
        "end-run: the specialist takes it). While a call rings the clock slows down so the table has "
        "at least 15 real seconds (a setting turns this off).\n"
        "The round ends when the clock reaches the end of the working day; open work carries over. "
        "Then come three screens: Awareness (what happened), Will (what you will change) and Action "
        "(what is now in force); after the session's last round, Awareness and then the session's "
        "summary. A major incident pauses the game until you have seen it.",
    ),
    ("What the icons mean", LEGEND),
]

PAGES: dict[str, list[Page]] = {
    "title": [
        (
            "deskgame",
            "You run an IT service desk for one working day per round. Tickets and calls arrive; your "
            "team works them; every contact is a moment of truth that the business remembers.\n"
            "Choose a scenario with Up and Down and press Enter. Each one says how many rounds it "
            "has. Press S for settings: sound, text size, a high-contrast palette, the default speed "
            "and full screen.\n"
            "Around one screen, share the work: a driver at the keyboard, a triage lead who decides "
            "priorities, a comms lead who answers callers and broadcasts, a trust keeper who watches "
            "the trust bar and its line, and an observer who notes the moments of truth for the talk "
            "between rounds.",
        ),
    ],
    "briefing": [
        (
            "The briefing",
            "Read this screen aloud to the table before you start. The left panel is the story of "
            "the day: who the customers are and what is going on. The right panel says what counts: "
            "the goal, the line you must stay above, and how the score is made. The line under them "
            "suggests who does what around the table.\n"
            "Your goal: keep business trust above the outsourcing line and serve the departments by "
            "what matters to the business, not by who shouts loudest. A round that ends with trust "
            "below the line puts the desk on notice; a second one in a row gets it outsourced.\n"
            "Enter opens the desk. On the board, F1 explains every meter and F2 shows what the icons "
            "mean.",
        ),
    ],
    "board": BOARD_PAGES,
    "awareness": [
        (
            "Awareness: what happened",
            "The chart shows each department's Satisfaction (0 to 100: how its people feel about the "
            "desk, from their recent moments of truth) as a curve in its own colour, marked with its "
            "own shape (circle, square, triangle, diamond), and business trust as the thick white line; "
            "the outsourcing line is dashed.\n"
            "The numbered markers follow the clock, 1 first; markers at the same time stack one above "
            "another. A green marker with a tick is a moment better than expected, a vermillion one "
            "with a cross a moment worse than expected, and a yellow one with '!' an event: a service "
            "down for everyone (a major incident), someone away, or a storm on social media. "
            "Step through them with Left and Right or click one to read it under the chart; J follows "
            "that customer's journey.\n"
            "The panel on the right puts this round beside the last: trust, each department's "
            "Satisfaction and its wait (minutes to the first answer), SLA met per priority (the share "
            "of tickets answered within their priority's response target), hidden work (time "
            "specialists spent on end-runs off the books) and public posts. A triangle up or down is a "
            "change that counts, with a tick for better and a cross for worse (green and orange too); "
            "an arrow with 'steady' is a change too small to "
            "count; '=' stands only between figures that are the same. People who called about an "
            "outage are in no wait and no SLA figure: they waited for the service, not for an answer. "
            "When waits rose but satisfaction did not "
            "fall, the headline says why (a new service catalogue sets what customers expect).\n"
            "Talk about the questions under 'To talk about', then press Enter to decide what to "
            "change (Space does not go on here: it pauses the board, and a habit must not skip this).",
        ),
    ],
    "will": [
        (
            "Will: what will you change?",
            "Pick improvement cards within the round's budget of points: Up and Down move, Space or a "
            "click picks. The panel on the right says what the highlighted card changes and what it "
            "costs. A card already in force, not offered in this scenario, or costing more points than "
            "are left cannot be picked: rest the pointer on it to see which.\n"
            "Press Tab to type the team's one-line commitment, then Enter to confirm. With no card "
            "picked, Enter asks once more: Enter again plays the next round with no changes.",
        ),
    ],
    "action": [
        (
            "Action: what is now in force",
            "Each change in force and its strength next round. A change works at full strength from its "
            "first round, except the slow ones marked 'growing' (knowledge base, empowerment, problem "
            "management, self-service), which start at half and are whole a round later. A tired team "
            "gets less out of every change: with morale under 70% it works less, at worst half as well. "
            "It loses 25% of its strength each round after its first, only 5% while governance is in "
            "force. "
            "Press Enter to open the desk for the next round.",
        ),
    ],
    "summary": [
        (
            "The session summary",
            "One row per round: business trust at its end, SLA met, the round's score and whether the "
            "desk was on notice. The session score is the average of the rounds' scores. Press Enter "
            "to go on.",
        ),
    ],
    "end": [
        (
            "The end of the session",
            "P plays the same scenario and seed again from round 1: the same day arrives, so you can "
            "see what your changes do. T goes back to the title. C copies the results file to a folder "
            "for the facilitator's report (deskgame debrief). Nothing is chosen at first, so an Enter "
            "out of habit does neither: press P or T, or an arrow and then Enter.",
        ),
    ],
    "settings": [
        (
            "Settings",
            "Up and Down choose a setting; Left, Right, Enter or a click change it. Changes are saved at "
            "once and used every time the game starts. Esc goes back to the title.\n"
            "Large text makes every letter bigger for a room far from the screen; high contrast puts "
            "white on black with edged panels. 'Slow down for calls' gives the table at least 15 real "
            "seconds for each ringing call.",
        ),
    ],
}

# The scene classes each topic belongs to (by name, so this module imports no scene).
TOPIC_BY_SCENE = {
    "TitleScene": "title",
    "BriefingScene": "briefing",
    "PlayScene": "board",
    "AwarenessScene": "awareness",
    "WillScene": "will",
    "ActionScene": "action",
    "SummaryScene": "summary",
    "EndScene": "end",
    "SettingsScene": "settings",
}


def _hint_pages() -> list[Page]:
    """The tutorial's hints, so they stay readable after the tutorial (or once turned off)."""
    from deskgame.ui.hints import hint_pages

    return [("Tutorial hints", "\n".join(f"{title}: {body}" for title, body in hint_pages()))]


KEYS_PAGE = "<keys>"  # the page that lists every key in two columns


def pages(topic: str) -> list[Page]:
    """The help pages for a screen; the board's end with the keys and the tutorial's hints."""
    found = list(PAGES.get(topic, PAGES["board"]))
    if topic == "board":
        found.append(("Keys on the board", KEYS_PAGE))
    if topic in ("board", "title"):
        found.extend(_hint_pages())
    return found


# Tooltips of the screens around play (each scene's ``tooltips()`` fills them in).
TIP_TITLE_RESUME = "Carry on the unfinished session saved as {where}. Enter or a click."
TIP_TITLE_ROW = "{title}: {summary} (Enter or a second click starts it.)"
TIP_CARD = "{title} ({cost}): {changes}"
TIP_CARD_CHOSEN = " Chosen: Space or a click puts it back."
TIP_CARD_BLOCKED = " Cannot be picked: {why}."
TIP_MOMENT = ("Moment {number}: rated {rating:.0f}/100, {how} than expected. Click it (or Left/Right) "
              "to read it below the chart; a second click follows this customer's journey.")
TIP_EVENT = "Event {number}: {words} Click it (or Left/Right) to read it below the chart."
TIP_END_CHOICE = "{label} ({key}): {detail}."
