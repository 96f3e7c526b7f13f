import type { Household, HouseholdChanges, HouseholdInput } from '@anbu/contracts';

/** The personal fields of a household that are stored encrypted, never in plain columns. */
export interface SensitiveFields {
  readonly name: HouseholdInput['name'];
  readonly address: HouseholdInput['address'];
  readonly location: HouseholdInput['location'];
  readonly contact: HouseholdInput['contact'];
  readonly dietaryNotes?: string | undefined;
  readonly accessNotes?: string | undefined;
  readonly careNotes?: string | undefined;
}

/** The fields of a household that may be stored in plain columns. */
export type PlainFields = Omit<HouseholdInput, keyof SensitiveFields>;

/** Splits a household's fields into those stored encrypted and those stored plain. */
export function splitSensitive(input: HouseholdInput): {
  sensitive: SensitiveFields;
  plain: PlainFields;
} {
  const { name, address, location, contact, dietaryNotes, accessNotes, careNotes, ...plain } =
    input;
  return {
    sensitive: { name, address, location, contact, dietaryNotes, accessNotes, careNotes },
    plain,
  };
}

/** The household after applying `changes` (absent fields keep their value). */
export function applyChanges(current: HouseholdInput, changes: HouseholdChanges): HouseholdInput {
  const next: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(changes)) {
    if (value !== undefined) next[field] = value;
  }
  return next as HouseholdInput;
}

/**
 * The names of the fields whose value differs (deep, by JSON). Names only: events carry these
 * and never the values (DESIGN "minimal fields in events").
 */
export function changedFields(before: HouseholdInput, after: HouseholdInput): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter(
      (key) =>
        JSON.stringify((before as Record<string, unknown>)[key]) !==
        JSON.stringify((after as Record<string, unknown>)[key]),
    )
    .sort();
}

/** The fields of a stored household that a caseworker enters (id, status and stamps dropped). */
export function householdInputOf(household: Household): HouseholdInput {
  const {
    id: _id,
    organisationId: _organisationId,
    status: _status,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    version: _version,
    ...input
  } = household;
  return input;
}
