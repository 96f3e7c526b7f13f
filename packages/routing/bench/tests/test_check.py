"""The independent checker must reject what breaks the Solomon rules and accept what does not.

Run with `python3 -m pytest packages/routing/bench/tests` (not part of the package's vitest run).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from anbubench.check import check_solution  # noqa: E402
from anbubench.parse import Customer, Instance, instance_class, parse_solomon  # noqa: E402
from anbubench.paths import data_dir  # noqa: E402


def tiny(vehicles: int = 2, capacity: int = 10, depot_due: int = 100) -> Instance:
    depot = Customer(0, 0, 0, 0, 0, depot_due, 0)
    customers = (
        Customer(1, 3, 4, 5, 0, 20, 1),  # 5 from the depot
        Customer(2, 6, 8, 5, 10, 30, 1),  # 5 from customer 1
        Customer(3, 0, 10, 4, 0, 12, 1),  # 10 from the depot
    )
    return Instance("T101", vehicles, capacity, depot, customers)


def test_should_accept_a_feasible_plan_and_recompute_its_distance() -> None:
    result = check_solution(tiny(), [[1, 2], [3]], reported_distance=40.0)
    assert result.feasible, result.violations
    assert result.vehicles == 2
    assert result.distance == pytest.approx(5 + 5 + 10 + 10 + 10)
    assert not result.distance_mismatch


def test_should_wait_for_the_ready_time_before_serving() -> None:
    # Customer 2 is reached at 11 (5 + 1 service + 5) and served at max(11, 10) = 11.
    instance = tiny()
    late = Instance(
        instance.name,
        2,
        10,
        instance.depot,
        (instance.customers[0], Customer(2, 6, 8, 5, 10, 10, 1), instance.customers[2]),
    )
    result = check_solution(late, [[1, 2], [3]])
    assert not result.feasible
    assert any("customer 2 reached at 11" in v for v in result.violations)


def test_should_reject_a_route_that_arrives_after_a_due_time() -> None:
    # Visiting 2 first: 10 (arrival) ... then 3 at 10 + 1 + dist((6,8),(0,10)) > 12.
    result = check_solution(tiny(), [[2, 3], [1]])
    assert not result.feasible
    assert any("customer 3" in v and "after its due time" in v for v in result.violations)


def test_should_reject_an_overloaded_route() -> None:
    result = check_solution(tiny(vehicles=1, capacity=10, depot_due=1000), [[1, 3, 2]])
    assert not result.feasible
    assert any("exceeds capacity" in v for v in result.violations)


def test_should_reject_a_late_return_to_the_depot() -> None:
    result = check_solution(tiny(depot_due=20), [[1, 2], [3]])
    assert not result.feasible
    assert any("back at the depot" in v for v in result.violations)


def test_should_reject_missing_duplicate_and_unknown_customers() -> None:
    assert not check_solution(tiny(), [[1, 2]]).feasible
    assert not check_solution(tiny(), [[1, 2], [3, 1]]).feasible
    assert not check_solution(tiny(), [[1, 2], [3, 7]]).feasible


def test_should_reject_more_routes_than_the_fleet() -> None:
    result = check_solution(tiny(vehicles=2), [[1], [2], [3]])
    assert not result.feasible
    assert any("fleet size" in v for v in result.violations)


def test_should_flag_a_wrong_reported_distance_without_calling_the_plan_infeasible() -> None:
    result = check_solution(tiny(), [[1, 2], [3]], reported_distance=39.0)
    assert result.feasible
    assert result.distance_mismatch


def test_should_ignore_empty_routes() -> None:
    result = check_solution(tiny(vehicles=2), [[], [1, 2], [], [3]])
    assert result.vehicles == 2


@pytest.mark.skipif(not (data_dir() / "C101.txt").exists(), reason="no Solomon data")
def test_should_parse_c101_and_check_a_plan_of_one_customer_per_route_as_over_the_fleet() -> None:
    instance = parse_solomon(data_dir() / "C101.txt")
    assert (instance.vehicles, instance.capacity, len(instance.customers)) == (25, 200, 100)
    assert instance.horizon == 1236
    assert instance_class(instance.name) == "C1"
    singles = [[c.number] for c in instance.customers]
    result = check_solution(instance, singles)
    assert not result.feasible
    expected = sum(2 * math.hypot(c.x - 40, c.y - 50) for c in instance.customers)
    assert result.distance == pytest.approx(expected)
