"""What the team's improvements currently change in the world, as named strengths.

Each field is neutral by default (no improvement in force).  The change cycle
(between rounds) sets them from the chosen cards, their ramp, morale and decay;
the world only reads them.
"""

from __future__ import annotations

from dataclasses import dataclass

from deskgame.engine.arrivals import Arrival


@dataclass
class Effects:
    catalogue: float = 0.0             # 0..1: how far customers expect the published times, not "now"
    emergency_definition: float = 0.0  # 0..1: share of fake emergencies recognised on arrival
    knowledge_factor: float = 1.0      # effort multiplier on ordinary work (knowledge base)
    fcr_shift: float = 0.0             # added to the desk's first-contact capability
    byod_learning: float = 0.0         # 0..1: how much of the unknown-device slowdown is gone
    spread_relief: float = 0.0         # social channel: share of a post's spread answered
    orientation_factor: float = 1.0    # customer orientation: redirects break the habit faster
    incident_cut: float = 0.0          # problem management: share of repeat incidents prevented
    password_cut: float = 0.0          # self-service: share of low-impact account calls prevented

    def unknown_device_factor(self, base: float) -> float:
        return 1.0 + (base - 1.0) * (1.0 - self.byod_learning)

    def thinning(self, arrival: Arrival) -> float:
        """The share of this kind of arrival that improvements prevent from happening."""
        if arrival.kind != "incident":
            return 0.0
        cut = self.incident_cut
        if arrival.impact == "low" and "accounts" in arrival.skills:
            cut = 1 - (1 - cut) * (1 - self.password_cut)
        return cut
