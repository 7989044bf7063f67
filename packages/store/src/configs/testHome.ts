import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import type { ConfigStore } from "./configStore.ts";
import { openStore } from "./openStore.ts";

/** A fresh temporary FERRY_HOME per call, removed after the test. */
export function useTempHomes(): () => string {
  const homes: string[] = [];
  afterEach(() => {
    for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
  });
  return () => {
    const home = mkdtempSync(join(tmpdir(), "ferry-store-"));
    homes.push(home);
    return home;
  };
}

/** A store in a fresh temporary home per call, closed (before its home goes) after the test. */
export function useTempStores(): () => ConfigStore {
  const tempHome = useTempHomes();
  const opened: ConfigStore[] = [];
  // Registered after useTempHomes' hook, so it runs first: closed, then removed.
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
  });
  return () => {
    const store = openStore({ home: tempHome() });
    opened.push(store);
    return store;
  };
}
