import type { Model } from '../problem/model.js';

/** Whether vehicle `v` has every skill task `t` needs. */
export function hasSkills(model: Model, t: number, v: number): boolean {
  return model.compat[t * model.nVehicles + v] === 1;
}
