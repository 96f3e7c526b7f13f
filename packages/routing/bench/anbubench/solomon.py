"""The Solomon suite: every selected solver on every selected instance, one run at a time."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .check import check_solution
from .child import run_child
from .parse import instance_class, parse_solomon
from .results import Record, append_record, read_records, solomon_results_path
from .solvers import Solver, child_env

CLASS_PATTERN = re.compile(r"^(C|R|RC)[12]$", re.IGNORECASE)
CLASSES = ("C1", "C2", "R1", "R2", "RC1", "RC2")


@dataclass(frozen=True)
class SuiteOptions:
    data: Path
    instances: list[str]
    solvers: list[Solver]
    objectives: list[str]
    time_limit: float
    seed: int
    fresh: bool = False


def load_bks(data: Path) -> dict[str, Any]:
    return json.loads((data / "bks.json").read_text())


def select_instances(data: Path, selection: str) -> list[str]:
    """`all`, instance names (C101) and/or classes (C1, RC2), comma-separated."""
    available = sorted(p.stem for p in data.glob("*.txt"))
    if not available:
        raise FileNotFoundError(f"no Solomon instances (*.txt) in {data}")
    if selection.strip().lower() in ("", "all"):
        return available
    chosen: list[str] = []
    for token in (t.strip().upper() for t in selection.split(",") if t.strip()):
        if CLASS_PATTERN.match(token):
            matches = [name for name in available if instance_class(name) == token]
        else:
            matches = [name for name in available if name == token]
        if not matches:
            raise ValueError(f"--instances: {token!r} matches no instance in {data}")
        chosen.extend(m for m in matches if m not in chosen)
    return sorted(chosen, key=available.index)


def _parse_output(stdout: str) -> dict[str, Any] | None:
    for line in reversed(stdout.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                parsed = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(parsed, dict):
                return parsed
    try:
        parsed = json.loads(stdout)
    except json.JSONDecodeError:
        return None
    return parsed if isinstance(parsed, dict) else None


def run_one(solver: Solver, file: Path, objective: str, time_limit: float, seed: int) -> Record:
    instance = parse_solomon(file)
    command = solver.command(file, objective, time_limit, seed)
    child = run_child(command, child_env(), timeout=time_limit * 3 + 30)
    record: Record = {
        "suite": "solomon",
        "instance": instance.name,
        "class": instance_class(instance.name),
        "solver": solver.name,
        "version": solver.version,
        "objective": objective,
        "time_limit": time_limit,
        "seed": seed,
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "wall_ms": round(child.wall_ms, 1),
        "max_rss_mb": round(child.max_rss_mb, 1),
        "cpu_ms": round(child.cpu_ms, 1),
        "exit_code": child.exit_code,
    }
    output = _parse_output(child.stdout) if child.exit_code == 0 else None
    if child.timed_out:
        record.update(status="timeout", error=child.stderr_tail())
        return record
    if output is None:
        record.update(status="error", error=child.stderr_tail() or child.stdout[-500:])
        return record
    routes = output.get("routes")
    routes = routes if isinstance(routes, list) else []
    reported_distance = output.get("distance")
    check = check_solution(
        instance,
        routes,
        reported_distance if isinstance(reported_distance, (int, float)) else None,
        solver.distance_tolerance,
    )
    record.update(
        status="ok",
        vehicles=check.vehicles,
        distance=check.distance,
        feasible=check.feasible,
        violations=check.violations,
        violation_count=check.violation_count,
        distance_mismatch=check.distance_mismatch,
        reported={
            k: output.get(k)
            for k in ("vehicles", "distance", "timeMs", "iterations", "solverVersion")
            if k in output
        },
        time_ms=output.get("timeMs")
        if isinstance(output.get("timeMs"), (int, float))
        else child.wall_ms,
        unassigned=output.get("unassigned", []),
        routes=routes,
    )
    return record


def _progress_line(record: Record, bks: dict[str, Any]) -> str:
    head = f"{record['instance']:<6} {record['objective']:<8} {record['solver']:<8}"
    if record["status"] != "ok":
        return f"{head} {record['status'].upper()}: {str(record.get('error', ''))[:200]}"
    best = bks.get(record["instance"], {})
    target = (
        (best.get("distance_only") or {}).get("distance")
        if record["objective"] == ("distance")
        else best.get("distance")
    )
    gap = (
        f"{round((record['distance'] / target - 1) * 100, 2) + 0.0:+6.2f}%"
        if target and record["feasible"]
        else "    n/a"
    )
    flags = "ok" if record["feasible"] else f"INFEASIBLE ({'; '.join(record['violations'][:2])})"
    if record.get("distance_mismatch"):
        flags += f" distance-mismatch (reported {record['reported'].get('distance')})"
    return (
        f"{head} {record['vehicles']:>3} veh {record['distance']:9.2f} {gap} "
        f"{record['time_ms'] / 1000:5.2f}s {flags}"
    )


def run_suite(options: SuiteOptions) -> list[Path]:
    bks = load_bks(options.data)
    paths: list[Path] = []
    for objective in options.objectives:
        path = solomon_results_path(objective, options.time_limit, options.seed)
        paths.append(path)
        if options.fresh and path.exists():
            path.unlink()
        done = {
            (r["solver"], r["version"], r["instance"])
            for r in read_records(path)
            if r.get("status") == "ok"
        }
        total = len(options.instances) * len(options.solvers)
        count = skipped = 0
        for name in options.instances:
            file = options.data / f"{name}.txt"
            for solver in options.solvers:
                count += 1
                if (solver.name, solver.version, name) in done:
                    skipped += 1
                    continue
                started = time.monotonic()
                record = run_one(solver, file, objective, options.time_limit, options.seed)
                append_record(path, record)
                line = _progress_line(record, bks)
                print(f"[{count}/{total}] {line}  ({time.monotonic() - started:.1f}s)", flush=True)
        if skipped:
            print(
                f"{skipped} of {total} {objective} runs were already in {path.name} and were "
                "skipped (--fresh reruns them)",
                flush=True,
            )
    return paths
