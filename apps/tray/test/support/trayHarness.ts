import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import type { DaemonConnection } from "../../src/shared/daemonConnection.ts";
import { buildRenderer } from "./buildRenderer.ts";
import { type DaemonProcess, startDaemon } from "./daemonProcess.ts";
import { launchChromium } from "./launchChromium.ts";
import { serveStatic } from "./staticServer.ts";

export const APP = join(import.meta.dirname, "..", "..");
export const EXAMPLES = join(APP, "..", "..", "examples", "configs.json");

export interface TrayHarness {
  home: string;
  env: NodeJS.ProcessEnv;
  daemon: DaemonProcess;
  page: Page;
  close(): Promise<void>;
}

/** What the stand-in file chooser answers: the env's KUBECONFIG, else a path in the home. */
let chosenFile = (home: string): string => join(home, "kubeconfig");

/**
 * The daemon the page talks to, and what main would answer the preload about it: one connection,
 * or main's answer at each ask (the page asks again after it lost the daemon).
 */
export interface HarnessDaemon {
  daemon: DaemonProcess;
  connection: DaemonConnection | (() => Promise<DaemonConnection>);
}

export interface TrayHarnessOptions {
  /** Starts the daemon for the harness's env, allowing `origin`; default: a ferryd child. */
  daemon?: (env: NodeJS.ProcessEnv, origin: string) => Promise<HarnessDaemon>;
}

async function ferrydChild(env: NodeJS.ProcessEnv, origin: string): Promise<HarnessDaemon> {
  const daemon = await startDaemon(env, origin);
  return { daemon, connection: { daemonUrl: daemon.url, token: daemon.token } };
}

/**
 * The production renderer served on 127.0.0.1, a real ferryd on a temp FERRY_HOME that allows
 * that origin, and headless Chromium on the page. The page learns the daemon's URL and token as
 * in Electron: `window.ferry.connection()` (the preload's bridge) calls into this process (main's
 * IPC handler), so nothing carries them on a command line.
 */
export async function startTrayHarness(
  extraEnv: (home: string) => NodeJS.ProcessEnv = () => ({}),
  options: TrayHarnessOptions = {},
) {
  const home = mkdtempSync(join(tmpdir(), "ferry-tray-e2e-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    FERRY_HOME: join(home, "ferry"),
    FERRY_HOSTS_FILE: join(home, "hosts"),
    ...extraEnv(home),
  };
  chosenFile = () => env.KUBECONFIG ?? join(home, "kubeconfig");
  const out = await buildRenderer(join(APP, "src", "renderer"));
  const server = await serveStatic(out);
  let daemon: DaemonProcess | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server.close();
    await daemon?.stop();
    rmSync(out, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const started = await (options.daemon ?? ferrydChild)(env, server.url.replace(/\/$/, ""));
    daemon = started.daemon;
    const { connection } = started;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.exposeFunction("__ferryAskMain", () =>
      typeof connection === "function" ? connection() : connection,
    );
    // Main's native file chooser, answered with the kubeconfig the test named.
    await context.exposeFunction("__ferryChooseFile", () => chosenFile(home));
    await context.addInitScript(() => {
      const w = window as unknown as {
        __ferryAskMain: () => Promise<unknown>;
        __ferryChooseFile: () => Promise<unknown>;
        ferry: unknown;
      };
      w.ferry = { connection: () => w.__ferryAskMain(), chooseFile: () => w.__ferryChooseFile() };
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(server.url);
    return { home, env, daemon, page, close } satisfies TrayHarness;
  } catch (err) {
    await close();
    throw err;
  }
}
