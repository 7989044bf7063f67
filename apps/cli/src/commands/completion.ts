import type { Command } from "commander";
import { CliError, EXIT } from "../cliError.ts";
import { candidates } from "../completion/candidates.ts";
import { COMPLETION_SCRIPTS, type Shell } from "../completion/completionScripts.ts";
import { daemonValues } from "../completion/daemonValues.ts";
import { print } from "../output.ts";

/**
 * `ferry __complete <words...>`, what the scripts call: not a commander command, so that any
 * word (`--`, `-c`, `--help`) reaches it unparsed. Prints one candidate per line.
 */
export async function printCompletions(program: Command, words: string[]): Promise<void> {
  const found = await candidates(program, words.length > 0 ? words : [""], daemonValues);
  print(found.map((c) => `${c}\n`).join(""));
}

/** `ferry completion bash|zsh|fish`. */
export function registerCompletion(program: Command): void {
  program
    .command("completion")
    .description("print a shell completion script (bash, zsh or fish)")
    .argument("<shell>", "bash | zsh | fish")
    .addHelpText("after", '\nbash: eval "$(ferry completion bash)" in ~/.bashrc')
    .action((shell: string) => {
      if (!Object.hasOwn(COMPLETION_SCRIPTS, shell))
        throw new CliError(`no completion for "${shell}"; choose bash, zsh or fish`, {
          exitCode: EXIT.usage,
        });
      print(COMPLETION_SCRIPTS[shell as Shell]);
    });
}
