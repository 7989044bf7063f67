// The relay pod template: $FERRY_HOME/proxy_manifest.json, written with defaults on first use
// and never overwritten afterwards, so a user's edits (image mirror, resources, tolerations) stay.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { relayBundleSource } from "@ferry/relay-server/bundle";
import { UDP_FRAMING_ENV, type UdpFraming } from "@ferry/relay-server/codec";
import { RelayError } from "./relayErrors.ts";

export const MANIFEST_FILE = "proxy_manifest.json";
/**
 * The official Node image, pinned to an exact release (the project's own Node): the relay runs
 * as `node -e <bundle>`, so no image of Ferry's own is built, pulled or trusted. Its `node`
 * user is uid 1000. Pin by digest in your manifest where your policy asks for it (README).
 */
export const DEFAULT_RELAY_IMAGE = "node:24.21.0-alpine";
/** The relay container's name in the default template; an image override applies to it. */
export const RELAY_CONTAINER = "relay";
export const PLACEHOLDERS = [
  "hashed_name",
  "config_id",
  "local_port",
  "remote_port",
  "remote_address",
  "protocol",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string | number>;

/**
 * The default template earlier Ferry versions wrote (image ghcr.io/ferry-dev/ferry-relay:0.1.0,
 * which was never published), byte for byte; `fixtures/proxy_manifest.before-0.2.json` holds it.
 */
const UNPUBLISHED_IMAGE_DEFAULT_SHA256 =
  "4c84400985f03c9e75771073d488243074fd3a8a95d3c3986b30fb82585d9fce";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The restricted Pod Security profile's settings, at pod and container level. */
const RESTRICTED_POD = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  seccompProfile: { type: "RuntimeDefault" },
};
const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

/**
 * The default template: the relay bundle run inline by the official Node image. Placeholders are
 * replaced in the raw text, kftray-style, so numeric fields take them unquoted
 * (`"containerPort": {local_port}`) and string fields quoted. The bundle's own braces are written
 * as `\u007b` so no placeholder can ever match inside the program.
 */
export function defaultManifestText(
  image: string = DEFAULT_RELAY_IMAGE,
  bundle: string = relayBundleSource(),
): string {
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "{hashed_name}",
      labels: { app: "{hashed_name}", config_id: "{config_id}" },
    },
    spec: {
      restartPolicy: "Never",
      terminationGracePeriodSeconds: 5,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      securityContext: RESTRICTED_POD,
      containers: [
        {
          name: RELAY_CONTAINER,
          image,
          command: ["node", "-e", "@@bundle@@"],
          ports: [{ name: "relay", containerPort: "@@local_port@@" }],
          env: [
            { name: "LOCAL_PORT", value: "{local_port}" },
            { name: "REMOTE_ADDRESS", value: "{remote_address}" },
            { name: "REMOTE_PORT", value: "{remote_port}" },
            { name: "PROXY_TYPE", value: "{protocol}" },
            { name: "IDLE_EXIT_SECONDS", value: "1800" },
            // Many UDP peers share one tunnel, each datagram framed with a peer id. A template
            // for kftray's server image leaves this out: that image speaks the legacy framing.
            { name: UDP_FRAMING_ENV, value: "mux" },
          ],
          readinessProbe: {
            tcpSocket: { port: "@@local_port@@" },
            periodSeconds: 2,
          },
          resources: {
            requests: { cpu: "50m", memory: "64Mi" },
            limits: { cpu: "500m", memory: "256Mi" },
          },
          securityContext: RESTRICTED_CONTAINER,
        },
      ],
    },
  };
  return `${JSON.stringify(pod, null, 2)
    .replaceAll('"@@local_port@@"', "{local_port}")
    .replace('"@@bundle@@"', () => JSON.stringify(bundle).replaceAll("{", "\\u007b"))}\n`;
}

/** Fills the placeholders, JSON-escaping each value, so a remote address cannot break the JSON. */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(key)) return whole;
    return JSON.stringify(String(values[key as Placeholder])).slice(1, -1);
  });
}

const SAMPLE: PlaceholderValues = {
  hashed_name: "ferry-relay-check",
  config_id: 1,
  local_port: 1,
  remote_port: 1,
  remote_address: "check.invalid",
  protocol: "udp",
};

