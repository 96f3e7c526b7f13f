"""Solves a linear model written by export-linear.ts with native HiGHS (highspy, from PyPI).

The WebAssembly HiGHS of run.ts is single-threaded and slow past ~150k pairs; this reads the same
model (same columns, rows and bounds) and solves its LP relaxation (and optionally the MIP):
    python3 bench/exact-native.py /tmp/allocation-lp-10000x1000-1 [--mip] [--time-limit 900]
        [--solver simplex|ipm|pdlp]
Prints one JSON line: objective, status, seconds, and the gap of our solver's objective.
"""
import json
import sys
import time
from pathlib import Path

import highspy
import numpy as np


def main() -> None:
    folder = Path(sys.argv[1])
    mip = "--mip" in sys.argv
    limit = float(sys.argv[sys.argv.index("--time-limit") + 1]) if "--time-limit" in sys.argv else 900.0
    meta = json.loads((folder / "meta.json").read_text())
    f64 = lambda name: np.fromfile(folder / f"{name}.bin", dtype=np.float64)
    i32 = lambda name: np.fromfile(folder / f"{name}.bin", dtype=np.int32)
    inf = highspy.kHighsInf
    clip = lambda a: np.where(np.isfinite(a), a, np.sign(a) * inf)

    lp = highspy.HighsLp()
    lp.num_col_ = meta["numCols"]
    lp.num_row_ = meta["numRows"]
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = f64("colCost")
    lp.col_lower_ = clip(f64("colLower"))
    lp.col_upper_ = clip(f64("colUpper"))
    lp.row_lower_ = clip(f64("rowLower"))
    lp.row_upper_ = clip(f64("rowUpper"))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = i32("starts")
    lp.a_matrix_.index_ = i32("indices")
    lp.a_matrix_.value_ = f64("values")
    if mip:
        lp.integrality_ = [highspy.HighsVarType(int(v)) for v in i32("integrality")]

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", limit)
    if mip:
        h.setOptionValue("mip_rel_gap", 1e-6)
    if "--solver" in sys.argv:
        h.setOptionValue("solver", sys.argv[sys.argv.index("--solver") + 1])
    h.passModel(lp)
    started = time.perf_counter()
    h.run()
    seconds = time.perf_counter() - started
    status = h.modelStatusToString(h.getModelStatus())
    objective = h.getInfo().objective_function_value
    ours = meta["ours"]
    print(
        json.dumps(
            {
                "needs": meta["needs"],
                "lots": meta["lots"],
                "seed": meta["seed"],
                "pairs": meta["pairs"],
                "kind": "MIP" if mip else "LP",
                "solver": sys.argv[sys.argv.index("--solver") + 1] if "--solver" in sys.argv else "choose",
                "status": status,
                "seconds": round(seconds, 2),
                "exact": objective,
                "ours": ours,
                "gap": (objective - ours) / objective if objective else None,
                "highs": h.version() if hasattr(h, "version") else "",
            }
        )
    )


if __name__ == "__main__":
    main()
