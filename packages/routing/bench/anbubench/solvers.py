"""The solvers the bench compares, each as a command line that prints one JSON object.

Ours is `node dist/cli.js solve ...`; the peers are `python -m anbubench.peers.solve ...`.
Every run goes through a child process, one at a time, measured the same way.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .paths import BENCH_DIR, CLI_PATH, PACKAGE_DIR
from .peers import SCALE

ALL_SOLVERS = ("anbu", "vroom", "pyvrp", "ortools")
LABELS = {"anbu": "Anbu", "vroom": "VROOM", "pyvrp": "PyVRP", "ortools": "OR-Tools"}


def node_binary() -> str:
    """$ANBU_NODE, else /usr/local/bin/node (Node 24 here), else node on PATH."""
    explicit = os.environ.get("ANBU_NODE")
    if explicit:
        return explicit
    if Path("/usr/local/bin/node").exists():
        return "/usr/local/bin/node"
    return shutil.which("node") or "node"


def dist_fingerprint(dist: Path) -> str:
    digest = hashlib.sha1()
    for path in sorted(dist.rglob("*.js")):
        digest.update(str(path.relative_to(dist)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def snapshot_cli() -> tuple[Path, str]:
    """Copy dist/ aside so that a rebuild during a long run cannot mix two solver versions.

    The copy gets a package.json (ESM) and a node_modules link to the package's own, so that
    its imports resolve exactly as from dist/. $ANBU_ROUTING_DIST names another build to use
    (e.g. one of a clean checkout of a commit).
    """
    dist = Path(os.environ.get("ANBU_ROUTING_DIST") or CLI_PATH.parent).resolve()
    if not (dist / "cli.js").exists():
        raise FileNotFoundError(
            f"{dist / 'cli.js'} does not exist: build it with `pnpm exec tsc -p "
            "tsconfig.build.json` in packages/routing (pnpm bench:routing does this)"
        )
    fingerprint = dist_fingerprint(dist)
    target = Path(tempfile.gettempdir()) / "anbu-routing-bench" / fingerprint
    if not (target / "dist" / "cli.js").exists():
        staging = target.with_name(f"{fingerprint}.tmp{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(dist, staging / "dist")
        shutil.copy(PACKAGE_DIR / "package.json", staging / "package.json")
        (staging / "node_modules").symlink_to(PACKAGE_DIR / "node_modules")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    return target / "dist" / "cli.js", fingerprint


@dataclass(frozen=True)
class Solver:
    name: str
    version: str
    # Absolute tolerance between reported and recomputed distance before it is flagged.
    distance_tolerance: float
    cli: Path | None = None

    @property
    def label(self) -> str:
        return LABELS.get(self.name, self.name)

    def command(self, file: Path, objective: str, time_limit: float, seed: int) -> list[str]:
        common = ["--objective", objective, "--time-limit", f"{time_limit:g}", "--seed", str(seed)]
        if self.cli is not None:
            return [
                node_binary(),
                str(self.cli),
                "solve",
                "--format",
                "solomon",
                *common,
                str(file),
            ]
        return [
            sys.executable,
            "-m",
            "anbubench.peers.solve",
            "--solver",
            self.name,
            *common,
            str(file),
        ]


def peer_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    package = {"vroom": "pyvroom", "pyvrp": "pyvrp", "ortools": "ortools"}[name]
    try:
        text = f"{package} {version(package)}"
    except PackageNotFoundError:
        text = f"{package} ?"
    if name == "vroom":
        from .peers.vroom_peer import exploration_level

        text += f" -x {exploration_level()}"
    return text


def make_solver(name: str) -> Solver:
    if name == "anbu":
        cli, fingerprint = snapshot_cli()
        label = os.environ.get("ANBU_ROUTING_LABEL")  # e.g. the commit the build came from
        version = f"dist {fingerprint}" + (f" ({label})" if label else "")
        return Solver("anbu", version, 1e-6, cli)
    # Peers report integer costs / SCALE: up to half a unit of rounding per edge (~200 edges).
    return Solver(name, peer_version(name), 0.5 / SCALE * 250)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    for key in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "UV_THREADPOOL_SIZE"):
        env[key] = "1"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(BENCH_DIR), env.get("PYTHONPATH")]))
    return env
