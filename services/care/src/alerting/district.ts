import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { Actor } from '@anbu/contracts';
import type { Logger } from '@anbu/db';
import { getDeliveryProfiles } from '@anbu/contracts/rpc';

import type { CareDatabase } from '../repo/schema.js';
import { districtOf, upsertHouseholdDistrict } from '../repo/households.js';

/** The district of alerts for a household care has never heard of (program managers see it). */
export const UNKNOWN_DISTRICT = 'unassigned';

/** Care acting on its own behalf towards other services. */
export const CARE_ACTOR: Actor = Object.freeze({ kind: 'service', id: 'care', districtCodes: [] });

const LOOKUP_TIMEOUT_MS = 3_000;

/**
 * The household's district: from care's directory (kept from `household.updated`), else asked
 * of the households service once and remembered; {@link UNKNOWN_DISTRICT} when households
 * cannot be asked, undefined when it knows no such household. Call it before a transaction,
 * never inside one (it may wait on an RPC).
 */
export async function resolveDistrict(
  deps: { db: Kysely<CareDatabase>; bus: Bus; log: Logger },
  householdId: string,
): Promise<string | undefined> {
  const known = await districtOf(deps.db, householdId);
  if (known) return known;
  try {
    const { profiles } = await deps.bus.request(
      getDeliveryProfiles,
      { householdIds: [householdId] },
      { actor: CARE_ACTOR, timeoutMs: LOOKUP_TIMEOUT_MS },
    );
    const profile = profiles[0];
    if (profile) {
      // Version 0: any `household.updated` (version ≥ 1) replaces it.
      await upsertHouseholdDistrict(deps.db, {
        householdId,
        districtCode: profile.districtCode,
        version: 0,
      });
      return profile.districtCode;
    }
    return undefined;
  } catch (error) {
    deps.log.warn({ err: error, householdId }, 'district lookup failed; alert goes unassigned');
  }
  return UNKNOWN_DISTRICT;
}
