/**
 * The states of a stop that the map colours. They follow the dispatch issue (planned, arrived,
 * delivered, not at home, failed, unassigned); when `@anbu/contracts` gains its stop schema,
 * this list should be replaced by that schema's enum.
 */
export const STOP_STATUSES = [
  'planned',
  'arrived',
  'delivered',
  'not_home',
  'failed',
  'unassigned',
] as const;
/** A stop's state; its colour and shape are the CSS classes `stop-marker--<status>` (map.css). */
export type StopStatus = (typeof STOP_STATUSES)[number];

/**
 * Route colours, in order: distinct hues of similar weight, readable on the pale base map and on
 * OpenStreetMap tiles. Routes beyond the palette reuse it in order.
 */
export const ROUTE_PALETTE = [
  '#1d4ed8',
  '#c2410c',
  '#047857',
  '#7c3aed',
  '#be185d',
  '#0e7490',
  '#a16207',
  '#4d7c0f',
  '#9f1239',
  '#1e40af',
] as const;

/** The colour of the `index`-th route (0-based). */
export function routeColour(index: number): string {
  const size = ROUTE_PALETTE.length;
  return ROUTE_PALETTE[((index % size) + size) % size] ?? ROUTE_PALETTE[0];
}
