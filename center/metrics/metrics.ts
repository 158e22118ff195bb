/**
 * @module center/metrics/metrics
 * A small Prometheus registry: counters and gauges with labels, rendered in the text exposition
 * format 0.0.4 (prometheus.io/docs/instrumenting/exposition_formats).
 */

type Labels = Readonly<Record<string, string>>;
type Family = {
  readonly type: 'counter' | 'gauge';
  readonly help: string;
  readonly values: Map<string, number>;
};

const NEEDS_ESCAPE = /[\\\n"]/;
const escapeLabel = (v: string): string =>
  NEEDS_ESCAPE.test(v) ? v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"') : v;
/** The series key of a label set; the common no-label and one-label sets skip the sort (hot: per message). */
const labelKey = (labels: Labels): string => {
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  if (keys.length === 1) {
    const k = keys[0] ?? '';
    return `${k}="${escapeLabel(labels[k] ?? '')}"`;
  }
  return keys
    .sort()
    .map((k) => `${k}="${escapeLabel(labels[k] ?? '')}"`)
    .join(',');
};

/** Metric families by name; names must match `[a-zA-Z_:][a-zA-Z0-9_:]*`. */
export class Metrics {
  readonly #families = new Map<string, Family>();
  readonly #collectors: (() => void)[] = [];
  readonly #included: (() => string)[] = [];

  /** Add `by` (default 1) to a counter. */
  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    const values = this.#family(name, 'counter', help).values;
    const key = labelKey(labels);
    values.set(key, (values.get(key) ?? 0) + by);
  }

  /**
   * One series of a counter as a function adding `by` (default 1): the family and the label key are
   * resolved once, for counters bumped per message.
   */
  counter(name: string, help: string, labels: Labels = {}): (by?: number) => void {
    const values = this.#family(name, 'counter', help).values;
    const key = labelKey(labels);
    if (!values.has(key)) values.set(key, 0);
    return (by = 1) => {
      values.set(key, (values.get(key) ?? 0) + by);
    };
  }

  /** Set a gauge. */
  set(name: string, help: string, value: number, labels: Labels = {}): void {
    this.#family(name, 'gauge', help).values.set(labelKey(labels), value);
  }

  /** Current value of a series, or 0. */
  value(name: string, labels: Labels = {}): number {
    return this.#families.get(name)?.values.get(labelKey(labels)) ?? 0;
  }

  /** Run `collect` before every render, to refresh gauges computed on demand. */
  onCollect(collect: () => void): void {
    this.#collectors.push(collect);
  }

  /**
   * Append another registry's text exposition to every render: the families another thread keeps
   * (the center's ingest thread). Its family names must not be used here too.
   */
  include(render: () => string): void {
    this.#included.push(render);
  }

  /** The Prometheus text exposition of every family. */
  render(): string {
    for (const c of this.#collectors) c();
    const lines: string[] = [];
    for (const [name, f] of [...this.#families].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
      for (const [key, v] of f.values) lines.push(`${name}${key === '' ? '' : `{${key}}`} ${v}`);
    }
    return `${lines.join('\n')}\n${this.#included.map((r) => r()).join('')}`;
  }

  #family(name: string, type: Family['type'], help: string): Family {
    let f = this.#families.get(name);
    if (f === undefined) {
      if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new RangeError(`bad metric name ${name}`);
      f = { type, help, values: new Map() };
      this.#families.set(name, f);
    }
    return f;
  }
}
