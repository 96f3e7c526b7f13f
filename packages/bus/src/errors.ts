import type { FieldIssue, RpcErrorCode } from '@anbu/contracts';

/**
 * An error a service handler throws on purpose: it travels to the caller as `{ ok: false }`
 * with its code (anything else a handler throws becomes INTERNAL, with no details leaked).
 * @example
 * throw new RpcError('NOT_FOUND', `household ${id} not found`);
 */
export class RpcError extends Error {
  readonly code: RpcErrorCode;
  readonly issues: readonly FieldIssue[] | undefined;
  constructor(
    code: RpcErrorCode,
    message: string,
    options?: ErrorOptions & { issues?: readonly FieldIssue[] },
  ) {
    super(message, options);
    this.name = 'RpcError';
    this.code = code;
    this.issues = options?.issues;
  }
}

/** The remote side answered with an error; `code` and field `issues` come from its reply. */
export class RpcRemoteError extends Error {
  readonly subject: string;
  readonly code: RpcErrorCode;
  readonly issues: readonly FieldIssue[];
  constructor(
    details: {
      subject: string;
      code: RpcErrorCode;
      message: string;
      issues?: readonly FieldIssue[];
    },
    options?: ErrorOptions,
  ) {
    super(`${details.subject}: ${details.code}: ${details.message}`, options);
    this.name = 'RpcRemoteError';
    this.subject = details.subject;
    this.code = details.code;
    this.issues = details.issues ?? [];
  }
}

/** No reply within the timeout: the server is slow, stuck, or the reply was lost. */
export class RpcTimeoutError extends Error {
  readonly subject: string;
  readonly timeoutMs: number;
  constructor(details: { subject: string; timeoutMs: number }, options?: ErrorOptions) {
    super(`no reply from ${details.subject} within ${details.timeoutMs} ms`, options);
    this.name = 'RpcTimeoutError';
    this.subject = details.subject;
    this.timeoutMs = details.timeoutMs;
  }
}

/**
 * The broker did not acknowledge a publish in time (it is stalled or unreachable). The event may
 * or may not be stored: publish it again with the same envelope, the broker drops a duplicate id.
 */
export class PublishTimeoutError extends Error {
  readonly subject: string;
  readonly eventId: string;
  readonly timeoutMs: number;
  constructor(
    details: { subject: string; eventId: string; timeoutMs: number },
    options?: ErrorOptions,
  ) {
    super(
      `no acknowledgement of event ${details.eventId} on ${details.subject} within ${details.timeoutMs} ms`,
      options,
    );
    this.name = 'PublishTimeoutError';
    this.subject = details.subject;
    this.eventId = details.eventId;
    this.timeoutMs = details.timeoutMs;
  }
}

/** Nobody serves the subject (no replica of the service is running or connected). */
export class RpcNoRespondersError extends Error {
  readonly subject: string;
  constructor(subject: string, options?: ErrorOptions) {
    super(`no service replica is serving ${subject}`, options);
    this.name = 'RpcNoRespondersError';
    this.subject = subject;
  }
}

/** The server's reply does not match the RPC's output schema (a contract mismatch). */
export class InvalidReplyError extends Error {
  readonly subject: string;
  readonly issues: readonly FieldIssue[];
  constructor(subject: string, issues: readonly FieldIssue[], options?: ErrorOptions) {
    super(`reply of ${subject} does not match its schema`, options);
    this.name = 'InvalidReplyError';
    this.subject = subject;
    this.issues = issues;
  }
}

/** An event handed to `publish` is not a valid envelope, or its type does not match the subject. */
export class InvalidEventError extends Error {
  readonly subject: string;
  readonly issues: readonly FieldIssue[];
  constructor(subject: string, issues: readonly FieldIssue[], options?: ErrorOptions) {
    super(
      `invalid event for ${subject}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      options,
    );
    this.name = 'InvalidEventError';
    this.subject = subject;
    this.issues = issues;
  }
}

/** The bus was used after `close()`. */
export class BusClosedError extends Error {
  constructor(options?: ErrorOptions) {
    super('the bus is closed', options);
    this.name = 'BusClosedError';
  }
}

/** nats-server was not found for a throwaway test server. */
export class NatsServerNotFoundError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NatsServerNotFoundError';
  }
}

/** Every error class of `@anbu/bus`, for `instanceof` checks. */
export const errors = Object.freeze({
  RpcError,
  RpcRemoteError,
  RpcTimeoutError,
  RpcNoRespondersError,
  PublishTimeoutError,
  InvalidReplyError,
  InvalidEventError,
  BusClosedError,
  NatsServerNotFoundError,
});
