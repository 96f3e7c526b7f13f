import type {
  AllocationMatch,
  AllocationProblem,
  AllocationShortfall,
  AllocationSolution,
} from '@anbu/contracts/allocation';

import type { CompiledProblem } from './problem/model.js';
import { constructGreedy } from './construction/greedy.js';
import { SourceFinder } from './construction/source-finder.js';
import { augmentPass } from './local-search/augment.js';
import { dateOfDay } from './problem/calendar.js';
import { deliveryDay } from './problem/compatibility.js';
import { compileProblem } from './problem/compile.js';
import { SOURCE_KIND } from './problem/model.js';
import { metricsOf } from './solution/metrics.js';
import { Plan } from './solution/plan.js';

/** Options of {@link solveAllocation}. */
export interface SolveOptions {
  /** Run the augmenting-path pass after the greedy (default true). */
  readonly improve?: boolean;
}

/** A solved plan on the compiled arrays, for explanations and benchmarks. */
export interface SolvedPlan {
  readonly model: CompiledProblem;
  readonly plan: Plan;
  readonly finder: SourceFinder;
}

/** Solves a compiled problem: priority greedy, then augmenting paths. Deterministic. */
export function solveCompiled(model: CompiledProblem, options: SolveOptions = {}): SolvedPlan {
  const plan = new Plan(model);
  const finder = new SourceFinder(model, plan.remainingSource);
  constructGreedy({ model, plan, finder });
  if (options.improve ?? true) {
    augmentPass({ model, plan, finder });
    // A bumped need may have another source in stock: top it up.
    constructGreedy({ model, plan, finder });
  }
  return { model, plan, finder };
}

/**
 * Allocates lots and kitchen capacity to needs (see the objective in the package README).
 * Pure and deterministic: the same problem gives the same solution.
 * @example
 * const solution = solveAllocation(allocationProblemSchema.parse(input));
 * for (const match of solution.matches) console.log(match.needId, match.quantity);
 */
export function solveAllocation(
  problem: AllocationProblem,
  options: SolveOptions = {},
): AllocationSolution {
  return toSolution(solveCompiled(compileProblem(problem), options));
}

/** The contract form of a solved plan: matches grouped by need, shortfalls, metrics. */
export function toSolution(solved: SolvedPlan): AllocationSolution {
  const { model, plan } = solved;
  const { problem } = model;
  const records: number[] = [];
  for (let r = 0; r < plan.count; r++) if (plan.quantityOf(r) > 0) records.push(r);
  records.sort((a, b) => plan.needOf(a) - plan.needOf(b) || plan.sourceOf(a) - plan.sourceOf(b));
  const matches: AllocationMatch[] = [];
  let previous = -1;
  for (const r of records) {
    const j = plan.needOf(r);
    const s = plan.sourceOf(r);
    const need = problem.needs[j];
    if (need === undefined) continue;
    // Moves can leave two records of one pair: report them as one match.
    const last = matches[matches.length - 1];
    if (last !== undefined && plan.needOf(previous) === j && plan.sourceOf(previous) === s) {
      matches[matches.length - 1] = { ...last, quantity: last.quantity + plan.quantityOf(r) };
      continue;
    }
    previous = r;
    matches.push({
      needId: need.id,
      source: sourceRef(model, s),
      quantity: plan.quantityOf(r),
      deliveryDate: dateOfDay(deliveryDay(model, j, s)),
    });
  }
  const shortfalls: AllocationShortfall[] = [];
  problem.needs.forEach((need, j) => {
    const missing = plan.remainingNeed[j] ?? 0;
    if (missing > 0) shortfalls.push({ needId: need.id, quantityMissing: missing });
  });
  return { matches, shortfalls, metrics: metricsOf(solved) };
}

/** The contract reference of source `s`. */
export function sourceRef(model: CompiledProblem, s: number): AllocationMatch['source'] {
  const origin = model.sourceOrigin[s] ?? 0;
  if (model.sourceKind[s] === SOURCE_KIND.lot) {
    const lot = model.problem.lots[origin];
    return { kind: 'lot', lotId: lot?.id ?? '', depotId: lot?.depotId ?? '' };
  }
  const kitchen = model.problem.kitchens[origin];
  return {
    kind: 'kitchen',
    kitchenId: kitchen?.id ?? '',
    depotId: kitchen?.depotId ?? '',
    day: dateOfDay(model.sourceFrom[s] ?? 0),
  };
}
