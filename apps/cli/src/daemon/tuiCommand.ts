import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { CliError } from "../cliError.ts";

/** The TUI's entry point, found by path: the CLI never imports another app. */
export const TUI_BIN = join(import.meta.dirname, "../../../tui/src/bin/ferry-tui.ts");

/** `ferry tui`: runs the terminal UI in this terminal and exits with its code. */
export function registerTuiCommand(program: Command): void {
  program
    .command("tui")
    .description("open the terminal UI (arguments after `--` go to it, e.g. -- --kubeconfig K)")
    .argument("[args...]", "passed to ferry-tui")
    .allowUnknownOption()
    .action(async (args: string[]) => {
      if (!existsSync(TUI_BIN))
        throw new CliError(`the terminal UI is not installed (${TUI_BIN} missing)`);
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, [TUI_BIN, ...args], { stdio: "inherit" });
        child.on("error", reject);
        child.on("exit", (c, signal) => resolve(c ?? (signal ? 130 : 1)));
      });
      // The TUI's own exit code is the command's (runCli would report 0 otherwise).
      if (code !== 0) process.exit(code);
    });
}
