import { printableLines } from "./printableText.ts";

// A reader that stops early (`ferry config list | head -1`) closes the pipe: that is not a failure.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

/**
 * stdout for results, stderr for warnings and notes (so `--json` and export stay pipeable). Both
 * carry user data (aliases, contexts, messages quoting them): control and bidi characters are
 * escaped, so a stored string can never drive the terminal.
 */
export const print = (text: string) => void process.stdout.write(printableLines(text));
export const note = (text: string) => void process.stderr.write(printableLines(text));
