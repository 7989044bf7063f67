// Issue 13.6 (client side): a connection the relay cannot make shows as a forward event with the
// relay's reason (its `ferry-relay: connect ... failed:` line, read from the pod log).

import { once } from "node:events";
import { type AddressInfo, createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { exchange, proxyConfig, useSimAndEngine } from "./helpers.ts";

const { sim, newEngine } = useSimAndEngine();

async function closedPort(): Promise<number> {
  const s = createServer().listen(0, "127.0.0.1");
  await once(s, "listening");
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe("a proxy forward whose remote refuses", () => {
  it("closes the connection with no data and logs the relay's reason", async () => {
    const port = await closedPort();
    const t = newEngine();
    const cfg = proxyConfig(sim().kubeconfigPath, { remote_port: port });
    const s = await t.engine.start(cfg);
    expect(s.state, JSON.stringify(s.error)).toBe("running");
    const got = await exchange(s.localPort!, "hello").catch(() => Buffer.alloc(0));
    expect(got.length).toBe(0);
    const line = `ferry-relay: connect 127.0.0.1:${port} failed: ECONNREFUSED`;
    await t.waitFor(cfg.id, () => t.logs(cfg.id).some((l) => l.includes(line)));
    const logged = t.events.find(
      (e) => e.type === "log" && e.id === cfg.id && e.message.includes(line),
    );
    expect(logged).toMatchObject({ type: "log", level: "warn" });
  });
});
