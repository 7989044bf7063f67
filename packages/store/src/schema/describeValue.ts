import { printable } from "./printable.ts";

/** Renders a rejected input value the way error messages quote it: `"eighty"`, `70000`, `null`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  // printable() as well: JSON escapes C0 controls but leaves C1 and bidi characters as they are.
  if (typeof value === "string")
    return printable(JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value));
  if (Array.isArray(value)) return "an array";
  if (value !== null && typeof value === "object") return "an object";
  return String(value);
}
