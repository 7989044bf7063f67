import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { relayBundleSource } from "@ferry/relay-server/bundle";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_RELAY_IMAGE,
  defaultManifestText,
  fillPlaceholders,
  loadProxyManifest,
  MANIFEST_FILE,
  manifestUdpFraming,
} from "./proxyManifest.ts";
import { RelayError } from "./relayErrors.ts";
import { CONFIG_ID_LABEL, MANAGED_BY_LABEL, OWNER_LABEL, relayOwnerId } from "./relayLabels.ts";
import { RELAY_POD_PORT, renderRelayPod } from "./renderRelayPod.ts";

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "ferry-manifest-"));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const target = {
  configId: 7,
  namespace: "team-a",
  remoteAddress: "db.example",
  remotePort: 5432,
  protocol: "tcp" as const,
};

describe("proxy_manifest.json", () => {
  it("is written with defaults on first use and renders to a labelled relay pod", async () => {
    const manifest = await loadProxyManifest(home);
    expect(await readFile(join(home, MANIFEST_FILE), "utf8")).toBe(manifest.text);
    const pod = renderRelayPod(manifest, target, "owner1");
    const c = pod.spec!.containers[0]!;
    expect(c.image).toBe(DEFAULT_RELAY_IMAGE);
    expect(c.ports![0]!.containerPort).toBe(RELAY_POD_PORT);
    // The relay runs inline on the official Node image: no Ferry image to publish or pull.
    expect(c.command?.slice(0, 2)).toEqual(["node", "-e"]);
    expect(c.command?.[2]).toBe(relayBundleSource());
    expect(Object.fromEntries(c.env!.map((e) => [e.name, e.value]))).toMatchObject({
      LOCAL_PORT: String(RELAY_POD_PORT),
      REMOTE_ADDRESS: "db.example",
      REMOTE_PORT: "5432",
      PROXY_TYPE: "tcp",
    });
    expect(pod.metadata!.namespace).toBe("team-a");
    expect(pod.metadata!.name).toMatch(/^ferry-relay-7-[0-9a-f]{8}$/);
    expect(pod.metadata!.labels).toMatchObject({
      app: pod.metadata!.name,
      config_id: "7",
      [MANAGED_BY_LABEL]: "ferry",
      [CONFIG_ID_LABEL]: "7",
      [OWNER_LABEL]: "owner1",
    });
  });

  it("an image setting is written into a fresh template, and replaces the image of any template at render", async () => {
    const mirror = "registry.local/mirror/node:24.21.0-alpine";
    const fresh = await loadProxyManifest(home, { image: mirror });
    expect(fresh.text).toContain(`"image": "${mirror}"`);
    expect(await readFile(join(home, MANIFEST_FILE), "utf8")).toBe(fresh.text);
    await writeFile(join(home, MANIFEST_FILE), defaultManifestText("someone/else:1"));
    const manifest = await loadProxyManifest(home, { image: mirror });
    expect(manifest.text).toContain('"image": "someone/else:1"');
    const pod = renderRelayPod(manifest, target, "o", "registry.local/mirror/node:24.21.0-alpine");
    expect(pod.spec!.containers[0]!.image).toBe("registry.local/mirror/node:24.21.0-alpine");
  });

  it("reads a template from a path of its own (the proxy.manifest_path setting)", async () => {
    const own = join(home, "my-relay.json");
    await writeFile(own, defaultManifestText("mirror.corp/node:24"));
    const manifest = await loadProxyManifest(home, { path: own });
    expect(manifest.file).toBe(own);
    expect(renderRelayPod(manifest, target, "o").spec!.containers[0]!.image).toBe(
      "mirror.corp/node:24",
    );
    const missing = await loadProxyManifest(home, { path: join(home, "nope.json") }).catch(
      (e) => e,
    );
    expect(missing.code).toBe("INVALID_PROXY_MANIFEST");
    expect(missing.message).toContain("nope.json");
    expect(missing.message).toContain("proxy.manifest_path");
  });

  it("the default template speaks the mux UDP framing; one without UDP_FRAMING the legacy one", async () => {
    const manifest = await loadProxyManifest(home);
    expect(manifestUdpFraming(manifest)).toBe("mux");
    const kftrayLike = manifest.text.replace(
      /,\s*\{\s*"name": "UDP_FRAMING",\s*"value": "mux"\s*\}/,
      "",
    );
    expect(kftrayLike.length).toBeLessThan(manifest.text.length);
    expect(manifestUdpFraming({ ...manifest, text: kftrayLike })).toBe("legacy");
  });

  it("replaces an unedited template an earlier Ferry wrote (unpublished image); keeps an edited one", async () => {
    const before = await readFile(
      join(import.meta.dirname, "fixtures", "proxy_manifest.before-0.2.json"),
      "utf8",
    );
    expect(before).toContain("ghcr.io/ferry-dev/ferry-relay:0.1.0");
    await writeFile(join(home, MANIFEST_FILE), before);
    const upgraded = await loadProxyManifest(home);
    expect(upgraded.text).toBe(defaultManifestText());
    expect(await readFile(join(home, MANIFEST_FILE), "utf8")).toBe(defaultManifestText());
    const edited = before.replace('"cpu": "100m"', '"cpu": "200m"');
    await writeFile(join(home, MANIFEST_FILE), edited);
    expect((await loadProxyManifest(home)).text).toBe(edited);
  });

  it("no placeholder can match inside the inline program", () => {
    const text = defaultManifestText(
      DEFAULT_RELAY_IMAGE,
      "const {protocol} = env; f({local_port})",
    );
    const filled = fillPlaceholders(text, {
      hashed_name: "h",
      config_id: 1,
      local_port: 2,
      remote_port: 3,
      remote_address: "x",
      protocol: "udp",
    });
    const pod = JSON.parse(filled);
    expect(pod.spec.containers[0].command[2]).toBe("const {protocol} = env; f({local_port})");
  });

  it("keeps a user's edits, and cannot lose Ferry's labels to them", async () => {
    const edited = (await loadProxyManifest(home)).text
      .replace(DEFAULT_RELAY_IMAGE, "mirror.corp/relay:1")
      .replace('"config_id": "{config_id}"', '"team": "blue"');
    await writeFile(join(home, MANIFEST_FILE), edited);
    const again = await loadProxyManifest(home);
    expect(again.text).toBe(edited);
    const pod = renderRelayPod(again, target, "o");
    expect(pod.spec!.containers[0]!.image).toBe("mirror.corp/relay:1");
    expect(pod.metadata!.labels).toMatchObject({
      team: "blue",
      [OWNER_LABEL]: "o",
      [CONFIG_ID_LABEL]: "7",
    });
  });

  it("fills placeholders JSON-safely", () => {
    const text = fillPlaceholders(
      '{"a": "{remote_address}", "n": {remote_port}, "x": "{unknown}"}',
      {
        hashed_name: "h",
        config_id: 1,
        local_port: 2,
        remote_port: 3,
        remote_address: 'evil", "injected": "1',
        protocol: "udp",
      },
    );
    expect(JSON.parse(text)).toEqual({ a: 'evil", "injected": "1', n: 3, x: "{unknown}" });
  });

  it("refuses invalid JSON with an error naming the file", async () => {
    await writeFile(join(home, MANIFEST_FILE), "{ not json");
    const err = await loadProxyManifest(home).catch((e) => e);
    expect(err).toBeInstanceOf(RelayError);
    expect(err.code).toBe("INVALID_PROXY_MANIFEST");
    expect(err.message).toContain(join(home, MANIFEST_FILE));
    expect(err.message).toContain("not valid JSON");
  });

  it("refuses JSON that is not a pod with containers", async () => {
    await writeFile(join(home, MANIFEST_FILE), JSON.stringify({ kind: "Deployment", spec: {} }));
    const err = await loadProxyManifest(home).catch((e) => e);
    expect(err.code).toBe("INVALID_PROXY_MANIFEST");
    expect(err.message).toMatch(
      /"kind" must be "Pod".*"spec.containers" must list at least one container/,
    );
  });

  it("derives a stable owner id per user and machine", () => {
    expect(relayOwnerId("ann", "box1")).toBe(relayOwnerId("ann", "box1"));
    expect(relayOwnerId("ann", "box1")).not.toBe(relayOwnerId("bob", "box1"));
    expect(relayOwnerId("ann", "box1")).toMatch(/^[0-9a-f]{16}$/);
  });
});
