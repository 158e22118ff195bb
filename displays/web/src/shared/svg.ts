/**
 * @module displays/web/shared/svg
 * Building SVG and HTML elements from data (the diagrams are small; no framework needed).
 */

const NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes and children. */
export function svg(
  tag: string,
  attrs: Readonly<Record<string, string | number>> = {},
  children: readonly (Node | string)[] = [],
): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

/** An HTML element with a class, text and children. */
export function html<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  children: readonly (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className !== '') el.className = className;
  for (const c of children) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

/** `<select>` options from value/label pairs. */
export function options(select: HTMLSelectElement, items: readonly (readonly [string, string])[]): void {
  const keep = select.value;
  select.replaceChildren(
    ...items.map(([value, label]) =>
      Object.assign(document.createElement('option'), { value, textContent: label }),
    ),
  );
  if (items.some(([v]) => v === keep)) select.value = keep;
}
