// CPU profiles of one row at a time, taken inside the process through the inspector (the same
// sampler as --cpu-prof), so a profile holds one row's work and not the whole run. A child
// process answers stdin `prof-start` and `prof-stop <file>` with `prof-saved <file>`.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

const session = new Session();
let started = false;

/** Handles a profiler command line; false if the line is not one. */
export async function profilerCommand(line: string): Promise<boolean> {
  if (line === "prof-start") {
    if (!started) {
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.setSamplingInterval", { interval: 500 });
      started = true;
    }
    await session.post("Profiler.start");
    console.log("prof-started");
    return true;
  }
  const m = /^prof-stop (.+)$/.exec(line);
  if (!m) return false;
  const { profile } = await session.post("Profiler.stop");
  writeFileSync(m[1] as string, JSON.stringify(profile));
  console.log(`prof-saved ${m[1]}`);
  return true;
}
