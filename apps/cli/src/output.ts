// A reader that stops early (`ferry config list | head -1`) closes the pipe: that is not a failure.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

/** stdout for results, stderr for warnings and notes (so `--json` and export stay pipeable). */
export const print = (text: string) => void process.stdout.write(text);
export const note = (text: string) => void process.stderr.write(text);
