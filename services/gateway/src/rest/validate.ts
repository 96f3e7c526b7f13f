import type { z } from 'zod';
import { validator } from 'hono/validator';

import { toFieldIssues } from '@anbu/contracts';

import { restError } from './errors.js';

/**
 * Hono's validator with a contracts schema: the parsed value, or 400 naming each bad field
 * (`body.items.0.quantity`).
 * @example
 * app.post('/donations', validate('json', postDonationInput), (c) => c.req.valid('json'))
 */
export function validate<T extends z.ZodType, Target extends 'json' | 'query' | 'param'>(
  target: Target,
  schema: T,
) {
  return validator(target, async (value, c) => {
    const parsed = await schema.safeParseAsync(value);
    if (parsed.success) return parsed.data;
    const prefix = target === 'json' ? 'body' : target;
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
