"""REPORT.md and the side-by-side table, regenerated from the raw JSON-lines results."""

from __future__ import annotations

import os
import platform
import statistics
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .paths import RESULTS_DIR
from .results import Record, latest_by_key, read_records, solomon_results_path
from .solomon import CLASSES
from .solvers import ALL_SOLVERS, LABELS

Group = tuple[str, Callable[[str, str], bool]]


def doubtful_instances(bks: dict[str, Any]) -> set[str]:
    return {
        name for name, entry in bks.items() if (entry.get("distance_only") or {}).get("doubtful")
    }


def _in_class(cls: str) -> Callable[[str, str], bool]:
    return lambda _name, instance_cls: instance_cls == cls


def groups(
    bks: dict[str, Any], instances: Sequence[str], split_doubtful: bool = True
) -> list[Group]:
    doubtful = doubtful_instances(bks) if split_doubtful else set()
    result: list[Group] = [(cls, _in_class(cls)) for cls in CLASSES]
    result.append((f"All ({len(instances)})", lambda name, c: True))
    sound = [n for n in instances if n not in doubtful]
    if len(sound) != len(instances):
        skipped = ", ".join(sorted(doubtful & set(instances)))
        result.append((f"All but {skipped} ({len(sound)})", lambda name, c: name not in doubtful))
    return result


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = [
            str(cell).ljust(width) if index == 0 else str(cell).rjust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths))
        + "|"
    )
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def _pct(value: float) -> str:
    # Best knowns are rounded to 2 decimals: a -0.004 % gap is a tie, printed +0.00.
    return f"{round(value, 2) + 0.0:+.2f}"


def _solvers_in(records: list[Record]) -> list[str]:
    present = {r["solver"] for r in records}
    return [s for s in ALL_SOLVERS if s in present] + sorted(present - set(ALL_SOLVERS))


def _load(path: Path) -> dict[tuple[str, str], Record]:
    latest = latest_by_key(read_records(path), ("solver", "instance"))
    return {(k[0], k[1]): v for k, v in latest.items()}


def _ok(record: Record | None) -> bool:
    return record is not None and record.get("status") == "ok" and bool(record.get("feasible"))


def distance_section(
    records: dict[tuple[str, str], Record], bks: dict[str, Any], instances: list[str]
) -> tuple[str, str]:
    """Returns (markdown, the compact table printed on stdout)."""
    solvers = _solvers_in(list(records.values()))
    classes = {
        name: next((r["class"] for (s, n), r in records.items() if n == name), "")
        for name in instances
    }

    def target(name: str) -> float:
        return float(bks[name]["distance_only"]["distance"])

    def gaps(solver: str, keep: Callable[[str, str], bool]) -> tuple[list[float], int, int]:
        chosen = [n for n in instances if keep(n, classes[n])]
        ran = [records.get((solver, n)) for n in chosen]
        feasible = [r for r in ran if _ok(r)]
        values = [(r["distance"] / target(r["instance"]) - 1) * 100 for r in feasible if r]
        return values, len(feasible), len(chosen)

    gap_rows, feas_rows, veh_rows, time_rows, compact_rows = [], [], [], [], []
    for label, keep in groups(bks, instances):
        chosen = [n for n in instances if keep(n, classes[n])]
        if not chosen:
            continue
        gap_row, feas_row, time_row, compact = [label], [label], [label], [label]
        bks_vehicles = statistics.mean(bks[n]["distance_only"]["vehicles"] for n in chosen)
        veh_row = [label, f"{bks_vehicles:.2f}"]
        for solver in solvers:
            values, feasible, total = gaps(solver, keep)
            ran = [records[(solver, n)] for n in chosen if (solver, n) in records]
            ok = [r for r in ran if r.get("status") == "ok"]
            if values:
                cell = (
                    f"{_pct(statistics.mean(values))} / {_pct(statistics.median(values))}"
                    f" / {_pct(max(values))}"
                )
                compact.append(f"{_pct(statistics.mean(values))}% (max {_pct(max(values))})")
            else:
                cell = "—"
                compact.append("—")
            gap_row.append(cell)
            feas_row.append(f"{feasible}/{total}")
            feasible_records = [r for r in ok if r.get("feasible")]
            veh_row.append(
                f"{statistics.mean(r['vehicles'] for r in feasible_records):.2f}"
                if feasible_records
                else "—"
            )
            mean_time = statistics.mean(r["time_ms"] for r in ok) / 1000 if ok else None
            shares = [
                r["cpu_ms"] / r["wall_ms"] for r in ok if r.get("cpu_ms") and r.get("wall_ms")
            ]
            share = f" ({statistics.mean(shares) * 100:.0f} %)" if shares else ""
            time_row.append(f"{mean_time:.2f}{share}" if mean_time is not None else "—")
            compact[-1] += f" {feasible}/{total} {mean_time:.1f}s" if mean_time else ""
        gap_rows.append(gap_row)
        feas_rows.append(feas_row)
        veh_rows.append(veh_row)
        time_rows.append(time_row)
        compact_rows.append(compact)
    labels = [LABELS.get(s, s) for s in solvers]
    parts = [
        "Gap to the distance-only best known, % (mean / median / worst over feasible plans):",
        "",
        table(["Group", *labels], gap_rows),
        "",
        "Feasible plans (independent checker) / instances:",
        "",
        table(["Group", *labels], feas_rows),
        "",
        "Mean vehicles used (feasible plans) next to the vehicles of the distance-only best known:",
        "",
        table(["Group", "BKS", *labels], veh_rows),
        "",
        "Mean solve time, s, as each solver reports it, and in brackets the mean share of one "
        "core the child process actually got (CPU time / wall time; the rest went to other work "
        "on the machine):",
        "",
        table(["Group", *labels], time_rows),
        "",
        _mismatch_note(records),
        "### Per instance",
        "",
        _per_instance(records, solvers, instances, lambda n: target(n)),
    ]
    compact_table = table(
        ["Group", *(f"{name}: gap, feasible, time" for name in labels)], compact_rows
    )
    return "\n".join(parts), compact_table


