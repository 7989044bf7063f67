/** The option after (step 1) or before (step -1) the current value, wrapping around. */
export function cycle(options: readonly string[], current: string, step: 1 | -1): string {
  if (options.length === 0) return current;
  const at = options.indexOf(current);
  if (at < 0) return step === 1 ? (options[0] as string) : (options.at(-1) as string);
  return options[(at + step + options.length) % options.length] as string;
}
