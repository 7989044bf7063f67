import { join } from "node:path";
import { REPO } from "./daemonHome.ts";
import type { TmuxTui } from "./tmuxTui.ts";

export const EXAMPLES = join(REPO, "examples/configs.json");

/** Imports examples/configs.json the way a person does: `i`, the path, Enter. */
export async function importExamples(tui: TmuxTui): Promise<string> {
  await tui.waitFor("No configs yet");
  await tui.press("i");
  await tui.waitFor("Import from file:");
  await tui.type(EXAMPLES);
  await tui.waitFor(EXAMPLES);
  await tui.press("Enter");
  return tui.waitFor("Imported");
}
