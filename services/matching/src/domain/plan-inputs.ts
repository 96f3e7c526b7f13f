import type {
  AllocationReason,
  AllocationSource,
  Coordinates,
  DonationRestrictions,
  HouseholdType,
  ItemCategory,
  ItemUnit,
  RpcOutput,
  StorageClass,
  UnmetNeed,
} from '@anbu/contracts';
import type { getMatchingProfiles } from '@anbu/contracts/rpc';

/** What households tells the matcher about a household. */
export type MatchingProfile = RpcOutput<typeof getMatchingProfiles>['profiles'][number];

/** An open need as the matcher's view holds it, with the units still missing. */
export interface OpenNeed {
  readonly needId: string;
  readonly householdId: string;
  readonly districtCode: string;
  readonly category: ItemCategory;
  readonly unit: ItemUnit;
  /** Units still missing (asked minus already allocated). */
  readonly quantity: number;
  readonly storageClass?: StorageClass | undefined;
  readonly deadline: string;
  readonly priority: number;
  /** The Seoul day the need was filed; waiting time counts from it. */
  readonly filedOn?: string | undefined;
}

/** A lot in stock with the units not yet promised. */
export interface StockLot {
  readonly lotId: string;
  readonly depotId: string;
  readonly category: ItemCategory;
  readonly unit: ItemUnit;
  /** Units not yet allocated. */
  readonly quantity: number;
  readonly storageClass: StorageClass;
  readonly expiresOn?: string | undefined;
  readonly restrictions: Pick<DonationRestrictions, 'householdTypes' | 'districtCodes'>;
}

/** One day of a kitchen's cooking capacity with the boxes not yet promised. */
export interface KitchenDay {
  readonly kitchenOrganisationId: string;
  readonly date: string;
  readonly depotId: string;
  readonly category: ItemCategory;
  readonly storageClass: StorageClass;
  /** Boxes not yet allocated. */
  readonly boxes: number;
}

/** Everything one allocation run reads. */
export interface PlanInput {
  /** The run's day, Asia/Seoul: lots expiring before it are never used. */
  readonly today: string;
  readonly needs: readonly OpenNeed[];
  readonly lots: readonly StockLot[];
  readonly kitchenDays: readonly KitchenDay[];
  readonly profiles: ReadonlyMap<string, MatchingProfile>;
  readonly depots: ReadonlyMap<string, Coordinates>;
}

/** Units of one source promised to one need, with why. */
export interface PlannedAllocation {
  readonly needId: string;
  readonly householdId: string;
  readonly districtCode: string;
  readonly source: AllocationSource;
  /** The cooking day of a kitchen source. */
  readonly kitchenDate?: string | undefined;
  readonly category: ItemCategory;
  readonly unit: ItemUnit;
  readonly storageClass: StorageClass;
  readonly quantity: number;
  readonly deliverBy: string;
  readonly priority: number;
  readonly reasons: readonly AllocationReason[];
}

/** The outcome of planning one run (nothing stored yet). */
export interface AllocationPlan {
  readonly allocations: readonly PlannedAllocation[];
  readonly unmet: readonly UnmetNeed[];
  readonly needsConsidered: number;
  readonly lotsConsidered: number;
  readonly unitsAllocated: number;
  readonly fillRate: number;
  readonly fairnessSpread: number;
  readonly unitsExpiringUnallocated: number;
}

/** Household types counted as having children (donor restriction `childrenOnly`). */
export const TYPES_WITH_CHILDREN: readonly HouseholdType[] = [
  'child_headed',
  'single_parent',
  'multi_child',
];
