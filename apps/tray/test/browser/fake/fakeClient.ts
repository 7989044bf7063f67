import type { FerryClient } from "@ferry/store/client";
import { FakeDaemon } from "@ferry/store/testing";
import { fakeDiscover } from "./fakeDiscover.ts";

/**
 * The shared in-memory daemon (@ferry/store/testing) with this page's data, for component-level
 * browser checks of the renderer: the shared schema's validation messages, a busy port, pushed
 * status and traffic updates, and discovery (fakeDiscover.ts). The real-daemon suites are in
 * test/e2e.
 */
export function fakeClient(
  busyPorts: number[] = [],
  // The kubeconfig the watch would read has lost "staging" since the contexts were listed.
  discover = fakeDiscover(["kube-sim"]),
): FerryClient {
  const d = new FakeDaemon();
  d.busyPorts = busyPorts;
  d.podName = (c) => `${c.alias}-7d9f`;
  d.version = "0.1.0";
  const namespaces = ["default", "shop"];
  d.cluster = {
    contexts: ["kube-sim", "staging"],
    namespaces: { "": namespaces, "kube-sim": namespaces, staging: namespaces },
    services: { shop: ["web", "cart"], default: ["echo"] },
    ports: {
      "shop/web": [{ name: "http", port: 80, protocol: "TCP" }],
      "shop/cart": [
        { name: null, port: 7000, protocol: "TCP" },
        { name: "admin", port: 7001, protocol: "TCP" },
      ],
      "default/echo": [
        { name: null, port: 7000, protocol: "TCP" },
        { name: "admin", port: 7001, protocol: "TCP" },
      ],
    },
  };
  // The details view's charts want live traffic.
  setInterval(() => d.tickTraffic(), 250);
  return { ...d.client(), discover: discover.api } as unknown as FerryClient;
}
