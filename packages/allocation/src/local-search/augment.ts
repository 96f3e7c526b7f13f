import type { SourceFinder } from '../construction/source-finder.js';
import type { CompiledProblem } from '../problem/model.js';
import type { Plan } from '../solution/plan.js';
import { mismatch, MISMATCH } from '../problem/compatibility.js';
import { districtPenalty } from '../solution/fairness.js';

/** Needs whose sources are expanded per search; bounds the pass on large runs. */
export const DEFAULT_AUGMENT_NEEDS = 24;
/** Compatibility checks the whole pass may make (about 10 ns each); bounds it on large runs. */
export const DEFAULT_AUGMENT_WORK = 5_000_000;
/** Searches in a row that may fail in one bucket before the pass gives the bucket up. */
export const DEFAULT_AUGMENT_FAILURES = 64;

interface Search {
  readonly model: CompiledProblem;
  readonly plan: Plan;
  readonly finder: SourceFinder;
  readonly sourceStamp: Int32Array;
  readonly needStamp: Int32Array;
  readonly parent: Int32Array;
  readonly queue: Int32Array;
  readonly maxNeeds: number;
  /** Compatibility checks left. */
  work: number;
}

/**
 * Augmenting paths for needs the greedy left short, highest weight first: need `j` takes units
 * of an exhausted source `s₁` from need `k₁`, which takes them from `s₂` instead … until a
 * source with stock closes the path (breadth-first, so the shortest such chain). A path ending
 * at a need lighter than `j` instead takes its units away (a bump). Applied only when the exact
 * change of the objective is positive. Returns the units moved to short needs.
 */
export function augmentPass(options: {
  model: CompiledProblem;
  plan: Plan;
  finder: SourceFinder;
  maxNeeds?: number;
  maxWork?: number;
}): number {
  const {
    model,
    plan,
    finder,
    maxNeeds = DEFAULT_AUGMENT_NEEDS,
    maxWork = DEFAULT_AUGMENT_WORK,
  } = options;
  const search: Search = {
    model,
    plan,
    finder,
    sourceStamp: new Int32Array(model.sourceCount),
    needStamp: new Int32Array(model.needCount),
    parent: new Int32Array(model.sourceCount),
    queue: new Int32Array(model.sourceCount),
    maxNeeds,
    work: maxWork,
  };
  const short: number[] = [];
  for (let j = 0; j < model.needCount; j++) if ((plan.remainingNeed[j] ?? 0) > 0) short.push(j);
  short.sort((a, b) => (model.needWeight[b] ?? 0) - (model.needWeight[a] ?? 0) || a - b);
  let moved = 0;
  let epoch = 0;
  // Most searches fail where stock has run out for everyone: stop trying such buckets.
  const failures = new Int32Array(model.bucketStart.length);
  for (const j of short) {
    if (search.work <= 0) break;
    const bucket = model.needBucket[j] ?? 0;
    if ((failures[bucket] ?? 0) >= DEFAULT_AUGMENT_FAILURES) continue;
    for (;;) {
      epoch++;
      const units = augmentOnce(search, j, epoch);
      moved += units;
      if (units === 0) failures[bucket] = (failures[bucket] ?? 0) + 1;
      else failures[bucket] = 0;
      if (units === 0 || (plan.remainingNeed[j] ?? 0) === 0) break;
    }
  }
  return moved;
}

