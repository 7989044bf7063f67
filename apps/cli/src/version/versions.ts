import cliPackage from "../../package.json" with { type: "json" };
import { withRunningDaemon } from "../daemon/withDaemon.ts";

/** What `ferry --version` and `ferry version --json` report. */
export interface Versions {
  cli: string;
  node: string;
  /** null when no daemon is running: the CLI never starts one just to ask. */
  daemon: string | null;
  /** The relay program the daemon deploys, and the config database's schema, as it reports them. */
  relayBundle: string | null;
  schema: number | null;
}

/** Fields a newer daemon adds to `daemon.info`; absent from an older one. */
interface LaterInfo {
  schemaVersion?: number;
  relayBundle?: string | { version?: string; sha256?: string };
}

const bundleText = (b: LaterInfo["relayBundle"]) =>
  b === undefined ? null : typeof b === "string" ? b : (b.version ?? b.sha256 ?? null);

export async function collectVersions(): Promise<Versions> {
  const versions: Versions = {
    cli: cliPackage.version,
    node: process.versions.node,
    daemon: null,
    relayBundle: null,
    schema: null,
  };
  await withRunningDaemon(async (client) => {
    const info: LaterInfo & { version: string } = await client.daemon.info.query();
    versions.daemon = info.version;
    versions.relayBundle = bundleText(info.relayBundle);
    versions.schema = info.schemaVersion ?? null;
  });
  return versions;
}

/** One line per part; "unknown" says what to do to learn it. */
export function versionText(v: Versions): string {
  const fromDaemon = (value: string | number | null) =>
    value !== null
      ? String(value)
      : v.daemon === null
        ? "unknown (no daemon running; `ferry daemon start`)"
        : "unknown (this daemon does not report it)";
  return [
    `ferry ${v.cli}`,
    `daemon ${v.daemon ?? "not running"}`,
    `relay bundle ${fromDaemon(v.relayBundle)}`,
    `schema ${fromDaemon(v.schema)}`,
    `node ${v.node}`,
  ]
    .map((line) => `${line}\n`)
    .join("");
}
