import type { Command } from "commander";
import { print } from "../output.ts";

/** Loaded on use: this file is registered for every command line (for the root `--version`). */
async function printVersions(json: boolean): Promise<void> {
  const { collectVersions, versionText } = await import("../version/versions.ts");
  const versions = await collectVersions();
  print(json ? `${JSON.stringify(versions, null, 2)}\n` : versionText(versions));
}

/** `ferry --version` and `ferry version [--json]`: CLI, daemon, relay bundle, schema, Node. */
export function registerVersion(program: Command): void {
  program
    .option(
      "-V, --version",
      "print the versions of ferry, its daemon, relay bundle, schema and Node",
    )
    .action(async (options: { version?: boolean }) => {
      if (options.version) return printVersions(false);
      program.help({ error: true });
    });
  program
    .command("version")
    .description("the versions of ferry, its daemon (when running), relay bundle, schema and Node")
    .option("--json", "print them as JSON")
    .action((options: { json?: boolean }) => printVersions(options.json === true));
}
