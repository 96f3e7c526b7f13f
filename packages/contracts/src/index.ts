export { ROLES, roleSchema, actorSchema, SYSTEM_ACTOR } from './core/actor.js';
export type { Role, Actor } from './core/actor.js';
export { envelopeBaseSchema, defineEvent } from './core/envelope.js';
export type { Envelope, EventDefinition, EventOf } from './core/envelope.js';
export {
  defineRpc,
  rpcRequestSchema,
  rpcReplySchema,
  rpcErrorSchema,
  rpcErrorCodeSchema,
  fieldIssueSchema,
  toFieldIssues,
  RPC_ERROR_CODES,
  RPC_KINDS,
} from './core/rpc.js';
export type {
  RpcDefinition,
  RpcInput,
  RpcParsedInput,
  RpcOutput,
  RpcRequest,
  RpcReply,
  RpcError,
  RpcErrorCode,
  FieldIssue,
  RpcKind,
} from './core/rpc.js';
export { healthSchema, healthRpc } from './core/health.js';
export type { Health } from './core/health.js';
export { SERVICE_NAMES, serviceNameSchema } from './core/services.js';
export type { ServiceName } from './core/services.js';

// Domain schemas and their types; events, RPCs and subjects are on their own subpaths.
export {
  SHORT_TEXT_MAX,
  NOTE_MAX,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  SEOUL_UTC_OFFSET_MINUTES,
  idSchema,
  shortText,
  noteText,
  dateTimeSchema,
  dateSchema,
  timeOfDaySchema,
  seoulDate,
  districtCodeSchema,
  coordinatesSchema,
  quantitySchema,
  countSchema,
  weightKgSchema,
  timeWindowSchema,
  dailyWindowSchema,
  STORAGE_CLASSES,
  storageClassSchema,
  actorRefSchema,
  pageRequestSchema,
  pageOf,
} from './domain/common.js';
export type {
  Id,
  DistrictCode,
  Coordinates,
  TimeWindow,
  DailyWindow,
  StorageClass,
  ActorRef,
  PageRequest,
} from './domain/common.js';
export {
  ITEM_CATEGORIES,
  itemCategorySchema,
  ITEM_UNITS,
  itemUnitSchema,
  itemLineSchema,
} from './domain/item.js';
export type { ItemCategory, ItemUnit, ItemLine } from './domain/item.js';
export {
  ORGANISATION_KINDS,
  organisationKindSchema,
  organisationSchema,
} from './domain/organisation.js';
export type { OrganisationKind, Organisation } from './domain/organisation.js';
export { districtSchema } from './domain/district.js';
export type { District } from './domain/district.js';
export { roleLinkSchema, loginSchema, userSchema } from './domain/user.js';
export type { RoleLink, User } from './domain/user.js';
export {
  HOUSEHOLD_TYPES,
  householdTypeSchema,
  RISK_LEVELS,
  riskLevelSchema,
  DIETARY_TAGS,
  dietaryTagSchema,
  ALLERGENS,
  allergenSchema,
  addressSchema,
  contactSchema,
  householdInputSchema,
  householdChangesSchema,
  householdSchema,
  SENSITIVE_HOUSEHOLD_FIELDS,
  householdPublicSchema,
  redactHousehold,
} from './domain/household.js';
export type {
  HouseholdType,
  RiskLevel,
  DietaryTag,
  Allergen,
  Address,
  Contact,
  HouseholdInput,
  HouseholdChanges,
  Household,
  SensitiveHouseholdField,
  HouseholdPublic,
} from './domain/household.js';
export {
  CONSENT_SCOPES,
  consentScopeSchema,
  CONSENT_METHODS,
  consentMethodSchema,
  consentInputSchema,
  consentSchema,
} from './domain/consent.js';
export type { ConsentScope, ConsentMethod, ConsentInput, Consent } from './domain/consent.js';
export {
  PROGRAM_KINDS,
  programKindSchema,
  cadenceSchema,
  programInputSchema,
  programSchema,
} from './domain/program.js';
export type { ProgramKind, Cadence, ProgramInput, Program } from './domain/program.js';
export {
  ENROLMENT_STATUSES,
  enrolmentStatusSchema,
  ENROLMENT_END_REASONS,
  enrolmentSchema,
} from './domain/enrolment.js';
export type { EnrolmentStatus, Enrolment } from './domain/enrolment.js';
export {
  NEED_STATUSES,
  needStatusSchema,
  NEED_SOURCES,
  needSourceSchema,
  cycleKeySchema,
  needSchema,
} from './domain/need.js';
export type { NeedStatus, NeedSource, Need } from './domain/need.js';
export {
  DONATION_STATUSES,
  donationStatusSchema,
  DONATION_TRANSITIONS,
  canTransitionDonation,
  EXPIRY_KINDS,
  donationItemSchema,
  pickupSchema,
  donationRestrictionsSchema,
  donationStatusEntrySchema,
  donationInputSchema,
  donationSchema,
} from './domain/donation.js';
export type {
  DonationStatus,
  DonationItem,
  Pickup,
  DonationRestrictions,
  DonationStatusEntry,
  DonationInput,
  Donation,
} from './domain/donation.js';
export { depotSchema } from './domain/depot.js';
export type { Depot } from './domain/depot.js';
export { LOT_STATUSES, lotStatusSchema, lotSchema } from './domain/lot.js';
export type { LotStatus, Lot } from './domain/lot.js';
export { kitchenCapacitySchema } from './domain/kitchen-capacity.js';
export type { KitchenCapacity } from './domain/kitchen-capacity.js';
export {
  ALLOCATION_REASON_CODES,
  allocationReasonCodeSchema,
  allocationReasonSchema,
  allocationSourceSchema,
  ALLOCATION_STATUSES,
  allocationStatusSchema,
  allocationSchema,
  unmetNeedSchema,
  allocationRunSummarySchema,
} from './domain/allocation.js';
export type {
  AllocationReason,
  AllocationSource,
  AllocationStatus,
  Allocation,
  UnmetNeed,
  AllocationRunSummary,
} from './domain/allocation.js';
export {
  DELIVERY_ORDER_KINDS,
  deliveryOrderKindSchema,
  DELIVERY_ORDER_STATUSES,
  deliveryOrderStatusSchema,
  deliveryOrderSchema,
} from './domain/delivery-order.js';
export type {
  DeliveryOrderKind,
  DeliveryOrderStatus,
  DeliveryOrder,
} from './domain/delivery-order.js';
export {
  CARRIER_KINDS,
  carrierKindSchema,
  CARRIER_SKILLS,
  carrierSkillSchema,
  capacitySchema,
  carrierInputSchema,
  carrierChangesSchema,
  carrierSchema,
} from './domain/carrier.js';
export type {
  CarrierKind,
  CarrierSkill,
  Capacity,
  CarrierInput,
  CarrierChanges,
  Carrier,
} from './domain/carrier.js';
export {
  VEHICLE_KINDS,
  vehicleKindSchema,
  vehicleInputSchema,
  vehicleChangesSchema,
  vehicleSchema,
} from './domain/vehicle.js';
export type { VehicleKind, VehicleInput, VehicleChanges, Vehicle } from './domain/vehicle.js';
export { shiftInputSchema, shiftSchema, pickupSlotSchema } from './domain/shift.js';
export type { ShiftInput, Shift, PickupSlot } from './domain/shift.js';
export {
  PLANNING_RUN_STATUSES,
  planningRunStatusSchema,
  planningProgressSchema,
  planningRunSchema,
} from './domain/planning-run.js';
export type { PlanningRunStatus, PlanningProgress, PlanningRun } from './domain/planning-run.js';
export {
  PLAN_STATUSES,
  planStatusSchema,
  unassignedOrderSchema,
  planSchema,
} from './domain/plan.js';
export type { PlanStatus, UnassignedOrder, Plan } from './domain/plan.js';
export { routeSchema } from './domain/route.js';
export type { Route } from './domain/route.js';
export {
  STOP_STATUSES,
  stopStatusSchema,
  FINAL_STOP_STATUSES,
  STOP_TRANSITIONS,
  canTransitionStop,
  stopSchema,
  stopUpdateInputSchema,
  stopUpdateSchema,
} from './domain/stop.js';
export type { StopStatus, Stop, StopUpdateInput, StopUpdate } from './domain/stop.js';
export {
  welfareChecklistSchema,
  mealFeedbackSchema,
  visitReportInputSchema,
  visitReportSchema,
} from './domain/visit-report.js';
export type {
  WelfareChecklist,
  MealFeedback,
  VisitReportInput,
  VisitReport,
} from './domain/visit-report.js';
export {
  OBSERVATION_KINDS,
  observationKindSchema,
  OBSERVATION_SOURCES,
  welfareObservationSchema,
} from './domain/welfare-observation.js';
export type { ObservationKind, WelfareObservation } from './domain/welfare-observation.js';
export {
  SIGNAL_SOURCES,
  signalSourceSchema,
  SIGNAL_KINDS,
  signalKindSchema,
  checkInSignalInputSchema,
  SIGNAL_STATES,
  checkInSignalSchema,
} from './domain/check-in-signal.js';
export type {
  SignalSource,
  SignalKind,
  CheckInSignalInput,
  CheckInSignal,
} from './domain/check-in-signal.js';
export {
  ALERT_SEVERITIES,
  alertSeveritySchema,
  DEFAULT_ACK_DEADLINE_MINUTES,
  ALERT_STATUSES,
  alertStatusSchema,
  ALERT_TRANSITIONS,
  canTransitionAlert,
  ALERT_RESOLUTIONS,
  alertResolutionSchema,
  alertSchema,
} from './domain/alert.js';
export type { AlertSeverity, AlertStatus, AlertResolution, Alert } from './domain/alert.js';
export {
  NOTIFICATION_CHANNELS,
  notificationChannelSchema,
  NOTIFICATION_STATUSES,
  notificationSchema,
} from './domain/notification.js';
export type { NotificationChannel, Notification } from './domain/notification.js';
export { API_KEY_SCOPES, apiKeyScopeSchema, apiKeySchema } from './domain/api-key.js';
export type { ApiKeyScope, ApiKey } from './domain/api-key.js';
export { auditEntrySchema } from './domain/audit-entry.js';
export type { AuditEntry } from './domain/audit-entry.js';
