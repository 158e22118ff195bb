/**
 * @module core/messages/fast-validate
 * A fast acceptance test compiled from the zod message schemas, for the hot path of `parseMessage`
 * (an ingesting center validates tens of thousands of uplink batches a second). It answers only
 * "does zod accept this value unchanged?": `true` means the schema would accept it and its output
 * would deep-equal the input, so the input can be used as the parsed message; `false` means "ask
 * zod", which then decides and, on failure, names the fields. The schemas stay the one definition
 * (STYLE.md §10): bounds, patterns and enum values are read from them, not copied.
 *
 * Compiled: strict (or unknown-key-free plain) objects, strings with length and regex checks,
 * numbers with bounds and the safe-integer format, booleans, literals, enums, nullable, optional,
 * arrays with length checks, string-keyed records, and discriminated unions. A schema using anything
 * else (transforms, refinements, defaults, other formats) compiles to nothing and is always left to
 * zod. Anything unusual in the value (a prototype other than Object's, a `__proto__` key, symbol keys
 * in a record) is also left to zod, whose output would differ from its input there.
 */
import type { z } from 'zod';

/** Whether zod would accept a value and return it unchanged. */
export type FastCheck = (value: unknown) => boolean;

/** The zod 4 internals the compiler reads (`schema._zod.def`). */
type Def = {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly shape?: Readonly<Record<string, Schema>>;
  readonly catchall?: Schema;
  readonly innerType?: Schema;
  readonly element?: Schema;
  readonly keyType?: Schema;
  readonly valueType?: Schema;
  readonly values?: readonly unknown[];
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly options?: readonly Schema[];
  readonly discriminator?: string;
};
type CheckDef = {
  readonly check: string;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly length?: number;
};
type Schema = { readonly _zod: { readonly def: Def } };

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** Compile a zod schema into a {@link FastCheck}, or null when it uses something not compiled. */
export function compileFastCheck(schema: z.ZodType): FastCheck | null {
  return compile(schema as unknown as Schema);
}

function compile(schema: Schema): FastCheck | null {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
      return compileString(def);
    case 'number':
      return compileNumber(def);
    case 'boolean':
      return def.checks?.length ? null : (v) => typeof v === 'boolean';
    case 'literal': {
      const values = def.values ?? [];
      return (v) => values.includes(v);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return (v) => values.has(v);
    }
    case 'nullable': {
      const inner = def.innerType === undefined ? null : compile(def.innerType);
      return inner === null ? null : (v) => v === null || inner(v);
    }
    case 'array':
      return compileArray(def);
    case 'record':
      return compileRecord(def);
    case 'object':
      return compileObject(def);
    case 'union':
      return compileDiscriminated(def);
    default:
      return null;
  }
}

function compileString(def: Def): FastCheck | null {
  let min = 0;
  let max = Infinity;
  const patterns: RegExp[] = [];
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'min_length' && d.minimum !== undefined) min = Math.max(min, d.minimum);
    else if (d.check === 'max_length' && d.maximum !== undefined) max = Math.min(max, d.maximum);
    else if (d.check === 'string_format' && d.format === 'regex' && d.pattern !== undefined) {
      // A global or sticky pattern keeps state between tests; zod resets it, a copy without flags cannot drift.
      patterns.push(new RegExp(d.pattern.source, d.pattern.flags.replace(/[gy]/g, '')));
    } else return null;
  }
  return (v) => {
    if (typeof v !== 'string' || v.length < min || v.length > max) return false;
    for (const p of patterns) if (!p.test(v)) return false;
    return true;
  };
}

