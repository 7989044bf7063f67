import { isFerryError } from "@ferry/store";
import type { Command } from "commander";
import { CliError } from "../../cliError.ts";
import { configJson, toJsonText } from "../../format/configTable.ts";
import { withConfigApi } from "./configApi.ts";
import { addFieldOptions, fieldValues, withFlagNames } from "./fieldOptions.ts";
import { print } from "./output.ts";
import { runAction } from "./runAction.ts";

/** Store refusals name fields; here the user typed flags, so name the flags instead. */
export function flagError(err: unknown): unknown {
  if (isFerryError(err) && err.code === "INVALID_CONFIG") {
    return new CliError(withFlagNames(err.message), { code: err.code });
  }
  return err;
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
  add.action(
    runAction(async (options: Record<string, unknown>) => {
      const created = await withConfigApi((api) => api.create(fieldValues(options) as never)).catch(
        (err) => {
          throw flagError(err);
        },
      );
      print(
        options.json
          ? toJsonText(configJson(created))
          : `added config "${created.alias}" (id ${created.id})\n`,
      );
    }),
  );
}
