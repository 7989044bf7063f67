import { Command, CommanderError } from "commander";
import { EXIT, toCliError } from "./cliError.ts";
import { areasFor } from "./commandAreas.ts";
import { printableLines } from "./printableText.ts";

/**
 * Builds the `ferry` command tree: every area's commands, or only those of `command` (the first
 * word of the command line) and version's, so a command loads the code it runs and no other.
 */
export async function buildProgram(command?: string): Promise<Command> {
  const program = new Command("ferry")
    .description("Kubernetes port-forwards, defined once, started from anywhere.")
    .showHelpAfterError()
    .exitOverride();
  const registers = await Promise.all(areasFor(command).map((area) => area.load()));
  for (const register of registers) register(program);
  return program;
}

/** Runs the CLI and returns the exit code: 0 success, 1 user error, 2 usage error. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    if (argv[2] === "__complete") {
      const { printCompletions } = await import("./commands/completion.ts");
      await printCompletions(await buildProgram(), argv.slice(3));
      return EXIT.ok;
    }
    const program = await buildProgram(argv[2]);
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version are "errors" to commander; they are successes to the user.
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version")
        return EXIT.ok;
      return EXIT.usage;
    }
    const cliError = toCliError(err);
    process.stderr.write(`ferry: ${printableLines(cliError.message)}\n`);
    return cliError.exitCode;
  }
}