def _mismatch_note(records: dict[tuple[str, str], Record]) -> str:
    mismatched = [r for r in records.values() if r.get("distance_mismatch")]
    failed = [r for r in records.values() if r.get("status") != "ok"]
    infeasible = [r for r in records.values() if r.get("status") == "ok" and not r.get("feasible")]
    lines = []
    for r in mismatched:
        lines.append(
            f"- {LABELS.get(r['solver'], r['solver'])} {r['instance']}: reported distance "
            f"{r['reported'].get('distance')} but the routes measure {r['distance']:.4f}"
        )
    for r in infeasible:
        lines.append(
            f"- {LABELS.get(r['solver'], r['solver'])} {r['instance']}: infeasible — "
            + "; ".join(r.get("violations", [])[:3])
        )
    for r in failed:
        lines.append(
            f"- {LABELS.get(r['solver'], r['solver'])} {r['instance']}: {r['status']} "
            f"(exit {r.get('exit_code')}): {str(r.get('error', ''))[:160]}"
        )
    if not lines:
        return "No distance mismatches, infeasible plans or failed runs.\n"
    return "Problems found by the checker:\n\n" + "\n".join(lines) + "\n"


def _per_instance(
    records: dict[tuple[str, str], Record],
    solvers: list[str],
    instances: list[str],
    target: Callable[[str], float],
) -> str:
    rows = []
    for name in instances:
        row = [name, f"{target(name):.2f}"]
        for solver in solvers:
            r = records.get((solver, name))
            if r is None:
                row.append("—")
            elif r.get("status") != "ok":
                row.append(r.get("status", "?"))
            elif not r.get("routes"):
                row.append("no plan ✗")
            elif not r.get("feasible"):
                row.append(f"{r['distance']:.2f} {r['vehicles']}v infeasible ✗")
            else:
                gap = (r["distance"] / target(name) - 1) * 100
                row.append(f"{r['distance']:.2f} ({_pct(gap)}) {r['vehicles']}v")
        rows.append(row)
    return table(["Instance", "BKS", *(LABELS.get(s, s) for s in solvers)], rows)


def _per_instance_vehicles(
    records: dict[tuple[str, str], Record],
    solvers: list[str],
    instances: list[str],
    bks: dict[str, Any],
) -> str:
    rows = []
    for name in instances:
        row = [name, f"{bks[name]['vehicles']} / {bks[name]['distance']:.2f}"]
        for solver in solvers:
            r = records.get((solver, name))
            if r is None:
                row.append("—")
            elif r.get("status") != "ok":
                row.append(r.get("status", "?"))
            else:
                mark = "" if r.get("feasible") else " infeasible ✗"
                row.append(f"{r['vehicles']} / {r['distance']:.2f}{mark}")
        rows.append(row)
    return table(["Instance", "BKS", *(LABELS.get(s, s) for s in solvers)], rows)


