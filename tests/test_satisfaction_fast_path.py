"""``MemoryModel.hear`` rates the common touches by a shorter path; it must be the model.

The shorter path (``_plain_points``) serves first answers, chases and fixes without
updates or an inconsistency: most touches.  It is only an optimisation, so for every
such touch it must give exactly (bit for bit) the points ``points_of`` gives, and a
model hearing touches must end in exactly the state the general path leaves.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from deskgame.engine.events import NoLog
from deskgame.engine.params import DEFAULT_PARAMS
from deskgame.engine.satisfaction import MemoryModel, Touch, points_of

MINUTES = st.floats(min_value=0.0, max_value=5000.0, allow_nan=False)
PLAIN_TOUCHES = st.builds(
    lambda kind, t, wait, expected, empathy, impact, first, effort: Touch(
        t, kind, "Sales", "T1", 1, "x", wait, expected, empathy, impact, 0, 0, first, effort),
    st.sampled_from(("first_answer", "chase", "resolution")), MINUTES, MINUTES,
    st.floats(min_value=0.5, max_value=600.0), st.one_of(st.none(), st.floats(min_value=0.0, max_value=1.0)),
    st.sampled_from(("low", "medium", "high")), st.booleans(), MINUTES)


def _model() -> MemoryModel:
    return MemoryModel.for_customers([("Sales", 60.0, 0.6, 40, 45.0), ("Ops", 70.0, 0.4, 10, 90.0)],
                                     DEFAULT_PARAMS.satisfaction, np.random.default_rng(3), NoLog())


@settings(max_examples=400, deadline=None)
@given(PLAIN_TOUCHES, st.floats(min_value=1.0, max_value=600.0))
def test_the_short_path_gives_exactly_the_points_of_the_model(touch, patience):
    model = _model()
    assert model._plain_points(touch, touch.kind, patience) == points_of(touch, patience, model.params)


@settings(max_examples=60, deadline=None)
@given(st.lists(PLAIN_TOUCHES, min_size=1, max_size=30))
def test_hearing_by_the_short_path_leaves_the_state_the_general_path_leaves(touches):
    touches = sorted(touches, key=lambda touch: touch.t)
    fast, general = _model(), _model()
    general._plain_points = lambda touch, kind, patience: points_of(  # type: ignore[method-assign]
        touch, patience, general.params)
    for touch in touches:
        assert fast.hear(touch) == general.hear(touch)
    for name in ("Sales", "Ops"):
        a, b = fast.memories[name], general.memories[name]
        assert (a.weight, a.rated, a.since, list(a.history)) == (b.weight, b.rated, b.since, list(b.history))
    end = touches[-1].t + 30
    assert math.isclose(fast.trust(end), general.trust(end), rel_tol=0, abs_tol=0)
