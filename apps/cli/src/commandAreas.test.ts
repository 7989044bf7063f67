import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { areasFor, COMMAND_AREAS } from "./commandAreas.ts";
import { buildProgram } from "./program.ts";

const topLevel = (program: Command) => program.commands.map((c) => c.name());

describe("command areas (each loaded only when its command runs)", () => {
  it("names exactly the top-level commands each area registers", async () => {
    for (const area of COMMAND_AREAS) {
      const program = new Command("ferry");
      (await area.load())(program);
      expect(topLevel(program)).toEqual(area.names);
    }
  });

  it("builds the whole tree in help order for help, completion and unknown words", async () => {
    const all = COMMAND_AREAS.flatMap((a) => a.names);
    expect(topLevel(await buildProgram())).toEqual(all);
    expect(topLevel(await buildProgram("--help"))).toEqual(all);
    expect(topLevel(await buildProgram("stauts"))).toEqual(all);
  });

  it("builds only the named area, plus version for the root --version", async () => {
    expect(topLevel(await buildProgram("status"))).toEqual(["status", "version"]);
    expect(topLevel(await buildProgram("stop"))).toEqual(["start", "stop", "version"]);
    expect(topLevel(await buildProgram("version"))).toEqual(["version"]);
    expect(areasFor("config").map((a) => a.names[0])).toEqual(["config", "version"]);
  });
});
