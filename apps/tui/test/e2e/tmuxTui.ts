import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const TUI_BIN = join(import.meta.dirname, "../../src/bin/ferry-tui.ts");
export const ARTIFACTS = join(import.meta.dirname, "../../test-artifacts");

export interface TmuxTuiOptions {
  home: string;
  kubeconfig?: string;
  columns?: number;
  rows?: number;
  env?: Record<string, string>;
  /** More ferry-tui arguments, e.g. ["--kftui-keys"]. */
  args?: string[];
  /** The TUI's working directory (where its file browsers open); the test's by default. */
  cwd?: string;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The real `ferry-tui` in a real terminal: a tmux server on its own socket, one window of the
 * given size. Keys go in with `send-keys`, the screen comes out with `capture-pane -p`.
 */
export class TmuxTui {
  readonly socket: string;
  readonly options: TmuxTuiOptions;
  private closed = false;

  constructor(options: TmuxTuiOptions) {
    this.options = options;
    this.socket = `ferry-tui-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const env = { FERRY_HOME: options.home, ...options.env };
    const args = [
      TUI_BIN,
      ...(options.kubeconfig ? ["--kubeconfig", options.kubeconfig] : []),
      ...(options.args ?? []),
    ];
    const command = [
      "env",
      ...Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`),
      shellQuote(process.execPath),
      ...args.map(shellQuote),
      // Keep the pane after exit so its last screen (and exit code) can still be read.
      "; echo; echo ferry-tui exited with $?; sleep 600",
    ].join(" ");
    this.tmux(
      "new-session",
      "-d",
      "-s",
      "tui",
      "-x",
      String(options.columns ?? 80),
      "-y",
      String(options.rows ?? 24),
      ...(options.cwd ? ["-c", options.cwd] : []),
      command,
    );
    // Let the application set the clipboard (OSC 52), as terminals that support it do.
    this.tmux("set-option", "-g", "set-clipboard", "on");
  }

  /** tmux's paste buffer: what the TUI put on the clipboard with OSC 52 (set-clipboard on). */
  clipboard(): string {
    return this.tmux("show-buffer");
  }

  private tmux(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, "-f", "/dev/null", ...args], {
      encoding: "utf8",
    });
  }

  /** One key per call, tmux key names ("Enter", "Escape", "Down", "Space", "f"). */
  async press(...keys: string[]) {
    for (const key of keys) {
      this.tmux("send-keys", "-t", "tui", key);
      // One key per read: the TUI sees each press on its own, as a person types.
      await new Promise((r) => setTimeout(r, 60));
    }
  }

  /** Literal text, one character at a time. */
  async type(text: string) {
    for (const ch of text) {
      this.tmux("send-keys", "-t", "tui", "-l", ch);
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  /** Copies everything the TUI writes to the terminal, from now on, into `file`. */
  record(file: string) {
    this.tmux("pipe-pane", "-o", "-t", "tui", `cat >> ${shellQuote(file)}`);
  }

  screen(): string {
    return this.tmux("capture-pane", "-p", "-t", "tui");
  }

  async waitFor(
    want: string | RegExp | ((screen: string) => boolean),
    ms = 20_000,
  ): Promise<string> {
    const test =
      typeof want === "string"
        ? (s: string) => s.includes(want)
        : want instanceof RegExp
          ? (s: string) => want.test(s)
          : want;
    const end = Date.now() + ms;
    for (;;) {
      const s = this.screen();
      if (test(s)) return s;
      if (Date.now() > end) {
        this.save(`timeout-${Date.now()}`);
        throw new Error(`the screen never showed ${String(want)}; last screen:\n${s}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Keeps the current screen as a test artifact; returns its text. */
  save(name: string): string {
    const s = this.screen();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, `${name}.txt`), s);
    return s;
  }

  resize(columns: number, rows: number) {
    this.tmux("resize-window", "-t", "tui", "-x", String(columns), "-y", String(rows));
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    try {
      this.tmux("kill-server");
    } catch {
      // already gone
    }
  }
}
