import type { Donation, DonationStatus } from '@anbu/contracts';

/** One month of the impact chart: units by where they ended up. */
export interface ImpactMonth {
  /** `YYYY-MM`, in Korea. */
  readonly month: string;
  readonly delivered: number;
  readonly inProgress: number;
  readonly lost: number;
}

const LOST: ReadonlySet<DonationStatus> = new Set(['rejected', 'expired', 'written_off']);

/** Units of each month's donations (by posting month in Korea): delivered, on the way, lost. */
export function impactByMonth(
  donations: readonly Pick<Donation, 'createdAt' | 'status' | 'items'>[],
): ImpactMonth[] {
  const months = new Map<string, { delivered: number; inProgress: number; lost: number }>();
  for (const donation of donations) {
    const month = new Date(Date.parse(donation.createdAt) + 9 * 3_600_000)
      .toISOString()
      .slice(0, 7);
    const units = donation.items.reduce((sum, item) => sum + item.quantity, 0);
    const row = months.get(month) ?? { delivered: 0, inProgress: 0, lost: 0 };
    if (donation.status === 'delivered') row.delivered += units;
    else if (LOST.has(donation.status)) row.lost += units;
    else row.inProgress += units;
    months.set(month, row);
  }
  return [...months]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, row]) => ({ month, ...row }));
}