def vehicles_section(
    records: dict[tuple[str, str], Record], bks: dict[str, Any], instances: list[str]
) -> tuple[str, str]:
    solvers = _solvers_in(list(records.values()))
    classes = {
        name: next((r["class"] for (s, n), r in records.items() if n == name), "")
        for name in instances
    }
    rows, compact_rows = [], []
    # The doubtful values are distance-only best knowns; the hierarchical ones are not in doubt.
    for label, keep in groups(bks, instances, split_doubtful=False):
        chosen = [n for n in instances if keep(n, classes[n])]
        if not chosen:
            continue
        row = [label, f"{statistics.mean(bks[n]['vehicles'] for n in chosen):.2f}"]
        compact = [label, row[1]]
        for solver in solvers:
            ran = [records.get((solver, n)) for n in chosen]
            feasible = [r for r in ran if _ok(r) and r]
            if not feasible:
                row.append("—")
                compact.append("—")
                continue
            vehicles = statistics.mean(r["vehicles"] for r in feasible)
            at_bks = [r for r in feasible if r["vehicles"] <= bks[r["instance"]]["vehicles"]]
            gaps = [(r["distance"] / bks[r["instance"]]["distance"] - 1) * 100 for r in at_bks]
            mean_time = statistics.mean(r["time_ms"] for r in feasible) / 1000
            gap_text = f"{_pct(statistics.mean(gaps))}" if gaps else "—"
            row.append(
                f"{vehicles:.2f} / {len(at_bks)} / {gap_text} / {len(feasible)}/{len(chosen)}"
                f" / {mean_time:.1f}"
            )
            compact.append(f"{vehicles:.2f} ({len(feasible)}/{len(chosen)})")
        rows.append(row)
        compact_rows.append(compact)
    labels = [LABELS.get(s, s) for s in solvers]
    markdown = "\n".join(
        [
            "Per solver: mean vehicles / instances at the best-known fleet size / mean distance "
            "gap to the hierarchical best known on those instances, % / feasible / mean time, s.",
            "",
            table(["Group", "BKS veh", *labels], rows),
            "",
            _mismatch_note(records),
            "### Per instance (vehicles, distance)",
            "",
            _per_instance_vehicles(records, solvers, instances, bks),
        ]
    )
    return markdown, table(
        ["Group", "BKS veh", *(f"{name}: vehicles" for name in labels)], compact_rows
    )


def city_section(records: list[Record]) -> str:
    if not records:
        return "No city-scale runs recorded yet (`python3 bench/run.py city`).\n"
    latest = latest_by_key(records, ("instance", "solver", "time_limit"))
    rows = []
    for r in sorted(latest.values(), key=lambda r: (r.get("stops", 0), r["solver"])):
        if r.get("status") != "ok":
            rows.append(
                [
                    r["instance"],
                    LABELS.get(r["solver"], r["solver"]),
                    f"{r['time_limit']:g}",
                    r.get("status", "?"),
                    "",
                    "",
                    "",
                    "",
                    "",
                    f"{r.get('max_rss_mb', 0):.0f}",
                    "",
                    "",
                    str(r.get("error", ""))[:80],
                ]
            )
            continue
        first = r.get("first_feasible_s")
        gap = r.get("max_progress_gap_s")
        rows.append(
            [
                r["instance"],
                LABELS.get(r["solver"], r["solver"]),
                f"{r['time_limit']:g}",
                f"{first:.2f}"
                if first is not None
                else ("never" if r["solver"] == "anbu" else "—"),
                f"{r['time_ms'] / 1000:.1f}",
                f"{r.get('cost')}" if r.get("cost") is not None else "—",
                f"{r['distance_km']:.1f}" if r.get("distance_km") is not None else "—",
                f"{r.get('vehicles_used')}/{r.get('vehicles')}",
                str(r.get("unassigned_count")),
                f"{r.get('max_rss_mb', 0):.0f}",
                f"{r['cpu_ms'] / r['wall_ms'] * 100:.0f}" if r.get("cpu_ms") else "—",
                f"{gap:.2f}" if gap is not None else "—",
                ("; ".join(r.get("violations", [])[:2]) or "ok")
                + (" (vehicles matched by the checker)" if r.get("vehicles_inferred") else ""),
            ]
        )
    return table(
        [
            "Instance",
            "Solver",
            "Limit s",
            "First feasible s",
            "Time s",
            "Cost",
            "Distance km",
            "Vehicles",
            "Unassigned",
            "Peak RSS MB",
            "CPU %",
            "Max progress gap s",
            "Checker",
        ],
        rows,
    ) + (
        "\n\nCost is each solver's own objective value as it reports it (VROOM: one unit per "
        "second of travel, on a matrix the bench computes the way our default haversine does); "
        "compare the distance (recomputed by the checker), vehicles and unassigned. "
        "CPU %: CPU time / wall time of the child (the share of one core it got). "
        "First feasible: the first `--progress` event with "
        "`feasible: true` (solver clock). Peak RSS: `wait4` max RSS of the child process.\n"
    )


