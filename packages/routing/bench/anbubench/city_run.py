"""Run our CLI (and optionally the VROOM reference) on the city instances; record the figures."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .child import run_child
from .city import CitySpec, check_city, write_instance
from .paths import RESULTS_DIR
from .peers.vroom_peer import exploration_level
from .results import Record, append_record
from .solomon import _parse_output
from .solvers import Solver, child_env, make_solver, node_binary

CITY_RESULTS = RESULTS_DIR / "city.jsonl"
# VROOM gets a full matrix; beyond this size it is not run (memory and time).
VROOM_MAX_STOPS = 1000


@dataclass(frozen=True)
class CityOptions:
    specs: list[tuple[CitySpec, float]]
    seed: int
    objective: str
    vroom_reference: bool
    vroom_limit: float | None = None


def _routes(output: dict[str, Any]) -> tuple[list[list[int]], list[int] | None]:
    """Routes of job ids, and the vehicle of each route when the output says so."""
    raw = output.get("routes") or []
    routes: list[list[int]] = []
    vehicles: list[int] = []
    for entry in raw:
        if isinstance(entry, list):
            routes.append([int(x) for x in entry])
        elif isinstance(entry, dict):
            steps = entry.get("jobs") or [
                s.get("id") for s in entry.get("steps", []) if s.get("type") == "job"
            ]
            routes.append([int(x) for x in steps])
            if "vehicle" in entry:
                vehicles.append(int(entry["vehicle"]))
    ids = output.get("vehicleIds")
    if isinstance(ids, list) and len(ids) == len(routes):
        return routes, [int(v) for v in ids]
    return routes, vehicles if len(vehicles) == len(routes) else None


def _progress_figures(events: list[dict[str, Any]]) -> dict[str, Any]:
    times = [float(e.get("elapsedMs", 0)) / 1000 for e in events]
    feasible = [float(e["elapsedMs"]) / 1000 for e in events if e.get("feasible")]
    complete = [
        float(e["elapsedMs"]) / 1000
        for e in events
        if e.get("feasible") and not e.get("unassigned")
    ]
    gaps = [b - a for a, b in zip([0.0, *times], times, strict=False)]
    return {
        "progress_events": len(events),
        "first_progress_s": times[0] if times else None,
        "first_feasible_s": feasible[0] if feasible else None,
        "first_complete_s": complete[0] if complete else None,
        "max_progress_gap_s": max(gaps) if gaps else None,
        "last_progress": events[-1] if events else None,
    }


def _finish(record: Record, output: dict[str, Any] | None, problem: dict[str, Any]) -> Record:
    if output is None:
        return record
    routes, vehicle_ids = _routes(output)
    check = check_city(problem, routes, vehicle_ids)
    unassigned = output.get("unassigned") or []
    record.update(
        status="ok",
        cost=output.get("cost", (record.get("last_progress") or {}).get("cost")),
        reported_distance=output.get("distance"),
        distance_km=check.distance_m / 1000,
        duration_h=check.duration_s / 3600,
        vehicles_used=check.vehicles_used,
        unassigned_count=len(unassigned),
        routed=check.routed,
        time_ms=output.get("timeMs", record["wall_ms"]),
        vehicles_inferred=check.vehicles_inferred,
        feasible=check.feasible,
        violations=check.violations
        + (
            []
            if check.routed + len(unassigned) == len(problem["jobs"])
            else [
                f"{len(problem['jobs']) - check.routed - len(unassigned)} jobs neither routed nor "
                "unassigned"
            ]
        ),
        solver_version=output.get("solverVersion"),
        routes=routes,
        vehicle_ids=vehicle_ids,
    )
    return record


def run_city(options: CityOptions) -> None:
    for spec, limit in options.specs:
        path = write_instance(spec)
        problem = json.loads(path.read_text())
        base: Record = {
            "suite": "city",
            "instance": spec.name,
            "stops": spec.stops,
            "vehicles": spec.vehicles,
            "depots": spec.depots,
            "time_limit": limit,
            "seed": options.seed,
            "objective": options.objective,
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        try:
            solver = make_solver("anbu")
        except FileNotFoundError as error:
            print(f"skipping ours: {error}", file=sys.stderr)
        else:
            _run_ours(solver, path, problem, base, options, limit)
        if options.vroom_reference and spec.stops <= VROOM_MAX_STOPS:
            vroom_limit = options.vroom_limit or limit
            _run_vroom(path, problem, {**base, "time_limit": vroom_limit}, vroom_limit)


def _run_ours(
    solver: Solver,
    path: Path,
    problem: dict[str, Any],
    base: Record,
    options: CityOptions,
    limit: float,
) -> None:
    events: list[dict[str, Any]] = []

    def on_stderr(_at: float, line: str) -> None:
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            return
        if isinstance(event, dict) and event.get("event") == "progress":
            events.append(event)

    command = [
        node_binary(),
        str(solver.cli),
        "solve",
        "--format",
        "vroom",
        "--objective",
        options.objective,
        "--time-limit",
        f"{limit:g}",
        "--seed",
        str(options.seed),
        "--progress",
        str(path),
    ]
    child = run_child(command, child_env(), timeout=limit * 2 + 60, on_stderr=on_stderr)
    record: Record = {
        **base,
        "solver": "anbu",
        "version": solver.version,
        "wall_ms": round(child.wall_ms, 1),
        "max_rss_mb": round(child.max_rss_mb, 1),
        "cpu_ms": round(child.cpu_ms, 1),
        "exit_code": child.exit_code,
        "status": "timeout" if child.timed_out else "error",
        "error": "" if child.exit_code == 0 else child.stderr_tail(4),
        **_progress_figures(events),
    }
    output = _parse_output(child.stdout) if child.exit_code == 0 else None
    record = _finish(record, output, problem)
    append_record(CITY_RESULTS, record)
    _print(record)


def _run_vroom(path: Path, problem: dict[str, Any], base: Record, limit: float) -> None:
    command = [
        sys.executable,
        "-m",
        "anbubench.city_vroom",
        "--time-limit",
        f"{limit:g}",
        str(path),
    ]
    child = run_child(command, child_env(), timeout=limit * 10 + 120)
    record = {
        **base,
        "solver": "vroom",
        "version": f"pyvroom -x {exploration_level()}",
        "wall_ms": round(child.wall_ms, 1),
        "max_rss_mb": round(child.max_rss_mb, 1),
        "cpu_ms": round(child.cpu_ms, 1),
        "exit_code": child.exit_code,
        "status": "timeout" if child.timed_out else "error",
        "error": "" if child.exit_code == 0 else child.stderr_tail(4),
        "first_feasible_s": None,
    }
    output = _parse_output(child.stdout) if child.exit_code == 0 else None
    record = _finish(record, output, problem)
    append_record(CITY_RESULTS, record)
    _print(record)


def _print(record: Record) -> None:
    if record.get("status") != "ok":
        print(f"{record['instance']} {record['solver']}: {record['status']} {record.get('error')}")
        return
    first = record.get("first_feasible_s")
    verdict = (
        "feasible" if record["feasible"] else "INFEASIBLE: " + "; ".join(record["violations"][:3])
    )
    print(
        f"{record['instance']} {record['solver']}: first feasible "
        f"{'n/a' if first is None else f'{first:.2f}s'}, cost {record.get('cost')}, "
        f"{record['vehicles_used']}/{record['vehicles']} vehicles, "
        f"{record['unassigned_count']} unassigned, time {record['time_ms'] / 1000:.1f}s, "
        f"peak RSS {record['max_rss_mb']:.0f} MB, {verdict}",
        flush=True,
    )


def read_city_records() -> list[Record]:
    from .results import read_records

    return read_records(CITY_RESULTS)


def city_path(spec: CitySpec) -> Path:
    return write_instance(spec)
