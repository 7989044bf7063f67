import { ConfigInputSchema } from "../schema/config.ts";
import { formatIssues } from "../schema/formatIssues.ts";
import {
  ANNOTATION_CONFIGS,
  ANNOTATION_ENABLED,
  ANNOTATION_FERRY,
  type Candidate,
  type DiscoveredObject,
  type DiscoveryProblem,
  type KubePort,
} from "./discoveryTypes.ts";
import { parseFerryForwards } from "./ferryForwards.ts";
import { parseKftrayEntry } from "./kftrayEntry.ts";

export interface AnnotationReading {
  candidates: Candidate[];
  problems: DiscoveryProblem[];
}

/** Config fields as `ferry.dev/forwards` names them, for its problems. */
const FERRY_FIELD: Record<string, string> = {
  local_port: "localPort",
  local_address: "localAddress",
  domain_enabled: "domain",
  remote_port: "port",
};

const portText = (p: KubePort) => `${p.name ? `${p.name}/` : ""}${p.port}`;

/** The object's port a target names: a port name, or a number (a workload's may be undeclared). */
export function resolvePort(
  obj: DiscoveredObject,
  target: string | number,
): KubePort | { problem: string } {
  const found = obj.ports.find((p) => (typeof target === "number" ? p.port : p.name) === target);
  if (found) return found;
  if (typeof target === "number" && obj.kind !== "Service")
    return { name: null, port: target, protocol: "tcp" };
  const known = obj.ports.length > 0 ? obj.ports.map(portText).join(", ") : "none";
  const what = typeof target === "number" ? `port ${target}` : `port named "${target}"`;
  return { problem: `${obj.kind} has no ${what} (its ports: ${known})` };
}

/** A Service's port alias: the name alone, or name-portname when there are several ports. */
export function portAlias(obj: DiscoveredObject, port: KubePort): string {
  return obj.ports.length > 1 ? `${obj.name}-${port.name ?? port.port}` : obj.name;
}

/** Where a config for this object points: the Service, or the workload's pods by selector. */
function targetFields(obj: DiscoveredObject) {
  return obj.kind === "Service"
    ? { workload_type: "service" as const, service: obj.name }
    : { workload_type: "pod" as const, target: obj.selector };
}

/**
 * The configs one annotated object asks for, in `context`. Each entry stands alone: a malformed
 * one becomes a problem naming the object, the annotation and what is wrong, and the rest go on.
 */
export function readAnnotations(
  obj: DiscoveredObject,
  context: string,
  fixed: { kubeconfig?: string | null } = {},
): AnnotationReading {
  const reading: AnnotationReading = { candidates: [], problems: [] };
  const annotations = obj.annotations;
  const marked =
    annotations[ANNOTATION_CONFIGS] !== undefined ||
    annotations[ANNOTATION_FERRY] !== undefined ||
    annotations[ANNOTATION_ENABLED]?.trim().toLowerCase() === "true";
  if (!marked) return reading;
  const problem = (annotation: string | null, message: string) =>
    reading.problems.push({
      context,
      namespace: obj.namespace,
      kind: obj.kind,
      name: obj.name,
      annotation,
      message,
    });
  if (obj.kind !== "Service" && obj.selector === null) {
    problem(null, obj.selectorProblem ?? `${obj.kind} has no selector to find its pods by`);
    return reading;
  }
  const seen = new Set<string>();
  const add = (annotation: string, key: string, input: Record<string, unknown>) => {
    if (seen.has(`${annotation}\u0000${key}`)) {
      problem(annotation, `"${key}" appears twice; the second is left out`);
      return;
    }
    seen.add(`${annotation}\u0000${key}`);
    const parsed = ConfigInputSchema.safeParse({
      context,
      kubeconfig: fixed.kubeconfig ?? null,
      namespace: obj.namespace,
      ...targetFields(obj),
      ...input,
    });
    if (!parsed.success) {
      const names = annotation === ANNOTATION_FERRY ? FERRY_FIELD : {};
      const issues = formatIssues(parsed.error)
        .map((i) => `${names[i.path] ?? i.path}: ${i.message}`)
        .join("; ");
      problem(annotation, `"${key}": ${issues}`);
      return;
    }
    reading.candidates.push({
      draft: { ...parsed.data, alias: parsed.data.alias ?? key },
      origin: {
        context,
        namespace: obj.namespace,
        kind: obj.kind,
        name: obj.name,
        annotation,
        key,
      },
    });
  };

  const configs = annotations[ANNOTATION_CONFIGS];
  if (configs !== undefined) {
    const entries = configs
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean);
    if (entries.length === 0) problem(ANNOTATION_CONFIGS, "the annotation is empty");
    for (const entry of entries) {
      const parsed = parseKftrayEntry(entry);
      if ("problem" in parsed) {
        problem(ANNOTATION_CONFIGS, parsed.problem);
        continue;
      }
      const port = resolvePort(obj, parsed.target);
      if ("problem" in port) {
        problem(ANNOTATION_CONFIGS, `entry "${entry}": ${port.problem}`);
        continue;
      }
      add(ANNOTATION_CONFIGS, parsed.alias, {
        alias: parsed.alias,
        remote_port: port.port,
        local_port: parsed.localPort,
        protocol: port.protocol,
      });
    }
  } else if (annotations[ANNOTATION_ENABLED]?.trim().toLowerCase() === "true") {
    if (obj.ports.length === 0) problem(ANNOTATION_ENABLED, `${obj.kind} has no ports to forward`);
    for (const port of obj.ports)
      add(ANNOTATION_ENABLED, `port:${port.name ?? port.port}`, {
        alias: portAlias(obj, port),
        remote_port: port.port,
        local_port: port.port,
        protocol: port.protocol,
      });
  }

  const ferry = annotations[ANNOTATION_FERRY];
  if (ferry !== undefined) {
    const { entries, problems } = parseFerryForwards(ferry);
    for (const message of problems) problem(ANNOTATION_FERRY, message);
    for (const { index, entry } of entries) {
      const port = resolvePort(obj, entry.port);
      if ("problem" in port) {
        problem(ANNOTATION_FERRY, `[${index}]: ${port.problem}`);
        continue;
      }
      const protocol = entry.protocol ?? port.protocol;
      if (port.name !== null && entry.protocol !== undefined && entry.protocol !== port.protocol) {
        problem(
          ANNOTATION_FERRY,
          `[${index}]: protocol "${entry.protocol}" but port ${portText(port)} is ${port.protocol}`,
        );
        continue;
      }
      const alias = entry.alias ?? portAlias(obj, port);
      add(
        ANNOTATION_FERRY,
        entry.alias !== undefined ? String(entry.alias) : `port:${port.name ?? port.port}`,
        {
          alias,
          remote_port: port.port,
          local_port: entry.localPort ?? port.port,
          local_address: entry.localAddress,
          domain_enabled: entry.domain,
          protocol,
        },
      );
    }
  }
  return reading;
}
