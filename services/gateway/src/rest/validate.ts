import type { z } from 'zod';
import { validator } from 'hono/validator';

import { toFieldIssues } from '@anbu/contracts';

import { restError } from './errors.js';
import { unstorableTextPath } from './unstorable-text.js';

/**
 * Hono's validator with a contracts schema: the parsed value, or 400 naming each bad field
 * (`body.items.0.quantity`). Text PostgreSQL cannot store (NUL, lone surrogates) is a bad field too.
 * @example
 * app.post('/donations', validate('json', postDonationInput), (c) => c.req.valid('json'))
 */
export function validate<T extends z.ZodType, Target extends 'json' | 'query' | 'param'>(
  target: Target,
  schema: T,
) {
  return validator(target, async (value, c) => {
    const parsed = await schema.safeParseAsync(value);
    const prefix = target === 'json' ? 'body' : target;
    if (parsed.success) {
      const unstorable = unstorableTextPath(parsed.data);
      if (unstorable === undefined) return parsed.data;
      return restError(c, {
        status: 400,
        code: 'BAD_REQUEST',
        message: 'invalid input',
        fieldErrors: [
          {
            path: unstorable ? `${prefix}.${unstorable}` : prefix,
            message: 'text must not contain NUL characters or unpaired surrogates',
          },
        ],
      });
    }
    return restError(c, {
      status: 400,
      code: 'BAD_REQUEST',
      message: 'invalid input',
      fieldErrors: toFieldIssues(parsed.error).map((issue) => ({
        path: `${prefix}.${issue.path}`,
        message: issue.message,
      })),
    });
  });
}
