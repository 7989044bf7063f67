import { join } from "node:path";
import { REPO } from "./daemonHome.ts";
import type { TmuxTui } from "./tmuxTui.ts";

export const EXAMPLES = join(REPO, "examples/configs.json");

/** Imports a file by its path: `i`, Tab (type a path instead of browsing), the path, Enter. */
export async function importFile(tui: TmuxTui, file: string): Promise<string> {
  await tui.waitFor("No configs yet");
  await tui.press("i");
  await tui.waitFor("Import a file");
  await tui.press("Tab");
  await tui.waitFor("Import from file:");
  await tui.press("C-u"); // the prompt starts with the browser's folder
  await tui.type(file);
  await tui.waitFor(file);
  await tui.press("Enter");
  return tui.waitFor("Imported");
}

/** Imports examples/configs.json by key presses. */
export const importExamples = (tui: TmuxTui) => importFile(tui, EXAMPLES);

/** In the import browser: moves the cursor to `name` (a folder ends in /), then Enter. */
export async function browseInto(tui: TmuxTui, name: string): Promise<void> {
  const on = (s: string) => s.split("\n").some((l) => l.includes(`› ${name}`));
  for (let i = 0; i < 60 && !on(tui.screen()); i++) {
    const before = tui.screen();
    await tui.press("j");
    await tui.waitFor((s) => s !== before, 5_000).catch(() => {});
  }
  if (!on(tui.screen())) throw new Error(`no ${name} in the browser:\n${tui.screen()}`);
  await tui.press("Enter");
}
