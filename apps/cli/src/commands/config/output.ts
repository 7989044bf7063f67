/** stdout for results, stderr for warnings and notes (so `--json` and export stay pipeable). */
export const print = (text: string) => void process.stdout.write(text);
export const note = (text: string) => void process.stderr.write(text);
