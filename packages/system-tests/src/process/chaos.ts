import type { StackService } from './faults.js';
import type { Stack } from './stack.js';
import { killService, restartService, STACK_SERVICES } from './faults.js';

/** One planned crash: `service` gets `kill -9` once `at` calls are done, and is down `downMs`. */
export interface PlannedKill {
  readonly at: number;
  readonly service: StackService;
  readonly downMs: number;
}

/**
 * Kills of every service in turn, `perService` rounds (each round a shuffled order of all
 * services), at random moments spread over `[5 %, 70 %]` of `totalCalls` (a kill due while another
 * service is still coming back waits for it: the last 30 % leave room for those to happen).
 */
export function planKills(options: {
  perService: number;
  totalCalls: number;
  random: () => number;
  services?: readonly StackService[];
}): PlannedKill[] {
  const { perService, totalCalls, random, services = STACK_SERVICES } = options;
  const order: StackService[] = [];
  for (let round = 0; round < perService; round += 1) {
    const shuffled = [...services];
    for (let i = shuffled.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      const [a, b] = [shuffled[i], shuffled[j]];
      if (a && b) [shuffled[i], shuffled[j]] = [b, a];
    }
    order.push(...shuffled);
  }
  const moments = order
    .map(() => Math.floor(totalCalls * (0.05 + 0.65 * random())))
    .sort((a, b) => a - b);
  return order.map((service, i) => ({
    service,
    at: moments[i] ?? 0,
    downMs: Math.floor(random() * 1_500),
  }));
}

/** A crash that happened: what was killed, when (calls done) and how long until it was back. */
export interface InjectedKill {
  readonly service: StackService;
  readonly pid: number;
  readonly atCall: number;
  readonly recoveredMs: number;
}

/** Runs {@link PlannedKill}s as the flow makes progress; see {@link createChaos}. */
export interface Chaos {
  /** Call after each answered call: starts the next kill once its moment has come. */
  tick(): void;
  /** Waits for a kill in progress to recover; answers the kills done (planned ones not reached are not). */
  settle(): Promise<InjectedKill[]>;
}

/**
 * Kills and restarts services of `stack` by `plan`, one at a time, in the background: the flow
 * is not told, and finds out as its calls fail and are retried.
 */
export function createChaos(options: {
  stack: Stack;
  plan: readonly PlannedKill[];
  log?: (line: string) => void;
}): Chaos {
  const { stack, plan, log = () => undefined } = options;
  const injected: InjectedKill[] = [];
  let calls = 0;
  let next = 0;
  let busy: Promise<void> | undefined;
  let failure: Error | undefined;

  const inject = async (kill: PlannedKill) => {
    const pid = await killService(stack, kill.service);
    const killedAt = Date.now();
    log(`kill -9 ${kill.service} (pid ${String(pid)}) after ${String(calls)} calls`);
    await new Promise((resolve) => setTimeout(resolve, kill.downMs));
    await restartService(stack, kill.service);
    const recoveredMs = Date.now() - killedAt;
    injected.push({ service: kill.service, pid, atCall: calls, recoveredMs });
    log(`${kill.service} back after ${String(recoveredMs)} ms`);
  };

  let ending = false;
  /** Starts the next kill once its moment has come and no other kill is in progress. */
  const startDue = () => {
    const kill = plan[next];
    if (busy || ending || !kill || calls < kill.at) return;
    next += 1;
    busy = inject(kill)
      .catch((error: unknown) => {
        failure ??= error instanceof Error ? error : new Error(String(error));
      })
      .finally(() => {
        busy = undefined;
        // A kill that came due meanwhile starts now, not at the flow's next answered call.
        startDue();
      });
  };

  return {
    tick() {
      calls += 1;
      startDue();
    },
    async settle() {
      ending = true;
      while (busy) await busy;
      if (failure) throw failure;
      return [...injected];
    },
  };
}