def machine_note() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}"


def _versions(records: dict[tuple[str, str], Record]) -> str:
    seen: dict[str, set[str]] = {}
    for r in records.values():
        seen.setdefault(r["solver"], set()).add(
            str((r.get("reported") or {}).get("solverVersion") or r.get("version"))
        )
    order = [s for s in ALL_SOLVERS if s in seen] + sorted(set(seen) - set(ALL_SOLVERS))
    return "; ".join(f"{LABELS.get(s, s)}: {', '.join(sorted(seen[s]))}" for s in order)


PEER_NOTES = """\
- All peers get the Solomon data as integers × 1000 (travel times rounded up, so an integer-feasible
  plan is feasible in double precision; costs rounded); the checker recomputes every distance.
- VROOM (pyvroom): exploration level 5, **one thread**, `timeout` = the time limit. With one
  thread `-x 5` does not finish within a few seconds on many instances (left alone, RC201 took
  about 24 s wall-clock on this loaded machine); it then returns the best plan found so far. That
  probably explains most of the difference from the issue's VROOM figure (+1.69 % in ~1.6 s).
- PyVRP 0.14 (`Model` API): `MaxRuntime` = the limit minus the model building time, the run's seed.
- OR-Tools routing: parallel cheapest insertion, then guided local search until the limit. The
  tutorials' path-cheapest-arc start finds no first solution for R101 with the file's fleet.
- `--objective vehicles`: a fixed cost of 10,000 distance units per vehicle for every peer.
"""


def _mark(ok: bool) -> str:
    return "met" if ok else "**not met**"


def targets_section(
    bks: dict[str, Any], instances: list[str], time_limit: float, seed: int, city: list[Record]
) -> str:
    """Ours against the targets of the routing issue (figures, not timed tests)."""
    lines = []
    doubtful = doubtful_instances(bks)
    distance = _load(solomon_results_path("distance", time_limit, seed))
    ours = [distance.get(("anbu", n)) for n in instances]
    if any(ours):
        feasible = [r for r in ours if _ok(r) and r]
        gaps = {
            r["instance"]: (r["distance"] / bks[r["instance"]]["distance_only"]["distance"] - 1)
            * 100
            for r in feasible
        }
        sound = [g for n, g in gaps.items() if n not in doubtful]
        if gaps:
            mean = statistics.mean(gaps.values())
            goal = 1.5 if time_limit <= 1 else 0.5
            lines.append(
                f"- Solomon distance, {time_limit:g} s: mean gap {_pct(mean)} % over "
                f"{len(gaps)} feasible (target at {'1' if goal > 1 else '5'} s ≤ +{goal:.2f} % "
                f"over 56: {_mark(mean <= goal and len(gaps) == 56)}); "
                f"worst over the sound ones {_pct(max(sound)) if sound else '—'} % (target ≤ 3 %: "
                f"{_mark(bool(sound) and max(sound) <= 3)}); feasible {len(feasible)}/"
                f"{len(instances)} (target all 56: {_mark(len(feasible) == 56)})."
            )
        peers = []
        for peer in ("vroom", "pyvrp", "ortools"):
            theirs = {
                n: (r["distance"] / bks[n]["distance_only"]["distance"] - 1) * 100
                for n in instances
                if (r := distance.get((peer, n))) is not None and _ok(r)
            }
            common = sorted(set(theirs) & set(gaps))
            if common:
                delta = statistics.mean(gaps[n] - theirs[n] for n in common)
                verdict = "level" if abs(delta) < 0.005 else "we trail" if delta > 0 else "we lead"
                peers.append(
                    f"{LABELS[peer]} {'+' if delta >= 0 else '−'}{abs(delta):.2f} pp "
                    f"({verdict}, {len(common)} instances)"
                )
        if peers:
            lines.append(
                "- Mean gap, ours minus each peer's on the instances both solved: "
                + "; ".join(peers)
                + "."
            )
    vehicles = _load(solomon_results_path("vehicles", time_limit, seed))
    ours_v = [r for n in instances if (r := vehicles.get(("anbu", n))) is not None and _ok(r)]
    if ours_v:
        mean_v = statistics.mean(r["vehicles"] for r in ours_v)
        lines.append(
            f"- Solomon vehicles, {time_limit:g} s: mean {mean_v:.2f} vehicles over {len(ours_v)} "
            f"feasible (target ≤ 7.45 over 56: {_mark(mean_v <= 7.45 and len(ours_v) == 56)})."
        )
    latest = latest_by_key([r for r in city if r.get("solver") == "anbu"], ("stops",))
    for (stops,), r in sorted(latest.items()):
        if r.get("status") != "ok":
            lines.append(f"- City {stops} stops: {r.get('status')}.")
            continue
        first = r.get("first_feasible_s")
        rss = r.get("max_rss_mb", 0)
        text = (
            f"- City {stops} stops, {r['vehicles']} vehicles: first feasible "
            f"{'never' if first is None else f'{first:.1f} s'}, final after "
            f"{r['time_ms'] / 1000:.1f} s, peak RSS {rss:.0f} MB, checker "
            f"{'ok' if r.get('feasible') else 'INFEASIBLE'}"
        )
        if r.get("cpu_ms") and r.get("wall_ms"):
            # Below ~90 % the run was starved by other work on the machine: times say little.
            text += f", CPU share {r['cpu_ms'] / r['wall_ms']:.0%} of a core"
        if stops >= 10000:
            text += (
                f" (targets: first ≤ 10 s {_mark(first is not None and first <= 10)}, final ≤ "
                f"120 s {_mark(r['time_ms'] <= 121_000)}, ≤ 2 GB {_mark(rss <= 2048)})"
            )
        elif stops <= 1000:
            text += f" (target: the day planned in ≤ 10 s {_mark(r['time_ms'] <= 10_500)})"
        gap = r.get("max_progress_gap_s")
        if gap is not None:
            text += f"; longest progress gap {gap:.2f} s (target ≤ 1 s: {_mark(gap <= 1.05)})"
        lines.append(text + ".")
    if not lines:
        return ""
    return "## Ours against the issue's targets\n\n" + "\n".join(lines) + "\n"


