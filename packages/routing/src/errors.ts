/** The problem given to the solver is invalid; `path` names the offending field. */
export class InvalidProblemError extends Error {
  override readonly name = 'InvalidProblemError';
  /** Field path such as `jobs[3].timeWindows[0]`. */
  readonly path: string;

  constructor(path: string, detail: string, options?: ErrorOptions) {
    super(`${path}: ${detail}`, options);
    this.path = path;
  }
}

/** The solve was cancelled through its `AbortSignal` before any plan existed. */
export class SolveAbortedError extends Error {
  override readonly name = 'SolveAbortedError';

  constructor(options?: ErrorOptions) {
    super('solve aborted', options);
  }
}

/** A file given to the CLI could not be read as the announced format. */
export class InputFormatError extends Error {
  override readonly name = 'InputFormatError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** Every error class of the package, for `instanceof` checks. */
export const errors = { InvalidProblemError, SolveAbortedError, InputFormatError } as const;
