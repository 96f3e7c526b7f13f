import type { z } from 'zod';
import fc from 'fast-check';

/**
 * fast-check arbitraries from zod 4 schemas, read from the schema's own definition
 * (`_zod.def` and its checks), for the bad-input suite. No maintained
 * zod→fast-check library supports zod 4 and fast-check 4 (zod-fast-check wants zod 3, fc < 4).
 *
 * `validOf` builds candidates from the structure and constraints and keeps those the schema
 * accepts (refinements it cannot see are filtered out); `invalidOf` builds a value that breaks
 * the schema at one known path.
 */

type Def = Readonly<Record<string, unknown>> & { readonly type: string };
export interface Internals {
  readonly _zod: { readonly def: Def };
}

const isSchema = (value: unknown): value is Internals =>
  typeof value === 'object' && value !== null && '_zod' in value;

function defOf(schema: Internals): Def {
  return schema._zod.def;
}

function child(schema: Internals, key: string): Internals {
  const value = defOf(schema)[key];
  if (!isSchema(value)) throw new TypeError(`${defOf(schema).type} has no schema at ${key}`);
  return value;
}

/** The constraints of a string, number or array schema, read from its definition and checks. */
interface Constraints {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  format?: string;
  pattern?: RegExp;
}

function constraintsOf(schema: Internals): Constraints {
  const out: Constraints = {};
  const read = (def: Readonly<Record<string, unknown>>) => {
    const { check } = def;
    if (typeof def['format'] === 'string') out.format = def['format'];
    if (def['pattern'] instanceof RegExp) out.pattern = def['pattern'];
    const value = def['value'];
    if (check === 'min_length' && typeof def['minimum'] === 'number') out.minimum = def['minimum'];
    if (check === 'max_length' && typeof def['maximum'] === 'number') out.maximum = def['maximum'];
    if (check === 'length_equals' && typeof def['length'] === 'number') {
      out.minimum = def['length'];
      out.maximum = def['length'];
    }
    if (check === 'greater_than' && typeof value === 'number') {
      out.minimum = value;
      out.exclusiveMinimum = def['inclusive'] !== true;
    }
    if (check === 'less_than' && typeof value === 'number') {
      out.maximum = value;
      out.exclusiveMaximum = def['inclusive'] !== true;
    }
  };
  const def = defOf(schema);
  read(def);
  for (const check of (def['checks'] as Internals[] | undefined) ?? []) read(check._zod.def);
  return out;
}

/** Removes optional/default/nullable/readonly wrappers (pipes go to their input). */
export function unwrap(schema: Internals): Internals {
  const { type } = defOf(schema);
  if (
    ['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(
      type,
    )
  ) {
    return unwrap(child(schema, 'innerType'));
  }
  if (type === 'pipe') return unwrap(child(schema, 'in'));
  if (type === 'lazy') return unwrap((defOf(schema)['getter'] as () => Internals)());
  return schema;
}

/** Whether an object key with this schema may be left out. */
export function isOptional(schema: Internals): boolean {
  const { type } = defOf(schema);
  if (type === 'optional' || type === 'default' || type === 'prefault') return true;
  if (type === 'nullable' || type === 'readonly') return isOptional(child(schema, 'innerType'));
  return false;
}

function stringArbitrary(schema: Internals): fc.Arbitrary<string> {
  const { minimum: min = 0, maximum, format, pattern } = constraintsOf(schema);
  const max = maximum ?? Math.max(min + 40, 40);
  switch (format) {
    case 'uuid':
    case 'guid':
      return fc.uuid({ version: 4 });
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'datetime':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    case 'url':
      return fc.webUrl();
    default:
  }
  if (pattern) return fc.stringMatching(pattern).filter((s) => s.length >= min && s.length <= max);
  return fc.oneof(
    fc.string({ minLength: min, maxLength: Math.min(max, min + 40) }),
    fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, min + 20) }),
    fc.constant('x'.repeat(Math.min(max, Math.max(min, 1)))),
  );
}

