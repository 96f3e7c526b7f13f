import { divIcon } from 'leaflet';
import type { DivIcon } from 'leaflet';

import type { StopStatus } from './stop-status.js';

const cache = new Map<string, DivIcon>();

/**
 * The marker of a stop: a dot in its status colour (CSS `stop-marker--<status>`), with its
 * visiting order inside when it belongs to a route. Icons are cached: thousands of stops share
 * a handful of them.
 */
export function stopIcon({ status, order }: { status: StopStatus; order?: number | undefined }): DivIcon {
  const key = `${status}:${order ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const size = order === undefined ? 14 : 22;
  const icon = divIcon({
    className: `stop-marker stop-marker--${status}${order === undefined ? '' : ' stop-marker--numbered'}`,
    html: order === undefined ? '' : `<span>${order}</span>`,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });
  cache.set(key, icon);
  return icon;
}
