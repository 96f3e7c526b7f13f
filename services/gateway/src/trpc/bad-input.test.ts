import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import type { RpcRoute } from '@anbu/bus';
import type { Role } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import { createMemoryBus } from '@anbu/bus/memory';
import { toFieldIssues } from '@anbu/contracts';
import * as rpcs from '@anbu/contracts/rpc';
import { createTestLogger } from '@anbu/db/testing';

import type { GatewayFixture } from '../testing/gateway-fixture.js';
import type { Internals } from '../testing/zod-arbitrary.js';
import type { AccessRule } from './access.js';
import { createGatewayFixture } from '../testing/gateway-fixture.js';
import { isOptional, shapeOf, unwrap, wrongValueOf } from '../testing/zod-arbitrary.js';
import { ACCESS } from './access.js';
import { appRouter } from './root.js';

/** Inputs per procedure: `ANBU_FAULT_SCALE=full` (pnpm test:faults) runs the issue's 200 + 200. */
const FULL = process.env['ANBU_FAULT_SCALE'] === 'full';
const VALID = FULL ? 200 : 20;
const INVALID = FULL ? 200 : 20;
// 400 inputs a procedure at full scale take minutes where each one signs in (argon2).
const timeout = FULL ? 900_000 : 120_000;
const SEED = 9_001;
const ORG = '00000000-0000-4000-8000-0000000000b1';

interface Procedure {
  readonly path: string;
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly input: z.ZodType | undefined;
}

/** Every procedure, read from the router itself: a new one is fuzzed without editing this file. */
function procedures(): Procedure[] {
  return Object.entries(appRouter._def.procedures).map(([path, procedure]) => {
    const def = (procedure as unknown as { _def: { type: Procedure['type']; inputs: unknown[] } })
      ._def;
    const [input, ...more] = def.inputs;
    if (more.length > 0) throw new Error(`${path}: several input parsers, fuzz them together`);
    return { path, type: def.type, input: input instanceof z.ZodType ? input : undefined };
  });
}

const isRpc = (value: unknown): value is RpcRoute['rpc'] =>
  typeof value === 'object' &&
  value !== null &&
  'subject' in value &&
  typeof value.subject === 'string' &&
  value.subject.startsWith('anbu.rpc.') &&
  'output' in value &&
  value.output instanceof z.ZodType;

/**
 * Stub services: every RPC of the contracts answers with a random valid output of its schema,
 * or NOT_FOUND, so the gateway's own handling of answers is fuzzed too.
 */
function stubRoutes(skip: ReadonlySet<string>): RpcRoute[] {
  const routes: RpcRoute[] = [];
  for (const rpc of Object.values(rpcs) as unknown[]) {
    if (!isRpc(rpc) || skip.has(rpc.subject)) continue;
    let outputs: unknown[] = [];
    try {
      outputs = fc
        .sample(shapeOf(rpc.output as unknown as Internals), { numRuns: 30, seed: SEED })
        .filter((o) => rpc.output.safeParse(o).success);
    } catch {
      // A schema the generator cannot shape: that service answers NOT_FOUND only.
    }
    let n = 0;
    routes.push(
      handle(rpc, () => {
        const output = outputs[n++ % (outputs.length + 1)];
        if (output === undefined) throw new RpcError('NOT_FOUND', 'stub: nothing here');
        return Promise.resolve(output as never);
      }),
    );
  }
  return routes;
}

/** Up to `count` inputs the schema accepts (bounded tries: a tight refinement yields fewer). */
function validInputs(schema: z.ZodType, count: number, seed: number): unknown[] {
  const found: unknown[] = [];
  for (let round = 0; round < 20 && found.length < count; round++) {
    const candidates = fc.sample(shapeOf(schema as unknown as Internals), {
      numRuns: count * 2,
      seed: seed + round,
    });
    for (const c of candidates)
      if (found.length < count && schema.safeParse(c).success) found.push(c);
  }
  return found;
}

/** The object-tree paths of a value under its schema: where a bad field can be planted. */
function plantable(schema: Internals, value: unknown, path: (string | number)[] = []) {
  const sites: { path: (string | number)[]; schema: Internals; optional: boolean }[] = [];
  const inner = unwrap(schema);
  const def = inner._zod.def;
  if (def.type === 'object' && typeof value === 'object' && value !== null) {
    for (const [key, field] of Object.entries(def['shape'] as Record<string, Internals>)) {
      sites.push({ path: [...path, key], schema: field, optional: isOptional(field) });
      const nested = (value as Record<string, unknown>)[key];
      if (nested !== undefined) sites.push(...plantable(field, nested, [...path, key]));
    }
  }
  if (def.type === 'array' && Array.isArray(value) && value.length > 0) {
    const element = def['element'] as Internals;
    sites.push({ path: [...path, 0], schema: element, optional: false });
    sites.push(...plantable(element, value[0], [...path, 0]));
  }
  return sites;
}

