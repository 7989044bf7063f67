import type { Command } from "commander";
import { CliError, EXIT } from "../cliError.ts";
import { withDaemon } from "../daemon/withDaemon.ts";
import { print } from "../output.ts";

const jsonText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A setting's value as typed: JSON (`5`, `true`, `["a"]`, `{"web":false}`), else a plain string. */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (/^\s*[[{"]/.test(text))
      throw new CliError(`the value looks like JSON but is not valid JSON: ${text}`, {
        exitCode: EXIT.usage,
      });
    return text;
  }
}

/**
 * `ferry settings list|get|set|unset`: ferryd's Ferry-wide settings (e.g. `http_logs.max_files`,
 * `http_logs.redact_headers`, `http_logs.redact_by_alias`), values as JSON.
 */
export function registerSettingsCommands(program: Command): void {
  const settings = program.command("settings").description("Ferry-wide settings (JSON values)");
  settings
    .command("list")
    .description("every setting that is set, as JSON")
    .action(async () => {
      print(jsonText(await withDaemon((c) => c.settings.all.query())));
    });
  settings
    .command("get <key>")
    .description("one setting's value as JSON (null when unset)")
    .action(async (key: string) => {
      print(jsonText(await withDaemon((c) => c.settings.get.query(key))));
    });
  settings
    .command("set <key> <value>")
    .description('set a setting; the value is JSON (5, true, ["Authorization"]) or a plain string')
    .action(async (key: string, value: string) => {
      const parsed = parseValue(value);
      await withDaemon((c) => c.settings.set.mutate({ key, value: parsed as never }));
      print(`${key} = ${JSON.stringify(parsed)}\n`);
    });
  settings
    .command("unset <key>")
    .description("back to the default")
    .action(async (key: string) => {
      await withDaemon((c) => c.settings.delete.mutate(key));
      print(`${key} unset\n`);
    });
}
