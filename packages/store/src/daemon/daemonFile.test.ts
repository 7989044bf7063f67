import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempHomes } from "../configs/testHome.ts";
import { daemonFileState } from "./daemonFile.ts";

describe("daemonFileState", () => {
  const tempHome = useTempHomes();

  it("calls daemon.json missing only on ENOENT", () => {
    const home = tempHome();
    expect(daemonFileState(home)).toEqual({ kind: "missing" });
    writeFileSync(join(home, "daemon.json"), JSON.stringify({ pid: 42 }));
    expect(daemonFileState(home)).toEqual({ kind: "daemon", pid: 42 });
  });

  it("reports a read error or a garbled file as unreadable, never as removed", () => {
    const home = tempHome();
    mkdirSync(join(home, "daemon.json")); // EISDIR, as EMFILE would be: a failed read
    expect(daemonFileState(home)).toEqual({ kind: "unreadable", reason: "EISDIR" });
    const other = tempHome();
    writeFileSync(join(other, "daemon.json"), "{");
    expect(daemonFileState(other).kind).toBe("unreadable");
  });
});
