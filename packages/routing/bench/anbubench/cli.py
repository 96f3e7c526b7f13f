"""Command-line entry of the bench (see run.py)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .paths import REPORT_PATH, data_dir
from .solvers import ALL_SOLVERS
from .venv import ensure_peer_packages

COMMANDS = ("solomon", "report", "city")


def _solomon_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--time-limit", type=float, default=5.0, help="seconds per run (5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", help="Solomon data dir (default ../shared/bench/solomon)")
    parser.add_argument("--report", type=Path, default=REPORT_PATH, help="where REPORT.md goes")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench/run.py", description="Route planner benchmark")
    commands = parser.add_subparsers(dest="command")
    solomon = commands.add_parser("solomon", help="run the Solomon suite (the default)")
    _solomon_arguments(solomon)
    solomon.add_argument("--instances", default="all", help="all, names and/or classes: C101,RC2")
    solomon.add_argument("--solvers", default=",".join(ALL_SOLVERS))
    solomon.add_argument(
        "--objective", choices=("distance", "vehicles", "both"), default="distance"
    )
    solomon.add_argument(
        "--fresh",
        action="store_true",
        help="discard earlier results at these settings instead of resuming",
    )
    solomon.add_argument("--no-report", action="store_true")
    solomon.add_argument("--vroom-x", type=int, default=5, help="VROOM exploration level (5)")
    report = commands.add_parser("report", help="rewrite REPORT.md from the raw results")
    _solomon_arguments(report)
    city = commands.add_parser("city", help="city-scale instances with our CLI")
    city.add_argument("--sizes", default="1000,5000,10000")
    city.add_argument(
        "--limits",
        default="",
        help="seconds per size, e.g. 1000=10,5000=60,10000=120 (those are defaults)",
    )
    city.add_argument("--vehicles", default="", help="vehicles per size, e.g. 1000=40,10000=300")
    city.add_argument("--seed", type=int, default=1)
    city.add_argument("--objective", choices=("distance", "vehicles"), default="distance")
    city.add_argument(
        "--vroom",
        action="store_true",
        help="also run VROOM (pyvroom) on the 1,000-stop instance as a reference",
    )
    city.add_argument(
        "--vroom-limit",
        type=float,
        help="seconds for the VROOM reference (default: the same limit as ours)",
    )
    city.add_argument("--vroom-x", type=int, default=5, help="VROOM exploration level (5)")
    city.add_argument("--report", type=Path, default=REPORT_PATH)
    city.add_argument("--time-limit", type=float, default=5.0, help="Solomon limit for the report")
    city.add_argument("--data", help=argparse.SUPPRESS)
    return parser


def _pairs(text: str) -> dict[int, float]:
    pairs: dict[int, float] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        key, _, value = item.partition("=")
        pairs[int(key)] = float(value)
    return pairs


def _write_report(args: argparse.Namespace) -> None:
    from .city_run import read_city_records
    from .report import build_report
    from .solomon import load_bks, select_instances

    data = data_dir(args.data)
    markdown, stdout = build_report(
        load_bks(data),
        select_instances(data, "all"),
        args.time_limit,
        args.seed,
        read_city_records(),
    )
    args.report.write_text(markdown + "\n")
    print(stdout)
    print(f"Report written to {args.report}")


def main(argv: list[str]) -> int:
    # `pnpm bench -- --time-limit 1` passes the `--` through.
    argv = [a for a in argv if a != "--"]
    if not argv or argv[0] not in (*COMMANDS, "-h", "--help"):
        argv = ["solomon", *argv]
    args = _parser().parse_args(argv)
    if args.command == "report":
        _write_report(args)
        return 0
    if getattr(args, "vroom_x", None) is not None:
        os.environ["ANBU_BENCH_VROOM_X"] = str(args.vroom_x)
    if args.command == "city":
        from .city import CitySpec, default_spec
        from .city_run import CityOptions, run_city

        limits = _pairs(args.limits)
        vehicles = _pairs(args.vehicles)
        specs = []
        for size in (int(s) for s in args.sizes.split(",") if s.strip()):
            spec = default_spec(size, args.seed)
            if size in vehicles:
                spec = CitySpec(size, int(vehicles[size]), spec.depots, args.seed)
            from .city import DEFAULT_LIMITS

            specs.append((spec, limits.get(size, DEFAULT_LIMITS.get(size, 60.0))))
        if args.vroom:
            ensure_peer_packages(["vroom"], [sys.argv[0], *argv])
        run_city(CityOptions(specs, args.seed, args.objective, args.vroom, args.vroom_limit))
        _write_report(args)
        return 0

    solvers = [s.strip() for s in args.solvers.split(",") if s.strip()]
    unknown = [s for s in solvers if s not in ALL_SOLVERS]
    if unknown:
        print(f"unknown solvers {unknown}; choose from {', '.join(ALL_SOLVERS)}", file=sys.stderr)
        return 2
    ensure_peer_packages(solvers, [sys.argv[0], *argv])

    from .solomon import SuiteOptions, run_suite, select_instances
    from .solvers import make_solver

    data = data_dir(args.data)
    try:
        instances = select_instances(data, args.instances)
        made = [make_solver(name) for name in solvers]
    except (FileNotFoundError, ValueError) as error:
        print(error, file=sys.stderr)
        return 2
    objectives = ["distance", "vehicles"] if args.objective == "both" else [args.objective]
    print(
        f"{len(instances)} instances × {', '.join(s.name + ' (' + s.version + ')' for s in made)}"
        f", {args.time_limit:g} s each, objective {args.objective}, seed {args.seed}; "
        f"data {data}",
        flush=True,
    )
    run_suite(
        SuiteOptions(data, instances, made, objectives, args.time_limit, args.seed, args.fresh)
    )
    if not args.no_report:
        _write_report(args)
    return 0
