import { Command, CommanderError } from "commander";
import { EXIT, toCliError } from "./cliError.ts";
import { printCompletions, registerCompletion } from "./commands/completion.ts";
import { registerConfigCommands } from "./commands/config.ts";
import { registerDaemonCommands } from "./commands/daemon.ts";
import { registerDiscoverCommand } from "./commands/discover.ts";
import { registerForwardCommands } from "./commands/forwards.ts";
import { registerLogsCommands } from "./commands/logs.ts";
import { registerOpen } from "./commands/open.ts";
import { registerSettingsCommands } from "./commands/settings.ts";
import { registerStatusCommand } from "./commands/status.ts";
import { registerSyncCommands } from "./commands/sync.ts";
import { registerVersion } from "./commands/version.ts";
import { registerTuiCommand } from "./daemon/tuiCommand.ts";
import { printableLines } from "./printableText.ts";

/** Builds the `ferry` command tree. Each area registers its own subcommands. */
export function buildProgram(): Command {
  const program = new Command("ferry")
    .description("Kubernetes port-forwards, defined once, started from anywhere.")
    .showHelpAfterError()
    .exitOverride();
  registerConfigCommands(program);
  registerDiscoverCommand(program);
  registerForwardCommands(program);
  registerStatusCommand(program);
  registerOpen(program);
  registerSyncCommands(program);
  registerLogsCommands(program);
  registerSettingsCommands(program);
  registerDaemonCommands(program);
  registerTuiCommand(program);
  registerVersion(program);
  registerCompletion(program);
  return program;
}

/** Runs the CLI and returns the exit code: 0 success, 1 user error, 2 usage error. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    if (argv[2] === "__complete") {
      await printCompletions(program, argv.slice(3));
      return EXIT.ok;
    }
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
