/**
 * @module center/http/openapi/json-schema-check
 * A small JSON Schema (draft 2020-12) validator for the subset the OpenAPI document emits: what
 * `z.toJSONSchema` writes for the center's zod schemas plus the few hand-written GeoJSON and error
 * schemas. It lets the tests check real responses against the document without a dependency (the
 * only validator in node_modules is eslint's ajv 6, which reads draft-07 only). A keyword outside
 * the subset is an error, not a silent pass, so the document cannot drift into keywords this does
 * not check.
 */

/** A JSON Schema object (or a boolean schema). */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/** One place where a value breaks its schema. */
export type SchemaViolation = { readonly path: string; readonly message: string };

/** Keywords that only annotate: they never refuse a value. */
const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'default',
  'examples',
  'format',
  'deprecated',
  'readOnly',
  'writeOnly',
  'contentMediaType',
  'contentEncoding',
]);

const CHECKED = new Set([
  '$ref',
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'minProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'anyOf',
  'oneOf',
  'allOf',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
]);

/** Keywords a schema uses that this checker does not know (empty when it can check every one). */
export function unsupportedKeywords(schema: JsonSchema): string[] {
  const found = new Set<string>();
  const walk = (s: unknown): void => {
    if (typeof s !== 'object' || s === null) return;
    if (Array.isArray(s)) return s.forEach(walk);
    for (const [k, v] of Object.entries(s)) {
      if (k.startsWith('x-')) continue;
      if (!CHECKED.has(k) && !ANNOTATIONS.has(k)) found.add(k);
      if (k === 'properties' && typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
      else if (!ANNOTATIONS.has(k) && k !== 'enum' && k !== 'const') walk(v);
    }
  };
  walk(schema);
  return [...found].sort();
}

const typeOf = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
};

const hasType = (v: unknown, t: string): boolean =>
  t === 'integer' ? typeof v === 'number' && Number.isInteger(v) : typeOf(v) === t;

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** Resolve a local JSON pointer (`#/components/schemas/X`) against the root document. */
export function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) throw new Error(`only local $refs are supported: ${ref}`);
  let at: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof at !== 'object' || at === null || !(key in at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/**
 * Check `value` against `schema`; `$ref`s resolve against `root` (the whole OpenAPI document).
 * Returns every violation found (empty when the value conforms).
 */
export function checkJsonSchema(
  value: unknown,
  schema: JsonSchema,
  root: unknown = schema,
): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  check(value, schema, root, '', out);
  return out;
}

function check(v: unknown, schema: JsonSchema, root: unknown, path: string, out: SchemaViolation[]): void {
  if (schema === true) return;
  if (schema === false) return void out.push({ path, message: 'no value is allowed here' });
  const s = schema;
  const fail = (message: string): void => void out.push({ path, message });
  for (const k of Object.keys(s)) {
    if (!CHECKED.has(k) && !ANNOTATIONS.has(k) && !k.startsWith('x-')) fail(`unsupported keyword ${k}`);
  }
  if (typeof s['$ref'] === 'string') {
    const target = resolvePointer(root, s['$ref']);
    if (target === undefined) fail(`unresolved $ref ${s['$ref']}`);
    else check(v, target as JsonSchema, root, path, out);
  }
  if (s['type'] !== undefined) {
    const types = Array.isArray(s['type']) ? (s['type'] as string[]) : [s['type'] as string];
    if (!types.some((t) => hasType(v, t))) return fail(`expected ${types.join(' or ')}, got ${typeOf(v)}`);
  }
  if (Array.isArray(s['enum']) && !s['enum'].some((e) => deepEqual(e, v))) {
    fail(`expected one of ${JSON.stringify(s['enum'])}`);
  }
  if ('const' in s && !deepEqual(s['const'], v)) fail(`expected ${JSON.stringify(s['const'])}`);
  checkCombinators(v, s, root, path, out);
  if (typeof v === 'number') checkNumber(v, s, fail);
  if (typeof v === 'string') checkString(v, s, fail);
  if (Array.isArray(v)) checkArray(v, s, root, path, out);
  else if (typeof v === 'object' && v !== null) checkObject(v as Record<string, unknown>, s, root, path, out);
}

