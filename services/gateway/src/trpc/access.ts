import { TRPCError } from '@trpc/server';

import type { Role } from '@anbu/contracts';
import { ROLES } from '@anbu/contracts';

import type { ScopeKind } from './scope.js';
import { publicProcedure, roleProcedure } from './init.js';
import { resolveScope } from './scope.js';

/** Anyone may call it, signed in or not. */
export interface PublicRule {
  readonly public: true;
}

/** The roles that may call a procedure, each with the scope its objects are narrowed to. */
export interface RoleRule {
  readonly roles: Readonly<Partial<Record<Role, ScopeKind>>>;
}

export type AccessRule = PublicRule | RoleRule;

/** Every role, acting on what belongs to the caller (their own session and profile). */
const EVERY_ROLE_SELF = Object.fromEntries(ROLES.map((role) => [role, 'self'])) as Record<
  Role,
  'self'
>;

/**
 * THE place where every tRPC procedure declares who may call it and how its objects are scoped.
 * A procedure is built with {@link declare} or {@link declarePublic} from its key here, and a
 * test enumerates the router to check that every procedure has a row (and no row is stale).
 *
 * Scopes: `self` (the caller's own account), `all` (no narrowing), `organisation` (the
 * caller's organisation), `districts` (the caller's 읍면동), `carrier_today` (the carrier's own
 * stops of today, Asia/Seoul).
 */
export const ACCESS = {
  'auth.login': { public: true },
  'auth.logout': { roles: EVERY_ROLE_SELF },
  'auth.me': { roles: EVERY_ROLE_SELF },
  'auth.switchRole': { roles: EVERY_ROLE_SELF },
  'system.health': {
    roles: { admin: 'all', program_manager: 'all', dispatcher: 'all', auditor: 'all' },
  },

  // Households: lists carry no personal data; `get` does and is audited.
  'households.list': {
    roles: {
      admin: 'all',
      program_manager: 'all',
      auditor: 'all',
      caseworker: 'districts',
      dispatcher: 'districts',
    },
  },
  'households.get': { roles: { admin: 'all', auditor: 'all', caseworker: 'districts' } },
  'households.register': {
    roles: { admin: 'all', program_manager: 'all', caseworker: 'districts' },
  },
  'households.update': {
    roles: { admin: 'all', program_manager: 'all', caseworker: 'districts' },
  },
  // Consents and enrolments: what a caseworker records for households of their districts.
  'households.consents': { roles: { admin: 'all', auditor: 'all', caseworker: 'districts' } },
  'households.recordConsent': { roles: { admin: 'all', caseworker: 'districts' } },
  'households.withdrawConsent': { roles: { admin: 'all', caseworker: 'districts' } },
  'households.programs': {
    roles: {
      admin: 'all',
      program_manager: 'all',
      auditor: 'all',
      caseworker: 'districts',
      dispatcher: 'all',
    },
  },
  'households.enrol': { roles: { admin: 'all', program_manager: 'all', caseworker: 'districts' } },
  'households.endEnrolment': {
    roles: { admin: 'all', program_manager: 'all', caseworker: 'districts' },
  },
  'households.enrolments': {
    roles: { admin: 'all', program_manager: 'all', auditor: 'all', caseworker: 'districts' },
  },
  // A caseworker files an ad-hoc need for a household of their districts (checked by households).
  'households.fileNeed': { roles: { admin: 'all', caseworker: 'districts' } },
  'households.cancelNeed': { roles: { admin: 'all', caseworker: 'districts' } },
  'households.needs': {
    roles: { admin: 'all', program_manager: 'all', auditor: 'all', caseworker: 'districts' },
  },
  // CSV/XLSX import: rows outside a caseworker's districts are rejected by households.
  'households.importFile': {
    roles: { admin: 'all', program_manager: 'all', caseworker: 'districts' },
  },

  // Donations: a partner sees and posts only its own organisation's.
  'donations.list': {
    roles: {
      admin: 'all',
      program_manager: 'all',
      auditor: 'all',
      dispatcher: 'all',
      partner: 'organisation',
    },
  },
  'donations.get': {
    roles: {
      admin: 'all',
      program_manager: 'all',
      auditor: 'all',
      dispatcher: 'all',
      partner: 'organisation',
    },
  },
  'donations.post': { roles: { partner: 'organisation' } },
  'donations.accept': { roles: { admin: 'all', dispatcher: 'all' } },
  'donations.reject': { roles: { admin: 'all', dispatcher: 'all' } },
  // Pickup slots: a partner books one of those dispatch offers for its own accepted donation.
  'donations.pickupSlots': { roles: { admin: 'all', dispatcher: 'all', partner: 'organisation' } },
  'donations.bookPickup': { roles: { admin: 'all', dispatcher: 'all', partner: 'organisation' } },
  'donations.recordPickup': { roles: { admin: 'all', dispatcher: 'all' } },
  'donations.receive': { roles: { admin: 'all', dispatcher: 'all' } },
  'donations.writeOff': { roles: { admin: 'all', dispatcher: 'all' } },
  'donations.lots': {
    roles: { admin: 'all', program_manager: 'all', auditor: 'all', dispatcher: 'all' },
  },

  // Dispatch: carriers see only their own route of today.
  'dispatch.carriers': { roles: { admin: 'all', program_manager: 'all', dispatcher: 'all' } },
  'dispatch.orders': { roles: { admin: 'all', program_manager: 'all', dispatcher: 'all' } },
  'dispatch.planningStart': { roles: { admin: 'all', dispatcher: 'all' } },
  'dispatch.planningGet': { roles: { admin: 'all', program_manager: 'all', dispatcher: 'all' } },
  'dispatch.planningCancel': { roles: { admin: 'all', dispatcher: 'all' } },
  'dispatch.planningProgress': {
    roles: { admin: 'all', program_manager: 'all', dispatcher: 'all' },
  },
  'dispatch.plan': { roles: { admin: 'all', program_manager: 'all', dispatcher: 'all' } },
  'dispatch.moveStop': { roles: { admin: 'all', dispatcher: 'all' } },
  'dispatch.lockStop': { roles: { admin: 'all', dispatcher: 'all' } },
  'dispatch.publish': { roles: { admin: 'all', dispatcher: 'all' } },
  'dispatch.publishedPlan': {
    roles: { admin: 'all', program_manager: 'all', dispatcher: 'all' },
  },
  // A partner's pickups and the routes carrying its goods, narrowed to 읍면동 by the gateway.
  'dispatch.partnerMap': { roles: { partner: 'organisation' } },
  'dispatch.myRoute': { roles: { carrier: 'carrier_today' } },
  'dispatch.updateStop': { roles: { carrier: 'carrier_today' } },

  // Matching: managers and dispatchers run and read it; a caseworker reads why a need of their
  // districts got what it got (lists carry every district's households, so not those).
  'matching.run': { roles: { admin: 'all', program_manager: 'all', dispatcher: 'all' } },
  'matching.explain': {
    roles: {
      admin: 'all',
      program_manager: 'all',
      dispatcher: 'all',
      auditor: 'all',
      caseworker: 'districts',
    },
  },
  'matching.allocations': {
    roles: { admin: 'all', program_manager: 'all', dispatcher: 'all', auditor: 'all' },
  },
  'matching.runs': {
    roles: { admin: 'all', program_manager: 'all', dispatcher: 'all', auditor: 'all' },
  },
  'matching.kitchenCapacity': {
    roles: { admin: 'all', program_manager: 'all', partner: 'organisation' },
  },
  'matching.setKitchenCapacity': {
    roles: { admin: 'all', program_manager: 'all', partner: 'organisation' },
  },

  // Care: alerts of the caseworker's own districts; program managers all (escalations).
  'care.alerts': {
    roles: { admin: 'all', program_manager: 'all', auditor: 'all', caseworker: 'districts' },
  },
  'care.alert': {
    roles: { admin: 'all', program_manager: 'all', auditor: 'all', caseworker: 'districts' },
  },
  'care.acknowledgeAlert': {
    roles: { admin: 'all', program_manager: 'all', caseworker: 'districts' },
  },
  'care.resolveAlert': { roles: { admin: 'all', program_manager: 'all', caseworker: 'districts' } },
  'care.timeline': {
    roles: { admin: 'all', program_manager: 'all', auditor: 'all', caseworker: 'districts' },
  },
  'care.reportVisit': { roles: { carrier: 'carrier_today' } },
  // Meal-box feedback: a kitchen (partner) reads its own programs' only.
  'care.mealFeedback': {
    roles: {
      admin: 'all',
      program_manager: 'all',
      caseworker: 'districts',
      partner: 'organisation',
    },
  },
  'care.notifications': {
    roles: { admin: 'all', program_manager: 'all', caseworker: 'districts' },
  },

  // Accounts and roles: admins change them (each change audited), auditors read.
  'admin.users': { roles: { admin: 'all', auditor: 'all' } },
  'admin.createUser': { roles: { admin: 'all' } },
  'admin.grantRole': { roles: { admin: 'all' } },
  'admin.revokeRole': { roles: { admin: 'all' } },
  'admin.disableUser': { roles: { admin: 'all' } },

  // API keys of partner systems: a partner manages its own organisation's keys.
  'apiKeys.list': { roles: { admin: 'all', auditor: 'all', partner: 'organisation' } },
  'apiKeys.create': { roles: { admin: 'all', partner: 'organisation' } },
  'apiKeys.revoke': { roles: { admin: 'all', partner: 'organisation' } },
} as const satisfies Record<string, AccessRule>;

