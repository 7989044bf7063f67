import { spawn } from "node:child_process";

/**
 * The command that opens `url` in the user's browser: `$BROWSER` when set (as many terminal
 * tools honour it), else the platform's opener.
 */
export function openerCommand(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): [string, string[]] {
  if (env.BROWSER) return [env.BROWSER, [url]];
  if (platform === "darwin") return ["open", [url]];
  if (platform === "win32") return ["cmd", ["/c", "start", "", url]];
  return ["xdg-open", [url]];
}

/** Opens `url` detached, never writing to the TUI's terminal; rejects when it cannot start. */
export function openUrl(url: string): Promise<void> {
  const [command, args] = openerCommand(url);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "ignore", detached: true });
    child.once("error", (err) =>
      reject(new Error(`cannot open a browser with ${command} (${err.message}); set BROWSER`)),
    );
    child.once("spawn", () => {
      child.unref();
      resolve();
    });
  });
}

/**
 * The OSC 52 sequence that asks the terminal (and tmux, screen, most SSH-forwarding terminals)
 * to put `text` on the clipboard.
 */
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, "utf8").toString("base64")}\u0007`;
}
