"""Policy names for ``--policy``: the three reference teams, ablations and exploits."""

from __future__ import annotations

from collections.abc import Callable

from deskgame.policies.base import Policy
from deskgame.policies.exploits import (
    DowngradePolicy,
    UnsupportedAllPolicy,
    UpdateSpamPolicy,
    WatermelonPolicy,
)
from deskgame.policies.servant import ServantPolicy
from deskgame.policies.triage import PRACTICES, TriagePolicy


def _ablation(practice: str) -> Callable[[], Policy]:
    def make() -> Policy:
        return TriagePolicy(name=f"triage-no-{practice.replace('_', '-')}",
                            practices=frozenset(PRACTICES) - {practice})
    return make


POLICIES: dict[str, Callable[[], Policy]] = {
    "fifo": Policy,
    "triage": TriagePolicy,
    "servant": ServantPolicy,
    "exploit-unsupported": UnsupportedAllPolicy,
    "exploit-update-spam": UpdateSpamPolicy,
    "exploit-downgrade": DowngradePolicy,
    "exploit-watermelon": WatermelonPolicy,
    **{f"triage-no-{p.replace('_', '-')}": _ablation(p) for p in PRACTICES},
}


def make_policy(name: str) -> Policy:
    if name not in POLICIES:
        raise KeyError(name)
    return POLICIES[name]()


REFERENCE_BOTS = ("fifo", "triage", "servant")  # the three a player measures against


def policy_choices() -> str:
    """The words an unknown policy name is answered with: the three reference bots first,
    the model's test bots (exploits, triage without one practice) only named as families."""
    return ("choose from fifo, triage or servant (the model's test bots too: exploit-unsupported, "
            "exploit-update-spam, exploit-downgrade, exploit-watermelon, and triage-no-PRACTICE "
            f"for {', '.join(p.replace('_', '-') for p in PRACTICES)})")

