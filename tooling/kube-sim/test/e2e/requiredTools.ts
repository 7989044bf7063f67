// vitest globalSetup: the e2e suites that drive real clients skip without them on a developer's
// machine (with a printed reason), but under CI a missing client fails the whole run.
import { hasKubectl, hasPythonKubernetes, hasStrace } from "./helpers.ts";

const HOW: Record<string, string> = {
  kubectl:
    "kubectl is not on PATH. Install kubectl 1.31 or newer (the Kubernetes documentation, " +
    '"Install Tools"; Debian\'s kubernetes-client is 1.20, too old for the SPDY tunnel tests), ' +
    "or put its directory on PATH",
  "python3-kubernetes":
    "the official Python client is missing from /usr/bin/python3: apt-get install python3-kubernetes " +
    "(scripts/ensure-debian-packages.sh installs it when run as root)",
  strace: "strace is not on PATH: apt-get install strace (scripts/ensure-debian-packages.sh)",
};

export default function setup(): void {
  const missing = [
    ...(hasKubectl ? [] : ["kubectl"]),
    ...(hasPythonKubernetes ? [] : ["python3-kubernetes"]),
    ...(hasStrace ? [] : ["strace"]),
  ];
  if (missing.length === 0) return;
  const lines = missing.map((m) => `- ${HOW[m]}`).join("\n");
  if (process.env.CI) {
    throw new Error(
      `kube-sim e2e under CI: ${missing.join(" and ")} missing; the tests that need it would be skipped.\n${lines}`,
    );
  }
  console.log(`kube-sim e2e: skipping the tests that need ${missing.join(" and ")}:\n${lines}`);
}
