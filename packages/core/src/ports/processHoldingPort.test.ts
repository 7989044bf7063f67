import { createSocket } from "node:dgram";
import { once } from "node:events";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import {
  addressesClash,
  decodeProcAddress,
  parseProcNet,
  processHoldingPort,
} from "./processHoldingPort.ts";

describe("decodeProcAddress", () => {
  it("reads the kernel's little-endian words", () => {
    expect(decodeProcAddress("0100007F")).toBe("127.0.0.1");
    expect(decodeProcAddress("00000000")).toBe("0.0.0.0");
    expect(decodeProcAddress("00000000000000000000000000000000")).toBe("::");
    expect(decodeProcAddress("00000000000000000000000001000000")).toBe("::1");
    expect(decodeProcAddress("0000000000000000FFFF00000100007F")).toBe("::ffff:127.0.0.1");
    expect(decodeProcAddress("B80D0120000000000000000001000000")).toBe("2001:db8::1");
  });
});

describe("parseProcNet", () => {
  it("parses a /proc/net/tcp row: address, port, state, uid, inode", () => {
    const text = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0
`;
    expect(parseProcNet(text)).toEqual([
      { address: "127.0.0.1", port: 8080, state: "0A", uid: 1000, inode: "4242" },
    ]);
  });
});

describe("addressesClash", () => {
  it("a wildcard on either side clashes; two loopback addresses do not", () => {
    expect(addressesClash("0.0.0.0", "127.0.0.1")).toBe(true);
    expect(addressesClash("127.0.0.1", "0.0.0.0")).toBe(true);
    expect(addressesClash("::", "127.0.0.1")).toBe(true);
    expect(addressesClash("127.0.0.1", "127.0.0.1")).toBe(true);
    expect(addressesClash("127.0.0.2", "127.0.0.1")).toBe(false);
  });
});

describe.skipIf(process.platform !== "linux")("processHoldingPort", () => {
  for (const host of ["127.0.0.1", "0.0.0.0"]) {
    it(`finds this process holding a TCP port on ${host}`, async () => {
      const server = createServer().listen(0, host);
      await once(server, "listening");
      const port = (server.address() as { port: number }).port;
      try {
        const holder = await processHoldingPort("127.0.0.1", port, "tcp");
        expect(holder?.pid).toBe(process.pid);
        expect(holder?.command).toContain("node");
      } finally {
        server.close();
      }
    });
  }

  it("finds this process holding a UDP port, and nothing for a free one", async () => {
    const socket = createSocket("udp4");
    await new Promise<void>((r) => socket.bind(0, "127.0.0.1", r));
    const port = socket.address().port;
    try {
      expect((await processHoldingPort("127.0.0.1", port, "udp"))?.pid).toBe(process.pid);
      expect(await processHoldingPort("127.0.0.1", port, "tcp")).toBeNull();
    } finally {
      socket.close();
    }
  });
});
