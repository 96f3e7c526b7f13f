import type { CompiledProblem } from '../problem/model.js';

// Absorbs rounding when a district lands exactly on a band boundary.
const EPSILON = 1e-9;

/** The fairness band district `d` is in, given its weighted units served. */
export function bandOf(model: CompiledProblem, d: number, served: number): number {
  const bands = model.penalties.length;
  const width = (model.districtDemand[d] ?? 0) / bands;
  if (width <= 0) return bands - 1;
  return Math.min(bands - 1, Math.floor(served / width + EPSILON));
}

/** Value of one more unit for need `j` now: its weight less its district's fairness penalty. */
export function unitValue(model: CompiledProblem, j: number, served: Float64Array): number {
  const d = model.needDistrict[j] ?? 0;
  const penalty = model.penalties[bandOf(model, d, served[d] ?? 0)] ?? 0;
  return (model.needWeight[j] ?? 0) * (1 - penalty);
}

/** Units need `j` can take before its district enters the next band (≥ 1; Infinity in the last). */
export function unitsToNextBand(model: CompiledProblem, j: number, served: Float64Array): number {
  const d = model.needDistrict[j] ?? 0;
  const bands = model.penalties.length;
  const band = bandOf(model, d, served[d] ?? 0);
  if (band >= bands - 1) return Infinity;
  const boundary = ((model.districtDemand[d] ?? 0) / bands) * (band + 1);
  const weight = model.needWeight[j] ?? 1;
  return Math.max(1, Math.ceil((boundary - (served[d] ?? 0)) / weight - EPSILON));
}

/**
 * The fairness penalty of a district with `served` weighted units: Σ_k π_k × (the part of
 * `served` that falls in band k). Concave utility, so the LP fills bands in order.
 */
export function districtPenalty(model: CompiledProblem, d: number, served: number): number {
  const bands = model.penalties.length;
  const width = (model.districtDemand[d] ?? 0) / bands;
  let penalty = 0;
  for (let k = 0; k < bands; k++) {
    const inBand = Math.min(Math.max(served - k * width, 0), width);
    penalty += (model.penalties[k] ?? 0) * inBand;
  }
  return penalty;
}
