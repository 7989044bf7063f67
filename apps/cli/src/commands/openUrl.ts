import { spawn } from "node:child_process";
import { CliError } from "../cliError.ts";

/** The program that opens a URL here: $BROWSER (its first entry) or the platform's opener. */
export function opener(env: NodeJS.ProcessEnv = process.env): { cmd: string; args: string[] } {
  const browser = env.BROWSER?.split(":")[0]?.trim();
  if (browser) return { cmd: browser, args: [] };
  if (process.platform === "darwin") return { cmd: "open", args: [] };
  if (process.platform === "win32") return { cmd: "cmd", args: ["/c", "start", '""'] };
  return { cmd: "xdg-open", args: [] };
}

/**
 * Hands `url` to the opener and waits for it to exit (xdg-open and open return once the browser
 * has it). A missing opener or a failing one is an error that still gives the URL.
 */
export function openUrl(url: string): Promise<void> {
  const { cmd, args } = opener();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...args, url], { stdio: "ignore" });
    const fail = (why: string) =>
      reject(
        new CliError(`could not open ${url}: ${why}; open it yourself`, { code: "OPEN_FAILED" }),
      );
    child.on("error", (err) => fail(`${cmd}: ${err.message}`));
    child.on("exit", (code) => (code === 0 ? resolve() : fail(`${cmd} exited with code ${code}`)));
  });
}
