// The lean tunnel against a hand-driven peer on a loopback socket: what the API server's GOAWAY
// does to open and new connections.

import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { useTunnelPeers } from "./tunnelPeer.testkit.ts";

function serverFrame(payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x82, payload.length]), payload]);
}

function control(type: number, body: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(0x80030000 + type, 0);
  h.writeUInt32BE(body.length, 4);
  return serverFrame(Buffer.concat([h, body]));
}

const synReply = (id: number) => control(2, Buffer.from([0, 0, 0, id]));
const goAway = (lastGood: number) => control(7, Buffer.from([0, 0, 0, lastGood, 0, 0, 0, 0]));

function data(id: number, text: string): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(id, 0);
  h.writeUInt32BE(text.length, 4);
  return serverFrame(Buffer.concat([h, Buffer.from(text)]));
}

describe("a lean tunnel told GOAWAY", () => {
  const tunnelPair = useTunnelPeers();

  it("takes no new connection, resets those past the last good stream, keeps the rest, then closes", async () => {
    const { tunnel, peer } = await tunnelPair();
    // Streams 1 (error) + 3 (data), then 5 + 7.
    const first = tunnel.openStream(9000, { connectTimeoutMs: 5000 });
    const second = tunnel.openStream(9000, { connectTimeoutMs: 5000 });
    peer.write(Buffer.concat([synReply(3), synReply(7)]));
    const [a, b] = await Promise.all([first, second]);
    expect(tunnel.closed).toBeNull();

    const bReset = new Promise((resolve) => b.once("close", resolve));
    peer.write(goAway(3));
    await bReset;
    expect(String(b.errored?.message)).toMatch(/GOAWAY/);
    // The connector must open a fresh tunnel for the next connection.
    expect(tunnel.closed).toMatch(/GOAWAY/);
    await expect(tunnel.openStream(9000)).rejects.toMatchObject({ code: "PORT_FORWARD_FAILED" });

    // The stream the server kept still carries data, and its end closes the tunnel.
    const got = once(a, "data");
    peer.write(data(3, "still here"));
    expect(String((await got)[0])).toBe("still here");
    const closed = new Promise<string>((resolve) => tunnel.onClose(resolve));
    a.destroy();
    await expect(closed).resolves.toMatch(/GOAWAY/);
  });
});
