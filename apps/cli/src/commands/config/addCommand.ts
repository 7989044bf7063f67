import type { ConfigInput } from "@ferry/store/client";
import type { Command } from "commander";
import { CliError, toCliError } from "../../cliError.ts";
import { withDaemon } from "../../daemon/withDaemon.ts";
import { configJson, toJsonText } from "../../format/configTable.ts";
import { print } from "../../output.ts";
import { addFieldOptions, fieldValues, withFlagNames } from "./fieldOptions.ts";

/** Store refusals name fields; here the user typed flags, so name the flags instead. */
export function flagError(err: unknown): CliError {
  const e = toCliError(err);
  const message = withFlagNames(e.message);
  return message === e.message ? e : new CliError(message, { code: e.code, exitCode: e.exitCode });
}

export function registerAdd(config: Command): void {
  const add = config
    .command("add")
    .description(
      "add a config (required: --namespace, --workload-type, --remote-port and its target)",
    )
    .option("--json", "print the new config as JSON");
  addFieldOptions(add).addHelpText(
    "after",
    "\nExample:\n  ferry config add --alias web --namespace webapp --workload-type service --service frontend --remote-port 80 --local-port 8080",
  );
  add.action(async (options: Record<string, unknown>) => {
    const created = await withDaemon((c) =>
      c.configs.create.mutate(
        // The daemon validates every field and names the bad value (`got "eighty"`).
        fieldValues(options) as ConfigInput,
      ),
    ).catch((err) => {
      throw flagError(err);
    });
    print(
      options.json
        ? toJsonText(configJson(created))
        : `added config "${created.alias}" (id ${created.id})\n`,
    );
  });
}
