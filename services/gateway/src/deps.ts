import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { Logger } from '@anbu/db';

import type { LoginThrottlePolicy } from './auth/login-throttle.js';
import type { GatewayTables } from './db/schema.js';
import { DEFAULT_LOGIN_THROTTLE } from './auth/login-throttle.js';
import { DEFAULT_SESSION_TTL_MS } from './auth/sessions.js';
import { DEFAULT_HEALTH_TIMEOUT_MS } from './health/check-services.js';

/** What the gateway is built from; everything else has a default. */
export interface GatewayOptions {
  /** A Kysely bound to the `gateway` schema (`handle.forSchema('gateway')`). */
  readonly db: Kysely<GatewayTables>;
  readonly bus: Bus;
  readonly log: Logger;
  /** The built web app (`web/dist`); `/` explains how to build it when the folder is missing. */
  readonly webDistDir?: string | undefined;
  /** Mark the session cookie `Secure` (behind HTTPS). */
  readonly cookieSecure?: boolean | undefined;
  readonly sessionTtlMs?: number | undefined;
  /** Take the client address from `X-Forwarded-For` (only behind a trusted proxy). */
  readonly trustProxy?: boolean | undefined;
  readonly loginThrottle?: LoginThrottlePolicy | undefined;
  /** How long `/healthz` waits for each service. */
  readonly healthTimeoutMs?: number | undefined;
  /** Largest request body in bytes. */
  readonly maxBodyBytes?: number | undefined;
  /** Requests per minute per client address on sign-in, and per API key on the REST API. */
  readonly rateLimits?: RateLimits | undefined;
  /** The clock; tests pass a fixed one. */
  readonly now?: (() => Date) | undefined;
}

/** Request budgets per minute. */
export interface RateLimits {
  /** `auth.login` calls per client address. */
  readonly loginPerMinute: number;
  /** REST calls per API key (or address, before the key is known). */
  readonly restPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = Object.freeze({
  loginPerMinute: 30,
  restPerMinute: 600,
});

/** {@link GatewayOptions} with every default filled in. */
export interface GatewayDeps {
  readonly db: Kysely<GatewayTables>;
  readonly bus: Bus;
  readonly log: Logger;
  readonly webDistDir: string | undefined;
  readonly cookieSecure: boolean;
  readonly sessionTtlMs: number;
  readonly trustProxy: boolean;
  readonly loginThrottle: LoginThrottlePolicy;
  readonly healthTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly rateLimits: RateLimits;
  readonly now: () => Date;
}

/** Largest request body by default: enough for a batch of visit reports, not for abuse. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Fills in the defaults of {@link GatewayOptions}. */
export function resolveDeps(options: GatewayOptions): GatewayDeps {
  return Object.freeze({
    db: options.db,
    bus: options.bus,
    log: options.log,
    webDistDir: options.webDistDir,
    cookieSecure: options.cookieSecure ?? false,
    sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    trustProxy: options.trustProxy ?? false,
    loginThrottle: options.loginThrottle ?? DEFAULT_LOGIN_THROTTLE,
    healthTimeoutMs: options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    rateLimits: options.rateLimits ?? DEFAULT_RATE_LIMITS,
    now: options.now ?? (() => new Date()),
  });
}