function plant(value: unknown, path: readonly (string | number)[], leaf: unknown) {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] ?? '';
  if (leaf === DROP) delete at[last];
  else at[last] = leaf;
  return copy;
}
const DROP = Symbol('drop');

/** Inputs that break the schema at one known path, each with the paths zod itself names. */
function invalidInputs(schema: z.ZodType, bases: readonly unknown[], count: number, seed: number) {
  const root = schema as unknown as Internals;
  const out: { input: unknown; planted: string; expected: string[] }[] = [];
  const pick = fc.sample(fc.tuple(fc.nat(), fc.nat(), fc.double({ min: 0, max: 1 })), {
    numRuns: count * 3,
    seed,
  });
  for (const [i, [a, b, r]] of pick.entries()) {
    if (out.length >= count) break;
    const base = bases[a % Math.max(1, bases.length)];
    const sites = plantable(root, base);
    const site = sites[b % Math.max(1, sites.length)];
    let input: unknown;
    let planted: string;
    if (!site || r < 0.1) {
      input = fc.sample(wrongValueOf(root), { numRuns: 1, seed: seed + i })[0];
      planted = '(root)';
    } else if (!site.optional && r < 0.35) {
      input = plant(base, site.path, DROP);
      planted = site.path.join('.');
    } else {
      const wrong = fc.sample(wrongValueOf(site.schema), { numRuns: 1, seed: seed + i })[0];
      input = plant(base, site.path, wrong);
      planted = site.path.join('.');
    }
    const parsed = schema.safeParse(input);
    if (parsed.success) continue;
    out.push({ input, planted, expected: toFieldIssues(parsed.error).map((f) => f.path) });
  }
  return out;
}

interface Answer {
  readonly status: number;
  readonly code: string | undefined;
  readonly fieldPaths: string[];
}

interface ErrorShape {
  data?: { code?: string; httpStatus?: number; fieldErrors?: { path: string }[] | null };
}

/**
 * A subscription answers over SSE: `connected`, then data or a `serialized-error` event. Reads
 * up to the first event after `connected` (or 1 s), then hangs up.
 */
async function firstSseAnswer(res: Response): Promise<Answer> {
  const reader = res.body?.getReader();
  let text = '';
  const deadline = Date.now() + 1_000;
  const answered = () => text.replace(/^event: connected\ndata: \{\}\n/, '').includes('data: ');
  while (reader && Date.now() < deadline && !answered()) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<undefined>((resolve) =>
        setTimeout(() => resolve(undefined), deadline - Date.now()),
      ),
    ]);
    if (!chunk || chunk.done) break;
    text += new TextDecoder().decode(chunk.value as Uint8Array);
  }
  await reader?.cancel();
  const error = /event: serialized-error\ndata: (.*)\n/.exec(text)?.[1];
  if (error === undefined) return { status: res.status, code: undefined, fieldPaths: [] };
  const shape = JSON.parse(error) as ErrorShape;
  return {
    status: shape.data?.httpStatus ?? 500,
    code: shape.data?.code,
    fieldPaths: (shape.data?.fieldErrors ?? []).map((f) => f.path),
  };
}

