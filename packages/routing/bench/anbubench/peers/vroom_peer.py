"""VROOM through pyvroom: integer matrices scaled by SCALE, exploration level 5, one thread."""

from __future__ import annotations

import os
import time
from datetime import timedelta

from ..parse import Instance
from . import FIXED_VEHICLE_COST, SCALE, package_version, scaled_cost, scaled_time

DEFAULT_EXPLORATION_LEVEL = 5


def exploration_level() -> int:
    """`-x`, from $ANBU_BENCH_VROOM_X (set by `run.py --vroom-x`), 5 by default."""
    return int(os.environ.get("ANBU_BENCH_VROOM_X", DEFAULT_EXPLORATION_LEVEL))


def solve(instance: Instance, objective: str, time_limit: float, seed: int) -> dict[str, object]:
    import vroom

    del seed  # VROOM is deterministic and takes no seed.
    started = time.perf_counter()
    matrix = instance.distance_matrix()
    problem = vroom.Input()
    problem.set_durations_matrix("car", [[scaled_time(d) for d in row] for row in matrix])
    problem.set_costs_matrix("car", [[scaled_cost(d) for d in row] for row in matrix])
    depot = instance.depot
    fixed = FIXED_VEHICLE_COST * SCALE if objective == "vehicles" else 0
    for index in range(instance.vehicles):
        problem.add_vehicle(
            vroom.Vehicle(
                id=index + 1,
                start=0,
                end=0,
                capacity=[instance.capacity],
                time_window=vroom.TimeWindow(depot.ready * SCALE, depot.due * SCALE),
                costs=vroom.VehicleCosts(fixed=fixed),
            )
        )
    for customer in instance.customers:
        problem.add_job(
            vroom.Job(
                id=customer.number,
                location=customer.number,
                default_service=customer.service * SCALE,
                delivery=[customer.demand],
                time_windows=[vroom.TimeWindow(customer.ready * SCALE, customer.due * SCALE)],
            )
        )
    solution = problem.solve(
        exploration_level=exploration_level(),
        nb_threads=1,
        timeout=timedelta(seconds=time_limit),
    ).to_dict()
    elapsed = (time.perf_counter() - started) * 1000
    routes = [
        [int(step["id"]) for step in route["steps"] if step["type"] == "job"]
        for route in solution.get("routes", [])
    ]
    cost = sum(route.get("cost", 0) for route in solution.get("routes", []))
    return {
        "vehicles": sum(1 for route in routes if route),
        "distance": (cost - fixed * len(routes)) / SCALE,
        "routes": routes,
        "unassigned": [int(job["id"]) for job in solution.get("unassigned", [])],
        "timeMs": elapsed,
        "solverVersion": f"pyvroom {package_version('pyvroom')} -x {exploration_level()}",
    }
