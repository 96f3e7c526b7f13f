"""VROOM reference on a city instance, with a matrix computed as the solver's haversine default.

python -m anbubench.city_vroom --time-limit 10 FILE   (prints one JSON object)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from .city import CIRCUITY, EARTH_RADIUS_M, SPEED_KMH, _index
from .peers import package_version
from .peers.vroom_peer import exploration_level


def matrices(points: list[tuple[float, float]]) -> tuple[object, object]:
    import numpy as np

    lon = np.radians(np.array([p[0] for p in points]))
    lat = np.radians(np.array([p[1] for p in points]))
    xyz = np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=1)
    chord = np.sqrt(((xyz[:, None, :] - xyz[None, :, :]) ** 2).sum(axis=2)) / 2
    distances = np.floor(2 * EARTH_RADIUS_M * CIRCUITY * np.arcsin(np.minimum(1, chord)) + 0.5)
    durations = np.floor(distances * 3.6 / SPEED_KMH + 0.5)
    return distances.astype(np.uint32), durations.astype(np.uint32)


def solve(problem: dict[str, Any], time_limit: float) -> dict[str, object]:
    import vroom

    started = time.perf_counter()
    points, vehicle_point, job_point = _index(problem)
    distances, durations = matrices(points)
    data = vroom.Input()
    data.set_durations_matrix("car", durations)
    data.set_distances_matrix("car", distances)
    for vehicle in problem["vehicles"]:
        data.add_vehicle(
            vroom.Vehicle(
                id=vehicle["id"],
                start=vehicle_point[vehicle["id"]],
                end=vehicle_point[vehicle["id"]],
                capacity=vehicle["capacity"],
                time_window=vroom.TimeWindow(*vehicle["time_window"]),
            )
        )
    for job in problem["jobs"]:
        data.add_job(
            vroom.Job(
                id=job["id"],
                location=job_point[job["id"]],
                default_service=job.get("service", 0),
                delivery=job["delivery"],
                time_windows=[vroom.TimeWindow(s, e) for s, e in job.get("time_windows", [])],
            )
        )
    solution = data.solve(
        exploration_level=exploration_level(), nb_threads=1, timeout=timedelta(seconds=time_limit)
    ).to_dict()
    elapsed = (time.perf_counter() - started) * 1000
    routes = solution.get("routes", [])
    return {
        "vehicles": len(routes),
        "cost": solution.get("summary", {}).get("cost"),
        "routes": [[s["id"] for s in r["steps"] if s["type"] == "job"] for r in routes],
        "vehicleIds": [r["vehicle"] for r in routes],
        "unassigned": [u["id"] for u in solution.get("unassigned", [])],
        "timeMs": elapsed,
        "solverVersion": f"pyvroom {package_version('pyvroom')} -x {exploration_level()}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    problem = json.loads(args.file.read_text())
    print(json.dumps(solve(problem, args.time_limit)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
