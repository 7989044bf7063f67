// The default relay pod against the Pod Security Standards' "restricted" profile, rule by rule,
// as https://kubernetes.io/docs/concepts/security/pod-security-standards/ lists them (Baseline's
// controls, which Restricted includes, then Restricted's own). A namespace labelled
// `pod-security.kubernetes.io/enforce: restricted` admits exactly the pods that pass all of them.

import type { V1Container, V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { defaultManifestText } from "./proxyManifest.ts";
import { renderRelayPod } from "./renderRelayPod.ts";

const pod: V1Pod = renderRelayPod(
  { file: "proxy_manifest.json", text: defaultManifestText() },
  { configId: 1, namespace: "ns", remoteAddress: "db", remotePort: 5432, protocol: "udp" },
  "owner",
);
const spec = pod.spec!;
const containers: V1Container[] = [
  ...spec.containers,
  ...(spec.initContainers ?? []),
  ...((spec.ephemeralContainers ?? []) as V1Container[]),
];
const podSc = spec.securityContext ?? {};

/** Baseline's allowed capability additions; Restricted allows only NET_BIND_SERVICE. */
const RESTRICTED_VOLUME_TYPES = new Set([
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
]);
const SAFE_SYSCTLS = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
]);

describe("the default relay pod passes Pod Security 'restricted'", () => {
  // Baseline controls.
  it("HostProcess: no Windows HostProcess container", () => {
    expect(podSc.windowsOptions?.hostProcess ?? false).toBe(false);
    for (const c of containers)
      expect(c.securityContext?.windowsOptions?.hostProcess ?? false).toBe(false);
  });

  it("Host namespaces: hostNetwork, hostPID, hostIPC unset or false", () => {
    expect([spec.hostNetwork, spec.hostPID, spec.hostIPC].every((v) => !v)).toBe(true);
  });

  it("Privileged containers: none", () => {
    for (const c of containers) expect(c.securityContext?.privileged ?? false).toBe(false);
  });

  it("HostPath volumes: none", () => {
    expect((spec.volumes ?? []).filter((v) => v.hostPath)).toEqual([]);
  });

  it("Host ports: none", () => {
    for (const c of containers) for (const p of c.ports ?? []) expect(p.hostPort ?? 0).toBe(0);
  });

  it("AppArmor: not Unconfined", () => {
    for (const sc of [podSc, ...containers.map((c) => c.securityContext ?? {})])
      expect(sc.appArmorProfile?.type).not.toBe("Unconfined");
  });

  it("SELinux: no custom type or user/role", () => {
    for (const sc of [podSc, ...containers.map((c) => c.securityContext ?? {})]) {
      const t = sc.seLinuxOptions?.type;
      expect(
        t === undefined ||
          ["container_t", "container_init_t", "container_kvm_t", "container_engine_t"].includes(t),
      ).toBe(true);
      expect(sc.seLinuxOptions?.user ?? "").toBe("");
      expect(sc.seLinuxOptions?.role ?? "").toBe("");
    }
  });

  it("/proc mount type: Default", () => {
    for (const c of containers) expect(c.securityContext?.procMount ?? "Default").toBe("Default");
  });

  it("Sysctls: only the safe set", () => {
    for (const s of podSc.sysctls ?? []) expect(SAFE_SYSCTLS.has(s.name)).toBe(true);
  });

  // Restricted's own controls.
  it("Volume types: only the core non-host types", () => {
    for (const v of spec.volumes ?? []) {
      const kinds = Object.keys(v).filter((k) => k !== "name");
      expect(kinds.every((k) => RESTRICTED_VOLUME_TYPES.has(k))).toBe(true);
    }
  });

  it("Privilege escalation: allowPrivilegeEscalation false on every container", () => {
    for (const c of containers) expect(c.securityContext?.allowPrivilegeEscalation).toBe(false);
  });

  it("Running as non-root: runAsNonRoot true (pod, or every container), never runAsUser 0", () => {
    for (const c of containers) {
      expect(c.securityContext?.runAsNonRoot ?? podSc.runAsNonRoot).toBe(true);
      expect(c.securityContext?.runAsUser ?? podSc.runAsUser).not.toBe(0);
    }
    expect(podSc.runAsUser).not.toBe(0);
  });

  it("Seccomp: RuntimeDefault or Localhost, set for the pod or every container", () => {
    for (const c of containers) {
      const type = c.securityContext?.seccompProfile?.type ?? podSc.seccompProfile?.type;
      expect(["RuntimeDefault", "Localhost"]).toContain(type);
    }
  });

  it("Capabilities: drop ALL, add nothing beyond NET_BIND_SERVICE", () => {
    for (const c of containers) {
      expect(c.securityContext?.capabilities?.drop).toContain("ALL");
      for (const add of c.securityContext?.capabilities?.add ?? [])
        expect(add).toBe("NET_BIND_SERVICE");
    }
  });

  // Asked for by issue 15 besides the profile.
  it("runs as the image's node user (uid 1000) on a read-only root filesystem, with requests and limits", () => {
    expect(podSc.runAsUser).toBe(1000);
    for (const c of containers) {
      expect(c.securityContext?.readOnlyRootFilesystem).toBe(true);
      expect(Object.keys(c.resources?.requests ?? {}).sort()).toEqual(["cpu", "memory"]);
      expect(Object.keys(c.resources?.limits ?? {}).sort()).toEqual(["cpu", "memory"]);
    }
  });
});
