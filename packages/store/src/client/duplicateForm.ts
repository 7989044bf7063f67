import type { Config } from "../schema/config.ts";
import { type FormValues, formFromConfig } from "./configForm.ts";

/**
 * A new config's form from an existing one (the apps' Duplicate): every field the same, the
 * alias with `-copy` (the daemon refuses a taken one on the Alias field), local port 0 (the OS
 * picks a free one).
 */
export function duplicateForm(c: Config): FormValues {
  return { ...formFromConfig(c), alias: `${c.alias}-copy`, local_port: "0" };
}