function checkCombinators(
  v: unknown,
  s: { readonly [k: string]: unknown },
  root: unknown,
  path: string,
  out: SchemaViolation[],
): void {
  const passes = (sub: JsonSchema): boolean => checkJsonSchema(v, sub, root).length === 0;
  if (Array.isArray(s['allOf'])) for (const sub of s['allOf'] as JsonSchema[]) check(v, sub, root, path, out);
  if (Array.isArray(s['anyOf']) && !(s['anyOf'] as JsonSchema[]).some(passes)) {
    const why = (s['anyOf'] as JsonSchema[]).map((sub) => checkJsonSchema(v, sub, root)[0]?.message);
    out.push({ path, message: `matches no anyOf branch (${why.join('; ')})` });
  }
  if (Array.isArray(s['oneOf'])) {
    const n = (s['oneOf'] as JsonSchema[]).filter(passes).length;
    if (n !== 1) out.push({ path, message: `matches ${n} oneOf branches, not exactly 1` });
  }
}

function checkNumber(v: number, s: { readonly [k: string]: unknown }, fail: (m: string) => void): void {
  const n = (k: string): number | undefined => (typeof s[k] === 'number' ? (s[k] as number) : undefined);
  const min = n('minimum');
  const max = n('maximum');
  const xmin = n('exclusiveMinimum');
  const xmax = n('exclusiveMaximum');
  if (min !== undefined && v < min) fail(`${v} < minimum ${min}`);
  if (max !== undefined && v > max) fail(`${v} > maximum ${max}`);
  if (xmin !== undefined && v <= xmin) fail(`${v} <= exclusiveMinimum ${xmin}`);
  if (xmax !== undefined && v >= xmax) fail(`${v} >= exclusiveMaximum ${xmax}`);
}

function checkString(v: string, s: { readonly [k: string]: unknown }, fail: (m: string) => void): void {
  // JSON Schema counts characters as code points, not UTF-16 units.
  const len = [...v].length;
  if (typeof s['minLength'] === 'number' && len < s['minLength']) fail(`shorter than ${s['minLength']}`);
  if (typeof s['maxLength'] === 'number' && len > s['maxLength']) fail(`longer than ${s['maxLength']}`);
  if (typeof s['pattern'] === 'string' && !new RegExp(s['pattern'], 'u').test(v)) {
    fail(`does not match ${s['pattern']}`);
  }
}

function checkArray(
  v: readonly unknown[],
  s: { readonly [k: string]: unknown },
  root: unknown,
  path: string,
  out: SchemaViolation[],
): void {
  if (typeof s['minItems'] === 'number' && v.length < s['minItems']) {
    out.push({ path, message: `fewer than ${s['minItems']} items` });
  }
  if (typeof s['maxItems'] === 'number' && v.length > s['maxItems']) {
    out.push({ path, message: `more than ${s['maxItems']} items` });
  }
  const prefix = Array.isArray(s['prefixItems']) ? (s['prefixItems'] as JsonSchema[]) : [];
  v.forEach((item, i) => {
    const sub = i < prefix.length ? prefix[i] : (s['items'] as JsonSchema | undefined);
    if (sub !== undefined) check(item, sub, root, `${path}/${i}`, out);
  });
}

function checkObject(
  v: Readonly<Record<string, unknown>>,
  s: { readonly [k: string]: unknown },
  root: unknown,
  path: string,
  out: SchemaViolation[],
): void {
  const props = (s['properties'] ?? {}) as Readonly<Record<string, JsonSchema>>;
  for (const r of (s['required'] ?? []) as string[]) {
    if (!(r in v)) out.push({ path, message: `missing required property ${r}` });
  }
  const keys = Object.keys(v);
  if (typeof s['minProperties'] === 'number' && keys.length < s['minProperties']) {
    out.push({ path, message: `fewer than ${s['minProperties']} properties` });
  }
  for (const k of keys) {
    const at = `${path}/${k}`;
    if (s['propertyNames'] !== undefined) check(k, s['propertyNames'] as JsonSchema, root, at, out);
    const sub = props[k];
    if (sub !== undefined) check(v[k], sub, root, at, out);
    else if (s['additionalProperties'] === false) out.push({ path: at, message: 'property not allowed' });
    else if (typeof s['additionalProperties'] === 'object') {
      check(v[k], s['additionalProperties'] as JsonSchema, root, at, out);
    }
  }
}
