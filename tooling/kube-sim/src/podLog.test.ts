import { describe, expect, it } from "vitest";
import { PodLog } from "./podLog.ts";

describe("PodLog", () => {
  it("joins chunks into lines and serves tailLines", () => {
    const log = new PodLog();
    log.newRun();
    log.append("one\ntw");
    log.append("o\nthree\n");
    expect(log.read()).toBe("one\ntwo\nthree\n");
    expect(log.read({ tailLines: 2 })).toBe("two\nthree\n");
    expect(log.read({ tailLines: 0 })).toBe("");
  });

  it("filters by sinceSeconds and prefixes timestamps on request", () => {
    const log = new PodLog();
    log.newRun();
    log.append("old\n", 1_000);
    log.append("new\n", 9_000);
    expect(log.read({ sinceSeconds: 5 }, 10_000)).toBe("new\n");
    expect(log.read({ timestamps: true, tailLines: 1 })).toBe(
      `${new Date(9_000).toISOString()} new\n`,
    );
  });

  it("keeps the previous run for previous=true, and a line without newline is served", () => {
    const log = new PodLog();
    log.newRun();
    log.append("first run\n");
    expect(log.read({ previous: true })).toBeUndefined();
    log.newRun();
    log.append("second run, no newline");
    expect(log.read()).toBe("second run, no newline\n");
    expect(log.read({ previous: true })).toBe("first run\n");
    expect(log.runs()).toBe(2);
  });
});
