import type { DaemonSkew } from "@ferry/store/client";
import { createRoot } from "react-dom/client";
import { App } from "../../../src/renderer/App.tsx";
import "../../../src/renderer/styles.css";
import { fakeClient } from "./fakeClient.ts";
import { type FakeDiscoverControl, fakeDiscover } from "./fakeDiscover.ts";

const params = new URLSearchParams(location.search);
const busy = params.get("busy");
// What main would pass with the connection (issue 20): `?skew=newer` or `?skew=failed`.
const SKEWS: Record<string, DaemonSkew> = {
  newer: { newerDaemon: { daemon: "0.2.0", client: "0.1.0" } },
  failed: {
    handOver: {
      from: "0.0.9",
      to: "0.1.0",
      forwards: ["shop-web", "busy"],
      restored: ["shop-web"],
      failed: ["busy (PORT_IN_USE: local port 7001 is in use)"],
      gapMs: 1_500,
    },
  },
};
// The browser test edits the kubeconfig and holds answers through this (fakeDiscover.ts).
const discover = fakeDiscover(["kube-sim"]);
(window as unknown as { fakeDiscover: FakeDiscoverControl }).fakeDiscover = discover.control;
const skew = SKEWS[params.get("skew") ?? ""];
createRoot(document.getElementById("root")!).render(
  <App
    daemon={{
      client: fakeClient(busy ? busy.split(",").map(Number) : [], discover),
      ...(skew ? { skew } : {}),
    }}
  />,
);
