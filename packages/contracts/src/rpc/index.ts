import { healthRpc } from '../core/health.js';
import { CARE_RPCS } from './care.js';
import { DISPATCH_PLANNING_RPCS } from './dispatch-planning.js';
import { DISPATCH_FLEET_RPCS } from './dispatch.js';
import { DONATIONS_RPCS } from './donations.js';
import { HOUSEHOLDS_DIRECTORY_RPCS } from './households-directory.js';
import { HOUSEHOLDS_IMPORT_RPCS } from './households-import.js';
import { HOUSEHOLDS_NEEDS_RPCS } from './households-needs.js';
import { HOUSEHOLDS_RPCS } from './households.js';
import { MATCHING_RPCS } from './matching.js';

export {
  listOrganisations,
  listDistricts,
  membershipsForUser,
  listDistrictStaff,
  membershipSchema,
  grantMembership,
  revokeMembership,
  listMemberships,
  countHouseholds,
  MAX_IMPORT_HOUSEHOLDS,
  importedHouseholdSchema,
  importBulk,
  HOUSEHOLDS_DIRECTORY_RPCS,
} from './households-directory.js';
export type { ImportedHousehold, Membership } from './households-directory.js';
export {
  MAX_IMPORT_FILE_ROWS,
  MAX_IMPORT_FILE_CHARS,
  IMPORT_FILE_KINDS,
  importFileKindSchema,
  IMPORT_FILE_FORMATS,
  importFileFormatSchema,
  importRejectionSchema,
  importHouseholdsFile,
  HOUSEHOLDS_IMPORT_RPCS,
} from './households-import.js';
export type { ImportFileKind, ImportFileFormat, ImportRejection } from './households-import.js';
export {
  createProgram,
  listPrograms,
  getProgram,
  enrol,
  endEnrolment,
  listEnrolments,
  generateCycleNeeds,
  fileNeed,
  cancelNeed,
  listNeeds,
  HOUSEHOLDS_NEEDS_RPCS,
} from './households-needs.js';

export {
  registerHousehold,
  updateHousehold,
  getHousehold,
  listHouseholds,
  deliveryProfileSchema,
  getDeliveryProfiles,
  matchingProfileSchema,
  getMatchingProfiles,
  recordConsent,
  withdrawConsent,
  listConsents,
  HOUSEHOLDS_RPCS,
} from './households.js';
export {
  postDonation,
  acceptDonation,
  rejectDonation,
  bookPickup,
  recordPickup,
  receiveDonation,
  writeOffDonation,
  getDonation,
  listDonations,
  donationImpactSchema,
  getDonationImpact,
  listDepots,
  listLots,
  stockSummaryRowSchema,
  stockSummary,
  sweepExpiry,
  writeOffLot,
  importDonationsBulk,
  DONATIONS_RPCS,
} from './donations.js';
export {
  runAllocation,
  explainAllocation,
  listAllocations,
  listAllocationRuns,
  setKitchenCapacity,
  listKitchenCapacity,
  MATCHING_RPCS,
} from './matching.js';
export {
  createCarrier,
  updateCarrier,
  listCarriers,
  createVehicle,
  updateVehicle,
  listVehicles,
  createShifts,
  cancelShift,
  listShifts,
  listPickupSlots,
  listOrders,
  importDispatchBulk,
  DISPATCH_FLEET_RPCS,
} from './dispatch.js';
export {
  createOrder,
  deliveryOrderInputSchema,
  MAX_MAP_ORDERS,
  orderOnMapSchema,
  listOrdersOnMap,
  startPlanningRun,
  getPlanningRun,
  cancelPlanningRun,
  getPlan,
  getPublishedPlan,
  moveStop,
  lockStop,
  publishPlan,
  stopRecipientSchema,
  carrierStopSchema,
  getMyRoute,
  updateStop,
  DISPATCH_PLANNING_RPCS,
} from './dispatch-planning.js';
export {
  reportVisit,
  ingestSignal,
  listAlerts,
  getAlert,
  acknowledgeAlert,
  resolveAlert,
  followUpSchema,
  timelineEntrySchema,
  householdTimeline,
  mealFeedbackEntrySchema,
  listMealFeedback,
  listNotifications,
  CARE_RPCS,
} from './care.js';
export type { TimelineEntry } from './care.js';
export type { DonationImpact } from './donations.js';

/** Every RPC of one service, its health method included. */
export const RPCS_BY_SERVICE = {
  households: [
    healthRpc.households,
    ...HOUSEHOLDS_RPCS,
    ...HOUSEHOLDS_DIRECTORY_RPCS,
    ...HOUSEHOLDS_NEEDS_RPCS,
    ...HOUSEHOLDS_IMPORT_RPCS,
  ],
  donations: [healthRpc.donations, ...DONATIONS_RPCS],
  matching: [healthRpc.matching, ...MATCHING_RPCS],
  dispatch: [healthRpc.dispatch, ...DISPATCH_FLEET_RPCS, ...DISPATCH_PLANNING_RPCS],
  care: [healthRpc.care, ...CARE_RPCS],
} as const;

/** Every RPC of every service. */
export const ALL_RPCS = [
  ...RPCS_BY_SERVICE.households,
  ...RPCS_BY_SERVICE.donations,
  ...RPCS_BY_SERVICE.matching,
  ...RPCS_BY_SERVICE.dispatch,
  ...RPCS_BY_SERVICE.care,
] as const;