export type AccessTable = typeof ACCESS;
/** The path of every procedure of the router (`auth.login`, `households.get`, …). */
export type ProcedurePath = keyof AccessTable;
/** Paths of the public rows. */
export type PublicPath = {
  [K in ProcedurePath]: AccessTable[K] extends PublicRule ? K : never;
}[ProcedurePath];
/** Paths of the rows that need a session and a role. */
export type ProtectedPath = Exclude<ProcedurePath, PublicPath>;

/** The roles the access table allows for `path` (empty for public procedures). */
export function rolesOf(path: ProcedurePath): Role[] {
  const rule: AccessRule = ACCESS[path];
  return 'roles' in rule ? ROLES.filter((role) => rule.roles[role] !== undefined) : [];
}

/** The procedure builder of a public row of {@link ACCESS}. */
export function declarePublic(path: PublicPath) {
  return publicProcedure.meta({ access: path });
}

/**
 * The procedure builder of a protected row of {@link ACCESS}: 401 without a session, 403 for a
 * role not in the row, and `ctx.scope` resolved for the caller's active role.
 * @example
 * list: declare('donations.list').input(schema).query(({ ctx, input }) => …ctx.scope…)
 */
export function declare(path: ProtectedPath) {
  const rule: RoleRule = ACCESS[path];
  return roleProcedure(rolesOf(path), (session, ctx) => {
    const kind = rule.roles[session.active.role];
    // roleProcedure has let only the table's roles through; refuse rather than guess anyway.
    if (!kind) throw new TRPCError({ code: 'FORBIDDEN', message: 'not allowed' });
    return { scope: resolveScope(kind, { session, now: ctx.deps.now() }) };
  }).meta({ access: path });
}
