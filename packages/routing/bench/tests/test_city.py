"""The city generator is seeded; the city checker catches broken plans; the matching is optimal."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from anbubench.assign import assign  # noqa: E402
from anbubench.city import CitySpec, check_city, generate  # noqa: E402


def small() -> dict:
    return generate(CitySpec(stops=40, vehicles=4, depots=2, seed=7))


def test_should_generate_the_same_instance_for_the_same_seed() -> None:
    assert generate(CitySpec(40, 4, 2, 7)) == small()
    assert generate(CitySpec(40, 4, 2, 8)) != small()


def test_should_accept_a_plan_that_leaves_everything_unassigned() -> None:
    result = check_city(small(), [], None)
    assert result.feasible
    assert result.routed == 0


def test_should_reject_a_job_routed_twice() -> None:
    result = check_city(small(), [[1], [1]], None)
    assert not result.feasible
    assert any("twice" in v for v in result.violations)


def test_should_reject_a_route_over_capacity() -> None:
    problem = small()
    for vehicle in problem["vehicles"]:
        vehicle["capacity"] = [2, 1000]
    heavy = [job["id"] for job in problem["jobs"] if job["delivery"][0] >= 2][:2]
    result = check_city(problem, [heavy], [problem["vehicles"][0]["id"]])
    assert not result.feasible
    assert any("over" in v for v in result.violations)


def test_should_reject_a_job_reached_after_its_window() -> None:
    problem = small()
    job = problem["jobs"][0]
    job["time_windows"] = [[0, 1]]  # closes one second after midnight, before any shift
    result = check_city(problem, [[job["id"]]], [problem["vehicles"][0]["id"]])
    assert not result.feasible
    assert any("too late" in v for v in result.violations)


def test_should_match_routes_to_vehicle_classes_at_minimum_cost() -> None:
    # Route 0 is cheap in class 1 but route 1 can only use class 1, which has one vehicle.
    assert assign([{0: 5, 1: 1}, {1: 2}], [1, 1]) == [0, 1]
    assert assign([{0: 5, 1: 1}, {0: 1}], [2, 2]) == [1, 0]
    assert assign([{}, {0: 3}], [1]) == [None, 0]
