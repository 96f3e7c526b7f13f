"""Raw results as JSON lines: one record per (solver, instance) run, appended as they finish."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .paths import RESULTS_DIR

Record = dict[str, Any]


def solomon_results_path(objective: str, time_limit: float, seed: int) -> Path:
    return RESULTS_DIR / f"solomon-{objective}-{time_limit:g}s-seed{seed}.jsonl"


def read_records(path: Path) -> list[Record]:
    if not path.exists():
        return []
    records: list[Record] = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if line:
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue  # a line cut short by an interrupted run
    return records


def append_record(path: Path, record: Record) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        handle.write(json.dumps(record, separators=(",", ":")) + "\n")


def latest_by_key(records: list[Record], key: tuple[str, ...]) -> dict[tuple[Any, ...], Record]:
    """The last record for each key (later runs replace earlier ones)."""
    latest: dict[tuple[Any, ...], Record] = {}
    for record in records:
        latest[tuple(record.get(k) for k in key)] = record
    return latest
