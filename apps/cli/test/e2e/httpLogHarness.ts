import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHttpFile } from "@ferry/http-log";
import type { HttpExchangeDetail, HttpExchangeSummary } from "@ferry/store/client";
import { afterEach } from "vitest";
import type { FixtureHome } from "./fixtureSim.ts";

/** One line of `ferry logs http --json` (bodies and headers with --bodies). */
export type LoggedExchange = HttpExchangeSummary & Partial<HttpExchangeDetail>;

/** `ferry logs http alias --json [more]`, parsed (exit 0 required). */
export async function logged(
  h: FixtureHome,
  alias: string,
  more: string[] = [],
): Promise<LoggedExchange[]> {
  const r = await h.run(["logs", "http", alias, "--json", ...more]);
  if (r.code !== 0) throw new Error(`ferry logs http ${alias}: ${r.code} ${r.stderr}`);
  return r.stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as LoggedExchange);
}

/** Polls `logged` until `done(list)` or 30 s (the writer batches). */
export async function loggedWhen(
  h: FixtureHome,
  alias: string,
  done: (list: LoggedExchange[]) => boolean,
  more: string[] = [],
): Promise<LoggedExchange[]> {
  const deadline = Date.now() + 30_000;
  let list = await logged(h, alias, more);
  while (!done(list) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 300));
    list = await logged(h, alias, more);
  }
  return list;
}

/** The files of $FERRY_HOME/http_logs (none when it does not exist). */
export function logFiles(home: string): string[] {
  try {
    return readdirSync(join(home, "http_logs")).sort();
  } catch {
    return [];
  }
}

/** `ferry logs http alias -f --json` kept running (killed after the test); lines as they come. */
export function useFollowers(): (
  h: FixtureHome,
  alias: string,
) => { lines: string[]; child: ChildProcess } {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) c.kill("SIGINT");
  });
  return (h, alias) => {
    const bin = join(import.meta.dirname, "../../src/bin/ferry.ts");
    const child = spawn(process.execPath, [bin, "logs", "http", alias, "-f", "--json"], {
      env: { ...process.env, FERRY_HOME: h.home, NO_COLOR: "1", ...h.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    const lines: string[] = [];
    let rest = "";
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      const parts = (rest + d).split("\n");
      rest = parts.pop() ?? "";
      lines.push(...parts.filter((p) => p.trim()));
    });
    return { lines, child };
  };
}

/**
 * The REST Client check (parseHttpFile of @ferry/http-log, the humao.rest-client request format):
 * every request block of the forward's files (rotated ones first), as method, URL, headers, body.
 */
export function restClientBlocks(home: string, configId: number) {
  const files = logFiles(home)
    .filter((f) => f.startsWith(`${configId}_`))
    // file.N is older than file.(N-1), and the live file is the newest.
    .sort((a, b) => Number(b.split(".http.")[1] ?? 0) - Number(a.split(".http.")[1] ?? 0));
  return files.flatMap((f) =>
    parseHttpFile(readFileSync(join(home, "http_logs", f), "utf8")).map((b) => ({
      method: b.method,
      url: b.url,
      headers: b.headers,
      body: b.body,
    })),
  );
}
