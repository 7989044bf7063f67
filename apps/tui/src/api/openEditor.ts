import { spawnSync } from "node:child_process";

/**
 * Runs `$VISUAL` / `$EDITOR` (else `vi`) on `file` in this terminal and waits for it: the TUI's
 * raw input is handed back for the editor's time. Rejects with what to do when it cannot start.
 */
export function openInEditor(
  file: string,
  setRawMode: (on: boolean) => void,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const editor = env.VISUAL || env.EDITOR || "vi";
  setRawMode(false);
  try {
    // A shell reads the variable as people write it: `code -w`, `emacsclient -t`.
    const r = spawnSync("sh", ["-c", `${editor} "$1"`, "editor", file], { stdio: "inherit" });
    if (r.error || r.status === 127)
      throw new Error(`cannot run the editor "${editor}": set EDITOR to one that is installed`);
  } finally {
    setRawMode(true);
  }
}
