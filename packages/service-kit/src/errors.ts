/** A service could not start (its migrations failed, or its `start` threw). */
export class ServiceStartError extends Error {
  readonly service: string;
  constructor(service: string, message: string, options?: ErrorOptions) {
    super(`${service}: ${message}`, options);
    this.name = 'ServiceStartError';
    this.service = service;
  }
}

/** The process environment is missing a variable or has an invalid one (named in the message). */
export class EnvError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EnvError';
  }
}

/** Every error class of `@anbu/service-kit`, for `instanceof` checks. */
export const errors = Object.freeze({ ServiceStartError, EnvError });
