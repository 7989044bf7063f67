import {
  type FerryClient,
  type FormValues,
  ferryErrorOf,
  type PortInfo,
} from "@ferry/store/client";
import { useCallback, useEffect, useState } from "react";

export interface KubeOptions {
  contexts: string[];
  namespaces: string[];
  services: string[];
  ports: PortInfo[];
  /** Why the cluster could not be listed (shown under the pickers), or null. */
  problem: string | null;
}

/** Loads each picker's choices from `kube.*` as the fields it depends on change. */
export function useKubeOptions(client: FerryClient, form: FormValues): KubeOptions {
  const [contexts, setContexts] = useState<string[]>([]);
  const [namespaces, setNamespaces] = useState<string[]>([]);
  const [services, setServices] = useState<string[]>([]);
  const [ports, setPorts] = useState<PortInfo[]>([]);
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
  useEffect(() => {
    if (!form.namespace || form.workload_type !== "service" || !form.service) return setPorts([]);
    client.kube.ports
      .query({ context, kubeconfig, namespace: form.namespace, service: form.service })
      .then(setPorts, fail);
  }, [client, context, kubeconfig, form.namespace, form.workload_type, form.service, fail]);

  return { contexts, namespaces, services, ports, problem };
}
