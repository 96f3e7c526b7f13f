import { z } from 'zod';

/** A point: `[lon, lat]` for the haversine geometry, `[x, y]` for the Euclidean one. */
export const LocationSchema = z.tuple([z.number(), z.number()]);

/** A closed interval `[start, end]` in seconds (or the instance's own time unit). */
export const TimeWindowSchema = z.tuple([z.number(), z.number()]);

/** Amounts in several dimensions (boxes, kg, chilled slots); all non-negative. */
export const AmountSchema = z.array(z.number().nonnegative());

const placeShape = {
  /** `[lon, lat]` (or `[x, y]`); either this or `locationIndex` is required. */
  location: LocationSchema.optional(),
  /** Row/column in the problem's `matrices`. */
  locationIndex: z.number().int().nonnegative().optional(),
  /** Service duration at the stop, seconds. */
  service: z.number().nonnegative().default(0),
  /** Allowed service start intervals; empty means always. */
  timeWindows: z.array(TimeWindowSchema).default([]),
  description: z.string().optional(),
};

/** A single-stop task: a delivery (loaded at the depot), a pickup (brought back), or both. */
export const JobSchema = z.object({
  id: z.number().int(),
  ...placeShape,
  delivery: AmountSchema.default([]),
  pickup: AmountSchema.default([]),
  skills: z.array(z.number().int()).default([]),
  /** 0–100; when not everything fits, the least urgent (lowest) is left out first. */
  priority: z.number().int().min(0).max(100).default(0),
  /** Continuity of care: vehicles that visited before; others cost `options.continuityCost`. */
  preferredVehicles: z.array(z.number().int()).default([]),
});

/** One end of a {@link ShipmentSchema}. */
export const ShipmentStepSchema = z.object({ id: z.number().int(), ...placeShape });

/** A pickup-and-delivery pair: same vehicle, pickup first. */
export const ShipmentSchema = z.object({
  pickup: ShipmentStepSchema,
  delivery: ShipmentStepSchema,
  amount: AmountSchema.default([]),
  skills: z.array(z.number().int()).default([]),
  priority: z.number().int().min(0).max(100).default(0),
  preferredVehicles: z.array(z.number().int()).default([]),
});

/** A break the driver must take inside one of its windows. */
export const BreakSchema = z.object({
  id: z.number().int(),
  timeWindows: z.array(TimeWindowSchema).min(1),
  service: z.number().nonnegative().default(0),
});

/** Costs of using a vehicle: fixed per route, per hour of travel, per km. */
export const VehicleCostsSchema = z.object({
  fixed: z.number().nonnegative().default(0),
  perHour: z.number().nonnegative().default(3600),
  perKm: z.number().nonnegative().default(0),
});

/** A carrier: depots, shift, capacity, skills, limits and costs. */
export const VehicleSchema = z.object({
  id: z.number().int(),
  /** Matrix / speed profile (`car`, `van`, `bike`, `foot`, `drone` …). */
  profile: z.string().default('car'),
  start: LocationSchema.optional(),
  startIndex: z.number().int().nonnegative().optional(),
  /** Omit both `end` and `endIndex` for an open route. */
  end: LocationSchema.optional(),
  endIndex: z.number().int().nonnegative().optional(),
  capacity: AmountSchema.default([]),
  skills: z.array(z.number().int()).default([]),
  /** Shift: leave the start no earlier, finish no later. */
  timeWindow: TimeWindowSchema.optional(),
  breaks: z.array(BreakSchema).default([]),
  /** Maximum travel time of the route, seconds. */
  maxTravelTime: z.number().nonnegative().optional(),
  /** Maximum travel distance of the route, metres. */
  maxDistance: z.number().nonnegative().optional(),
  /** Maximum number of stops on the route. */
  maxTasks: z.number().int().nonnegative().optional(),
  costs: VehicleCostsSchema.default({ fixed: 0, perHour: 3600, perKm: 0 }),
});

/** A square travel matrix for one profile. */
export const MatrixSchema = z.object({
  durations: z.array(z.array(z.number().nonnegative())),
  distances: z.array(z.array(z.number().nonnegative())).optional(),
});

/** How to read locations when no matrix is given. */
export const GeometrySchema = z.enum(['haversine', 'euclidean']);

/** What to minimise: plain cost, or vehicles first and then cost. */
export const ObjectiveSchema = z.enum(['cost', 'vehicles']);

/** Solver-independent modelling options. */
export const ProblemOptionsSchema = z.object({
  geometry: GeometrySchema.default('haversine'),
  /** Road distance over great-circle distance, for the haversine geometry. */
  circuityFactor: z.number().positive().default(1.3),
  /** Speed per profile, km/h (Euclidean: units per time unit). */
  speeds: z.record(z.string(), z.number().positive()).default({}),
  objective: ObjectiveSchema.default('cost'),
  /** Soft cost each time a job is served by a vehicle outside its `preferredVehicles`. */
  continuityCost: z.number().nonnegative().default(0),
  /** Balanced workloads: a convex penalty `weight × travelTime² / 3600` per route. */
  balanceWeight: z.number().nonnegative().default(0),
  /** Balanced workloads: a hard cap on stops per route, for every vehicle. */
  maxTasksPerRoute: z.number().int().positive().optional(),
});

/** A VROOM-shaped vehicle routing problem. */
export const RoutingProblemSchema = z.object({
  jobs: z.array(JobSchema).default([]),
  shipments: z.array(ShipmentSchema).default([]),
  vehicles: z.array(VehicleSchema).min(1),
  matrices: z.record(z.string(), MatrixSchema).optional(),
  options: ProblemOptionsSchema.default(ProblemOptionsSchema.parse({})),
});

export type Location = z.infer<typeof LocationSchema>;
export type TimeWindow = z.infer<typeof TimeWindowSchema>;
export type Job = z.infer<typeof JobSchema>;
export type ShipmentStep = z.infer<typeof ShipmentStepSchema>;
export type Shipment = z.infer<typeof ShipmentSchema>;
export type Break = z.infer<typeof BreakSchema>;
export type VehicleCosts = z.infer<typeof VehicleCostsSchema>;
export type Vehicle = z.infer<typeof VehicleSchema>;
export type Matrix = z.infer<typeof MatrixSchema>;
export type Geometry = z.infer<typeof GeometrySchema>;
export type Objective = z.infer<typeof ObjectiveSchema>;
export type ProblemOptions = z.infer<typeof ProblemOptionsSchema>;
export type RoutingProblem = z.infer<typeof RoutingProblemSchema>;
/** The problem as a caller may write it (defaults not yet applied). */
export type RoutingProblemInput = z.input<typeof RoutingProblemSchema>;
