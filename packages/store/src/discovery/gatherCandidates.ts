import { loadKubeConfigAsync } from "@ferry/core";
import type { DiscoverPlanInput } from "./discoverInput.ts";
import {
  ALL_SERVICES,
  ANNOTATION_CONFIGS,
  ANNOTATION_ENABLED,
  ANNOTATION_FERRY,
  type Candidate,
  type DiscoveredObject,
  type DiscoveryProblem,
} from "./discoveryTypes.ts";
import { type ContextScan, scanContext } from "./kubeObjects.ts";
import type { ScannedScope } from "./planDiscovery.ts";
import { readAnnotations } from "./readAnnotations.ts";

export interface Gathered {
  candidates: Candidate[];
  scanned: ScannedScope[];
  problems: DiscoveryProblem[];
  notes: string[];
}

export type ScanContext = typeof scanContext;

const annotated = (o: DiscoveredObject) =>
  [ANNOTATION_CONFIGS, ANNOTATION_ENABLED, ANNOTATION_FERRY].some((a) => a in o.annotations);

/** Services without annotations, read as kftray.app/enabled would: one config per port. */
function allServicesCandidates(obj: DiscoveredObject, context: string, kubeconfig?: string) {
  if (obj.kind !== "Service" || annotated(obj)) return [];
  const reading = readAnnotations(
    { ...obj, annotations: { [ANNOTATION_ENABLED]: "true" } },
    context,
    { kubeconfig },
  );
  return reading.candidates.map((c) => ({
    ...c,
    origin: { ...c.origin, annotation: ALL_SERVICES },
  }));
}

/** Looks in each context asked for and turns what it finds into candidates and problems. */
export async function gatherCandidates(
  input: DiscoverPlanInput,
  scan: ScanContext = scanContext,
): Promise<Gathered> {
  const gathered: Gathered = { candidates: [], scanned: [], problems: [], notes: [] };
  const contexts: (string | null)[] = input.allContexts
    ? (await loadKubeConfigAsync(input.kubeconfig ?? null)).kc.getContexts().map((c) => c.name)
    : (input.contexts ?? [null]);
  for (const context of contexts) {
    let result: ContextScan;
    try {
      result = await scan({
        kubeconfig: input.kubeconfig,
        context,
        namespace: input.namespace,
        allServices: input.allServices,
      });
    } catch (err) {
      // One context of many that cannot be reached is a problem; the only one asked for fails.
      if (contexts.length === 1) throw err;
      gathered.problems.push({
        context: context ?? "(current)",
        namespace: "*",
        kind: "Namespace",
        name: "*",
        annotation: null,
        message: `context ${context}: ${(err as Error).message}; skipped`,
      });
      continue;
    }
    gathered.scanned.push(...result.scanned);
    gathered.problems.push(...result.problems);
    gathered.notes.push(...result.notes);
    for (const obj of result.objects) {
      const reading = readAnnotations(obj, result.context, { kubeconfig: input.kubeconfig });
      gathered.candidates.push(...reading.candidates);
      gathered.problems.push(...reading.problems);
      if (input.allServices)
        gathered.candidates.push(...allServicesCandidates(obj, result.context, input.kubeconfig));
    }
  }
  return gathered;
}
