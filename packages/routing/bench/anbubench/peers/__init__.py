"""Peer solvers (VROOM, PyVRP, OR-Tools) run on Solomon instances, one thread each.

Each peer module exposes `solve(instance, objective, time_limit, seed) -> dict` returning the
same JSON shape as our CLI: vehicles, distance (as the peer reports it, unscaled), routes of
customer numbers, unassigned, timeMs. They are run in a child process by `peers.solve`.
"""

from __future__ import annotations

import math

# Integer peers get distances and times multiplied by SCALE. Travel times are rounded up so
# that a plan feasible in integers is feasible in double precision; costs are rounded.
SCALE = 1000

# Fixed cost per vehicle used (in distance units) for `--objective vehicles`: larger than any
# Solomon plan's total distance, so one vehicle less always pays.
FIXED_VEHICLE_COST = 10_000


def scaled_cost(distance: float) -> int:
    return round(distance * SCALE)


def scaled_time(distance: float) -> int:
    # The small epsilon keeps exact integers (e.g. 5.0 * 1000) from being rounded up by noise.
    return math.ceil(distance * SCALE - 1e-7)


def package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"
