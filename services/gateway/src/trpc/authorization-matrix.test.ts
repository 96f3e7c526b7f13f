import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import type { RpcRoute } from '@anbu/bus';
import type { Role } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import { createMemoryBus } from '@anbu/bus/memory';
import { ROLES, SENSITIVE_HOUSEHOLD_FIELDS } from '@anbu/contracts';
import * as rpcs from '@anbu/contracts/rpc';
import { createTestLogger } from '@anbu/db/testing';

import type { GatewayFixture } from '../testing/gateway-fixture.js';
import type { Internals } from '../testing/zod-arbitrary.js';
import type { AccessRule, ProtectedPath } from './access.js';
import { createGatewayFixture } from '../testing/gateway-fixture.js';
import { shapeOf } from '../testing/zod-arbitrary.js';
import { ACCESS, rolesOf } from './access.js';
import { OUT_OF_SCOPE_MESSAGE } from './object-scope.js';
import { REPLY_FIELDS, replySchemaOf } from './reply-fields.js';
import { appRouter } from './root.js';
import { seoulDay } from './scope.js';

const OWN = {
  organisationId: '00000000-0000-4000-8000-00000000a001',
  districtCode: '5214057000',
  carrierId: '00000000-0000-4000-8000-00000000c001',
  stopId: '00000000-0000-4000-8000-00000000e001',
};
const OTHER = {
  organisationId: '00000000-0000-4000-8000-00000000a002',
  districtCode: '5214025000',
  carrierId: '00000000-0000-4000-8000-00000000c002',
  stopId: '00000000-0000-4000-8000-00000000e002',
};
const VARIANTS = ['own', 'other', 'missing'] as const;

type Variant = (typeof VARIANTS)[number];

/**
 * The id fields of the scoped objects of households, donations, care and dispatch (a
 * caseworker's alerts and households, a partner's donations, a carrier's stops of today). A
 * procedure of those routers
 * whose input requires one acts on one object: a scoped caller (partner, caseworker) gets the
 * same 403 for another organisation's or district's object and for an id that does not exist;
 * staff who see everything get 404 for a missing id.
 */
const OBJECT_ID_KEYS = [
  'householdId',
  'donationId',
  'consentId',
  'enrolmentId',
  'needId',
  'alertId',
  'stopId',
];
const FORBIDDEN_ROUTERS = ['households.', 'donations.', 'care.', 'dispatch.'];

/**
 * Object procedures whose service checks the scope itself and whose reply does not name it (a
 * household's care timeline): the stub answers any object, so only the real service can show
 * the 403 (care's tests and the gateway's care test do).
 */
const SERVICE_SCOPED = new Set(['care.timeline']);

function actsOnOneObject(path: string, input: z.ZodType | undefined): boolean {
  if (!FORBIDDEN_ROUTERS.some((prefix) => path.startsWith(prefix))) return false;
  if (SERVICE_SCOPED.has(path)) return false;
  if (!(input instanceof z.ZodObject)) return false;
  const shape = input.shape as Record<string, z.ZodType>;
  return OBJECT_ID_KEYS.some(
    (key) => shape[key] !== undefined && !shape[key].safeParse(undefined).success,
  );
}

/** What the stub services answer: an object of the caller's scope, of another's, or none. */
let variant: Variant = 'own';

/**
 * Puts an object into a scope: every organisation, district and carrier attribute, and every
 * calendar day (today in Asia/Seoul, so a carrier's stop is of today).
 */
function stamp(value: unknown, scope: typeof OWN): unknown {
  if (Array.isArray(value)) return value.map((v) => stamp(v, scope));
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return seoulDay(new Date());
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      // A kitchen's program names its supplier; a carrier's route holds the stop asked about.
      if (key === 'organisationId' || key === 'supplierOrganisationId')
        return [key, scope.organisationId];
      if (key === 'stopId') return [key, scope.stopId];
      if (key === 'stops' && Array.isArray(v)) {
        return [
          key,
          v.map((stop, i) =>
            i === 0 ? { ...(stamp(stop, scope) as object), id: scope.stopId } : stamp(stop, scope),
          ),
        ];
      }
      if (key === 'districtCode') return [key, scope.districtCode];
      if (key === 'districtCodes') return [key, [scope.districtCode]];
      if (key === 'carrierId') return [key, scope.carrierId];
      return [key, stamp(v, scope)];
    }),
  );
}

