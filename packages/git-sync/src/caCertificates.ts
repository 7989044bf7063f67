import { readFileSync } from "node:fs";
import tls from "node:tls";
import { GitSyncError } from "./gitSyncError.ts";
import { expandHome } from "./syncSource.ts";

/** Node's own trust store: bundled roots plus NODE_EXTRA_CA_CERTS (read at process start). */
function defaultCertificates(): string[] {
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  // getCACertificates (Node >= 22.15) already includes NODE_EXTRA_CA_CERTS.
  if (typeof tls.getCACertificates === "function") return tls.getCACertificates("default");
  return [...tls.rootCertificates, ...(extra ? [readFileSync(extra, "utf8")] : [])];
}

/**
 * The CAs a source's HTTPS connections trust: the defaults and, when given, its `caFile`.
 * Passing `ca` replaces Node's defaults, so they are listed again here, never dropped.
 */
export function trustedCertificates(caFile: string | null | undefined): string[] {
  const base = defaultCertificates();
  if (!caFile) return base;
  const path = expandHome(caFile);
  let pem: string;
  try {
    pem = readFileSync(path, "utf8");
  } catch (err) {
    throw new GitSyncError(
      "GIT_CA_FILE_UNREADABLE",
      `cannot read the CA file ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)}); fix caFile in the source, or trust the CA through NODE_EXTRA_CA_CERTS`,
    );
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
    throw new GitSyncError(
      "GIT_CA_FILE_UNREADABLE",
      `the CA file ${path} holds no PEM certificate ("-----BEGIN CERTIFICATE-----"); give the CA's certificate in PEM form`,
    );
  }
  return [...base, pem];
}
