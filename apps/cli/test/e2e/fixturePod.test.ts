import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { patternBytes, patternSha256 } from "./fixtureBackend.ts";
import { useFixtureSim } from "./fixtureSim.ts";
import {
  chunkedUpload,
  curl,
  download,
  fetchKeepAlive,
  pipelined,
  uploadFile,
  websocketEcho,
} from "./httpClients.ts";

const MIB = 1 << 20;

// The issue-17 fixture itself, through a plain Ferry forward (logging off): every exchange the
// HTTP log tests capture reaches the pod and comes back as the client expects, so a failure in
// those tests is the log's, not the fixture's.
describe("the fixture pod through a ferry forward (kube-sim)", () => {
  const sim = useFixtureSim();

  it("serves keep-alive, pipelining, chunked echo, gzip, HEAD, 304, 100-continue, WebSocket", async () => {
    const h = sim.home();
    await h.addFixture("fx");
    const t = await h.start("fx");
    const before = sim.backend().requests.length;

    const ka = await fetchKeepAlive(t);
    expect(ka.sockets).toBe(1);
    expect(ka.bodies.map((b) => JSON.parse(b).hello)).toEqual(Array(4).fill("fixture"));

    const raw = await pipelined(t);
    expect(raw.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(3);

    expect(await chunkedUpload(t, ["one,", "two,", "three"])).toBe("one,two,three");
    const echoed = sim.backend().seen("POST", "/echo").at(-1);
    expect(echoed?.headers["transfer-encoding"]).toBe("chunked");

    const gz = await curl(t, "/gzip", ["--compressed"]);
    expect(JSON.parse(gz.stdout).compressed).toBe(true);

    const head = await curl(t, "/hello", ["-I"]);
    expect(head.stdout).toMatch(/^HTTP\/1\.1 200/);
    expect(head.stdout).toMatch(/content-length: \d+/i);

    const notModified = await curl(t, "/etag", [
      "-o",
      "/dev/null",
      "-w",
      "%{http_code}",
      "-H",
      'If-None-Match: "fixture-v1"',
    ]);
    expect(notModified.stdout).toBe("304");

    const dir = h.home;
    const small = join(dir, "small.bin");
    writeFileSync(small, "continue me");
    const up = await uploadFile(t, small);
    expect(up.bytes).toBe(11);

    expect(await websocketEcho(t, "ping over ws")).toBe("ping over ws");
    expect(sim.backend().requests.length - before).toBeGreaterThanOrEqual(13);
  });

  it("moves 50 MiB each way intact (sha256)", async () => {
    const h = sim.home();
    await h.addFixture("fx-bulk");
    const t = await h.start("fx-bulk");
    const down = await download(t, 50 * MIB);
    expect(down).toEqual({ bytes: 50 * MIB, sha256: patternSha256(50 * MIB) });

    const file = join(h.home, "upload.bin");
    const body = Buffer.concat(Array.from({ length: 50 }, (_, i) => patternBytes(MIB, i * MIB)));
    writeFileSync(file, body);
    const up = await uploadFile(t, file);
    expect(up).toEqual({
      bytes: 50 * MIB,
      sha256: createHash("sha256").update(body).digest("hex"),
    });
  });
});
