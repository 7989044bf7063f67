import type { Command } from "commander";
import { CliError, EXIT } from "../../cliError.ts";
import { withDaemon } from "../../daemon/withDaemon.ts";
import { configJson, toJsonText } from "../../format/configTable.ts";
import { print } from "../../output.ts";
import { flagError } from "./addCommand.ts";
import { addFieldOptions, fieldValues } from "./fieldOptions.ts";

export function registerEdit(config: Command): void {
  const edit = config
    .command("edit")
    .description('change fields of a config ("" clears an optional field)')
    .argument("<alias>", "alias (or id) of the config")
    .option("--json", "print the changed config as JSON");
  addFieldOptions(edit).addHelpText(
    "after",
    "\nExample:\n  ferry config edit web --local-port 9090",
  );
  edit.action(async (alias: string, options: Record<string, unknown>) => {
    const patch = fieldValues(options);
    if (Object.keys(patch).length === 0) {
      throw new CliError(
        "nothing to change: give at least one field option, e.g. --local-port 9090",
        {
          code: "USAGE",
          exitCode: EXIT.usage,
        },
      );
    }
    const updated = await withDaemon((c) => c.configs.update.mutate({ id: alias, patch })).catch(
      (err) => {
        throw flagError(err);
      },
    );
    print(options.json ? toJsonText(configJson(updated)) : `updated config "${updated.alias}"\n`);
  });
}
