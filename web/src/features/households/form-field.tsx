import type { ReactNode } from 'react';

/** What a control needs to tie itself to its label and error. */
export interface ControlProps {
  readonly id: string;
  readonly invalid: boolean;
  readonly describedBy?: string;
}

/**
 * A labelled control with its error message under it. `id` is unique per form field; the
 * control gets `aria-invalid` and `aria-describedby` through {@link ControlProps}.
 */
export function FormField({
  id,
  label,
  message,
  children,
}: {
  id: string;
  label: string;
  message: string | undefined;
  children: (props: ControlProps) => ReactNode;
}) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        invalid: message !== undefined,
        ...(message ? { describedBy: `${id}-error` } : {}),
      })}
      {message && (
        <span id={`${id}-error`} className="field__error">
          {message}
        </span>
      )}
    </div>
  );
}

/** The messages of a form by field path: our checks first, then the gateway's field errors. */
export function fieldMessages({
  problems,
  server,
  describe,
}: {
  problems: Readonly<Record<string, string>>;
  server: Readonly<Record<string, string>>;
  describe: (path: string, problem: string | undefined) => string;
}): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const path of Object.keys(server)) messages[path] = describe(path, undefined);
  for (const [path, problem] of Object.entries(problems)) messages[path] = describe(path, problem);
  return messages;
}
