import { z } from 'zod';

/** OpenStreetMap's standard tiles: the default when `VITE_TILE_URL` is not set. */
export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/** The attribution OpenStreetMap's tile usage policy asks for. */
export const DEFAULT_TILE_ATTRIBUTION =
  '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

const envSchema = z.object({
  VITE_TILE_URL: z
    .string()
    .trim()
    .refine((url) => url.includes('{z}') && url.includes('{x}') && url.includes('{y}'), {
      message: 'VITE_TILE_URL must contain {z}, {x} and {y}',
    })
    .default(DEFAULT_TILE_URL),
  VITE_TILE_ATTRIBUTION: z.string().trim().min(1).default(DEFAULT_TILE_ATTRIBUTION),
  /** Where the gateway's tRPC endpoint is; same origin by default (the gateway serves the app). */
  VITE_TRPC_URL: z.string().trim().min(1).default('/trpc'),
});

/** The web app's configuration, read from Vite's `import.meta.env` at build time. */
export type WebEnv = Readonly<{
  tileUrl: string;
  tileAttribution: string;
  trpcUrl: string;
}>;

/**
 * Parses the Vite variables, naming the bad field when one is invalid.
 * @example parseEnv({ VITE_TILE_URL: 'https://tiles.example/{z}/{x}/{y}.png' })
 */
export function parseEnv(raw: Record<string, unknown>): WebEnv {
  // Empty strings are how an unset variable arrives through some CI and .env set-ups.
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`invalid web env ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  return Object.freeze({
    tileUrl: result.data.VITE_TILE_URL,
    tileAttribution: result.data.VITE_TILE_ATTRIBUTION,
    trpcUrl: result.data.VITE_TRPC_URL,
  });
}

/** The parsed configuration of this build. */
export const env: WebEnv = parseEnv(import.meta.env);
