/** OpenStreetMap's standard tiles: the default when `VITE_TILE_URL` is not set. */
export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/** The attribution OpenStreetMap's tile usage policy asks for. */
export const DEFAULT_TILE_ATTRIBUTION =
  '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/** Where the gateway's tRPC endpoint is: same origin by default (the gateway serves the app). */
export const DEFAULT_TRPC_URL = '/trpc';

/** The web app's configuration, read from Vite's `import.meta.env` at build time. */
export type WebEnv = Readonly<{
  tileUrl: string;
  tileAttribution: string;
  trpcUrl: string;
}>;

/** A set, non-blank string variable, trimmed; undefined when unset or blank. */
function text(raw: Record<string, unknown>, name: string): string | undefined {
  const value = raw[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`invalid web env ${name}: expected a non-empty string`);
  }
  return value.trim();
}

/**
 * Parses the Vite variables, naming the bad one when it is invalid. (Three strings do not
 * warrant zod in the first bundle every visitor downloads.)
 * @example parseEnv({ VITE_TILE_URL: 'https://tiles.example/{z}/{x}/{y}.png' })
 */
export function parseEnv(raw: Record<string, unknown>): WebEnv {
  const tileUrl = text(raw, 'VITE_TILE_URL') ?? DEFAULT_TILE_URL;
  if (!['{z}', '{x}', '{y}'].every((placeholder) => tileUrl.includes(placeholder))) {
    throw new Error('invalid web env VITE_TILE_URL: it must contain {z}, {x} and {y}');
  }
  return Object.freeze({
    tileUrl,
    tileAttribution: text(raw, 'VITE_TILE_ATTRIBUTION') ?? DEFAULT_TILE_ATTRIBUTION,
    trpcUrl: text(raw, 'VITE_TRPC_URL') ?? DEFAULT_TRPC_URL,
  });
}

/** The parsed configuration of this build. */
export const env: WebEnv = parseEnv(import.meta.env);
