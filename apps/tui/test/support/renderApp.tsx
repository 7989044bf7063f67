import type { FakeDaemon } from "@ferry/store/testing";
import { render } from "ink-testing-library";
import { App } from "../../src/components/App.tsx";
import type { Connected } from "../../src/hooks/use-daemon.ts";
import type { KeyMap } from "../../src/model/keymap.ts";

export const KEY = {
  up: "\u001B[A",
  down: "\u001B[B",
  right: "\u001B[C",
  left: "\u001B[D",
  enter: "\r",
  esc: "\u001B",
  tab: "\t",
  backspace: "\u007F",
  ctrlS: "\u0013",
  ctrlU: "\u0015",
};

/** Polls the last frame until `check` passes (or throws with the frame after `ms`). */
export async function waitForFrame(
  frame: () => string | undefined,
  check: (text: string) => boolean,
  ms = 10_000,
): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const text = frame() ?? "";
    if (check(text)) return text;
    if (Date.now() > end) throw new Error(`screen never matched; last frame:\n${text}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface RenderOptions {
  /** What connecting answers; by default the fake's client, with no daemon-version news. */
  connect?: () => Promise<Connected>;
  keyMap?: KeyMap;
  /** Where the file browsers open. */
  cwd?: string;
}

/** Renders the whole app against the fake daemon at a fixed size, with helpers to type and wait. */
export function renderApp(
  daemon: FakeDaemon,
  size = { columns: 80, rows: 24 },
  options: RenderOptions = {},
) {
  const { connect = async () => ({ client: daemon.client() }), keyMap = "ferry", cwd } = options;
  const app = (s: typeof size) => (
    <App connect={connect} retryMs={50} size={s} keyMap={keyMap} {...(cwd ? { cwd } : {})} />
  );
  const r = render(app(size));
  const type = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await new Promise((res) => setTimeout(res, 15));
    }
  };
  const waitFor = (want: string | RegExp | ((frame: string) => boolean), ms?: number) =>
    waitForFrame(
      r.lastFrame,
      (f) =>
        typeof want === "string"
          ? f.includes(want)
          : want instanceof RegExp
            ? want.test(f)
            : want(f),
      ms,
    );
  return { ...r, type, waitFor, resize: (s: typeof size) => r.rerender(app(s)) };
}
