"""What each meter means, said when the pointer rests on it."""

METER_TIPS = {
    "trust": "Business trust: customers' satisfaction weighted by their influence. Below the line at a "
    "round's end: on notice; twice in a row: outsourced.",
    "satisfaction": "Mean satisfaction of all departments, 0-100.",
    "sla": "Share of tickets due so far (started, or past their target) whose work started within their "
    "priority's target. '—' until the first one is due.",
    "morale": "Mean team morale: overload and interruptions lower it; finished work raises it.",
}
