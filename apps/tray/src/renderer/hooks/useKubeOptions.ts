import { useCallback, useEffect, useState } from "react";
import { toApiError } from "../api/apiError.ts";
import type { DaemonApi, KubePorts } from "../api/daemonApi.ts";
import type { ConfigForm } from "../configView.ts";

export interface KubeOptions {
  contexts: string[];
  namespaces: string[];
  services: string[];
  ports: KubePorts[];
  /** Why the cluster could not be listed (shown under the pickers), or null. */
  problem: string | null;
}

/** Loads each picker's choices from `kube.*` as the fields it depends on change. */
export function useKubeOptions(api: DaemonApi, form: ConfigForm): KubeOptions {
  const [contexts, setContexts] = useState<string[]>([]);
  const [namespaces, setNamespaces] = useState<string[]>([]);
  const [services, setServices] = useState<string[]>([]);
  const [ports, setPorts] = useState<KubePorts[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const ctx = form.context || null;
  const kc = form.kubeconfig || null;
  const fail = useCallback((err: unknown) => setProblem(toApiError(err).message), []);

  useEffect(() => {
    api.contexts(kc).then(setContexts, fail);
  }, [api, kc, fail]);
  useEffect(() => {
    setProblem(null);
    api.namespaces(ctx, kc).then(setNamespaces, fail);
  }, [api, ctx, kc, fail]);
  useEffect(() => {
    if (!form.namespace || form.workload_type !== "service") return setServices([]);
    api.services(ctx, kc, form.namespace).then(setServices, fail);
  }, [api, ctx, kc, form.namespace, form.workload_type, fail]);
  useEffect(() => {
    if (!form.namespace || form.workload_type !== "service" || !form.service) return setPorts([]);
    api.ports(ctx, kc, form.namespace, form.service).then(setPorts, fail);
  }, [api, ctx, kc, form.namespace, form.workload_type, form.service, fail]);

  return { contexts, namespaces, services, ports, problem };
}
