/**
 * @module core/scenario/json-offset
 * Where JSON text first goes wrong. V8's `JSON.parse` names a position for most syntax errors but not
 * for an unexpected token such as a trailing comma, so this small scanner (RFC 8259 grammar) finds the
 * offset itself for the error message's line and column.
 */

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/;
const STRING = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/;

/** Thrown inside the scanner to unwind with the failing offset. */
class JsonSyntaxAt {
  constructor(readonly offset: number) {}
}

/** Offset of the first syntax error in `text`, or null when the text is valid JSON. */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const skip = (): void => {
    while (i < text.length && WS.has(text.charAt(i))) i++;
  };
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const expect = (c: string): void => {
    skip();
    if (text.charAt(i) !== c) fail();
    i++;
  };
  const match = (re: RegExp): void => {
    const m = re.exec(text.slice(i, i + 100_000));
    if (m === null) fail();
    else i += m[0].length;
  };
  const value = (): void => {
    skip();
    const c = text.charAt(i);
    if (c === '{') {
      i++;
      skip();
      if (text.charAt(i) === '}') return void i++;
      for (;;) {
        skip();
        if (text.charAt(i) !== '"') fail();
        match(STRING);
        expect(':');
        value();
        skip();
        if (text.charAt(i) === '}') return void i++;
        expect(',');
      }
    }
    if (c === '[') {
      i++;
      skip();
      if (text.charAt(i) === ']') return void i++;
      for (;;) {
        value();
        skip();
        if (text.charAt(i) === ']') return void i++;
        expect(',');
      }
    }
    if (c === '"') return match(STRING);
    for (const word of ['true', 'false', 'null'])
      if (text.startsWith(word, i)) return void (i += word.length);
    match(NUMBER);
  };
  try {
    value();
    skip();
    if (i < text.length) fail();
    return null;
  } catch (err) {
    if (err instanceof JsonSyntaxAt) return err.offset;
    throw err;
  }
}
