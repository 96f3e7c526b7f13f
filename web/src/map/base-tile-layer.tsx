import { useRef } from 'react';
import { TileLayer } from 'react-leaflet';

/**
 * The background tiles. Reports whether tiles load: unavailable after the first failures with
 * no success yet, available again as soon as one tile arrives.
 */
export function BaseTileLayer({
  url,
  attribution,
  onAvailabilityChange,
}: {
  url: string;
  attribution: string;
  onAvailabilityChange: (available: boolean) => void;
}) {
  const state = useRef({ loaded: 0, failed: 0 });
  return (
    <TileLayer
      url={url}
      attribution={attribution}
      crossOrigin
      eventHandlers={{
        tileload: () => {
          state.current.loaded += 1;
          if (state.current.loaded === 1) onAvailabilityChange(true);
        },
        tileerror: () => {
          state.current.failed += 1;
          // One failure can be a fluke; several with no success means the tiles are out of reach.
          if (state.current.loaded === 0 && state.current.failed === 3) onAvailabilityChange(false);
        },
      }}
    />
  );
}
