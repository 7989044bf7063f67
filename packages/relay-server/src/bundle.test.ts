import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnRelay } from "../test/relayProcess.ts";
import { relayBundleSource } from "./bundle.ts";

const BUILD = fileURLToPath(new URL("../scripts/buildBundle.ts", import.meta.url));

describe("relay bundle", () => {
  let dir: string;
  let echo: Server;
  let echoPort: number;
  beforeAll(async () => {
    // The unit tests run before this package's own build: bundle the current sources first.
    execFileSync(process.execPath, [BUILD], { stdio: "ignore" });
    dir = mkdtempSync(join(tmpdir(), "relay-bundle-"));
    echo = createServer((s) => s.pipe(s));
    await new Promise<void>((r) => echo.listen(0, "127.0.0.1", r));
    echoPort = (echo.address() as { port: number }).port;
  });
  afterAll(() => {
    echo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is one script that needs only Node's built-in modules, well under one argument's limit", () => {
    const source = relayBundleSource();
    expect(source.length).toBeLessThan(64 * 1024);
    const required = [...source.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    for (const name of required) expect(name).toMatch(/^node:/);
    expect(source).not.toMatch(/^\s*import[\s{]/m);
  });

  it("runs as `node -e <bundle>` from an empty directory and proxies TCP", async () => {
    const relay = await spawnRelay(
      { PROXY_TYPE: "tcp", REMOTE_ADDRESS: "127.0.0.1", REMOTE_PORT: String(echoPort) },
      { source: relayBundleSource(), cwd: dir },
    );
    try {
      const socket = connect(relay.port, "127.0.0.1");
      socket.end("through the bundle");
      const chunks: Buffer[] = [];
      for await (const chunk of socket) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe("through the bundle");
    } finally {
      await relay.stop();
    }
  });
});
