import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import {
  checkHttpLogSettings,
  createHttpLogger,
  type HttpExchangeDetail,
  type HttpExchangeSummary,
  type HttpLogProblem,
  type HttpLogSettings,
  httpLogDir,
  parseHttpFile,
  readExchanges,
} from "../../src/index.ts";
import { startRelay } from "./relay.ts";

export const CONFIG_ID = 11;
export const LOCAL_PORT = 18080;

/** A FERRY_HOME, a logger and a relay in front of `upstreamPort`: one "forward". */
export async function forward(upstreamPort: number, s: Partial<HttpLogSettings> = {}) {
  const home = mkdtempSync(join(tmpdir(), "http-log-e2e-"));
  const seen: HttpExchangeSummary[] = [];
  const problems: HttpLogProblem[] = [];
  const logger = createHttpLogger({
    ferryHome: home,
    configId: CONFIG_ID,
    localPort: LOCAL_PORT,
    settings: checkHttpLogSettings(s),
    onExchange: (e) => seen.push(e),
    onProblem: (p) => problems.push(p),
  });
  const relay = await startRelay(logger, upstreamPort);
  const base = `http://127.0.0.1:${relay.port}`;
  return {
    home,
    logger,
    relay,
    base,
    seen,
    problems,
    /** Closes the relay and the logger, then reads the log back and checks it as REST Client would. */
    async finish(): Promise<HttpExchangeDetail[]> {
      await relay.close();
      await logger.close();
      const entries = await readExchanges(home, CONFIG_ID, LOCAL_PORT);
      checkRestClientRoundTrip(home, entries);
      return entries;
    },
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** Every request block in the files parses back to the method, URL, headers and body of its entry. */
export function checkRestClientRoundTrip(home: string, entries: HttpExchangeDetail[]): void {
  const dir = httpLogDir(home);
  const files = readdirSync(dir)
    .filter((f) => f.startsWith(`${CONFIG_ID}_${LOCAL_PORT}.http`))
    .sort((a, b) =>
      (b.split(".http.")[1] ?? "0").localeCompare(a.split(".http.")[1] ?? "0", undefined, {
        numeric: true,
      }),
    );
  const blocks = files.flatMap((f) => parseHttpFile(readFileSync(join(dir, f), "utf8")));
  const requests = entries.filter((e) => e.method);
  expect(
    blocks.map((b) => ({ method: b.method, url: b.url, headers: b.headers, body: b.body })),
  ).toEqual(
    requests.map((e) => ({
      method: e.method,
      url: e.url.startsWith("/")
        ? `http://${e.requestHeaders.find(([k]) => k.toLowerCase() === "host")?.[1] ?? `localhost:${LOCAL_PORT}`}${e.url}`
        : e.url,
      headers: e.requestHeaders,
      body: e.requestBody
        .split("\n")
        .filter((l) => !l.startsWith("# <"))
        .join("\n")
        .replace(/\n+$/, ""),
    })),
  );
}

/** Every byte under `dir` (files only), to look for a secret left on disk. */
export function everyFileText(dir: string): string {
  let all = "";
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) all += readFileSync(path).toString("latin1");
  }
  return all;
}

/** Runs a real program (async: never spawnSync), resolving with its exit code and output. */
export function run(
  cmd: string,
  args: string[],
  input?: Buffer | string,
): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out), stderr: err }));
    child.stdin.end(input);
  });
}

/** Polls the log until it holds `n` entries (the writer batches asynchronously). */
export async function waitForEntries(
  home: string,
  n: number,
  timeoutMs = 10_000,
): Promise<HttpExchangeDetail[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const entries = await readExchanges(home, CONFIG_ID, LOCAL_PORT);
    if (entries.length >= n || Date.now() > until) return entries;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
