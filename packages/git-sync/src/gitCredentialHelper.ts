import { spawn } from "node:child_process";

export type HelperCredential = { username: string; password: string };

/** What `git credential` reads: `key=value` lines, then a blank line. */
function describe(url: URL, cred?: HelperCredential, username?: string | null): string {
  const lines = [`protocol=${url.protocol.replace(":", "")}`, `host=${url.host}`];
  const path = url.pathname.replace(/^\//, "");
  if (path) lines.push(`path=${path}`);
  const user = cred?.username ?? username;
  if (user) lines.push(`username=${user}`);
  if (cred) lines.push(`password=${cred.password}`);
  return `${lines.join("\n")}\n\n`;
}

/**
 * Runs `git credential <action>`. Never prompts: no terminal (GIT_TERMINAL_PROMPT=0), no askpass
 * program, Git Credential Manager told not to open a window; killed after `timeoutMs`.
 * Resolves to stdout, or null when git is missing, fails or times out.
 */
function runGitCredential(
  action: string,
  input: string,
  timeoutMs: number,
): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn("git", ["credential", action], {
      env: {
        ...process.env,
        GIT_TERMINAL_PROMPT: "0",
        GIT_ASKPASS: "",
        SSH_ASKPASS: "",
        GCM_INTERACTIVE: "never",
      },
      stdio: ["pipe", "pipe", "ignore"],
      // A session of its own: no controlling terminal a helper could prompt on, and one group
      // to kill on timeout, helpers included.
      detached: true,
    });
    let out = "";
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, timeoutMs);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString("utf8");
    });
    child.on("error", () => {
      clearTimeout(timer);
      resolve(null);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? out : null);
    });
    child.stdin.on("error", () => {});
    child.stdin.end(input);
  });
}

/** The user's git credential helper's answer for `url`, or null when it has none. */
export async function credentialFill(
  url: URL,
  username: string | null | undefined,
  timeoutMs: number,
): Promise<HelperCredential | null> {
  const out = await runGitCredential("fill", describe(url, undefined, username), timeoutMs);
  if (out === null) return null;
  const fields = new Map<string, string>();
  for (const line of out.split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) fields.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const password = fields.get("password");
  if (!password) return null;
  return { username: fields.get("username") ?? "", password };
}

/** Tells the helper the credential worked (`approve`) or did not (`reject`), as git does. */
export async function credentialReport(
  action: "approve" | "reject",
  url: URL,
  cred: HelperCredential,
  timeoutMs: number,
): Promise<void> {
  await runGitCredential(action, describe(url, cred), timeoutMs);
}
