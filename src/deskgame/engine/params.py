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
    """Moments of truth: how a touch is rated and how departments remember (docs/model.md)."""

    # The rating curve: experience points -> 0-100, a logistic through neutral_rating at 0.
    neutral_rating: float = 65.0      # an experience exactly as expected
    rating_spread: float = 4.5        # points per logistic unit (about 5 rating points a point near neutral)
    # Memory.
    prior_per_sqrt_size: float = 3.0  # the prior weighs 3 x sqrt(size) experiences at the starting level
    memorable_scale: float = 25.0     # weight = 1 + |rating - neutral| / this: peaks are remembered
    half_life: float = 240.0          # minutes for an experience's weight in memory to halve (drift)
    nudge_share: float = 0.5          # a storm or a card: a batch of memories worth this share of the memory
    notable_moments: int = 5          # the best and the worst this many per round are kept for the debrief
    # Experience points of a touch (0 = as expected).
    expect_now: float = 5.0           # minutes: "now", the expectation without a published catalogue
    met_bonus: float = 1.5            # first answer within the expectation
    late_penalty: float = 4.0         # per expectation-length of lateness ...
    late_cap: float = 3.0             # ... counted up to this many expectation-lengths
    patience_penalty: float = 4.0     # extra once the wait passes the customer's patience
    update_relief: float = 0.15       # each update (up to 2) softens the lateness by this share
    update_spam: float = 1.0          # each update after the second costs this much of the next touch
    empathy_weight: float = 4.0       # (empathy - 0.5) x this, at every human touch
    resolve_bonus: float = 1.0        # a resolution is a good moment in itself
    slow_fix_penalty: float = 2.0     # per expectation-length the fix took beyond wait + work, x impact
    fcr_bonus: float = 1.5            # resolved by the first person, no hand-over
    handover_penalty: float = 1.5     # escalation: "let me pass you to ..."
    consistency_penalty: float = 3.0  # the same kind of request handled differently from last time
    end_run_taken_gain: float = 12.0  # the specialist drops everything for the caller
    end_run_redirect_dip: float = 4.0  # "please log it with the desk"
    unsupported_penalty: float = 4.0  # BYOD: "we don't support that" (a quick, clear no)
    dropped_penalty: float = 4.0      # x impact weight: your work was dropped for a louder caller
    still_broken_penalty: float = 14.0  # later: the "unsupported" device still does not work
    fake_served_gain: float = 10.0    # the loud caller is delighted
    fake_declined_dip: float = 4.0    # told it is not an emergency
    outage_penalty: float = 6.0            # major-incident callers: hit by an outage at all ...
    outage_penalty_per_hour: float = 6.0   # ... and per hour without service
    broadcast_relief: float = 0.3     # each status broadcast cuts that by this share (cap 2)
    # Word of mouth.
    post_below: float = 25.0          # moments rated this low may go public ...
    post_probability: float = 0.35    # ... with this probability
    still_broken_post_probability: float = 0.6  # stuck after "unsupported": they go public when it bites
    post_weight: float = 0.5          # a post counts as this many experiences at every other department


@dataclass(frozen=True)
class MoraleParams:
    """Morale falls with overload and interruptions, rises with finished work."""

    start: float = 0.7
    finish_gain: float = 0.012
    interruption_loss: float = 0.1
    overload_queue_per_agent: float = 2.0   # more waiting tickets per present agent is overload ...
    overload_loss: float = 0.006            # ... costing this a tick per ticket per agent above it
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
