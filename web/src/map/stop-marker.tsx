import { useTranslation } from 'react-i18next';
import { Marker, Tooltip } from 'react-leaflet';

import type { LatLngTuple } from './geometry.js';
import type { MapStopStatus } from './stop-status.js';
import { stopIcon } from './stop-icon.js';

/** One stop on the map, coloured by status, numbered by its place in the route. */
export function StopMarker({
  position,
  status,
  order,
  label,
  ring,
  onSelect,
}: {
  position: LatLngTuple;
  status: MapStopStatus;
  order?: number | undefined;
  /** What the stop is, in words that may be shown to this user (never a recipient's name for partners). */
  label: string;
  /** Outline colour (the route's); white by default. */
  ring?: string | undefined;
  onSelect?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const statusText = t(`map.stopStatus.${status}`);
  const orderText = order === undefined ? '' : `${t('map.stopOrder', { order })} · `;
  return (
    <Marker
      position={[position[0], position[1]]}
      icon={stopIcon({ status, order, ring })}
      title={`${orderText}${label} · ${statusText}`}
      alt={label}
      eventHandlers={onSelect ? { click: onSelect } : {}}
    >
      <Tooltip direction="top" offset={[0, -10]}>
        {orderText}
        {label}
        <br />
        {statusText}
      </Tooltip>
    </Marker>
  );
}
