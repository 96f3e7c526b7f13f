// Samples CPU and memory of every process of the stack from /proc, and the NATS JetStream
// consumers' lag from nats-server's monitoring endpoint (`/jsz`), while a load test runs.
import { readdir, readFile } from 'node:fs/promises';

/** A process (or a process tree, for PostgreSQL) to watch. */
export interface Watched {
  readonly name: string;
  readonly pid: number;
  /** Count the children too (PostgreSQL runs one backend process per connection). */
  readonly tree?: boolean;
  /** The load generator, not part of the system under test. */
  readonly load?: boolean;
}

export interface ProcessStats {
  readonly name: string;
  readonly load: boolean;
  /** CPU in % of one core, mean over the run and highest sample. */
  readonly cpuMean: number;
  readonly cpuMax: number;
  /** Resident memory in MiB, highest sample. */
  readonly rssMaxMiB: number;
}

export interface LagStats {
  /** Messages not yet delivered plus delivered but not yet acknowledged, over all consumers. */
  readonly maxPending: number;
  readonly finalPending: number;
  /** Per consumer (`stream/consumer`) highest pending seen, only those above 0. */
  readonly perConsumerMax: Readonly<Record<string, number>>;
  readonly samples: number;
}

export interface SamplerReport {
  readonly intervalMs: number;
  /** Seconds between the first and the last sample. */
  readonly seconds: number;
  readonly samples: number;
  readonly processes: readonly ProcessStats[];
  readonly machine: { readonly cpuMean: number; readonly cpuMax: number; readonly cores: number };
  readonly lag: LagStats;
}

const CLOCK_TICKS = 100;
const PAGE_BYTES = 4096;

interface Ticks {
  readonly ticks: number;
  readonly rssPages: number;
}

async function readStat(pid: number): Promise<{ ticks: number; ppid: number; rss: number }> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const num = (i: number) => Number(fields[i] ?? 0);
  // After ')': state(0) ppid(1) … utime(11) stime(12) … rss(21)
  return { ppid: num(1), ticks: num(11) + num(12), rss: num(21) };
}

async function childrenOf(root: number): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const parents = new Map<number, number>();
  await Promise.all(
    pids.map(async (pid) => {
      try {
        parents.set(pid, (await readStat(pid)).ppid);
      } catch {
        // gone meanwhile
      }
    }),
  );
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

async function sampleProcess(watched: Watched): Promise<Ticks> {
  const pids = watched.tree ? await childrenOf(watched.pid) : [watched.pid];
  let ticks = 0;
  let rssPages = 0;
  for (const pid of pids) {
    try {
      const stat = await readStat(pid);
      ticks += stat.ticks;
      rssPages += stat.rss;
    } catch {
      // a backend that ended between the listing and the read
    }
  }
  return { ticks, rssPages };
}

async function machineTicks(): Promise<{ busy: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

interface JszConsumer {
  name?: string;
  num_pending?: number;
  num_ack_pending?: number;
}
interface Jsz {
  account_details?: {
    stream_detail?: { name?: string; consumer_detail?: JszConsumer[] }[];
  }[];
}

async function sampleLag(monitorUrl: string): Promise<Map<string, number>> {
  const res = await fetch(`${monitorUrl}/jsz?consumers=true`, {
    signal: AbortSignal.timeout(2000),
  });
  const jsz = (await res.json()) as Jsz;
  const lag = new Map<string, number>();
  for (const account of jsz.account_details ?? []) {
    for (const stream of account.stream_detail ?? []) {
      for (const consumer of stream.consumer_detail ?? []) {
        const pending = (consumer.num_pending ?? 0) + (consumer.num_ack_pending ?? 0);
        lag.set(`${stream.name ?? '?'}/${consumer.name ?? '?'}`, pending);
      }
    }
  }
  return lag;
}

/**
 * Starts sampling every `intervalMs`; `stop()` returns the figures. Processes that end during
 * the run simply stop contributing.
 */
export function startSampler(options: {
  processes: readonly Watched[];
  natsMonitorUrl: string;
  intervalMs: number;
  cores: number;
}) {
  const cpu = new Map<string, number[]>();
  const rss = new Map<string, number>();
  const machine: number[] = [];
  let previous = new Map<string, Ticks>();
  let previousMachine: { busy: number; total: number } | undefined;
  let previousAt = performance.now();
  const lagMax = new Map<string, number>();
  let lagTotalMax = 0;
  let lagFinal = 0;
  let lagSamples = 0;
  let samples = 0;
  let sampledSeconds = 0;
  let running = true;

  const tick = async () => {
    const now = performance.now();
    const seconds = (now - previousAt) / 1000;
    const current = new Map<string, Ticks>();
    for (const watched of options.processes) {
      current.set(watched.name, await sampleProcess(watched));
    }
    const m = await machineTicks();
    if (previous.size > 0 && seconds > 0) {
      samples += 1;
      sampledSeconds += seconds;
      for (const [name, t] of current) {
        const before = previous.get(name);
        if (!before) continue;
        const percent = ((t.ticks - before.ticks) / CLOCK_TICKS / seconds) * 100;
        cpu.set(name, [...(cpu.get(name) ?? []), Math.max(0, percent)]);
        rss.set(name, Math.max(rss.get(name) ?? 0, (t.rssPages * PAGE_BYTES) / 2 ** 20));
      }
      if (previousMachine && m.total > previousMachine.total) {
        machine.push(
          ((m.busy - previousMachine.busy) / (m.total - previousMachine.total)) *
            100 *
            options.cores,
        );
      }
    }
    previous = current;
    previousMachine = m;
    previousAt = now;
    try {
      const lag = await sampleLag(options.natsMonitorUrl);
      let total = 0;
      for (const [name, pending] of lag) {
        total += pending;
        if (pending > 0) lagMax.set(name, Math.max(lagMax.get(name) ?? 0, pending));
      }
      lagTotalMax = Math.max(lagTotalMax, total);
      lagFinal = total;
      lagSamples += 1;
    } catch {
      // the monitoring endpoint did not answer in time: no lag sample this round
    }
  };

  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await tick();
      const wait = options.intervalMs - (performance.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();

  return {
    async stop(): Promise<SamplerReport> {
      running = false;
      await loop;
      const mean = (xs: readonly number[]) =>
        xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
      return {
        intervalMs: options.intervalMs,
        seconds: sampledSeconds,
        samples,
        processes: options.processes.map((p) => {
          const xs = cpu.get(p.name) ?? [];
          return {
            name: p.name,
            load: p.load === true,
            cpuMean: mean(xs),
            cpuMax: Math.max(0, ...xs),
            rssMaxMiB: rss.get(p.name) ?? 0,
          };
        }),
        machine: { cpuMean: mean(machine), cpuMax: Math.max(0, ...machine), cores: options.cores },
        lag: {
          maxPending: lagTotalMax,
          finalPending: lagFinal,
          perConsumerMax: Object.fromEntries(lagMax),
          samples: lagSamples,
        },
      };
    },
  };
}
