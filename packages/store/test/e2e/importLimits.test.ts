import { writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closeFerryClient, ferryErrorOf } from "../../src/client/index.ts";
import { readDaemonFile } from "../../src/daemon/daemonFile.ts";
import { alive, clientFor, useDaemons, waitForDaemon } from "./daemonHarness.ts";

// Issue 13 points 1, 8 and 11: big, deep and oversized imports against a real ferryd.

const entry = (i: number) => ({
  alias: "same",
  namespace: "ns",
  workload_type: "service",
  service: `s${i}`,
  remote_port: 80,
});

/** POSTs `bytes` bytes of body to `path` with the token; resolves with status and body. */
function rawPost(
  url: string,
  token: string,
  path: string,
  body: Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "content-length": body.length,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (d) => {
          text += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("ferryd imports: size, depth and the event loop", () => {
  const daemons = useDaemons();

  it("answers other requests while a 50 000-entry import with one alias runs, and commits all of it", async () => {
    const home = daemons.home();
    daemons.spawn(home);
    await waitForDaemon(home);
    const client = clientFor(home);
    try {
      const text = JSON.stringify(Array.from({ length: 50_000 }, (_, i) => entry(i)));
      let done = false;
      const importing = client.configs.import.mutate({ text }).finally(() => {
        done = true;
      });
      // Give the daemon the whole body; from then on it works on the import.
      await new Promise((r) => setTimeout(r, 300));
      let answeredDuring = 0;
      for (let i = 0; i < 5; i++) {
        await client.daemon.info.query();
        if (!done) answeredDuring++;
      }
      const report = await importing;
      expect(answeredDuring).toBe(5);
      expect(report.added.length).toBe(50_000);
      const aliases = new Set((await client.configs.list.query()).map((c) => c.alias));
      expect(aliases.size).toBe(50_000);
      expect(aliases.has("same") && aliases.has("same-2") && aliases.has("same-50000")).toBe(true);
    } finally {
      closeFerryClient(client);
    }
  });

  it("refuses JSON nested deeper than a config file needs, naming the file, and stays up", async () => {
    const home = daemons.home();
    const child = daemons.spawn(home);
    await waitForDaemon(home);
    const client = clientFor(home);
    try {
      const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
      const byText = await client.configs.import.mutate({ text: deep }).catch(ferryErrorOf);
      expect(byText).toMatchObject({ code: "INVALID_JSON" });
      expect((byText as Error).message).toMatch(/nested more than 16 levels deep/);
      const file = join(home, "deep.json");
      writeFileSync(file, deep);
      const byPath = await client.configs.import.mutate({ path: file }).catch(ferryErrorOf);
      expect(byPath).toMatchObject({ code: "INVALID_JSON" });
      expect((byPath as Error).message).toContain(file);
      // The same class elsewhere: a setting's JSON value (sent raw: no client can serialise it).
      const d = readDaemonFile(home);
      const deepValue = `${"[".repeat(100_000)}1${"]".repeat(100_000)}`;
      const setting = await rawPost(
        d?.url ?? "",
        d?.token ?? "",
        "/settings.set",
        Buffer.from(`{"key":"ui.deep","value":${deepValue}}`),
      );
      expect(setting.status).toBe(400);
      expect(JSON.parse(setting.text).error.data.ferryCode).toBe("INVALID_INPUT");
      expect(setting.text).toMatch(/nested at most 16 levels/);
      expect(alive(child.pid ?? 0)).toBe(true);
      expect(await client.configs.list.query()).toEqual([]);
    } finally {
      closeFerryClient(client);
    }
  });

  it("refuses a request body over 64 MiB with a message, and imports a file by path instead", async () => {
    const home = daemons.home();
    daemons.spawn(home);
    const d = await waitForDaemon(home);
    const body = Buffer.alloc(64 * 1024 * 1024 + 1, 0x20);
    const res = await rawPost(d.url, d.token, "/configs.import", body);
    expect(res.status).toBe(413);
    expect(res.text).toMatch(/64 MiB/);
    expect(res.text).toMatch(/path/);

    const client = clientFor(home);
    try {
      const file = join(home, "configs.json");
      writeFileSync(file, JSON.stringify([entry(1), entry(2)]));
      const report = await client.configs.import.mutate({ path: file });
      expect(report.added.map((a) => a.alias)).toEqual(["same", "same-2"]);
      const missing = await client.configs.import
        .mutate({ path: join(home, "nope.json") })
        .catch(ferryErrorOf);
      expect(missing).toMatchObject({ code: "FILE_NOT_READABLE" });
    } finally {
      closeFerryClient(client);
    }
  });
});
