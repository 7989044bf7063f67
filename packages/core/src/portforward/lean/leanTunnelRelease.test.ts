// Socket reads are freed as soon as every DATA view of them has gone to the kernel
// (releaseChunk.ts). What must never happen: a view still queued somewhere when its memory goes.
// Random bytes through a lean tunnel into a real local socket, read fast and read slowly.

import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { useTunnelPeers } from "./tunnelPeer.testkit.ts";

function wsFrame(payload: Buffer): Buffer {
  const head =
    payload.length < 126
      ? Buffer.from([0x82, payload.length])
      : Buffer.from([0x82, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([head, payload]);
}

function spdyData(id: number, payload: Buffer, fin = false): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(id, 0);
  h.writeUInt32BE(payload.length | (fin ? 0x01000000 : 0), 4);
  return wsFrame(Buffer.concat([h, payload]));
}

function synReply(id: number): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt32BE(0x80030002, 0);
  h.writeUInt32BE(4, 4);
  h.writeUInt32BE(id, 8);
  return wsFrame(h);
}

/** A connected pair of real sockets: `local` is what the forward writes to, `client` reads. */
async function socketPair(): Promise<{ local: Socket; client: Socket; close: () => void }> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const accepted = once(server, "connection");
  const client = connect((server.address() as AddressInfo).port, "127.0.0.1");
  const [local] = (await accepted) as [Socket];
  return { local, client, close: () => server.close() };
}

describe("a lean tunnel frees its socket reads", () => {
  const tunnelPair = useTunnelPeers();

  for (const reader of ["fast", "slow"] as const) {
    it(`delivers every byte to a ${reader} local reader, freeing reads only once handed off`, async () => {
      const { tunnel, peer } = await tunnelPair();
      const opening = tunnel.openStream(9000, { connectTimeoutMs: 5000 });
      peer.write(synReply(3));
      const stream = await opening;
      const { local, client, close } = await socketPair();
      stream.pipe(local);

      const sent = createHash("sha256");
      const got = createHash("sha256");
      let received = 0;
      const total = 8 * 1024 * 1024;
      const done = new Promise<void>((resolve) => {
        client.on("data", (c: Buffer) => {
          got.update(c);
          received += c.length;
          if (reader === "slow" && received % 7 === 0) {
            client.pause();
            setTimeout(() => client.resume(), 2);
          }
        });
        client.on("end", resolve);
      });
      // Frames of random sizes written in random cuts, so reads split frames anywhere.
      let bytes = Buffer.alloc(0);
      for (let n = 0; n < total; ) {
        const payload = randomBytes(1 + Math.floor(Math.random() * 30_000));
        sent.update(payload);
        n += payload.length;
        bytes = Buffer.concat([bytes, spdyData(3, payload, n >= total)]);
        if (bytes.length > 200_000 || n >= total) {
          for (let at = 0; at < bytes.length; ) {
            const cut = 1 + Math.floor(Math.random() * 70_000);
            if (!peer.write(bytes.subarray(at, at + cut))) await once(peer, "drain");
            at += cut;
          }
          bytes = Buffer.alloc(0);
        }
      }
      await done;
      expect(got.digest("hex")).toBe(sent.digest("hex"));
      if (reader === "fast") expect(tunnel.releasedReads).toBeGreaterThan(0);
      client.destroy();
      close();
    }, 30_000);
  }
});
