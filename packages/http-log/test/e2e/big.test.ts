import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forward, run } from "./harness.ts";
import { BIG_SHA256, BIG_SIZE, MiB, startUpstream } from "./upstream.ts";

let upstream: Awaited<ReturnType<typeof startUpstream>>;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(() => upstream.close());

describe("50 MiB bodies", () => {
  it("a 50 MiB response reaches curl intact and is one capped entry", async () => {
    const f = await forward(upstream.port);
    const r = await run("sh", ["-c", `curl -sS ${f.base}/big | sha256sum`]);
    expect(r.stdout.toString().split(" ")[0]).toBe(BIG_SHA256);
    const entries = await f.finish();
    expect(entries).toHaveLength(1);
    const e = entries[0]!;
    expect([e.method, e.url, e.status, e.responseBytes]).toEqual(["GET", "/big", 200, BIG_SIZE]);
    expect(e.responseBody.endsWith(`<truncated: kept 65536 of ${BIG_SIZE} bytes>`)).toBe(true);
    expect(e.responseBody.length).toBeLessThan(70_000);
    f.cleanup();
  });

  it("a 50 MiB upload reaches the server intact and is one capped entry", async () => {
    const f = await forward(upstream.port);
    const body = Buffer.alloc(BIG_SIZE);
    for (let i = 0; i < BIG_SIZE; i += MiB) body.fill(`upload slice ${i / MiB}\n`, i, i + MiB);
    const sha = createHash("sha256").update(body).digest("hex");
    const r = await run(
      "curl",
      ["-sS", "-H", "Content-Type: text/plain", "--data-binary", "@-", `${f.base}/upload`],
      body,
    );
    expect(JSON.parse(r.stdout.toString())).toEqual({ size: BIG_SIZE, sha256: sha });
    const entries = await f.finish();
    expect(entries).toHaveLength(1);
    const e = entries[0]!;
    expect([e.method, e.url, e.status, e.requestBytes]).toEqual(["POST", "/upload", 200, BIG_SIZE]);
    expect(e.requestBody.endsWith(`# <truncated: kept 65536 of ${BIG_SIZE} bytes>`)).toBe(true);
    expect(e.requestBody.startsWith("upload slice 0\nupload slice 0\n")).toBe(true);
    f.cleanup();
  });
});
