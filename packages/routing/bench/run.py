#!/usr/bin/env python3
"""The route planner's benchmark: `pnpm --filter @anbu/routing bench [-- options]`.

    python3 bench/run.py [solomon] [--time-limit 5] [--instances all|C101,R1,...]
                         [--solvers anbu,vroom,pyvrp,ortools] [--objective distance|vehicles|both]
                         [--seed 1] [--data DIR] [--fresh]
    python3 bench/run.py report [--time-limit 5] [--seed 1]
    python3 bench/run.py city [--sizes 1000,5000,10000] [--limits 1000=10,10000=120] [--vroom]

See bench/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from anbubench.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
