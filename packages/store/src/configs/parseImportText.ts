import { type ParseError, parse, printParseErrorCode, stripComments } from "jsonc-parser";
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

/** Parses JSON with `//` and block comments (and trailing commas) into a list of entries. */
export function parseImportText(text: string): unknown[] {
  if (stripComments(text).trim() === "") {
    throw new FerryError(
      "INVALID_JSON",
      "the import is empty: expected a config object or an array of them",
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
      `malformed JSON at line ${line}, column ${column}: ${READABLE[name] ?? name}; nothing was imported`,
    );
  }
  if (value === undefined) {
    throw new FerryError(
      "INVALID_JSON",
      "the import is empty: expected a config object or an array of them",
    );
  }
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === "object") return [value];
  throw new FerryError(
    "INVALID_JSON",
    "expected a config object or an array of them at the top level",
  );
}
