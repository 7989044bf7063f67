// C0 controls and DEL, C1 controls, and the Unicode bidi controls (embeddings, overrides,
// isolates, marks): what lets a stored string move the cursor, recolour a terminal or reorder
// the text around it.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** True when `text` holds a character `printable` would escape. */
export function hasControlCharacters(text: string): boolean {
  UNPRINTABLE.lastIndex = 0;
  return UNPRINTABLE.test(text);
}

/**
 * `text` safe to print to a terminal or a page: each control or bidi character becomes a visible
 * escape (`\x1b`, `\u202e`), everything else is left alone. Use it wherever user data (aliases,
 * names, messages that quote them) is printed.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
