import type { DemoRoad } from '../types.js';

type Path = readonly (readonly [number, number])[];

/** A few main roads as `[lat, lng]` waypoints, enough for the map to read as a city. */
const ROADS: readonly { name: string; nameEn: string; path: Path }[] = [
  {
    name: '익산대로',
    nameEn: 'Iksan-daero',
    path: [
      [35.882, 126.99],
      [35.905, 126.985],
      [35.93, 126.965],
      [35.943, 126.952],
      [35.957, 126.947],
      [35.985, 126.945],
      [36.011, 126.945],
      [36.045, 126.955],
      [36.078, 126.964],
      [36.105, 126.97],
    ],
  },
  {
    name: '무왕로',
    nameEn: 'Muwang-ro',
    path: [
      [35.949, 126.905],
      [35.949, 126.932],
      [35.95, 126.96],
      [35.96, 126.971],
      [35.965, 126.986],
      [35.97, 127.02],
      [35.97, 127.06],
      [35.975, 127.095],
    ],
  },
  {
    name: '인북로',
    nameEn: 'Inbuk-ro',
    path: [
      [35.937, 126.915],
      [35.937, 126.934],
      [35.935, 126.947],
      [35.939, 126.958],
      [35.93, 126.965],
      [35.92, 126.985],
    ],
  },
  {
    name: '선화로',
    nameEn: 'Seonhwa-ro',
    path: [
      [35.974, 126.974],
      [35.985, 127.0],
      [36.001, 127.048],
      [36.03, 127.07],
      [36.055, 127.085],
      [36.08, 127.11],
    ],
  },
  {
    name: '호남고속도로',
    nameEn: 'Honam Expressway',
    path: [
      [35.878, 127.03],
      [35.92, 127.04],
      [35.97, 127.075],
      [36.02, 127.09],
      [36.06, 127.1],
      [36.1, 127.11],
    ],
  },
];

/** The main roads as GeoJSON lines (`[lng, lat]`). */
export function buildRoads(): DemoRoad[] {
  return ROADS.map((road) => ({
    name: road.name,
    nameEn: road.nameEn,
    line: { type: 'LineString', coordinates: road.path.map(([lat, lng]) => [lng, lat] as const) },
  }));
}
