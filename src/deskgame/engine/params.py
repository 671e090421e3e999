"""Every tunable number of the simulated world, in one visible place.

Times are simulated minutes; satisfaction is on the customers' 0-100 scale; morale
and empathy on 0-1.  docs/model.md explains each effect with a worked example.
Changing a number here changes the game for every scenario; scenario files set the
world (team, customers, demand), these set how people in it react.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SatisfactionParams:
    """Moments of truth: how one touch moves one department's satisfaction."""

    touch_weight: float = 0.45        # share of a person's experience that moves their department
    expect_now: float = 5.0           # minutes: "now", the expectation without a published catalogue
    met_bonus: float = 1.5            # first answer within the expectation
    late_penalty: float = 4.0         # per expectation-length of lateness ...
    late_cap: float = 3.0             # ... counted up to this many expectation-lengths
    patience_penalty: float = 4.0     # extra once the wait passes the customer's patience
    update_relief: float = 0.15       # each update (up to 2) cuts the lateness penalty by this share
    empathy_weight: float = 4.0       # (empathy - 0.5) x this, at every human touch
    resolve_bonus: float = 1.0        # a resolution is a good moment in itself
    slow_fix_penalty: float = 2.0     # per expectation-length the fix took beyond wait + work, x impact
    fcr_bonus: float = 1.5            # resolved by the first person, no hand-over
    handover_penalty: float = 1.5     # escalation: "let me pass you to ..."
    update_gain: tuple[float, ...] = (0.75, 0.25)  # 1st, 2nd update; later ones annoy:
    update_spam: float = -1.0         # each update after the second
    consistency_penalty: float = 3.0  # the same kind of request handled differently from last time
    end_run_taken_gain: float = 8.0    # the specialist drops everything for the caller
    end_run_redirect_dip: float = 4.0 # "please log it with the desk"
    unsupported_penalty: float = 8.0   # BYOD: "we don't support that"
    dropped_penalty: float = 4.0      # x impact weight: your work was dropped for a louder caller
    still_broken_penalty: float = 6.0 # later, the "unsupported" device still does not work
    fake_served_gain: float = 6.0      # the loud caller is delighted
    fake_declined_dip: float = 4.0    # told it is not an emergency
    outage_penalty_per_hour: float = 6.0   # major-incident callers, per hour without service
    broadcast_relief: float = 0.3     # each status broadcast cuts that by this share (cap 2)
    post_threshold: float = -5.0      # moments this bad may go public ...
    post_probability: float = 0.35    # ... with this probability
    unsupported_post_probability: float = 0.6
    spread: float = 0.25              # share of a public post's hit felt by every other department
    drift_half_life: float = 240.0    # minutes for satisfaction to get halfway back to its start


@dataclass(frozen=True)
class MoraleParams:
    """Morale falls with overload and interruptions, rises with finished work."""

    start: float = 0.7
    finish_gain: float = 0.012
    interruption_loss: float = 0.1
    overload_queue_per_agent: float = 3.0   # more waiting tickets per free-able agent is overload
    overload_loss: float = 0.006            # per 5-minute sample while overloaded
    floor: float = 0.05
    slow_below: float = 0.5           # below this morale work slows ...
    slowest_speed: float = 0.6        # ... down to this speed at morale 0
    empathy_floor: float = 0.5        # at morale 0 empathy is multiplied by this


@dataclass(frozen=True)
class WorkParams:
    """How work flows: calls, escalation, knowledge, major incidents."""

    call_window: float = 15.0         # minutes a ringing call waits for an answer (~20 s at 1x)
    desk_fcr: float = 0.75            # chance a desk agent can finish an incident without a specialist
    escalate_after: float = 0.4       # share of the effort spent before the desk hands over
    handover_effort: float = 5.0      # minutes a specialist needs to pick up a handed-over ticket
    unknown_device_factor: float = 2.0   # BYOD effort the first time a device is seen
    comeback_after: float = 75.0      # "unsupported" customers then ask a specialist on the quiet
    habit_start: float = 0.6          # share of would-be end-runs that really bypass the desk at first
    habit_take_gain: float = 0.08     # the habit grows when the specialist takes the call
    habit_redirect_drop: float = 0.12 # and fades when calls are redirected
    habit_floor: float = 0.1
    surge_effort: float = 4.0         # minutes to log a major-incident caller
    broadcast_call_cut: float = 0.35  # each broadcast (cap 2) keeps this share of callers away
    sample_every: float = 5.0         # minutes between series samples


@dataclass(frozen=True)
class ModelParams:
    satisfaction: SatisfactionParams = SatisfactionParams()
    morale: MoraleParams = MoraleParams()
    work: WorkParams = WorkParams()


DEFAULT_PARAMS = ModelParams()
