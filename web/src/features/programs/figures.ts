import type { AlertSeverity, DeliveryOrderStatus } from '@anbu/contracts';

/** One district's row of the figures table. */
export interface DistrictFigures {
  readonly districtCode: string;
  readonly orders: number;
  readonly done: number;
  readonly failed: number;
  /** Done out of the orders that are due (not cancelled), 0…100, one decimal. */
  readonly fillRate: number;
  readonly alerts: number;
}

/** Orders and alerts counted per district, sorted by district code. */
export function figuresByDistrict({
  orders,
  alerts,
}: {
  orders: readonly { districtCode: string; status: DeliveryOrderStatus }[];
  alerts: readonly { districtCode: string }[];
}): DistrictFigures[] {
  const rows = new Map<string, { orders: number; done: number; failed: number; alerts: number }>();
  const row = (code: string) => {
    const existing = rows.get(code);
    if (existing) return existing;
    const fresh = { orders: 0, done: 0, failed: 0, alerts: 0 };
    rows.set(code, fresh);
    return fresh;
  };
  for (const order of orders) {
    if (order.status === 'cancelled') continue;
    const r = row(order.districtCode);
    r.orders += 1;
    if (order.status === 'done') r.done += 1;
    if (order.status === 'failed') r.failed += 1;
  }
  for (const alert of alerts) row(alert.districtCode).alerts += 1;
  return [...rows]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([districtCode, r]) => ({
      districtCode,
      ...r,
      fillRate: r.orders === 0 ? 0 : Math.round((1000 * r.done) / r.orders) / 10,
    }));
}

/** Alerts counted by severity and whether they are still open. */
export function alertsBySeverity(
  alerts: readonly { severity: AlertSeverity; status: string }[],
): { severity: AlertSeverity; open: number; resolved: number }[] {
  const order: AlertSeverity[] = ['critical', 'high', 'medium', 'low'];
  return order.map((severity) => {
    const of = alerts.filter((a) => a.severity === severity);
    const resolved = of.filter((a) => a.status === 'resolved').length;
    return { severity, open: of.length - resolved, resolved };
  });
}

/** A CSV document (RFC 4180: quoted where needed, CRLF line ends) with a BOM so Excel reads Korean. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `\uFEFF${[header, ...rows].map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}
