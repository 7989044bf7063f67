import { type Config, type FormValues, formFromConfig } from "@ferry/store/client";

/**
 * A new config's form from an existing one: every field the same, the alias with `-copy`
 * (the daemon refuses a taken one on the Alias field), local port 0 (the OS picks a free one).
 */
export function duplicateValues(c: Config): FormValues {
  return { ...formFromConfig(c), alias: `${c.alias}-copy`, local_port: "0" };
}