export interface PodManifest {
  apiVersion: "v1";
  kind: "Pod";
  metadata: { name?: string; labels?: Record<string, string>; [k: string]: unknown };
  spec: {
    containers: Array<{ name: string; image?: string; [k: string]: unknown }>;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

/** Parses a filled template and checks it is a Pod with at least one container. */
export function parsePodManifest(text: string, file: string): PodManifest {
  let pod: unknown;
  try {
    pod = JSON.parse(text);
  } catch (err) {
    throw new RelayError(
      "INVALID_PROXY_MANIFEST",
      `${file} is not valid JSON once its placeholders are filled (${(err as Error).message}). Fix it, or delete it to get the default template back.`,
    );
  }
  const problems: string[] = [];
  const p = pod as Partial<PodManifest> | null;
  if (!p || typeof p !== "object" || Array.isArray(p)) problems.push("it is not a JSON object");
  else {
    if (p.kind !== "Pod") problems.push(`"kind" must be "Pod"`);
    if (p.metadata !== undefined && (typeof p.metadata !== "object" || p.metadata === null))
      problems.push(`"metadata" must be an object`);
    const containers = p.spec?.containers;
    if (!Array.isArray(containers) || containers.length === 0)
      problems.push(`"spec.containers" must list at least one container`);
    else if (containers.some((c) => !c || typeof c !== "object" || typeof c.name !== "string"))
      problems.push("every container needs a name");
  }
  if (problems.length > 0)
    throw new RelayError(
      "INVALID_PROXY_MANIFEST",
      `${file} is not a usable relay pod template: ${problems.join("; ")}. Fix it, or delete it to get the default template back.`,
    );
  const checked = p as PodManifest;
  return { ...checked, apiVersion: checked.apiVersion ?? "v1", metadata: { ...checked.metadata } };
}

export interface ProxyManifest {
  file: string;
  text: string;
}

/**
 * Reads the template: `path` when given (the `proxy.manifest_path` setting; it must exist), else
 * $FERRY_HOME/proxy_manifest.json, written with the default first when there is none. Checks it
 * renders to a valid Pod now, so a broken edit is reported when the forward starts, naming the file.
 */
export async function loadProxyManifest(
  ferryHome: string,
  options: {
    /** A template of its own (the `proxy.manifest_path` setting). */
    path?: string;
    /** The image a freshly written default template names (a mirror); see also renderRelayPod. */
    image?: string;
  } = {},
): Promise<ProxyManifest> {
  const { path, image } = options;
  if (path) {
    const text = await readFile(path, "utf8").catch((err: NodeJS.ErrnoException) => {
      throw new RelayError(
        "INVALID_PROXY_MANIFEST",
        `cannot read the relay pod template ${path} (${err.code ?? err.message}). Fix the proxy.manifest_path setting, or clear it to use the default template.`,
      );
    });
    parsePodManifest(fillPlaceholders(text, SAMPLE), path);
    return { file: path, text };
  }
  const file = join(ferryHome, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
    if (sha256(text) === UNPUBLISHED_IMAGE_DEFAULT_SHA256) {
      // Written by an earlier Ferry, never edited, naming an image that was never published:
      // replaced (atomically) by today's default. An edited file is the user's and stays.
      text = defaultManifestText(image);
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, text);
      await rename(tmp, file);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    text = defaultManifestText(image);
    await mkdir(dirname(file), { recursive: true });
    // "wx": never clobber a file another process wrote in the meantime.
    await writeFile(file, text, { flag: "wx" }).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code !== "EEXIST") throw e;
      text = await readFile(file, "utf8");
    });
  }
  parsePodManifest(fillPlaceholders(text, SAMPLE), file);
  return { file, text };
}

/**
 * The UDP framing a template's relay speaks: `mux` only when its relay container says
 * `UDP_FRAMING=mux` (the default template does); otherwise the legacy one-tunnel-per-peer framing,
 * the only one kftray's server image knows.
 */
export function manifestUdpFraming(manifest: ProxyManifest): UdpFraming {
  const pod = parsePodManifest(fillPlaceholders(manifest.text, SAMPLE), manifest.file);
  const c = pod.spec.containers.find((x) => x.name === RELAY_CONTAINER) ?? pod.spec.containers[0];
  const env = (c?.env ?? []) as Array<{ name?: string; value?: string }>;
  return env.find((e) => e.name === UDP_FRAMING_ENV)?.value === "mux" ? "mux" : "legacy";
}
