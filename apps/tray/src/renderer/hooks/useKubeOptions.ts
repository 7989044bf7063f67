import {
  type FerryClient,
  type FormValues,
  ferryErrorOf,
  type KubePod,
  type PortInfo,
  portsQueryOf,
} from "@ferry/store/client";
import { useCallback, useEffect, useState } from "react";

export interface KubeOptions {
  contexts: string[];
  namespaces: string[];
  services: string[];
  ports: PortInfo[];
  /** A pod forward's namespace: its pods, and the names the selector matches (null: no selector). */
  pods: KubePod[];
  matching: Set<string> | null;
  /** Why the cluster could not be listed (shown under the pickers), or null. */
  problem: string | null;
}

/** Loads each picker's choices from `kube.*` as the fields it depends on change. */
export function useKubeOptions(client: FerryClient, form: FormValues): KubeOptions {
  const [contexts, setContexts] = useState<string[]>([]);
  const [namespaces, setNamespaces] = useState<string[]>([]);
  const [services, setServices] = useState<string[]>([]);
  const [ports, setPorts] = useState<PortInfo[]>([]);
  const [pods, setPods] = useState<KubePod[]>([]);
  const [matching, setMatching] = useState<Set<string> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const context = form.context.trim() || null;
  const kubeconfig = form.kubeconfig.trim() || null;
  const fail = useCallback((err: unknown) => setProblem(ferryErrorOf(err).message), []);

  useEffect(() => {
    client.kube.contexts.query({ kubeconfig }).then((l) => setContexts(l.map((c) => c.name)), fail);
  }, [client, kubeconfig, fail]);
  useEffect(() => {
    setProblem(null);
    client.kube.namespaces.query({ context, kubeconfig }).then(setNamespaces, fail);
  }, [client, context, kubeconfig, fail]);
  useEffect(() => {
    if (!form.namespace || form.workload_type !== "service") return setServices([]);
    client.kube.services
      .query({ context, kubeconfig, namespace: form.namespace })
      .then((l) => setServices(l.map((s) => s.name)), fail);
  }, [client, context, kubeconfig, form.namespace, form.workload_type, fail]);
  const pod = form.workload_type === "pod" && form.namespace !== "";
  const selector = form.target.trim();
  useEffect(() => {
    if (!pod) return setPods([]);
    client.kube.pods.query({ context, kubeconfig, namespace: form.namespace }).then(setPods, fail);
  }, [client, context, kubeconfig, form.namespace, pod, fail]);
  useEffect(() => {
    if (!pod || !selector) return setMatching(null);
    // The API server's own reading of the selector, a moment after typing stops.
    const timer = setTimeout(() => {
      client.kube.pods
        .query({ context, kubeconfig, namespace: form.namespace, labelSelector: selector })
        .then((l) => setMatching(new Set(l.map((p) => p.name))), fail);
    }, 200);
    return () => clearTimeout(timer);
  }, [client, context, kubeconfig, form.namespace, pod, selector, fail]);
  const portsKey = JSON.stringify(portsQueryOf(form));
  useEffect(() => {
    const of = JSON.parse(portsKey) as ReturnType<typeof portsQueryOf>;
    if (!form.namespace || !of) return setPorts([]);
    client.kube.ports
      .query({ context, kubeconfig, namespace: form.namespace, ...of })
      .then(setPorts, fail);
  }, [client, context, kubeconfig, form.namespace, portsKey, fail]);

  return { contexts, namespaces, services, ports, pods, matching, problem };
}
