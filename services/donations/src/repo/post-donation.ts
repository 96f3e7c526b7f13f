import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

import type { OutboxDatabase } from '@anbu/bus/outbox';
import type { ActorRef, Donation, DonationInput, Envelope } from '@anbu/contracts';
import { donationOffered } from '@anbu/contracts/events';

import type { DonationsDatabase } from './schema.js';
import { DONATION_COLUMNS, toDonation } from './donations.js';

/** The `donation.offered` envelope of a new donation, as `emit` would write it to the outbox. */
function offeredEnvelope(options: {
  id: string;
  organisationId: string;
  by: ActorRef;
  at: Date;
}): Envelope {
  return {
    id: randomUUID(),
    type: donationOffered.type,
    version: donationOffered.version,
    occurredAt: new Date().toISOString(),
    data: donationOffered.data.parse({
      donationId: options.id,
      organisationId: options.organisationId,
      at: options.at.toISOString(),
      by: options.by,
    }),
  };
}

/**
 * Posts an offered donation in one statement, one round trip: the donation, its first history
 * entry and its `donation.offered` outbox row are inserted by data-modifying CTEs that all hang
 * off the donation's insert, so they commit together or not at all, and nothing is written when
 * the id exists already (a replayed idempotency key). Answers the new donation from the rows
 * written, or undefined for an existing id (read it with `findDonation`).
 *
 * The hot path of partner intake: the transaction it replaces took seven round trips (begin,
 * three inserts, commit, and two reads of what had just been written).
 */
export async function postOfferedDonation(
  db: Kysely<DonationsDatabase>,
  options: { id: string; organisationId: string; input: DonationInput; by: ActorRef; at: Date },
): Promise<Donation | undefined> {
  const { id, organisationId, input, by, at } = options;
  const envelope = offeredEnvelope({ id, organisationId, by, at });
  // The service's table types do not list the outbox (the bus package owns its columns).
  const withOutbox = db as unknown as Kysely<DonationsDatabase & OutboxDatabase>;
  const row = await withOutbox
    .with('d', (qb) =>
      qb
        .insertInto('donations')
        .values({
          id,
          organisation_id: organisationId,
          status: 'offered',
          items: JSON.stringify(input.items),
          pickup: JSON.stringify(input.pickup),
          restrictions: JSON.stringify(input.restrictions),
          note: input.note ?? null,
          pickup_slot_id: null,
          depot_id: null,
          rejected_reason: null,
          created_by: `${by.kind}:${by.id}`,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning(DONATION_COLUMNS),
    )
    .with('h', (qb) =>
      qb
        .insertInto('donation_history')
        .columns(['donation_id', 'status', 'at', 'by_kind', 'by_id', 'note'])
        .expression((eb) =>
          eb.selectFrom('d').select((s) => [
            'd.id',
            // Typed casts: parameters in a SELECT list are otherwise of unknown type.
            s.cast<string>(s.val('offered'), 'text').as('status'),
            s.cast<Date>(s.val(at), 'timestamptz').as('at'),
            s.cast<string>(s.val(by.kind), 'text').as('by_kind'),
            s.cast<string>(s.val(by.id), 'text').as('by_id'),
            s.cast<string | null>(s.val(null), 'text').as('note'),
          ]),
        )
        .returning(['seq', 'donation_id', 'status', 'at', 'by_kind', 'by_id', 'note']),
    )
    .with('o', (qb) =>
      qb
        .insertInto('outbox')
        .columns(['id', 'subject', 'envelope', 'published_at', 'last_error'])
        .expression((eb) =>
          eb
            .selectFrom('d')
            .select((s) => [
              s.cast<string>(s.val(envelope.id), 'uuid').as('id'),
              s.cast<string>(s.val(donationOffered.subject), 'text').as('subject'),
              s.cast<string>(s.val(JSON.stringify(envelope)), 'jsonb').as('envelope'),
              s.cast<Date | null>(s.val(null), 'timestamptz').as('published_at'),
              s.cast<string | null>(s.val(null), 'text').as('last_error'),
            ]),
        ),
    )
    .selectFrom('d')
    .innerJoin('h', 'h.donation_id', 'd.id')
    .selectAll('d')
    .select([
      'h.seq',
      'h.donation_id',
      'h.status as history_status',
      'h.at',
      'h.by_kind',
      'h.by_id',
      'h.note as history_note',
    ])
    .executeTakeFirst();
  if (!row) return undefined;
  return toDonation(row, [
    {
      seq: row.seq,
      donation_id: row.donation_id,
      status: row.history_status,
      at: row.at,
      by_kind: row.by_kind,
      by_id: row.by_id,
      note: row.history_note,
    },
  ]);
}
