import { describeValue } from "../schema/describeValue.ts";

/** One entry of `ferry.dev/forwards`, its shape checked; the config schema checks the values. */
export interface FerryForwardEntry {
  alias?: unknown;
  port: string | number;
  localPort?: unknown;
  localAddress?: unknown;
  domain?: unknown;
  protocol?: "tcp" | "udp";
}

const KNOWN = ["alias", "port", "localPort", "localAddress", "domain", "protocol"];

/**
 * `ferry.dev/forwards`: a JSON array of `{ alias?, port, localPort?, localAddress?, domain?,
 * protocol? }`. Each bad entry is one problem (`[i]: ...`); the good ones are returned.
 */
export function parseFerryForwards(text: string): {
  entries: { index: number; entry: FerryForwardEntry }[];
  problems: string[];
} {
  const problems: string[] = [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { entries: [], problems: [`not valid JSON: ${(err as Error).message}`] };
  }
  const list = Array.isArray(value) ? value : [value];
  const entries: { index: number; entry: FerryForwardEntry }[] = [];
  list.forEach((raw, index) => {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      problems.push(
        `[${index}]: expected an object such as {"port":"http"}, got ${describeValue(raw)}`,
      );
      return;
    }
    const entry = raw as Record<string, unknown>;
    const unknown = Object.keys(entry).filter((k) => !KNOWN.includes(k));
    if (unknown.length > 0) {
      problems.push(
        `[${index}]: unknown field${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")} (known: ${KNOWN.join(", ")})`,
      );
      return;
    }
    const port = entry.port;
    const portOk =
      (typeof port === "string" && port.trim() !== "") ||
      (typeof port === "number" && Number.isInteger(port) && port >= 1 && port <= 65535);
    if (!portOk) {
      problems.push(
        `[${index}].port: expected a port name or a number 1-65535, got ${describeValue(port)}`,
      );
      return;
    }
    if (entry.protocol !== undefined && entry.protocol !== "tcp" && entry.protocol !== "udp") {
      problems.push(
        `[${index}].protocol: expected "tcp" or "udp", got ${describeValue(entry.protocol)}`,
      );
      return;
    }
    entries.push({ index, entry: entry as unknown as FerryForwardEntry });
  });
  return { entries, problems };
}
