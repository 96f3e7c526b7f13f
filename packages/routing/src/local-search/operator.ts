import type { Plan } from '../solution/plan.js';
import type { Touched } from '../solution/touched.js';

/**
 * A local-search neighbourhood, after VROOM's operator protocol: find the best valid move around a
 * task (its granular neighbourhood), report its gain, and apply it on request.
 */
export interface Operator {
  readonly name: string;
  /** Best gain (> 0 improves) of a valid move involving task `t`; remembers the move. */
  search(plan: Plan, t: number): number;
  /** Applies the remembered move, refreshes the routes and records them in `touched`. */
  apply(plan: Plan, touched: Touched): void;
}
