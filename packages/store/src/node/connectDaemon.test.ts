import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { closeFerryClient } from "../client/createFerryClient.ts";
import { useTempHomes } from "../configs/testHome.ts";
import { answerChallenge } from "../daemon/challenge.ts";
import { writeDaemonFile } from "../daemon/daemonFile.ts";
import { ferryVersion } from "../version.ts";
import { connectDaemon } from "./connectDaemon.ts";

const TOKEN = "the-daemons-token-0123456789abcdef";

/**
 * A stand-in for ferryd on a real loopback socket: it holds the token (answers the challenge the
 * way ferryd does) and answers any tRPC query with []. It records each request and connection.
 */
async function standIn() {
  const requests: { path: string; authorization?: string }[] = [];
  let connections = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push({ path: req.url ?? "", authorization: req.headers.authorization });
    if (req.url?.startsWith("/_ferry/challenge?")) return answerChallenge(req, res, TOKEN);
    res.writeHead(req.headers.authorization === `Bearer ${TOKEN}` ? 200 : 401, {
      "content-type": "application/json",
    });
    res.end(JSON.stringify([{ result: { data: [] } }]));
  });
  server.on("connection", () => {
    connections++;
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  stop.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { port, requests, connections: () => connections };
}
const stop: (() => void)[] = [];
afterEach(() => {
  for (const s of stop.splice(0)) s();
});

describe("connectDaemon to a running daemon of this version", () => {
  const tempHome = useTempHomes();

  it("proves the daemon once, then queries: two requests on one connection, the token only after the proof", async () => {
    const home = tempHome();
    const daemon = await standIn();
    writeDaemonFile(home, {
      pid: process.pid,
      host: "127.0.0.1",
      port: daemon.port,
      url: `http://127.0.0.1:${daemon.port}`,
      wsUrl: `ws://127.0.0.1:${daemon.port}`,
      token: TOKEN,
      startedAt: Date.now(),
      version: ferryVersion(),
    });
    const { client, started } = await connectDaemon({ home });
    expect(started).toBe(false);
    expect(await client.forwards.status.query()).toEqual([]);
    closeFerryClient(client);
    expect(daemon.requests.map((r) => r.path.split("?")[0])).toEqual([
      "/_ferry/challenge",
      "/forwards.status",
    ]);
    expect(daemon.requests[0]?.authorization).toBeUndefined();
    expect(daemon.requests[1]?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(daemon.connections()).toBe(1);
  });
});