function compileNumber(def: Def): FastCheck | null {
  let lo = -Infinity;
  let loInclusive = true;
  let hi = Infinity;
  let hiInclusive = true;
  let int = false;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'greater_than' && d.value !== undefined) {
      if (d.value > lo || (d.value === lo && !d.inclusive)) {
        lo = d.value;
        loInclusive = d.inclusive === true;
      }
    } else if (d.check === 'less_than' && d.value !== undefined) {
      if (d.value < hi || (d.value === hi && !d.inclusive)) {
        hi = d.value;
        hiInclusive = d.inclusive === true;
      }
    } else if (d.check === 'number_format' && d.format === 'safeint') int = true;
    else return null;
  }
  return (v) => {
    // zod's number refuses NaN and ±Infinity; `safeint` is Number.isSafeInteger.
    if (typeof v !== 'number' || !Number.isFinite(v)) return false;
    if (int && !Number.isSafeInteger(v)) return false;
    if (loInclusive ? v < lo : v <= lo) return false;
    if (hiInclusive ? v > hi : v >= hi) return false;
    return true;
  };
}

function compileArray(def: Def): FastCheck | null {
  const element = def.element === undefined ? null : compile(def.element);
  if (element === null) return null;
  let min = 0;
  let max = Infinity;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'min_length' && d.minimum !== undefined) min = Math.max(min, d.minimum);
    else if (d.check === 'max_length' && d.maximum !== undefined) max = Math.min(max, d.maximum);
    else if (d.check === 'length_equals' && d.length !== undefined) {
      min = Math.max(min, d.length);
      max = Math.min(max, d.length);
    } else return null;
  }
  return (v) => {
    if (!Array.isArray(v) || v.length < min || v.length > max) return false;
    for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
    return true;
  };
}

function compileRecord(def: Def): FastCheck | null {
  // Only `z.record(z.string(), value)`: any string key, nothing to strip or rename.
  const key = def.keyType?._zod.def;
  if (key?.type !== 'string' || (key.checks?.length ?? 0) > 0 || def.valueType === undefined) return null;
  const value = compile(def.valueType);
  if (value === null) return null;
  return (v) => {
    if (!isPlain(v) || Object.getOwnPropertySymbols(v).length > 0) return false;
    for (const k of Object.keys(v)) {
      if (k === '__proto__' || !value(v[k])) return false;
    }
    return true;
  };
}

function compileObject(def: Def): FastCheck | null {
  // Strict objects refuse unknown keys; plain ones strip them (output ≠ input), so either way a value
  // with an unknown key is left to zod. A catchall other than `never` is not compiled.
  const catchall = def.catchall?._zod.def.type;
  if ((catchall !== undefined && catchall !== 'never') || (def.checks?.length ?? 0) > 0) return null;
  const fields: { key: string; check: FastCheck; optional: boolean }[] = [];
  for (const [key, field] of Object.entries(def.shape ?? {})) {
    const fd = field._zod.def;
    const optional = fd.type === 'optional';
    const inner = optional ? fd.innerType : field;
    const check = inner === undefined ? null : compile(inner);
    if (check === null || key === '__proto__') return null;
    fields.push({ key, check, optional });
  }
  const known = new Set(fields.map((f) => f.key));
  return (v) => {
    if (!isPlain(v)) return false;
    for (const f of fields) {
      const x = v[f.key];
      if (f.optional && x === undefined) continue;
      if (!f.check(x)) return false;
    }
    for (const k in v) if (!known.has(k)) return false;
    return true;
  };
}

function compileDiscriminated(def: Def): FastCheck | null {
  const disc = def.discriminator;
  if (disc === undefined) return null;
  const byValue = new Map<unknown, FastCheck>();
  for (const option of def.options ?? []) {
    const tag = option._zod.def.shape?.[disc]?._zod.def;
    const check = compile(option);
    if (tag?.type !== 'literal' || check === null) return null;
    for (const value of tag.values ?? []) {
      if (byValue.has(value)) return null;
      byValue.set(value, check);
    }
  }
  return (v) => {
    if (!isPlain(v)) return false;
    const check = byValue.get(v[disc]);
    return check !== undefined && check(v);
  };
}
