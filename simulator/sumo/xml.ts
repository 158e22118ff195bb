/**
 * @module simulator/sumo/xml
 * XML reading for SUMO files with fast-xml-parser: syntax errors and missing or malformed attributes
 * become a {@link FileFormatError} that names the file, the line and the element.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FileFormatError } from '../../core/errors/index.ts';

/** An element: its attributes (strings, keys prefixed `@_`) and child elements (arrays). */
export type XmlElement = { readonly [key: string]: unknown };

/** A parsed document plus what is needed to report positions. */
export type XmlDoc = {
  readonly root: XmlElement;
  readonly file: string;
  /** Line (1-based) where an element starts. */
  lineOf(el: XmlElement): number | null;
};

const META = XMLParser.getMetaDataSymbol() as unknown as string;

/** Parse `text`; every element listed in `arrays` is always an array. */
export function parseXml(text: string, file: string, rootName: string, arrays: readonly string[]): XmlDoc {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new FileFormatError(file, valid.err.line, `${valid.err.code}: ${valid.err.msg}`);
  const set = new Set(arrays);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseAttributeValue: false,
    captureMetaData: true,
    isArray: (name, _path, _isLeaf, isAttribute) => !isAttribute && set.has(name),
  });
  const doc = parser.parse(text) as Record<string, unknown>;
  const root = doc[rootName];
  // fast-xml-parser reads an element with no attributes or children as '' (was: 'expected a root').
  if (root === '') throw new FileFormatError(file, 1, `<${rootName}> is empty`);
  if (typeof root !== 'object' || root === null)
    throw new FileFormatError(file, 1, `expected a <${rootName}> root element`);
  const lineStarts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return {
    root: root as XmlElement,
    file,
    lineOf(el) {
      const meta = (el as Record<string, { startIndex?: number } | undefined>)[META];
      const at = meta?.startIndex;
      if (at === undefined) return null;
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      return lo + 1;
    },
  };
}

/** Child elements named `name` (empty when none). */
export function children(el: XmlElement, name: string): XmlElement[] {
  const c = el[name];
  return Array.isArray(c) ? (c as XmlElement[]) : [];
}

/** An optional string attribute. */
export function optAttr(el: XmlElement, name: string): string | undefined {
  const v = el[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** A required string attribute; throws naming the element and line. */
export function attr(doc: XmlDoc, el: XmlElement, tag: string, name: string): string {
  const v = optAttr(el, name);
  if (v === undefined)
    throw new FileFormatError(doc.file, doc.lineOf(el), `<${tag}> lacks attribute "${name}"`);
  return v;
}

/** An optional numeric attribute; throws on a value that is not a number. */
export function optNum(doc: XmlDoc, el: XmlElement, tag: string, name: string): number | undefined {
  const v = optAttr(el, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n))
    throw new FileFormatError(
      doc.file,
      doc.lineOf(el),
      `<${tag}> attribute "${name}" is not a number: ${JSON.stringify(v)}`,
    );
  return n;
}

/** A required numeric attribute. */
export function num(doc: XmlDoc, el: XmlElement, tag: string, name: string): number {
  const n = optNum(doc, el, tag, name);
  if (n === undefined)
    throw new FileFormatError(doc.file, doc.lineOf(el), `<${tag}> lacks attribute "${name}"`);
  return n;
}

/** Throw a format error at an element. */
export function failAt(doc: XmlDoc, el: XmlElement, message: string): never {
  throw new FileFormatError(doc.file, doc.lineOf(el), message);
}
