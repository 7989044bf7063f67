import type { Command, Option } from "commander";

/** Values only the daemon knows: config aliases, groups and kube contexts. */
export interface DaemonValues {
  aliases: string[];
  groups: string[];
  contexts: string[];
  /** Sync source names (`ferry sync now|status|rm|push <name>`). */
  sources: string[];
}

/** Which daemon values an option's value takes (by its long flag), if any. */
const OPTION_VALUES: Record<string, keyof DaemonValues> = {
  "--context": "contexts",
  "--group": "groups",
  "--watch-context": "contexts",
};

/** Arguments named `alias` (`<alias>`, `[alias...]`) take config aliases. */
const takesAliases = (command: Command) =>
  command.registeredArguments.some((arg) => arg.name() === "alias");

/** `ferry sync <cmd> <name>` names an existing source (not `sync add`, which makes one). */
const takesSources = (command: Command) =>
  command.parent?.name() === "sync" &&
  command.name() !== "add" &&
  command.registeredArguments.some((arg) => arg.name() === "name");

const visible = (command: Command) =>
  command.commands.filter((c) => !(c as Command & { _hidden?: boolean })._hidden);

function optionFor(command: Command, flag: string): Option | undefined {
  return command.options.find((o) => o.long === flag || o.short === flag);
}

/**
 * The completions for `words` (what follows `ferry`; the last one is the word being typed),
 * filtered by that word's prefix. `values` is asked only when the position takes daemon values.
 */
export async function candidates(
  program: Command,
  words: string[],
  values: () => Promise<DaemonValues>,
): Promise<string[]> {
  const current = words.at(-1) ?? "";
  let command = program;
  let pending: Option | undefined;
  for (const word of words.slice(0, -1)) {
    if (pending) {
      pending = undefined;
      continue;
    }
    if (word.startsWith("-")) {
      const option = optionFor(command, word.split("=")[0] as string);
      if (option && (option.required || option.optional) && !word.includes("=")) pending = option;
      continue;
    }
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (sub) command = sub;
  }
  let found: string[];
  if (pending) {
    const kind = pending.long ? OPTION_VALUES[pending.long] : undefined;
    found = kind ? (await values())[kind] : [];
  } else if (current.startsWith("-")) {
    found = command.options.flatMap((o) => (o.long ? [o.long] : [])).concat("--help");
  } else {
    found = visible(command).map((c) => c.name());
    if (takesAliases(command)) found = found.concat((await values()).aliases);
    if (takesSources(command)) found = found.concat((await values()).sources);
  }
  return [...new Set(found)].filter((c) => c.startsWith(current)).sort();
}
