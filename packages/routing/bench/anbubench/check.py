"""Independent feasibility checker for Solomon VRPTW solutions.

Shares no code with the TypeScript solver. Conventions (Solomon 1987, as used by the literature):
Euclidean distances in double precision, travel time equals distance, service starts at
max(arrival, ready time), arrival must not be later than the due time, every vehicle leaves the
depot at its ready time and must be back by the depot's due time, every customer is served
exactly once, at most the file's fleet size is used, and each route's demand fits the capacity.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .parse import Instance

# Slack for floating-point noise when comparing arrival times with due times.
TIME_EPSILON = 1e-6
MAX_MESSAGES = 12


@dataclass
class CheckResult:
    feasible: bool
    vehicles: int
    distance: float
    violations: list[str] = field(default_factory=list)
    violation_count: int = 0
    distance_mismatch: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "feasible": self.feasible,
            "vehicles": self.vehicles,
            "distance": self.distance,
            "violations": self.violations,
            "violation_count": self.violation_count,
            "distance_mismatch": self.distance_mismatch,
        }


class _Violations:
    def __init__(self) -> None:
        self.messages: list[str] = []
        self.count = 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.messages) < MAX_MESSAGES:
            self.messages.append(message)


def route_distance(instance: Instance, route: list[int]) -> float:
    nodes = instance.nodes
    total = 0.0
    previous = instance.depot
    for number in route:
        current = nodes[number]
        total += instance.distance(previous, current)
        previous = current
    return total + instance.distance(previous, instance.depot)


def _check_route(instance: Instance, index: int, route: list[int], violations: _Violations) -> None:
    nodes = instance.nodes
    depot = instance.depot
    load = sum(nodes[number].demand for number in route)
    if load > instance.capacity:
        violations.add(f"route {index}: load {load} exceeds capacity {instance.capacity}")
    time = float(depot.ready)
    previous = depot
    for number in route:
        customer = nodes[number]
        time += instance.distance(previous, customer)
        if time > customer.due + TIME_EPSILON:
            violations.add(
                f"route {index}: customer {number} reached at {time:.4f}, after its due time "
                f"{customer.due}"
            )
        time = max(time, float(customer.ready)) + customer.service
        previous = customer
    time += instance.distance(previous, depot)
    if time > depot.due + TIME_EPSILON:
        violations.add(
            f"route {index}: back at the depot at {time:.4f}, after its due time {depot.due}"
        )


def check_solution(
    instance: Instance,
    routes: list[list[int]],
    reported_distance: float | None = None,
    distance_tolerance: float = 1e-6,
) -> CheckResult:
    """Check `routes` (customer numbers in visit order, depot implied at both ends).

    `distance_tolerance` is the absolute difference allowed between the reported and the
    recomputed distance (on top of a relative 1e-9); solvers that round to integers internally
    pass a larger one.
    """
    violations = _Violations()
    customer_count = len(instance.customers)
    valid_routes: list[list[int]] = []
    for index, route in enumerate(routes):
        if not isinstance(route, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) for n in route
        ):
            violations.add(f"route {index}: not a list of customer numbers")
            continue
        unknown = [n for n in route if not 1 <= n <= customer_count]
        if unknown:
            violations.add(f"route {index}: unknown customer numbers {unknown[:5]}")
            continue
        if route:
            valid_routes.append(route)

    counts = Counter(n for route in valid_routes for n in route)
    duplicated = sorted(n for n, c in counts.items() if c > 1)
    if duplicated:
        violations.add(f"customers visited more than once: {duplicated[:10]}")
    missing = [n for n in range(1, customer_count + 1) if n not in counts]
    if missing:
        violations.add(f"{len(missing)} customers not served: {missing[:10]}")
    if len(valid_routes) > instance.vehicles:
        violations.add(f"{len(valid_routes)} routes exceed the fleet size {instance.vehicles}")

    for index, route in enumerate(valid_routes):
        _check_route(instance, index, route, violations)

    distance = sum(route_distance(instance, route) for route in valid_routes)
    # A wrong reported distance is flagged on its own: the routes may still be feasible.
    mismatch = reported_distance is not None and abs(reported_distance - distance) > (
        distance_tolerance + 1e-9 * abs(distance)
    )
    return CheckResult(
        feasible=violations.count == 0,
        vehicles=len(valid_routes),
        distance=distance,
        violations=violations.messages,
        violation_count=violations.count,
        distance_mismatch=mismatch,
    )
