import {
  createScanner,
  type ParseError,
  parse,
  printParseErrorCode,
  stripComments,
} from "jsonc-parser";
import { FerryError } from "../schema/ferryError.ts";

/** Line and column (both from 1) of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

const READABLE: Record<string, string> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: "unexpected content after the end",
  InvalidCommentToken: "invalid comment",
  UnexpectedEndOfComment: "unterminated comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unterminated number",
  InvalidUnicode: "invalid unicode escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character",
};

/**
 * How deep `[` and `{` may nest. A config file needs 2 (an array of objects); unknown fields may
 * hold a little more. The parser recurses per level, so without a limit a file of 100 000 `[`
 * overflows the stack.
 */
export const MAX_NESTING = 16;

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot import.
const OPEN = new Set([1, 3]); // OpenBraceToken, OpenBracketToken
const CLOSE = new Set([2, 4]); // CloseBraceToken, CloseBracketToken
const EOF = 17;

/** The offset where nesting first passes MAX_NESTING, or -1. The scanner does not recurse. */
function tooDeepAt(text: string): number {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (OPEN.has(kind) && ++depth > MAX_NESTING) return scanner.getTokenOffset();
    if (CLOSE.has(kind)) depth--;
  }
  return -1;
}

/**
 * Parses JSON with `//` and block comments (and trailing commas) into a list of entries.
 * `source` (a file name) starts every message, so the user knows which file is meant.
 */
export function parseImportText(text: string, source?: string): unknown[] {
  const where = source ? `${source}: ` : "";
  if (stripComments(text).trim() === "") {
    throw new FerryError(
      "INVALID_JSON",
      `${where}the import is empty: expected a config object or an array of them`,
    );
  }
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    const { line, column } = lineColumn(text, deep);
    throw new FerryError(
      "INVALID_JSON",
      `${where}nested more than ${MAX_NESTING} levels deep at line ${line}, column ${column}; a config file is an array of objects. Nothing was imported.`,
    );
  }
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first) {
    const { line, column } = lineColumn(text, first.offset);
    const name = printParseErrorCode(first.error);
    throw new FerryError(
      "INVALID_JSON",
      `${where}malformed JSON at line ${line}, column ${column}: ${READABLE[name] ?? name}; nothing was imported`,
    );
  }
  if (value === undefined) {
    throw new FerryError(
      "INVALID_JSON",
      `${where}the import is empty: expected a config object or an array of them`,
    );
  }
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === "object") return [value];
  throw new FerryError(
    "INVALID_JSON",
    `${where}expected a config object or an array of them at the top level`,
  );
}
