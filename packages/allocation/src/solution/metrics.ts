import type { AllocationMetrics } from '@anbu/contracts/allocation';

import type { SourceFinder } from '../construction/source-finder.js';
import type { CompiledProblem } from '../problem/model.js';
import type { Plan } from './plan.js';
import { SOURCE_KIND } from '../problem/model.js';
import { districtPenalty } from './fairness.js';

/**
 * The objective of a plan (see the package README):
 * Σ units × (weight + expiry bonus − distanceWeight × km) − Σ districts fairness penalty.
 */
export function objectiveOf(options: {
  model: CompiledProblem;
  plan: Plan;
  finder: SourceFinder;
}): number {
  const { model, plan, finder } = options;
  let value = 0;
  for (let r = 0; r < plan.count; r++) {
    const quantity = plan.quantityOf(r);
    if (quantity === 0) continue;
    const j = plan.needOf(r);
    value += quantity * ((model.needWeight[j] ?? 0) + finder.score(j, plan.sourceOf(r)));
  }
  for (let d = 0; d < model.districtDemand.length; d++) {
    value -= districtPenalty(model, d, plan.districtServed[d] ?? 0);
  }
  return value;
}

/** Fill rates, fairness spread, waste and objective of a plan. */
export function metricsOf(options: {
  model: CompiledProblem;
  plan: Plan;
  finder: SourceFinder;
}): AllocationMetrics {
  const { model, plan } = options;
  let asked = 0;
  let allocated = 0;
  let weightedAsked = 0;
  let weightedServed = 0;
  for (let j = 0; j < model.needCount; j++) {
    const quantity = model.needQuantity[j] ?? 0;
    const served = quantity - (plan.remainingNeed[j] ?? 0);
    const weight = model.needWeight[j] ?? 0;
    asked += quantity;
    allocated += served;
    weightedAsked += weight * quantity;
    weightedServed += weight * served;
  }
  let minRate = model.districtDemand.length === 0 ? 0 : 1;
  let maxRate = 0;
  model.districtDemand.forEach((demand, d) => {
    if (demand <= 0) return;
    const rate = Math.min(1, (plan.districtServed[d] ?? 0) / demand);
    minRate = Math.min(minRate, rate);
    maxRate = Math.max(maxRate, rate);
  });
  const horizonEnd = model.day0 + model.problem.options.expiryHorizonDays;
  let expiring = 0;
  for (let s = 0; s < model.sourceCount; s++) {
    if (model.sourceKind[s] === SOURCE_KIND.lot && (model.sourceExpiry[s] ?? 0) < horizonEnd) {
      expiring += plan.remainingSource[s] ?? 0;
    }
  }
  return {
    unitsAsked: asked,
    unitsAllocated: allocated,
    weightedFillRate: weightedAsked === 0 ? 0 : Math.min(1, weightedServed / weightedAsked),
    fairnessSpread: Math.max(0, maxRate - minRate),
    minDistrictFillRate: minRate,
    unitsExpiringUnallocated: expiring,
    objective: objectiveOf(options),
  };
}
