"""Bot policies: the reference teams (fifo, triage, servant) and the exploit bots.

A policy listens to the world and acts through ``world.command`` at the simulated
instant something changes (a ticket arrives, a call rings, the 5-minute tick).
"""

from deskgame.policies.base import Policy
from deskgame.policies.registry import POLICIES, make_policy, policy_choices

__all__ = ["POLICIES", "Policy", "make_policy", "policy_choices"]
