"""Two or three debrief questions chosen from what actually happened in a round."""

from __future__ import annotations

from typing import Any

QUESTIONS: tuple[tuple[str, str], ...] = (
    ("hidden", "Specialists spent {hidden:.0f} minutes on work nobody logged. Who called them, and why "
               "did they not call the desk?"),
    ("posts", "{posts} customers complained in public. Which moment set each of them off?"),
    ("unsupported", "{unsupported} people heard 'unsupported'. What did they do next?"),
    ("wait", "A first answer took {wait:.0f} minutes on average. What did customers expect, and who told "
             "them what to expect?"),
    ("fcr", "Only {fcr:.0%} of fixes came at the first contact. What stopped the desk finishing them?"),
    ("morale", "Team morale ended at {morale:.0%}. What wore the team down?"),
    ("sla", "The SLA says {sla:.0%} met, yet trust is {trust:.0f}. Is the figure telling the truth?"),
    ("good", "Trust ended at {trust:.0f}. Which habit of this round should the team keep on purpose?"),
)


def reflection_questions(record: dict[str, Any], limit: int = 3) -> list[str]:
    """The questions whose trigger fired, most telling first; always at least one."""
    k = record["kpis"]
    unsupported = sum(1 for t in record["tickets"] if t.get("outcome") == "unsupported")
    facts = {"hidden": k["hidden_work_min"], "posts": len(record["posts"]), "unsupported": unsupported,
             "wait": k["mean_wait_min"], "fcr": k["fcr"], "morale": k["morale"], "sla": k["sla_met"],
             "trust": k["trust"]}
    fired = {
        "hidden": k["hidden_work_min"] >= 30,
        "posts": len(record["posts"]) >= 2,
        "unsupported": unsupported >= 2,
        "wait": k["mean_wait_min"] >= 20,
        "fcr": 0 < k["fcr"] < 0.8,
        "morale": k["morale"] < 0.5,
        "sla": k["sla_met"] >= 0.9 and k["trust"] < 50,
    }
    chosen = [text.format(**facts) for key, text in QUESTIONS if fired.get(key)]
    if len(chosen) < limit:
        chosen.append(dict(QUESTIONS)["good"].format(**facts))
    return chosen[:limit]
