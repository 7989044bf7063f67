import { afterEach, describe, expect, it, vi } from "vitest";

// Electron's binary is not installed here; the preload only touches contextBridge, so a stand-in
// for that one function shows exactly what the page receives.
const exposed: Record<string, unknown> = {};
vi.mock("electron", () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      exposed[key] = value;
    },
  },
}));

describe("preload", () => {
  const argv = process.argv;
  afterEach(() => {
    process.argv = argv;
    vi.resetModules();
  });

  it("exposes only the daemon's URL and token, read from main's additional argument", async () => {
    const conn = { daemonUrl: "http://127.0.0.1:4321", token: "t0ken", extra: "ignored" };
    process.argv = [...argv, `--ferry-connection=${encodeURIComponent(JSON.stringify(conn))}`];
    await import("./preload.ts");
    expect(Object.keys(exposed)).toEqual(["ferry"]);
    expect(exposed.ferry).toEqual({ daemonUrl: "http://127.0.0.1:4321", token: "t0ken" });
  });
});
