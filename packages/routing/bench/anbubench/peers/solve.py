"""Child-process entry point: solve one Solomon instance with one peer and print JSON.

    python -m anbubench.peers.solve --solver vroom --objective distance --time-limit 5 \
        --seed 1 FILE

Runs in its own process so that a crash or a hang of a peer cannot take the runner down, and so
that every solver, ours included, is measured the same way.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from ..parse import parse_solomon

PEER_MODULES = {
    "vroom": "anbubench.peers.vroom_peer",
    "pyvrp": "anbubench.peers.pyvrp_peer",
    "ortools": "anbubench.peers.ortools_peer",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--solver", choices=sorted(PEER_MODULES), required=True)
    parser.add_argument("--objective", choices=("distance", "vehicles"), default="distance")
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    try:
        instance = parse_solomon(args.file)
    except (OSError, ValueError) as error:
        print(f"bad input: {error}", file=sys.stderr)
        return 2
    module = importlib.import_module(PEER_MODULES[args.solver])
    result = module.solve(instance, args.objective, args.time_limit, args.seed)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