def other_limits(seed: int) -> list[float]:
    """Time limits that have Solomon results for this seed."""
    limits = []
    for path in RESULTS_DIR.glob(f"solomon-*-seed{seed}.jsonl"):
        try:
            limits.append(float(path.name.split("-")[2].removesuffix("s")))
        except (IndexError, ValueError):
            continue
    return limits


def build_report(
    bks: dict[str, Any], instances: list[str], time_limit: float, seed: int, city: list[Record]
) -> tuple[str, str]:
    """(REPORT.md text, stdout tables): this limit first, then any other limit with results."""
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    doubtful = ", ".join(sorted(doubtful_instances(bks)))
    sections = [
        "# Route planner benchmark",
        "",
        f"Generated {generated} by `packages/routing/bench/run.py` from the raw results in "
        "`bench/results/`. Machine: " + machine_note() + ". Every solver ran alone, one "
        "instance at a time, on one thread, but **the machine was shared with other work** "
        "(other builds and tests ran at the same time), so times and the quality reached "
        "within a time limit are somewhat pessimistic for every solver alike.",
        "",
        "Every plan, ours and the peers', is checked by the independent checker "
        "(`bench/anbubench/check.py`): capacity, time windows (service starts at max(arrival, "
        "ready), arrival ≤ due), return to the depot by its due time, each customer exactly "
        "once, fleet size; distances are recomputed in double precision and gaps are computed "
        f"from the recomputed distance. {doubtful} have doubtful distance-only best knowns "
        "(see `../shared/bench/solomon/README.md`): the overall figures are given with and "
        "without them.",
        "",
    ]
    targets = targets_section(bks, instances, time_limit, seed, city)
    if targets:
        sections += [targets]
    stdout_parts = [targets] if targets else []
    limits = [time_limit, *sorted(set(other_limits(seed)) - {time_limit}, reverse=True)]
    for limit in limits:
        for objective, builder in (("distance", distance_section), ("vehicles", vehicles_section)):
            records = _load(solomon_results_path(objective, limit, seed))
            if not records:
                continue
            present = [n for n in instances if any(k[1] == n for k in records)]
            markdown, compact = builder(records, bks, present)
            title = (
                f"## Solomon, `--objective {objective}`, {limit:g} s per instance, "
                f"seed {seed} ({len(present)} instances)"
            )
            sections += [title, "", f"Versions: {_versions(records)}.", "", markdown, ""]
            if limit == time_limit:
                stdout_parts += [title, compact, ""]
    sections += ["## City scale (VROOM-style JSON, haversine, no matrix)", "", city_section(city)]
    sections += ["## How the peers were run", "", PEER_NOTES]
    return "\n".join(sections), "\n".join(stdout_parts)
