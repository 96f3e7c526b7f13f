import { z } from 'zod';

/** Every role of DESIGN.md "Who uses it". */
export const ROLES = [
  'admin',
  'program_manager',
  'caseworker',
  'dispatcher',
  'partner',
  'carrier',
  'auditor',
] as const;

export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * Who is calling, as the gateway established it. Travels with every RPC so that services can
 * scope queries and write audit rows; services trust it because only the gateway (and other
 * services) can reach the bus.
 */
export const actorSchema = z.object({
  kind: z.enum(['user', 'api_key', 'service', 'system']),
  id: z.string().min(1).max(200),
  /** The role the user acts in for this call (a user may hold several). */
  role: roleSchema.optional(),
  organisationId: z.uuid().optional(),
  /** 읍면동 codes a caseworker or dispatcher is responsible for. */
  districtCodes: z.array(z.string().min(1).max(20)).max(200).default([]),
  /** The carrier record linked to a carrier user. */
  carrierId: z.uuid().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** The actor for work the system does on its own (timers, sweeps, seeding). */
export const SYSTEM_ACTOR: Actor = Object.freeze({
  kind: 'system',
  id: 'system',
  districtCodes: [],
});
