"""Where things live: the bench folder, the package, the repo root and the shared data."""

from __future__ import annotations

import os
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = BENCH_DIR.parent
REPO_ROOT = PACKAGE_DIR.parent.parent
RESULTS_DIR = BENCH_DIR / "results"
REPORT_PATH = BENCH_DIR / "REPORT.md"
CITY_DIR = BENCH_DIR / "city"
CLI_PATH = PACKAGE_DIR / "dist" / "cli.js"


def data_dir(explicit: str | None = None) -> Path:
    """--data, else $ANBU_BENCH_DATA, else ../shared/bench/solomon next to the repo root."""
    if explicit:
        return Path(explicit).resolve()
    from_env = os.environ.get("ANBU_BENCH_DATA")
    if from_env:
        return Path(from_env).resolve()
    return (REPO_ROOT.parent / "shared" / "bench" / "solomon").resolve()
