/** A notification could not be delivered (the send is retried with backoff). */
export class NotifyError extends Error {
  override readonly name = 'NotifyError';
  /** The HTTP status of a webhook that answered with an error. */
  readonly status: number | undefined;

  constructor(message: string, options: ErrorOptions & { status?: number } = {}) {
    super(message, options);
    this.status = options.status;
  }
}

/** Every error class of the care service, for `instanceof` checks. */
export const errors = { NotifyError } as const;
