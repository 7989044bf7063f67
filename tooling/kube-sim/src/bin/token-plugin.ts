#!/usr/bin/env node
// A client-go exec credential plugin for tests: prints an ExecCredential carrying the token read
// from $KUBE_SIM_TOKEN_FILE (the sim rewrites that file when its token rotates). With
// $KUBE_SIM_EXPIRATION_SECONDS it adds `expirationTimestamp` that far ahead; with
// $KUBE_SIM_PLUGIN_CALLS it appends one line per run to that file, so a test can count the runs.
import { appendFileSync, readFileSync } from "node:fs";

const fail = (message: string): never => {
  process.stderr.write(`kube-sim token plugin: ${message}\n`);
  process.exit(1);
};

const file = process.env.KUBE_SIM_TOKEN_FILE ?? fail("KUBE_SIM_TOKEN_FILE is not set");
let token = "";
try {
  token = readFileSync(file, "utf8").trim();
} catch (e) {
  fail(`cannot read ${file}: ${(e as Error).message}`);
}
// client-go passes the apiVersion it expects in KUBERNETES_EXEC_INFO.
let apiVersion = "client.authentication.k8s.io/v1";
try {
  apiVersion = JSON.parse(process.env.KUBERNETES_EXEC_INFO ?? "{}").apiVersion ?? apiVersion;
} catch {
  // Not set or not JSON: keep v1.
}
const ttl = Number(process.env.KUBE_SIM_EXPIRATION_SECONDS ?? 0);
const status: { token: string; expirationTimestamp?: string } = { token };
if (ttl > 0) {
  // RFC 3339 without fractional seconds, as client-go formats it.
  status.expirationTimestamp = new Date(Date.now() + ttl * 1000)
    .toISOString()
    .replace(/\.\d+Z$/, "Z");
}
if (process.env.KUBE_SIM_PLUGIN_CALLS)
  appendFileSync(process.env.KUBE_SIM_PLUGIN_CALLS, `${new Date().toISOString()}\n`);
process.stdout.write(`${JSON.stringify({ apiVersion, kind: "ExecCredential", status })}\n`);