/** One breadth-first search from need `j`; applies the first improving path. Units moved. */
function augmentOnce(search: Search, j: number, epoch: number): number {
  const { model, plan, sourceStamp, needStamp, parent, queue } = search;
  const bucket = model.needBucket[j] ?? 0;
  const first = model.bucketStart[bucket] ?? 0;
  const last = model.bucketStart[bucket + 1] ?? 0;
  let head = 0;
  let tail = 0;
  needStamp[j] = epoch;
  search.work -= last - first;
  for (let i = first; i < last; i++) {
    const s = model.bucketSources[i] ?? 0;
    if (mismatch(model, j, s) !== MISMATCH.none) continue;
    sourceStamp[s] = epoch;
    parent[s] = -1;
    if ((plan.remainingSource[s] ?? 0) > 0) return apply(search, j, { end: s, bump: -1 });
    queue[tail++] = s;
  }
  let expanded = 0;
  while (head < tail && expanded < search.maxNeeds && search.work > 0) {
    const s = queue[head++] ?? 0;
    for (let r = plan.firstOfSource[s] ?? -1; r >= 0; r = plan.nextOfSource(r)) {
      const k = plan.needOf(r);
      if (plan.quantityOf(r) === 0 || needStamp[k] === epoch) continue;
      needStamp[k] = epoch;
      // A lighter holder may simply give its units up.
      const bumped = apply(search, j, { end: -1, bump: r });
      if (bumped > 0) return bumped;
      if (++expanded > search.maxNeeds) break;
      search.work -= last - first;
      for (let i = first; i < last; i++) {
        const t = model.bucketSources[i] ?? 0;
        if (sourceStamp[t] === epoch || mismatch(model, k, t) !== MISMATCH.none) continue;
        sourceStamp[t] = epoch;
        parent[t] = r;
        if ((plan.remainingSource[t] ?? 0) > 0) {
          const units = apply(search, j, { end: t, bump: -1 });
          if (units > 0) return units;
          continue;
        }
        queue[tail++] = t;
      }
    }
  }
  return 0;
}

/**
 * Applies the path ending at source `end` with stock (or, when `end` is -1, at record `bump`,
 * whose units are taken away) if it improves the objective; returns the units moved.
 */
function apply(search: Search, j: number, path: { end: number; bump: number }): number {
  const { model, plan, finder, parent } = search;
  const { end, bump } = path;
  let units = plan.remainingNeed[j] ?? 0;
  let gain = 0;
  // Walk back from the end: each record (k, s) on the path moves to the next source `next`.
  let next = end;
  let record = end >= 0 ? (parent[end] ?? -1) : bump;
  if (end >= 0) units = Math.min(units, plan.remainingSource[end] ?? 0);
  let firstSource = end;
  const bumpedNeed = bump >= 0 ? plan.needOf(bump) : -1;
  for (let r = record; r >= 0; r = parent[plan.sourceOf(r)] ?? -1) {
    units = Math.min(units, plan.quantityOf(r));
    const k = plan.needOf(r);
    const s = plan.sourceOf(r);
    if (r !== bump) gain += finder.score(k, next) - finder.score(k, s);
    next = s;
    firstSource = s;
  }
  if (units <= 0 || firstSource < 0) return 0;
  gain = units * (gain + (model.needWeight[j] ?? 0) + finder.score(j, firstSource));
  gain -= penaltyChange(search, [j, units]);
  if (bumpedNeed >= 0) {
    gain -=
      units * ((model.needWeight[bumpedNeed] ?? 0) + finder.score(bumpedNeed, plan.sourceOf(bump)));
    gain -=
      penaltyChange(search, [bumpedNeed, -units], [j, units]) - penaltyChange(search, [j, units]);
  }
  if (gain <= 1e-9) return 0;
  next = end;
  for (record = end >= 0 ? (parent[end] ?? -1) : bump; record >= 0;) {
    const s = plan.sourceOf(record);
    const previous = parent[s] ?? -1;
    plan.take(record, units);
    if (record !== bump) plan.add(plan.needOf(record), next, units);
    next = s;
    record = previous;
  }
  plan.add(j, firstSource, units);
  return units;
}

/** Change of the fairness penalties when needs gain (or lose) units: `[need, units]` pairs. */
function penaltyChange(search: Search, ...changes: [number, number][]): number {
  const { model, plan } = search;
  const delta = new Map<number, number>();
  for (const [need, units] of changes) {
    const d = model.needDistrict[need] ?? 0;
    delta.set(d, (delta.get(d) ?? 0) + units * (model.needWeight[need] ?? 0));
  }
  let change = 0;
  for (const [d, extra] of delta) {
    const served = plan.districtServed[d] ?? 0;
    change += districtPenalty(model, d, served + extra) - districtPenalty(model, d, served);
  }
  return change;
}