const isRpc = (value: unknown): value is RpcRoute['rpc'] =>
  typeof value === 'object' &&
  value !== null &&
  'subject' in value &&
  typeof value.subject === 'string' &&
  value.subject.startsWith('anbu.rpc.') &&
  'output' in value &&
  value.output instanceof z.ZodType;

/** A valid value of `schema`, stamped with `scope` and still valid; undefined if none is found. */
function sampleValid(schema: z.ZodType, scope: typeof OWN, seed: number): unknown {
  const candidates = fc.sample(shapeOf(schema as unknown as Internals), { numRuns: 200, seed });
  return candidates.map((c) => stamp(c, scope)).find((c) => schema.safeParse(c).success);
}

/**
 * A reply of `schema` stamped with `scope` after its defaults are filled in (a list of
 * districts left out of the sample is the caller's, not an empty "every district").
 */
function sampleReply(schema: z.ZodType, scope: typeof OWN, seed: number): unknown {
  const candidates = fc.sample(shapeOf(schema as unknown as Internals), { numRuns: 200, seed });
  for (const candidate of candidates) {
    const parsed = schema.safeParse(candidate);
    if (!parsed.success) continue;
    const stamped = stamp(parsed.data, scope);
    if (schema.safeParse(stamped).success) return stamped;
  }
  return undefined;
}

