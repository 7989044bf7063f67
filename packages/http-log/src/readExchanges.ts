import { readFile } from "node:fs/promises";
import { logFiles } from "./cleanup.ts";
import { HttpLogError } from "./httpLogError.ts";
import { parseEntries } from "./parseEntries.ts";
import { httpLogFile } from "./paths.ts";
import type { HttpExchangeDetail } from "./types.ts";

/**
 * Reads one forward's log back, rotated files included, oldest first. `since` (epoch ms) keeps
 * entries whose request came at or after it; `limit` keeps the newest that many.
 */
export async function readExchanges(
  ferryHome: string,
  configId: number,
  localPort: number,
  o: { since?: number; limit?: number } = {},
): Promise<HttpExchangeDetail[]> {
  const file = httpLogFile(ferryHome, configId, localPort);
  const out: HttpExchangeDetail[] = [];
  try {
    const files = (await logFiles(file)).sort((a, b) => b.n - a.n);
    for (const f of files) {
      let text: string;
      try {
        text = await readFile(f.path, "utf8");
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") continue; // rotated meanwhile
        throw err;
      }
      for (const e of parseEntries(text))
        if (o.since === undefined || e.requestAt >= o.since) out.push(e);
    }
  } catch (err) {
    throw new HttpLogError(
      "HTTP_LOG_READ_FAILED",
      `could not read the HTTP log ${file}: ${(err as Error).message}; check that Ferry may read ${file}`,
      { cause: err },
    );
  }
  return o.limit !== undefined && o.limit >= 0 ? out.slice(Math.max(0, out.length - o.limit)) : out;
}
