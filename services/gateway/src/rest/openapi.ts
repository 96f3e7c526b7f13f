import { z } from 'zod';

import { fieldIssueSchema } from '@anbu/contracts';

/** One partner REST route, described by the same schemas that validate it. */
export interface RestRouteSpec {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style, relative to `/api/v1`: `/donations/{id}`. */
  readonly path: string;
  readonly summary: string;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  /** The success status (200, or 201 for a creation). */
  readonly status?: 200 | 201;
  /** The operation's id in the document, for links (`getDonation`). */
  readonly operationId?: string;
  /**
   * OpenAPI links of the success response: operations that take a value of it, e.g.
   * `{ getDonation: { operationId: 'getDonation', parameters: { id: '$response.body#/id' } } }`,
   * so that stateful testing (schemathesis) follows a created object to its id routes.
   */
  readonly links?: Readonly<
    Record<string, { operationId: string; parameters: Readonly<Record<string, string>> }>
  >;
}

const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fieldErrors: z.array(fieldIssueSchema).optional(),
  }),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  // Transforms and refinements have no JSON Schema; describe what can be described.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

function parameters(where: 'path' | 'query', schema: z.ZodObject | undefined) {
  if (!schema) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => ({
    name,
    in: where,
    required: where === 'path' || !field.safeParse(undefined).success,
    schema: jsonSchema(field, 'input'),
  }));
}

const MUTATING = new Set(['post', 'put', 'patch', 'delete']);

function operation(spec: RestRouteSpec) {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: jsonSchema(errorBodySchema, 'output') } },
  });
  const idempotencyHeader = {
    name: 'Idempotency-Key',
    in: 'header',
    required: true,
    description:
      'Repeating a request with the same key and body has the effect of one request and gets the first answer again; the same key with another body is refused with 422. Keys are scoped to your API key and do not expire: use a new key for each new request.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,200}$' },
  };
  return {
    ...(spec.operationId ? { operationId: spec.operationId } : {}),
    summary: spec.summary,
    parameters: [
      ...parameters('path', spec.params),
      ...parameters('query', spec.query),
      ...(MUTATING.has(spec.method) ? [idempotencyHeader] : []),
    ],
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [String(spec.status ?? 200)]: {
        description: 'success',
        content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } },
        ...(spec.links ? { links: spec.links } : {}),
      },
      '400': error('invalid input; `fieldErrors` names each bad field'),
      '401': error('no valid API key'),
      '403': error(
        "not allowed for this key; also another organisation's object or an id that does not exist (the same answer for both)",
      ),
      '404': error('not found (e.g. a pickup slot that is not on offer)'),
      ...(MUTATING.has(spec.method)
        ? {
            '409': error('conflicts with the current state (e.g. a donation not accepted yet)'),
            '422': error('the Idempotency-Key was used before with another request'),
          }
        : {}),
      '500': error('internal error'),
    },
  };
}

/** The OpenAPI 3.1 document of the partner REST API, derived from the routes' zod schemas. */
export function openApiDocument(routes: readonly RestRouteSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    paths[spec.path] = { ...paths[spec.path], [spec.method]: operation(spec) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Anbu partner API',
      version: '1',
      description:
        'For partner organisations: post donations and follow them to delivery. For check-in feeds: post welfare check-in signals.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'anbu_…' } },
    },
    security: [{ apiKey: [] }],
    paths,
  };
}
