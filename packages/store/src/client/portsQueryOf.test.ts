import { describe, expect, it } from "vitest";
import { emptyForm } from "./configForm.ts";
import { portsQueryOf } from "./portsQueryOf.ts";

const form = (patch: Partial<ReturnType<typeof emptyForm>>) => ({ ...emptyForm(), ...patch });

describe("the ports query of a form", () => {
  it("asks a service forward's ports by service", () => {
    expect(portsQueryOf(form({ workload_type: "service", service: "web" }))).toEqual({
      service: "web",
    });
    expect(portsQueryOf(form({ workload_type: "service", service: "" }))).toBeNull();
  });

  it("asks a pod forward's ports by its trimmed selector, once a namespace is chosen", () => {
    const pod = form({ workload_type: "pod", namespace: "shop", target: " app=web " });
    expect(portsQueryOf(pod)).toEqual({ labelSelector: "app=web" });
    expect(portsQueryOf({ ...pod, namespace: "" })).toBeNull();
    expect(portsQueryOf({ ...pod, target: "  " })).toBeNull();
  });

  it("asks nothing for a proxy", () => {
    expect(portsQueryOf(form({ workload_type: "proxy", service: "web", target: "x" }))).toBeNull();
  });
});
