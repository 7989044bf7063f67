import { printable } from "@ferry/store/client/core";

/**
 * `printable` for text of several lines: each line's control and bidi characters escaped, the
 * line breaks the CLI itself put there kept. Everything the CLI prints that holds user data
 * (aliases, names, messages quoting them) goes through this or through `renderTable`.
 */
export const printableLines = (text: string) => text.split("\n").map(printable).join("\n");
