"""Make sure the peers' Python packages import, creating bench/.venv from requirements.txt.

Uses only the standard library, so it runs before any third-party import.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from .paths import BENCH_DIR

VENV_DIR = BENCH_DIR / ".venv"
REQUIREMENTS = BENCH_DIR / "requirements.txt"
MODULES_BY_SOLVER = {
    "vroom": ("vroom", "numpy", "pandas"),
    "pyvrp": ("pyvrp", "numpy"),
    "ortools": ("ortools",),
}


def missing_modules(solvers: list[str]) -> list[str]:
    wanted = {m for s in solvers for m in MODULES_BY_SOLVER.get(s, ())}
    return sorted(m for m in wanted if importlib.util.find_spec(m) is None)


def _venv_python() -> Path:
    return VENV_DIR / "bin" / "python"


def ensure_peer_packages(solvers: list[str], argv: list[str]) -> None:
    """Return if the peers import here; otherwise re-run this command inside bench/.venv."""
    missing = missing_modules(solvers)
    if not missing:
        return
    in_venv = Path(sys.prefix).resolve() == VENV_DIR.resolve()
    if in_venv:
        print(f"bench/.venv lacks {missing}; installing {REQUIREMENTS.name}", file=sys.stderr)
    elif not _venv_python().exists():
        print(f"Python modules {missing} are missing; creating {VENV_DIR}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV_DIR)], check=True)
    python = _venv_python()
    check = subprocess.run(
        [
            str(python),
            "-c",
            "import sys, importlib.util as u; "
            f"sys.exit(any(u.find_spec(m) is None for m in {missing!r}))",
        ],
        check=False,
    )
    if in_venv or check.returncode != 0:
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=False
        )
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)], check=True
        )
        if in_venv:
            return
    os.execv(str(python), [str(python), *argv])