function stubRoutes(skip: ReadonlySet<string>): RpcRoute[] {
  const routes: RpcRoute[] = [];
  for (const [index, rpc] of (Object.values(rpcs) as unknown[]).entries()) {
    if (!isRpc(rpc) || skip.has(rpc.subject)) continue;
    let own: unknown;
    let other: unknown;
    try {
      own = sampleReply(rpc.output, OWN, 4_000 + index);
      other = own === undefined ? undefined : stamp(own, OTHER);
    } catch {
      // A schema the generator cannot shape: that service answers NOT_FOUND.
    }
    routes.push(
      handle(rpc, () => {
        const answer = variant === 'own' ? own : variant === 'other' ? other : undefined;
        if (answer === undefined) throw new RpcError('NOT_FOUND', 'no such record');
        return Promise.resolve(answer as never);
      }),
    );
  }
  return routes;
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

describe('authorization matrix: every procedure × every role × {own, other, missing}', () => {
  let fx: GatewayFixture;
  const cookies = new Map<Role, string>();

  const procedures = Object.entries(appRouter._def.procedures)
    .map(([path, procedure]) => {
      const def = (procedure as unknown as { _def: { type: string; inputs: unknown[] } })._def;
      const input = def.inputs[0];
      return {
        path,
        type: def.type,
        input: input instanceof z.ZodType ? input : undefined,
        rule: (ACCESS as Readonly<Record<string, AccessRule>>)[path],
      };
    })
    // Subscriptions answer over SSE; signing out ends the session the other calls use.
    .filter((p) => p.type !== 'subscription' && p.path !== 'auth.logout');

  beforeAll(async () => {
    const bus = createMemoryBus({ log: createTestLogger() });
    fx = await createGatewayFixture({ bus });
    const served = new Set(
      (Object.values(rpcs) as unknown[])
        .filter(isRpc)
        .map((r) => r.subject)
        .filter((s) => s.endsWith('.health') || s === rpcs.membershipsForUser.subject),
    );
    await bus.serve(stubRoutes(served));
    for (const role of ROLES) {
      await fx.addUser(`${role}@authz`, [
        {
          role,
          organisationId: OWN.organisationId,
          districtCodes: [OWN.districtCode],
          ...(role === 'carrier' ? { carrierId: OWN.carrierId } : {}),
        },
      ]);
      cookies.set(role, (await fx.signIn(`${role}@authz`)).cookie);
    }
  });
  afterAll(() => fx[Symbol.asyncDispose]());

  async function call(
    procedure: (typeof procedures)[number],
    role: Role,
    input: unknown,
  ): Promise<Answer> {
    const res = await fx.trpc(procedure.path, {
      input,
      mutation: procedure.type === 'mutation',
      cookie: cookies.get(role) ?? '',
    });
    return { status: res.status, body: await res.text() };
  }

  it('should allow own objects, and answer another scope exactly like a missing id', async () => {
    const leaks: string[] = [];
    const refusedOwn: string[] = [];
    const wrongDenials: string[] = [];
    /** Object procedures whose scoped denial is not one 403 for other and missing alike. */
    const not403: string[] = [];
    /** Object procedures that refuse staff a missing id with 403 (they see everything: 404). */
    const staffNot404: string[] = [];
    let objectCells = 0;
    /** Allowed cells whose own object was not found (the stub could not build one in scope). */
    const ownUntested: string[] = [];
    const table: Record<string, Record<string, string>> = {};
    let cells = 0;
    for (const [index, procedure] of procedures.entries()) {
      expect(procedure.rule, `${procedure.path} has no row in ACCESS`).toBeDefined();
      const rule = procedure.rule;
      if (!rule || 'public' in rule) continue;
      const input = procedure.input ? sampleValid(procedure.input, OWN, 5_000 + index) : undefined;
      const row: Record<string, string> = {};
      for (const role of ROLES) {
        const scope = rule.roles[role];
        const answers = {} as Record<Variant, Answer>;
        for (const v of VARIANTS) {
          variant = v;
          answers[v] = await call(procedure, role, input);
          cells++;
        }
        row[role] = VARIANTS.map((v) => answers[v].status).join('/');
        if (scope === undefined) {
          // Not this role's procedure: 403 whatever the object, with the same body.
          if (
            VARIANTS.some((v) => answers[v].status !== 403 || answers[v].body !== answers.own.body)
          ) {
            wrongDenials.push(`${procedure.path} as ${role}: ${row[role]}`);
          }
          continue;
        }
        // `self` rows act on the caller's own account (switchRole to a role not held is a 403).
        if (scope !== 'self' && (answers.own.status === 403 || answers.own.status === 401)) {
          refusedOwn.push(`${procedure.path} as ${role} (${scope}): ${answers.own.status}`);
        }
        if (answers.own.status === 404) ownUntested.push(`${procedure.path} as ${role}`);
        const oneObject = actsOnOneObject(procedure.path, procedure.input);
        if (oneObject) objectCells++;
        if (oneObject && scope === 'all' && answers.missing.status !== 404) {
          staffNot404.push(`${procedure.path} as ${role}: missing=${answers.missing.status}`);
        }
        if (scope === 'all' || scope === 'self') continue;
        if (oneObject) {
          // Byte-identical 403s: whether the object exists is not revealed.
          const forbidden = JSON.stringify({
            message: OUT_OF_SCOPE_MESSAGE,
            code: 'FORBIDDEN',
          });
          const denied = (a: Answer) => {
            const error = (
              JSON.parse(a.body) as { error?: { message?: string; data?: { code?: string } } }
            ).error;
            return (
              a.status === 403 &&
              JSON.stringify({ message: error?.message, code: error?.data?.code }) === forbidden
            );
          };
          if (
            !denied(answers.other) ||
            !denied(answers.missing) ||
            answers.other.body !== answers.missing.body
          ) {
            not403.push(
              `${procedure.path} as ${role} (${scope}): other=${answers.other.status} missing=${answers.missing.status}`,
            );
          }
        }
        // Another organisation's, district's or carrier's object: answered as if missing, or
        // (lists) with nothing of it in the body.
        const sameAsMissing =
          answers.other.status === answers.missing.status &&
          answers.other.body === answers.missing.body;
        const revealed = [OTHER.organisationId, OTHER.districtCode, OTHER.carrierId].some((m) =>
          answers.other.body.includes(m),
        );
        if (!sameAsMissing && (answers.other.status >= 400 || revealed)) {
          leaks.push(
            `${procedure.path} as ${role} (${scope}): other=${answers.other.status} missing=${answers.missing.status}${revealed ? ' body shows the other scope' : ''}`,
          );
        }
      }
      table[procedure.path] = row;
    }
    console.info('[faults] authorization matrix (own/other/missing status per role):');
    console.table(table);
    console.info(
      `[faults] authorization matrix: procedures=${Object.keys(table).length} cells=${cells} objectCells=${objectCells} leaks=${leaks.length} not403=${not403.length} staffNot404=${staffNot404.length} refusedOwn=${refusedOwn.length} ownNotFound=${ownUntested.length} wrongDenials=${wrongDenials.length}`,
    );
    if (leaks.length > 0) console.info(`[faults] leaks: ${leaks.join('; ')}`);
    if (refusedOwn.length > 0) console.info(`[faults] own refused: ${refusedOwn.join('; ')}`);
    if (ownUntested.length > 0)
      console.info(`[faults] own object not found: ${ownUntested.join('; ')}`);
    expect(objectCells).toBeGreaterThan(0);
    if (not403.length > 0) console.info(`[faults] not one 403: ${not403.join('; ')}`);
    expect(not403).toEqual([]);
    expect(staffNot404).toEqual([]);
    expect(wrongDenials).toEqual([]);
    expect(leaks).toEqual([]);
    expect(refusedOwn).toEqual([]);
  });
  it("should answer only the keys of the role's allow-list where a service shapes the reply", async () => {
    const outside: string[] = [];
    let replies = 0;
    variant = 'own';
    for (const [path, row] of Object.entries(REPLY_FIELDS)) {
      const procedure = procedures.find((p) => p.path === path);
      expect(procedure, `${path} is not a procedure`).toBeDefined();
      if (!procedure) continue;
      // Every role the access table lets in has a row, and no other role does.
      expect(Object.keys(row).sort(), path).toEqual(rolesOf(path as ProtectedPath).sort());
      const input = procedure.input
        ? sampleValid(procedure.input, OWN, 7_000 + replies)
        : undefined;
      for (const role of Object.keys(row) as Role[]) {
        const answer = await call(procedure, role, input);
        expect(answer.status, `${path} as ${role}: ${answer.body}`).toBe(200);
        replies++;
        const data = (JSON.parse(answer.body) as { result: { data: Record<string, unknown> } })
          .result.data;
        const schema = replySchemaOf(path as keyof typeof REPLY_FIELDS, role);
        const shape =
          schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
        const allowed = new Set(Object.keys(shape));
        for (const key of Object.keys(data))
          if (!allowed.has(key)) outside.push(`${path} as ${role}: ${key}`);
        // Pages: each item's keys against the item schema.
        const items = shape['items'];
        if (Array.isArray(data['items']) && items instanceof z.ZodArray) {
          const element = items.element;
          const itemKeys = new Set(
            element instanceof z.ZodObject ? Object.keys(element.shape) : [],
          );
          for (const item of data['items'] as Record<string, unknown>[])
            for (const key of Object.keys(item))
              if (!itemKeys.has(key)) outside.push(`${path} as ${role}: items.${key}`);
        }
        // The one narrowed reply: a program manager's registration shows no personal data.
        if (path === 'households.register' && role === 'program_manager') {
          expect(Object.keys(data)).toContain('id');
          for (const field of SENSITIVE_HOUSEHOLD_FIELDS) expect(data).not.toHaveProperty(field);
        }
      }
    }
    console.info(`[faults] reply allow-lists: replies=${replies} keysOutside=${outside.length}`);
    expect(replies).toBeGreaterThan(0);
    expect(outside).toEqual([]);
  });
});
