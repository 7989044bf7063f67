import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { connect, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RelayProcess, spawnRelay } from "../test/relayProcess.ts";

// The "remote" the relay proxies to. Each accepted socket is handed to the test.
async function remoteServer(
  onSocket: (s: Socket) => void,
): Promise<{ server: Server; port: number }> {
  const server = createServer({ allowHalfOpen: true }, onSocket);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  return { server, port: typeof addr === "object" && addr ? addr.port : 0 };
}

/** Writes chunks until the relay stops taking them for `quietMs`; returns the bytes it took. */
async function writeUntilStalled(socket: Socket, chunk: Buffer, limit: number, quietMs: number) {
  const hash = createHash("sha256");
  let written = 0;
  while (written < limit) {
    hash.update(chunk);
    written += chunk.length;
    if (!socket.write(chunk)) {
      const drained = await Promise.race([
        once(socket, "drain").then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), quietMs)),
      ]);
      if (!drained) break;
    }
  }
  return { written, hash };
}

describe("relay program, PROXY_TYPE=tcp", () => {
  let handler: (s: Socket) => void = () => {};
  let remote: { server: Server; port: number };
  let relay: RelayProcess;

  beforeAll(async () => {
    remote = await remoteServer((s) => handler(s));
    relay = await spawnRelay({
      PROXY_TYPE: "tcp",
      REMOTE_ADDRESS: "127.0.0.1",
      REMOTE_PORT: String(remote.port),
      IDLE_EXIT_SECONDS: "0",
    });
  });
  afterAll(async () => {
    await relay?.stop();
    remote?.server.close();
  });

  it("passes a half-closed request through and returns the whole answer", async () => {
    handler = (s) => {
      const parts: Buffer[] = [];
      s.on("data", (d) => parts.push(d));
      s.on("end", () => s.end(`got ${Buffer.concat(parts).toString()}`));
    };
    const client = connect({ port: relay.port, host: "127.0.0.1", allowHalfOpen: true });
    const answer: Buffer[] = [];
    client.on("data", (d) => answer.push(d));
    client.end("hello relay");
    await once(client, "end");
    expect(Buffer.concat(answer).toString()).toBe("got hello relay");
    client.destroy();
  });

  it("applies backpressure: a remote that stops reading stalls the sender, and no byte is lost", async () => {
    let remoteSocket: Socket | null = null;
    const accepted = new Promise<void>((r) => {
      handler = (s) => {
        s.pause(); // the remote reads nothing until the test says so
        remoteSocket = s;
        r();
      };
    });
    const client = connect(relay.port, "127.0.0.1");
    await once(client, "connect");
    await accepted;

    // 512 MiB offered; a relay that buffered without limit would take it all.
    const limit = 512 * 1024 * 1024;
    const { written, hash } = await writeUntilStalled(
      client,
      randomBytes(1024 * 1024),
      limit,
      1500,
    );
    expect(written).toBeLessThan(limit);
    // What left the client sits in kernel buffers and stream high-water marks only.
    expect(written - client.writableLength).toBeLessThan(96 * 1024 * 1024);

    const received = createHash("sha256");
    let total = 0;
    const sock = remoteSocket as unknown as Socket;
    sock.on("data", (d: Buffer) => {
      received.update(d);
      total += d.length;
      if (total === written) sock.end();
    });
    sock.resume();
    client.end();
    await once(sock, "end");
    expect(total).toBe(written);
    expect(received.digest("hex")).toBe(hash.digest("hex"));
    client.destroy();
  });

  it("closes the client when the remote refuses, with one `ferry-relay: connect` line per failure", async () => {
    const refused = await spawnRelay({
      PROXY_TYPE: "tcp",
      REMOTE_ADDRESS: "127.0.0.1",
      REMOTE_PORT: "1",
    });
    for (let i = 0; i < 2; i++) {
      const client = connect(refused.port, "127.0.0.1");
      client.on("error", () => {});
      await once(client, "close");
    }
    await refused.waitFor(/(failed: ECONNREFUSED[^\n]*\n[\s\S]*){2}/);
    const lines = refused.output().split("\n");
    const failures = lines.filter((l) => l.includes("ECONNREFUSED"));
    expect(failures).toHaveLength(2);
    for (const line of failures)
      expect(line).toMatch(
        /^ferry-relay: connect 127\.0\.0\.1:1 failed: ECONNREFUSED connect ECONNREFUSED 127\.0\.0\.1:1$/,
      );
    await refused.stop();
  });

  it("reports a remote that does not resolve the same way, with the host as configured", async () => {
    const relay = await spawnRelay({
      PROXY_TYPE: "tcp",
      REMOTE_ADDRESS: "no-such-host.invalid",
      REMOTE_PORT: "6379",
    });
    const client = connect(relay.port, "127.0.0.1");
    client.on("error", () => {});
    await once(client, "close");
    await relay.waitFor("ferry-relay: connect");
    const failures = relay
      .output()
      .split("\n")
      .filter((l) => l.includes("ferry-relay: connect"));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(
      /^ferry-relay: connect no-such-host\.invalid:6379 failed: (ENOTFOUND|EAI_AGAIN) \S.*$/,
    );
    await relay.stop();
  });
});
