"""Scenario judgements as model inputs, and their draws."""

from __future__ import annotations

import numpy as np

from zopa.forecast import layout_of
from zopa.model import load_builtin, scenario_from_data, scenario_to_data


def _tiny(**edits):
    data = scenario_to_data(load_builtin("tiny"))
    for party, changes in edits.items():
        index = [p["name"] for p in data["parties"]].index(party)
        data["parties"][index].update(changes)
    return scenario_from_data(data)


def test_positions_are_the_best_options_places_and_salience_follows_weights():
    layout = layout_of(load_builtin("tiny"))
    inputs = layout.inputs(layout.point)
    # river has positions 0/50/100; fishing has none, so its options are spread evenly.
    np.testing.assert_allclose(layout.option_positions[1], [0, 50, 100])
    north, south = 0, 1
    assert inputs.position[0, 0, north] == 100 and inputs.position[0, 0, south] == 0
    assert inputs.position[0, 1, north] == 0 and inputs.position[0, 1, south] == 100
    # North weighs river 2, fishing 1: saliences 1 and 0.5; capability defaults to 1.
    np.testing.assert_allclose(inputs.salience[0, :, north], [1, 0.5])
    np.testing.assert_allclose(inputs.capability[0], [1, 1])


def test_explicit_capability_and_salience_win():
    scenario = _tiny(North={"capability": 0.3, "salience": {"fishing": 0.9}})
    layout = layout_of(scenario)
    inputs = layout.inputs(layout.point)
    assert inputs.capability[0, 0] == 0.3
    np.testing.assert_allclose(inputs.salience[0, :, 0], [1, 0.9])


def test_draws_stay_in_their_bounds_and_follow_their_shape():
    scenario = _tiny(
        North={"capability": {"value": 0.4, "range": [0.3, 0.6]}},
        South={
            "salience": {"river": {"value": 0.4, "distribution": {"triangular": [0.1, 0.4, 1]}}}
        },
    )
    layout = layout_of(scenario)
    assert [layout.names[c] for c in layout.uncertain] == [
        "North.capability",
        "South.salience.river",
    ]
    theta = layout.sample(np.random.default_rng(1), 20000)
    cap, sal = theta[:, layout.uncertain[0]], theta[:, layout.uncertain[1]]
    assert cap.min() >= 0.3 and cap.max() <= 0.6
    assert abs(cap.mean() - 0.45) < 0.005
    assert sal.min() >= 0.1 and sal.max() <= 1
    assert abs(sal.mean() - 0.5) < 0.005  # (0.1 + 0.4 + 1) / 3
    assert abs(np.median(sal) - (1 - np.sqrt(0.5 * 0.9 * 0.6))) < 0.01
    certain = np.delete(theta, layout.uncertain, axis=1)
    assert (certain == np.delete(layout.point, layout.uncertain)).all()