describe('bad input to every tRPC procedure (zod schemas → fast-check)', () => {
  let fx: GatewayFixture;
  const cookies = new Map<Role, string>();
  let users = 0;
  const figures: string[] = [];
  const totals = { procedures: 0, valid: 0, invalid: 0, internal: 0, wrongAnswers: 0 };

  beforeAll(async () => {
    const bus = createMemoryBus({ log: createTestLogger() });
    fx = await createGatewayFixture({
      bus,
      rateLimits: { loginPerMinute: 1_000_000, restPerMinute: 1_000_000 },
      loginThrottle: { windowMs: 60_000, maxPerAccount: 1_000_000, maxPerAddress: 1_000_000 },
    });
    const served = new Set([
      rpcs.membershipsForUser.subject,
      ...(Object.values(rpcs) as unknown[])
        .filter(isRpc)
        .filter((r) => r.subject.endsWith('.health'))
        .map((r) => r.subject),
    ]);
    await bus.serve(stubRoutes(served));
  });
  afterAll(async () => {
    for (const line of figures) console.info(line);
    console.info(
      `[faults] bad input totals: procedures=${totals.procedures} valid=${totals.valid} invalid=${totals.invalid} internalErrors=${totals.internal} wrongAnswers=${totals.wrongAnswers}`,
    );
    await fx[Symbol.asyncDispose]();
  });

  async function cookieFor(path: string): Promise<string | undefined> {
    const rule = (ACCESS as Readonly<Record<string, AccessRule>>)[path];
    if (!rule || 'public' in rule) return undefined;
    const role = Object.keys(rule.roles)[0] as Role;
    const cached = cookies.get(role);
    if (cached && path !== 'auth.logout') return cached;
    const login = `${role}-${++users}@fuzz`;
    await fx.addUser(login, [
      {
        role,
        organisationId: ORG,
        districtCodes: ['D01'],
        ...(role === 'carrier' ? { carrierId: '00000000-0000-4000-8000-0000000000b2' } : {}),
      },
    ]);
    const { cookie } = await fx.signIn(login);
    // Signing out ends the session: never hand that one to another procedure.
    if (path !== 'auth.logout') cookies.set(role, cookie);
    return cookie;
  }

  async function call(procedure: Procedure, input: unknown): Promise<Answer> {
    const cookie = await cookieFor(procedure.path);
    const res = await fx.trpc(procedure.path, {
      input,
      mutation: procedure.type === 'mutation',
      ...(cookie ? { cookie } : {}),
    });
    if ((res.headers.get('content-type') ?? '').includes('event-stream')) {
      return firstSseAnswer(res);
    }
    const body = (await res.json().catch(() => ({}))) as { error?: ErrorShape };
    return {
      status: res.status,
      code: body.error?.data?.code,
      fieldPaths: (body.error?.data?.fieldErrors ?? []).map((f) => f.path),
    };
  }

  const rowCounts = async () => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'gateway'
        and table_type = 'BASE TABLE' order by table_name`.execute(fx.db);
    const counts: Record<string, number> = {};
    for (const { table_name } of tables.rows) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(
        `gateway.${table_name}`,
      )}`.execute(fx.db);
      counts[table_name] = rows[0]?.n ?? 0;
    }
    return counts;
  };

  for (const [index, procedure] of procedures().entries()) {
    it(
      `should answer ${procedure.path} without a server error, and name the bad field of invalid input`,
      { timeout },
      async () => {
        totals.procedures++;
        const seed = SEED + index * 1_000;
        const statuses = new Map<number, number>();
        const note = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const internal: string[] = [];
        const wrong: string[] = [];

        if (!procedure.input) {
          // No input schema: the procedure ignores input; junk must still not break it.
          const junk = fc.sample(fc.jsonValue({ maxDepth: 2 }), { numRuns: VALID, seed });
          for (const input of junk) {
            const answer = await call(procedure, input);
            note(answer.status);
            if (answer.status >= 500 && answer.status !== 503) internal.push(JSON.stringify(input));
          }
          totals.valid += junk.length;
          figures.push(
            `[faults] bad input ${procedure.path}: no input schema, junk=${junk.length} statuses=${JSON.stringify(Object.fromEntries(statuses))}`,
          );
          totals.internal += internal.length;
          expect(internal).toEqual([]);
          return;
        }

        const valid = validInputs(procedure.input, VALID, seed);
        for (const input of valid) {
          const answer = await call(procedure, input);
          note(answer.status);
          if (answer.status === 500 || answer.code === 'INTERNAL_SERVER_ERROR') {
            internal.push(JSON.stringify(input));
          }
        }

        const before = await rowCounts();
        const invalid = invalidInputs(
          procedure.input,
          valid.length > 0 ? valid : [{}],
          INVALID,
          seed,
        );
        for (const { input, planted, expected } of invalid) {
          const answer = await call(procedure, input);
          note(answer.status);
          if (answer.status === 500 || answer.code === 'INTERNAL_SERVER_ERROR') {
            internal.push(JSON.stringify(input));
          }
          const named = [...new Set(answer.fieldPaths)].sort();
          const ok =
            answer.status === 400 &&
            answer.code === 'BAD_REQUEST' &&
            JSON.stringify(named) === JSON.stringify([...new Set(expected)].sort()) &&
            (named.includes(planted) || !expected.includes(planted));
          if (!ok) {
            wrong.push(
              `${planted}: ${answer.status} ${answer.code} ${named.join(',')} (zod: ${expected.join(',')}) ${JSON.stringify(input).slice(0, 200)}`,
            );
          }
        }
        const after = await rowCounts();

        figures.push(
          `[faults] bad input ${procedure.path}: valid=${valid.length} invalid=${invalid.length} internal=${internal.length} wrong=${wrong.length} statuses=${JSON.stringify(Object.fromEntries(statuses))}`,
        );
        totals.valid += valid.length;
        totals.invalid += invalid.length;
        totals.internal += internal.length;
        totals.wrongAnswers += wrong.length;
        expect(internal).toEqual([]);
        expect(wrong.slice(0, 5)).toEqual([]);
        expect(valid.length).toBeGreaterThanOrEqual(Math.min(VALID, 10));
        expect(invalid.length).toBe(INVALID);
        // A rejected input changes nothing in the gateway's own tables.
        expect(after).toEqual(before);
      },
    );
  }
});
