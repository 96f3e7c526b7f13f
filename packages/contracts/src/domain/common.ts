import { z } from 'zod';

import { actorSchema } from '../core/actor.js';

/** Longest name, label or one-line text field. */
export const SHORT_TEXT_MAX = 200;
/** Longest free-text note (a caseworker's note, a visit note). */
export const NOTE_MAX = 2000;
/** Default page size of every list query. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page size a list query accepts. */
export const MAX_PAGE_SIZE = 200;
/** Anbu's dates are local to Korea (UTC+9, no daylight saving time). */
export const SEOUL_UTC_OFFSET_MINUTES = 9 * 60;

/** Every entity id is a UUID. */
export const idSchema = z.uuid();
export type Id = z.infer<typeof idSchema>;

/** A non-empty, trimmed one-line text of at most `max` characters. */
export function shortText(max = SHORT_TEXT_MAX) {
  return z.string().trim().min(1).max(max);
}

/** A free-text note, possibly empty, of at most `max` characters. */
export function noteText(max = NOTE_MAX) {
  return z.string().trim().max(max);
}

/** The first and last instants a {@link dateTimeSchema} may name (years 0001 to 9999 in UTC). */
const FIRST_INSTANT_MS = Date.parse('0001-01-01T00:00:00.000Z');
const LAST_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * An instant with an explicit offset, e.g. `2026-11-25T09:30:00+09:00`, between years 0001 and
 * 9999 in UTC: PostgreSQL has no year 0, and an instant past 9999 would come back from
 * `toISOString()` in a form this schema refuses (`+010000-…`).
 */
export const dateTimeSchema = z.iso.datetime({ offset: true }).refine((value) => {
  const ms = Date.parse(value);
  return ms >= FIRST_INSTANT_MS && ms <= LAST_INSTANT_MS;
}, 'expected an instant between years 0001 and 9999 (UTC)');
/** A calendar day in Asia/Seoul, e.g. `2026-11-25`. */
export const dateSchema = z.iso.date();
/** A wall-clock time of day in Asia/Seoul, `HH:MM`. */
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

/** The Asia/Seoul calendar day of an instant (`YYYY-MM-DD`). */
export function seoulDate(instant: Date = new Date()): string {
  return new Date(instant.getTime() + SEOUL_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** A 읍면동 code (Korean administrative-dong code, or a demo code). */
export const districtCodeSchema = z
  .string()
  .regex(/^[0-9A-Za-z_-]{1,20}$/, 'invalid district code');
export type DistrictCode = z.infer<typeof districtCodeSchema>;

/** WGS84 coordinates in degrees. */
export const coordinatesSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type Coordinates = z.infer<typeof coordinatesSchema>;

/** A count of discrete things (boxes, kits, pieces): a positive integer. */
export const quantitySchema = z.number().int().positive().max(1_000_000);
/** A count that may be zero (stock on hand, units delivered). */
export const countSchema = z.number().int().nonnegative().max(100_000_000);
/** A weight in kilograms. */
export const weightKgSchema = z.number().nonnegative().max(100_000);

/**
 * An interval between two instants; `end` must be after `start`.
 * @example timeWindowSchema.parse({ start: '2026-11-25T09:00:00+09:00', end: '2026-11-25T12:00:00+09:00' })
 */
export const timeWindowSchema = z
  .object({ start: dateTimeSchema, end: dateTimeSchema })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), {
    message: 'end must be after start',
    path: ['end'],
    // Compare only two well-formed instants; a malformed one is already reported.
    when: (payload) => payload.issues.length === 0,
  });
export type TimeWindow = z.infer<typeof timeWindowSchema>;

/** A recurring daily window in Asia/Seoul wall-clock time (e.g. a preferred delivery time). */
export const dailyWindowSchema = z
  .object({ from: timeOfDaySchema, to: timeOfDaySchema })
  .refine((w) => w.to > w.from, {
    message: 'to must be after from',
    path: ['to'],
    when: (payload) => payload.issues.length === 0,
  });
export type DailyWindow = z.infer<typeof dailyWindowSchema>;

/** A storage class of food and goods, which decides vehicles and depots. */
export const STORAGE_CLASSES = ['frozen', 'chilled', 'ambient'] as const;

/** Parses one of {@link STORAGE_CLASSES}. */
export const storageClassSchema = z.enum(STORAGE_CLASSES);
export type StorageClass = z.infer<typeof storageClassSchema>;

/** A reference to who did something, kept in histories and audit rows. */
export const actorRefSchema = z.object({
  kind: actorSchema.shape.kind,
  id: actorSchema.shape.id,
});
export type ActorRef = z.infer<typeof actorRefSchema>;

/** Paging of a list query: an opaque cursor from the previous page, and a capped page size. */
export const pageRequestSchema = z.object({
  cursor: z.string().min(1).max(500).optional(),
  limit: z.number().int().positive().max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});
export type PageRequest = z.infer<typeof pageRequestSchema>;

/** A page of `item`: the items and the cursor of the next page (absent on the last one). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item).max(MAX_PAGE_SIZE),
    nextCursor: z.string().max(500).optional(),
  });
}
