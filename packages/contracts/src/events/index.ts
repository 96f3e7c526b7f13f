import { CARE_EVENTS } from './care.js';
import { DISPATCH_EVENTS } from './dispatch.js';
import { DONATIONS_EVENTS } from './donations.js';
import { HOUSEHOLDS_EVENTS } from './households.js';
import { MATCHING_EVENTS } from './matching.js';

export { needCreated, needCancelled, householdUpdated, consentWithdrawn } from './households.js';
export {
  donationOffered,
  donationAccepted,
  donationRejected,
  donationPickupBooked,
  donationPickedUp,
  donationReceived,
  donationAllocated,
  donationDelivered,
  donationExpired,
  donationWrittenOff,
  lotReceived,
  lotExpired,
  lotWrittenOff,
  allocationRefused,
  ALLOCATION_REFUSAL_REASONS,
} from './donations.js';
export type { AllocationRefusalReason } from './donations.js';
export {
  allocationMade,
  allocationReleased,
  deliveryOrdered,
  deliveryWithdrawn,
} from './matching.js';
export { planPublished, stopUpdated } from './dispatch.js';
export {
  alertRaised,
  alertEscalated,
  alertAcknowledged,
  alertResolved,
  needRequested,
  NEED_REQUEST_KINDS,
  NEED_REQUEST_REASONS,
  needRequestKindSchema,
} from './care.js';
export type { NeedRequestKind } from './care.js';
export { HOUSEHOLDS_EVENTS, DONATIONS_EVENTS, MATCHING_EVENTS, DISPATCH_EVENTS, CARE_EVENTS };

/** Every event of every service, e.g. to build stream subjects or to check uniqueness. */
export const ALL_EVENTS = [
  ...HOUSEHOLDS_EVENTS,
  ...DONATIONS_EVENTS,
  ...MATCHING_EVENTS,
  ...DISPATCH_EVENTS,
  ...CARE_EVENTS,
] as const;

/** Any event type string, e.g. `households.need.created`. */
export type EventType = (typeof ALL_EVENTS)[number]['type'];
