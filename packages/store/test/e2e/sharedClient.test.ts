import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type ConfigChange,
  closeFerryClient,
  createFerryClient,
  FerryClientError,
  type ForwardRow,
  type ForwardUpdate,
  ferryErrorOf,
  type LiveState,
  liveForwards,
  type RouterInputs,
  type RouterOutputs,
} from "../../src/client/index.ts";
import { clientOfRunningDaemon } from "../../src/node/index.ts";
import { useDaemons, useDemoCluster, waitForDaemon, waitForExit } from "./daemonHarness.ts";

// The shared client (issue 14) against a real ferryd and kube-sim's demo cluster.

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("@ferry/store/client against ferryd", () => {
  const daemons = useDaemons();
  const cluster = useDemoCluster();

  const web = (alias: string, group: string | null) => ({
    alias,
    context: "dev-cluster",
    kubeconfig: cluster().kubeconfigPath,
    namespace: "webapp",
    workload_type: "service" as const,
    service: "frontend-service",
    remote_port: 80,
    local_port: 0,
    group,
  });

  it("gives typed inputs and outputs; events carry the same row type as status", () => {
    expectTypeOf<RouterInputs["configs"]["create"]["remote_port"]>().toEqualTypeOf<number>();
    expectTypeOf<RouterInputs["forwards"]["start"]>().toHaveProperty("group");
    expectTypeOf<ForwardUpdate["row"]>().toEqualTypeOf<
      RouterOutputs["forwards"]["status"][number]
    >();
    expectTypeOf<RouterOutputs["forwards"]["status"][number]>().toEqualTypeOf<ForwardRow>();
  });

  it("refuses a bad config at the API as INVALID_CONFIG with field errors", async () => {
    const home = daemons.home();
    daemons.spawn(home);
    const d = await waitForDaemon(home);
    const ferry = createFerryClient({ url: d.url, token: d.token });
    try {
      const err = await ferry.configs.create
        // @ts-expect-error: a string port is what a careless client sends; the API refuses it
        .mutate({ ...web("bad", null), remote_port: "eighty" })
        .catch(ferryErrorOf);
      expect(err).toBeInstanceOf(FerryClientError);
      expect(err).toMatchObject({
        code: "INVALID_CONFIG",
        fields: { remote_port: 'expected an integer 1-65535, got "eighty"' },
      });
      const created = await ferry.configs.create.mutate(web("ok", null));
      const taken = await ferry.configs.create.mutate(web("ok", null)).catch(ferryErrorOf);
      expect(taken).toMatchObject({
        code: "ALIAS_TAKEN",
        fields: { alias: '"ok" is already used by another config' },
      });
      const patchErr = await ferry.configs.update
        .mutate({ id: created.id, patch: { namespace: "" } })
        .catch(ferryErrorOf);
      expect(patchErr).toMatchObject({
        code: "INVALID_CONFIG",
        fields: { namespace: expect.any(String) },
      });
      // A patch leaves the fields it does not name as they were (no defaults filled in).
      const patched = await ferry.configs.update.mutate({ id: created.id, patch: { group: "g" } });
      expect(patched).toMatchObject({ group: "g", local_port: 0, namespace: "webapp" });
    } finally {
      closeFerryClient(ferry);
    }
  });

  it("starts a group; the live helper merges pushed rows and survives a daemon restart", async () => {
    const home = daemons.home();
    const first = daemons.spawn(home);
    const d = await waitForDaemon(home);
    const setup = createFerryClient(d);
    await setup.configs.create.mutate(web("g-one", "team"));
    await setup.configs.create.mutate(web("g-two", "team"));
    await setup.configs.create.mutate(web("other", null));
    closeFerryClient(setup);

    const states: LiveState[] = [];
    const updates: ForwardUpdate[] = [];
    const live = liveForwards(() => clientOfRunningDaemon(home).client, {
      onState: (s) => states.push(s),
      onUpdate: (u) => updates.push(u),
      retryMs: 100,
    });
    try {
      await until(() => live.state() === "live" && live.rows().length === 3, "first snapshot");
      const ferry = createFerryClient(d);
      const started = await ferry.forwards.start.mutate({ group: "team" });
      closeFerryClient(ferry);
      expect(started.map((r) => r.alias)).toEqual(["g-one", "g-two"]);
      const byAlias = (a: string) => live.rows().find((r) => r.alias === a);
      await until(
        () => byAlias("g-one")?.state === "running" && byAlias("g-two")?.state === "running",
        "both group forwards running",
      );
      expect(byAlias("other")?.state).toBe("stopped");
      expect(updates.some((u) => u.kind === "status" && u.row.alias === "g-one")).toBe(true);
      // Traffic is sampled by core's engine once a second and pushed as whole rows too.
      await (await fetch(`http://127.0.0.1:${byAlias("g-one")?.localPort}/`)).text();
      await until(
        () =>
          updates.some((u) => u.kind === "traffic" && u.row.alias === "g-one" && u.row.bytesIn > 0),
        "a traffic update for g-one",
      );
      expect(byAlias("g-one")?.bytesIn).toBeGreaterThan(0);

      first.kill("SIGKILL");
      await waitForExit(first);
      await until(() => live.state() === "offline", "offline after the daemon died");
      daemons.spawn(home);
      await waitForDaemon(home, d.pid);
      // The new daemon restores g-one as a fresh forward (no bytes yet): the fresh snapshot must
      // replace the stale row that counted traffic.
      await until(
        () => live.state() === "live" && byAlias("g-one")?.bytesIn === 0,
        "live again with the new daemon's rows",
      );
      expect(states).toEqual(expect.arrayContaining(["live", "offline"]));
    } finally {
      live.close();
    }
  });

  it("takes a client as it is (a callable Proxy, not a factory) and follows other clients' config changes", async () => {
    const home = daemons.home();
    daemons.spawn(home);
    const d = await waitForDaemon(home);
    const client = createFerryClient(d);
    await client.configs.create.mutate(web("direct", null));
    const changes: ConfigChange[] = [];
    const live = liveForwards(client, { onConfigs: (c) => changes.push(c) });
    try {
      await until(() => live.state() === "live", "live with a client passed directly");
      expect(live.rows().map((r) => r.alias)).toEqual(["direct"]);
      // Another client's create, import and delete reach this one's rows with no re-read asked.
      const other = createFerryClient(d);
      const added = await other.configs.create.mutate(web("from-other", null));
      await until(() => live.rows().some((r) => r.alias === "from-other"), "the other's config");
      await other.configs.import.mutate({
        text: JSON.stringify([{ ...web("imported", null), remote_port: 8080 }]),
      });
      await until(() => live.rows().some((r) => r.alias === "imported"), "the imported config");
      await other.configs.delete.mutate([added.id]);
      await until(() => !live.rows().some((r) => r.alias === "from-other"), "the deletion");
      closeFerryClient(other);
      expect(changes.map((c) => [c.created.length, c.updated.length, c.deleted])).toEqual([
        [1, 0, []],
        [1, 0, []],
        [0, 0, [added.id]],
      ]);
    } finally {
      live.close();
      closeFerryClient(client);
    }
  });
});