function numberArbitrary(schema: Internals): fc.Arbitrary<number> {
  const c = constraintsOf(schema);
  const integer = c.format !== undefined && c.format !== 'float32' && c.format !== 'float64';
  const min = Math.max(c.minimum ?? -1e9, -1e9);
  const max = Math.min(c.maximum ?? 1e9, 1e9);
  if (integer) {
    return fc.integer({
      min: Math.ceil(min) + (c.exclusiveMinimum && Number.isInteger(min) ? 1 : 0),
      max: Math.floor(max) - (c.exclusiveMaximum && Number.isInteger(max) ? 1 : 0),
    });
  }
  return fc.double({
    min,
    max,
    minExcluded: c.exclusiveMinimum === true,
    maxExcluded: c.exclusiveMaximum === true,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

/** Candidate values shaped like `schema` (most of them valid; see {@link validOf}). */
export function shapeOf(schema: Internals, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'number':
    case 'int':
      return numberArbitrary(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'any':
    case 'unknown':
      return depth > 3 ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
    case 'date':
      return fc.date({ noInvalidDate: true });
    case 'enum':
      return fc.constantFrom(...Object.values(def['entries'] as Record<string, string | number>));
    case 'literal':
      return fc.constantFrom(...(def['values'] as unknown[]));
    case 'optional':
      return fc.option(shapeOf(child(schema, 'innerType'), depth), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(shapeOf(child(schema, 'innerType'), depth), { nil: null, freq: 4 });
    case 'default':
    case 'prefault':
      return fc.option(shapeOf(child(schema, 'innerType'), depth), { nil: undefined, freq: 3 });
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return shapeOf(child(schema, 'innerType'), depth);
    case 'pipe':
      return shapeOf(child(schema, 'in'), depth);
    case 'lazy':
      return depth > 3 ? fc.constant(null) : shapeOf(unwrap(schema), depth + 1);
    case 'array': {
      const { minimum: min = 0, maximum } = constraintsOf(schema);
      const max = Math.min(maximum ?? min + 4, min + 4);
      return fc.array(shapeOf(child(schema, 'element'), depth + 1), {
        minLength: min,
        maxLength: max,
      });
    }
    case 'tuple':
      return fc.tuple(...(def['items'] as Internals[]).map((item) => shapeOf(item, depth + 1)));
    case 'record':
      return fc.dictionary(
        fc.string({ minLength: 1, maxLength: 8 }),
        shapeOf(child(schema, 'valueType'), depth + 1),
        { maxKeys: 3 },
      );
    case 'union':
      return fc.oneof(...(def['options'] as Internals[]).map((o) => shapeOf(o, depth + 1)));
    case 'intersection':
      return fc
        .tuple(shapeOf(child(schema, 'left'), depth), shapeOf(child(schema, 'right'), depth))
        .map(([a, b]) => ({ ...(a as object), ...(b as object) }));
    case 'object': {
      const shape = def['shape'] as Record<string, Internals>;
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(shape)) record[key] = shapeOf(value, depth + 1);
      return fc
        .record(record)
        .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    }
    default:
      throw new TypeError(`no arbitrary for zod type ${def.type}`);
  }
}

/** Values `schema` accepts. */
export function validOf(schema: z.ZodType): fc.Arbitrary<unknown> {
  return shapeOf(schema as unknown as Internals).filter((v) => schema.safeParse(v).success);
}

/** A value of the wrong kind for `schema` (never undefined: a missing key is its own case). */
export function wrongValueOf(schema: Internals): fc.Arbitrary<unknown> {
  const inner = unwrap(schema);
  const def = defOf(inner);
  const c = constraintsOf(inner);
  const wrongType = fc.constantFrom<unknown>(
    ...(def.type === 'string' ? [42, true, {}, []] : []),
    ...(def.type === 'number' || def.type === 'int' ? ['12', true, {}, 'NaN'] : []),
    ...(def.type === 'boolean' ? ['yes', 1, {}] : []),
    ...(def.type === 'object' ? ['an object', 7, [], true] : []),
    ...(def.type === 'array' ? ['a list', 7, {}] : []),
    ...(def.type === 'enum' || def.type === 'literal' ? ['¬ one of them', 12345, {}] : []),
    ...(['string', 'number', 'int', 'boolean', 'object', 'array', 'enum', 'literal'].includes(
      def.type,
    )
      ? []
      : [Symbol.for('unsupported')]),
  );
  const special: fc.Arbitrary<unknown>[] = [];
  const { maximum: max, minimum: min } = c;
  if (def.type === 'string' && max !== undefined) special.push(fc.constant('y'.repeat(max + 1)));
  if (def.type === 'string' && min !== undefined && min > 0) special.push(fc.constant(''));
  if (def.type === 'string' && c.format !== undefined) special.push(fc.constant('not-a-format'));
  if ((def.type === 'number' || def.type === 'int') && max !== undefined && max < 1e15) {
    special.push(fc.constant(max + 1));
  }
  if ((def.type === 'number' || def.type === 'int') && min !== undefined && min > -1e15) {
    special.push(fc.constant(min - 1));
  }
  if (def.type === 'number' && c.format !== undefined) special.push(fc.constant(0.5));
  if (def.type === 'array' && max !== undefined && max < 200) {
    special.push(fc.constant(Array.from({ length: max + 1 }, () => null)));
  }
  return fc.oneof(wrongType, ...special).filter((v) => typeof v !== 'symbol');
}
