import { SCHEMA_VERSION } from "@ferry/store/client";
import cliPackage from "../../package.json" with { type: "json" };
import { withRunningDaemon } from "../daemon/withDaemon.ts";

/** What `ferry --version` and `ferry version --json` report. */
export interface Versions {
  cli: string;
  node: string;
  /** null when no daemon is running: the CLI never starts one just to ask. */
  daemon: string | null;
  /** The relay program the daemon deploys ("sha256:..."), as it reports it. */
  relayBundle: string | null;
  /** The config database's schema: the running daemon's, else the one this ferry creates. */
  schema: number;
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
    schema: SCHEMA_VERSION,
  };
  await withRunningDaemon(async (client) => {
    const info: LaterInfo & { version: string } = await client.daemon.info.query();
    versions.daemon = info.version;
    versions.relayBundle = bundleText(info.relayBundle);
    // An older daemon does not say; this ferry's schema is then the best known.
    versions.schema = info.schemaVersion ?? SCHEMA_VERSION;
  });
  return versions;
}

/** One line per part; "unknown" says what to do to learn it. */
export function versionText(v: Versions): string {
  const fromDaemon = (value: string | null) =>
    value !== null
      ? String(value)
      : v.daemon === null
        ? "unknown (no daemon running; `ferry daemon start`)"
        : "unknown (this daemon does not report it)";
  return [
    `ferry ${v.cli}`,
    `daemon ${v.daemon ?? "not running"}`,
    `relay bundle ${fromDaemon(v.relayBundle)}`,
    `schema ${v.schema}${v.daemon === null ? " (this ferry's; no daemon running)" : ""}`,
    `node ${v.node}`,
  ]
    .map((line) => `${line}\n`)
    .join("");
}
