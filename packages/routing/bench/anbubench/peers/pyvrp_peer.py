"""PyVRP (hybrid genetic search) through its Model API, integer data scaled by SCALE."""

from __future__ import annotations

import time

from ..parse import Instance
from . import FIXED_VEHICLE_COST, SCALE, package_version, scaled_cost, scaled_time


def solve(instance: Instance, objective: str, time_limit: float, seed: int) -> dict[str, object]:
    import warnings

    from pyvrp import Model
    from pyvrp.stop import MaxRuntime

    started = time.perf_counter()
    model = Model()
    nodes = instance.nodes
    locations = [model.add_location(node.x, node.y) for node in nodes]
    depot = instance.depot
    model.add_depot(locations[0], tw_early=depot.ready * SCALE, tw_late=depot.due * SCALE)
    for customer in instance.customers:
        model.add_client(
            locations[customer.number],
            delivery=[customer.demand],
            service_duration=customer.service * SCALE,
            tw_early=customer.ready * SCALE,
            tw_late=customer.due * SCALE,
        )
    fixed = FIXED_VEHICLE_COST * SCALE if objective == "vehicles" else 0
    model.add_vehicle_type(
        num_available=instance.vehicles,
        capacity=[instance.capacity],
        tw_early=depot.ready * SCALE,
        tw_late=depot.due * SCALE,
        fixed_cost=fixed,
    )
    for a, frm in zip(nodes, locations, strict=True):
        for b, to in zip(nodes, locations, strict=True):
            distance = instance.distance(a, b)
            model.add_edge(frm, to, distance=scaled_cost(distance), duration=scaled_time(distance))
    remaining = max(0.05, time_limit - (time.perf_counter() - started))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = model.solve(
            stop=MaxRuntime(remaining), seed=seed, collect_stats=False, display=False
        )
    elapsed = (time.perf_counter() - started) * 1000
    best = result.best
    routes = [
        [activity.idx + 1 for activity in route.schedule() if activity.is_client()]
        for route in best.routes()
    ]
    served = {n for route in routes for n in route}
    return {
        "vehicles": len(routes),
        "distance": best.distance() / SCALE,
        "routes": routes,
        "unassigned": [c.number for c in instance.customers if c.number not in served],
        "timeMs": elapsed,
        "iterations": result.num_iterations,
        "peerFeasible": result.is_feasible(),
        "solverVersion": f"pyvrp {package_version('pyvrp')}",
    }
