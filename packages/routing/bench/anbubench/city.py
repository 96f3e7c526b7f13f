"""City-scale instances around the demo city (Iksan) and how our CLI does on them.

The generator is seeded and writes VROOM-style JSON (snake_case, `[lon, lat]` locations, no
matrix), which our CLI reads with `--format vroom` using haversine distances. The checker and
the VROOM reference recompute travel the way the solver's default haversine matrix does
(great-circle distance × circuity 1.3, rounded to metres; car at 40 km/h, rounded to seconds).
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .assign import assign
from .paths import CITY_DIR

CENTRE_LAT, CENTRE_LON = 35.95, 126.96
RADIUS_KM = 15.0
EARTH_RADIUS_M = 6_371_008.8
CIRCUITY = 1.3
SPEED_KMH = 40.0
SHIFT = (8 * 3600, 18 * 3600)
CAPACITY = (110, 550)  # boxes, kg

DEFAULT_VEHICLES = {1000: 40, 5000: 150, 10000: 300}
DEFAULT_LIMITS = {1000: 10.0, 5000: 60.0, 10000: 120.0}


@dataclass(frozen=True)
class CitySpec:
    stops: int
    vehicles: int
    depots: int
    seed: int

    @property
    def name(self) -> str:
        return f"city-{self.stops}-v{self.vehicles}-seed{self.seed}"


def default_spec(stops: int, seed: int) -> CitySpec:
    vehicles = DEFAULT_VEHICLES.get(stops, max(10, stops // 33))
    depots = 3 if stops <= 1000 else 5
    return CitySpec(stops, vehicles, depots, seed)


def _point(rng: random.Random, towns: list[tuple[float, float, float]]) -> tuple[float, float]:
    """A point within RADIUS_KM: 70 % around a town centre, 30 % anywhere in the disc."""
    while True:
        if rng.random() < 0.7:
            tx, ty, spread = rng.choice(towns)
            x, y = rng.gauss(tx, spread), rng.gauss(ty, spread)
        else:
            r = RADIUS_KM * math.sqrt(rng.random())
            angle = rng.uniform(0, 2 * math.pi)
            x, y = r * math.cos(angle), r * math.sin(angle)
        if math.hypot(x, y) <= RADIUS_KM:
            lat = CENTRE_LAT + y / 111.32
            lon = CENTRE_LON + x / (111.32 * math.cos(math.radians(CENTRE_LAT)))
            return round(lon, 6), round(lat, 6)


def _windows(rng: random.Random) -> list[list[int]]:
    roll = rng.random()
    if roll < 0.5:
        return []  # any time in the shift
    if roll < 0.8:
        return [[9 * 3600, 12 * 3600]] if rng.random() < 0.5 else [[13 * 3600, 17 * 3600]]
    start = rng.randrange(9 * 3600, 15 * 3600 + 1, 900)
    return [[start, start + 2 * 3600]]


def generate(spec: CitySpec) -> dict[str, Any]:
    rng = random.Random(spec.seed * 1_000_003 + spec.stops)
    towns = [(rng.uniform(-10, 10), rng.uniform(-10, 10), rng.uniform(0.8, 2.5)) for _ in range(8)]
    towns.append((0.0, 0.0, 2.0))  # the city centre
    depots = [_point(rng, towns) for _ in range(spec.depots)]
    vehicles = [
        {
            "id": index + 1,
            "profile": "car",
            "start": list(depots[index % spec.depots]),
            "end": list(depots[index % spec.depots]),
            "capacity": list(CAPACITY),
            "time_window": list(SHIFT),
        }
        for index in range(spec.vehicles)
    ]
    jobs = []
    for index in range(spec.stops):
        boxes = rng.randint(1, 4)
        job: dict[str, Any] = {
            "id": index + 1,
            "location": list(_point(rng, towns)),
            "service": rng.randrange(120, 421, 30),
            "delivery": [boxes, boxes * rng.randint(3, 7)],
        }
        windows = _windows(rng)
        if windows:
            job["time_windows"] = windows
        jobs.append(job)
    return {"vehicles": vehicles, "jobs": jobs}


def write_instance(spec: CitySpec, directory: Path = CITY_DIR) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{spec.name}.json"
    if not path.exists():
        path.write_text(json.dumps(generate(spec), separators=(",", ":")))
    return path


class Haversine:
    """Travel like the solver's default matrix: integer metres and seconds."""

    def __init__(self, points: list[tuple[float, float]]) -> None:
        self.vectors = []
        for lon, lat in points:
            phi, lam = math.radians(lat), math.radians(lon)
            self.vectors.append(
                (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))
            )

    def distance(self, i: int, j: int) -> int:
        a, b = self.vectors[i], self.vectors[j]
        half = math.sqrt((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2) / 2
        return round(2 * EARTH_RADIUS_M * CIRCUITY * math.asin(min(1.0, half)))

    def duration(self, i: int, j: int) -> int:
        return round(self.distance(i, j) * 3.6 / SPEED_KMH)


@dataclass
class CityCheck:
    feasible: bool
    violations: list[str]
    distance_m: int
    duration_s: int
    routed: int
    vehicles_used: int
    # True when the output did not say which vehicle drives which route and the checker matched
    # routes to vehicles itself (vehicles that differ only in id are interchangeable).
    vehicles_inferred: bool = False


def _index(
    problem: dict[str, Any],
) -> tuple[list[tuple[float, float]], dict[int, int], dict[int, int]]:
    """Points (vehicles' starts, then jobs) and maps from vehicle / job id to point index."""
    points: list[tuple[float, float]] = []
    vehicle_point: dict[int, int] = {}
    job_point: dict[int, int] = {}
    for vehicle in problem["vehicles"]:
        vehicle_point[vehicle["id"]] = len(points)
        points.append((float(vehicle["start"][0]), float(vehicle["start"][1])))
    for job in problem["jobs"]:
        job_point[job["id"]] = len(points)
        points.append((float(job["location"][0]), float(job["location"][1])))
    return points, vehicle_point, job_point


class _Simulator:
    def __init__(self, problem: dict[str, Any]) -> None:
        self.jobs = {job["id"]: job for job in problem["jobs"]}
        self.vehicles = {vehicle["id"]: vehicle for vehicle in problem["vehicles"]}
        points, self.vehicle_point, self.job_point = _index(problem)
        self.travel = Haversine(points)

    def run(self, vehicle_id: int, route: list[int]) -> tuple[list[str], int, int]:
        """(violations, distance m, duration s) of `route` driven by `vehicle_id`."""
        vehicle = self.vehicles[vehicle_id]
        jobs = [self.jobs[j] for j in route if j in self.jobs]
        violations: list[str] = []
        dims = len(vehicle["capacity"])
        load = [sum(job["delivery"][d] for job in jobs) for d in range(dims)]
        if any(amount > cap for amount, cap in zip(load, vehicle["capacity"], strict=True)):
            violations.append(f"vehicle {vehicle_id}: load {load} over {vehicle['capacity']}")
        time = vehicle["time_window"][0]
        at = self.vehicle_point[vehicle_id]
        distance = 0
        for job in jobs:
            nxt = self.job_point[job["id"]]
            distance += self.travel.distance(at, nxt)
            time += self.travel.duration(at, nxt)
            windows = job.get("time_windows") or [vehicle["time_window"]]
            start = next((max(time, s) for s, e in windows if time <= e), None)
            if start is None:
                violations.append(
                    f"vehicle {vehicle_id}: job {job['id']} reached at {time}, too late"
                )
                start = time
            time = start + job.get("service", 0)
            at = nxt
        back = self.vehicle_point[vehicle_id]
        distance += self.travel.distance(at, back)
        time += self.travel.duration(at, back)
        if time > vehicle["time_window"][1]:
            violations.append(f"vehicle {vehicle_id}: back at {time}, after the shift end")
        return violations, distance, time - vehicle["time_window"][0]


def _vehicle_classes(problem: dict[str, Any]) -> list[list[int]]:
    """Vehicle ids grouped by everything but the id."""
    classes: dict[str, list[int]] = {}
    for vehicle in problem["vehicles"]:
        key = json.dumps({k: v for k, v in vehicle.items() if k != "id"}, sort_keys=True)
        classes.setdefault(key, []).append(vehicle["id"])
    return list(classes.values())


def _infer_vehicles(
    simulator: _Simulator, problem: dict[str, Any], routes: list[list[int]]
) -> list[int | None]:
    """A vehicle for each route: the cheapest matching of routes to vehicles that can drive them.

    Vehicles that differ only in id form a class; a route may go to a class whose vehicle drives
    it without violation; the total distance of the matching is minimal (min-cost flow).
    """
    classes = _vehicle_classes(problem)
    costs: list[dict[int, int]] = []
    for route in routes:
        options: dict[int, int] = {}
        if route:
            for index, ids in enumerate(classes):
                violations, distance, _ = simulator.run(ids[0], route)
                if not violations:
                    options[index] = distance
        costs.append(options)
    chosen_class = assign(costs, [len(ids) for ids in classes])
    free = [list(ids) for ids in classes]
    return [free[k].pop(0) if k is not None else None for k in chosen_class]


def check_city(
    problem: dict[str, Any], routes: list[list[int]], vehicle_ids: list[int] | None
) -> CityCheck:
    """Each job at most once; capacity in every dimension, windows and shifts per route.

    Without vehicle ids the checker matches routes to vehicles itself (see CityCheck).
    """
    violations: list[str] = []
    simulator = _Simulator(problem)
    seen: set[int] = set()
    for index, route in enumerate(routes):
        for job_id in route:
            if job_id not in simulator.jobs:
                violations.append(f"route {index}: unknown job {job_id}")
            elif job_id in seen:
                violations.append(f"job {job_id} routed twice")
            seen.add(job_id)
    used = [r for r in routes if r]
    if len(used) > len(simulator.vehicles):
        violations.append(f"{len(used)} routes for {len(simulator.vehicles)} vehicles")
    inferred = vehicle_ids is None or len(vehicle_ids) != len(routes)
    assigned: list[int | None] = (
        _infer_vehicles(simulator, problem, routes) if inferred else list(vehicle_ids or [])
    )
    known = [v for v in assigned if v is not None]
    if len(set(known)) != len(known):
        violations.append("a vehicle drives two routes")
    distance = duration = 0
    for index, (vehicle_id, route) in enumerate(zip(assigned, routes, strict=True)):
        if not route:
            continue
        if vehicle_id is None or vehicle_id not in simulator.vehicles:
            violations.append(f"route {index}: no free vehicle can drive it")
            continue
        problems, route_distance, route_duration = simulator.run(vehicle_id, route)
        violations.extend(problems)
        distance += route_distance
        duration += route_duration
    return CityCheck(
        feasible=not violations,
        violations=violations[:10],
        distance_m=distance,
        duration_s=duration,
        routed=len(seen),
        vehicles_used=len(used),
        vehicles_inferred=inferred,
    )
