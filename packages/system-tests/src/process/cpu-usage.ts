import { readdir, readFile } from 'node:fs/promises';

import type { Stack } from './stack.js';

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of `pid` and, with `children`, of the processes it waited for. */
async function cpuOf(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${String(pid)}/stat`, 'utf8');
    // After `pid (comm) state`: fields 14–17 are utime, stime, cutime, cstime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
    return ticks / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The live processes whose parent is `parent`. */
async function childrenOf(parent: number): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent)
        found.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/**
 * CPU seconds used so far by each process of `stack` that runs now (a service restarted after a
 * kill counts from its restart; PostgreSQL counts its live backends and the ones that ended),
 * as `name 12.3s` pairs, largest first.
 */
export async function stackCpu(stack: Stack): Promise<string> {
  const rows: [string, number][] = [];
  for (const proc of await stack.processes()) {
    let seconds = await cpuOf(proc.pid);
    if (proc.tree) for (const child of await childrenOf(proc.pid)) seconds += await cpuOf(child);
    rows.push([proc.name, seconds]);
  }
  return rows
    .sort(([, a], [, b]) => b - a)
    .map(([name, seconds]) => `${name} ${seconds.toFixed(1)}s`)
    .join(', ');
}
