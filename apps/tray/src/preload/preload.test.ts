import { afterEach, describe, expect, it, vi } from "vitest";
import { CHOOSE_FILE_CHANNEL, CONNECTION_CHANNEL } from "../main/connectionChannel.ts";

// Electron's binary is not installed here; the preload only touches contextBridge and
// ipcRenderer.invoke, so stand-ins for those two show exactly what the page receives.
const exposed: Record<string, unknown> = {};
const SKEW = { newerDaemon: { daemon: "0.2.0", client: "0.1.0" } };
const invoked: string[] = [];
vi.mock("electron", () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      exposed[key] = value;
    },
  },
  ipcRenderer: {
    invoke: async (channel: string) => {
      invoked.push(channel);
      return { daemonUrl: "http://127.0.0.1:4321", token: "t0ken", skew: SKEW };
    },
  },
}));

describe("preload", () => {
  const argv = process.argv;
  afterEach(() => {
    process.argv = argv;
    vi.resetModules();
  });

  it("exposes two calls that ask main over IPC, and reads nothing from argv", async () => {
    // The old way in: a connection on the command line must be ignored now.
    const planted = { daemonUrl: "http://127.0.0.1:1", token: "from-argv" };
    process.argv = [...argv, `--ferry-connection=${encodeURIComponent(JSON.stringify(planted))}`];
    await import("./preload.ts");
    expect(Object.keys(exposed)).toEqual(["ferry"]);
    const ferry = exposed.ferry as {
      connection: () => Promise<unknown>;
      chooseFile: () => Promise<unknown>;
    };
    expect(Object.keys(ferry)).toEqual(["connection", "chooseFile"]);
    expect(invoked).toEqual([]);
    // Main's answer as it is, with what connecting found about the daemon's version.
    expect(await ferry.connection()).toEqual({
      daemonUrl: "http://127.0.0.1:4321",
      token: "t0ken",
      skew: SKEW,
    });
    expect(invoked).toEqual([CONNECTION_CHANNEL]);
    await ferry.chooseFile();
    expect(invoked).toEqual([CONNECTION_CHANNEL, CHOOSE_FILE_CHANNEL]);
  });
});
