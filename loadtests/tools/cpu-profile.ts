// Summarises V8 CPU profiles (`node --cpu-prof`) of the services: where each process spent its
// CPU, by package and by function (self time), to say what saturates first and why.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly hitCount?: number;
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
}

export interface ProfileSummary {
  readonly file: string;
  readonly totalMs: number;
  readonly byPackage: readonly { readonly name: string; readonly share: number }[];
  readonly byFunction: readonly { readonly name: string; readonly share: number }[];
}

/** `zod`, `@anbu/bus`, `pg`, `node:internal`, `(garbage collector)`, … for a frame's URL. */
export function packageOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return modules[1];
  const workspace = /\/(packages|services)\/([^/]+)\//.exec(url);
  if (workspace?.[2]) return `@anbu/${workspace[2]}`;
  if (url.startsWith('node:')) return 'node (runtime)';
  return url.replace(/^.*\//, '');
}

/** Self time shares by package and by function of one profile. */
export function summarise(profile: CpuProfile, file: string, top = 10): ProfileSummary {
  const hits = new Map<number, number>();
  if (profile.samples) {
    for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  } else {
    for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
  }
  const busy = profile.nodes.filter((n) => n.callFrame.functionName !== '(idle)');
  const total = busy.reduce((a, n) => a + (hits.get(n.id) ?? 0), 0) || 1;
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const node of busy) {
    const count = hits.get(node.id) ?? 0;
    if (count === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const pkg = packageOf(url, functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + count);
    const fn = `${functionName || '(anonymous)'} (${pkg}${url ? `:${lineNumber + 1}` : ''})`;
    functions.set(fn, (functions.get(fn) ?? 0) + count);
  }
  const ranked = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, count]) => ({ name, share: count / total }));
  return {
    file,
    totalMs: (profile.endTime - profile.startTime) / 1000,
    byPackage: ranked(packages),
    byFunction: ranked(functions),
  };
}

/**
 * Every `.cpuprofile` in `dir` (named `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`),
 * summarised as Markdown lines, each titled with its process's name from `names` (pid → name).
 */
export async function profileSection(
  dir: string,
  names: ReadonlyMap<number, string>,
): Promise<string[]> {
  let files: string[] = [];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile')).sort();
  } catch {
    return [];
  }
  const lines = ['## Where the services spend their CPU (V8 profiles, whole process life)', ''];
  for (const file of files) {
    const name = names.get(Number(file.split('.')[3]));
    // Other Node processes inherit NODE_OPTIONS too (the start script's `node -e` helpers).
    if (!name) continue;
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
    const s = summarise(profile, name);
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    lines.push(
      `**${s.file}** (busy time by package: ${s.byPackage.map((p) => `${p.name} ${pct(p.share)}`).join(', ')})`,
      '',
      ...s.byFunction.map((f) => `- ${pct(f.share)} ${f.name}`),
      '',
    );
  }
  return lines;
}
