import { join } from "node:path";
import { REPO } from "./daemonHome.ts";
import type { TmuxTui } from "./tmuxTui.ts";

export const EXAMPLES = join(REPO, "examples/configs.json");

/** Imports a file the way a person does: `i`, the path, Enter. */
export async function importFile(tui: TmuxTui, file: string): Promise<string> {
  await tui.waitFor("No configs yet");
  await tui.press("i");
  await tui.waitFor("Import from file:");
  await tui.type(file);
  await tui.waitFor(file);
  await tui.press("Enter");
  return tui.waitFor("Imported");
}

/** Imports examples/configs.json by key presses. */
export const importExamples = (tui: TmuxTui) => importFile(tui, EXAMPLES);
