import { CONFIG_FIELDS, type Config } from "../schema/config.ts";

/**
 * The export file: a JSON array in kftray's field names, fields in a fixed order, unset (null)
 * fields left out, ids left out (they are local to one database). Importing it into an empty
 * home and exporting again gives the same bytes.
 */
export function exportConfigs(configs: Config[]): string {
  const entries = configs.map((config) => {
    const entry: Record<string, unknown> = {};
    for (const field of CONFIG_FIELDS) {
      if (config[field] !== null) entry[field] = config[field];
    }
    return entry;
  });
  return `${JSON.stringify(entries, null, 2)}\n`;
}
