import { describe, expect, it } from "vitest";
import { cycle, initialValues, toInput, validateForm, visibleFields } from "./formModel.ts";

describe("form model", () => {
  it("shows the target field of the workload type", () => {
    const v = initialValues();
    expect(visibleFields(v)).toContain("service");
    expect(visibleFields({ ...v, workload_type: "pod" })).toContain("target");
    expect(visibleFields({ ...v, workload_type: "proxy" })).toContain("remote_address");
  });

  it("turns text into API input: numbers, nulls, hidden fields left out", () => {
    const v = {
      ...initialValues(),
      namespace: "web",
      service: "svc",
      target: "app=x",
      remote_port: "80",
      local_port: "",
    };
    expect(toInput(v, "/k")).toMatchObject({
      namespace: "web",
      service: "svc",
      target: null,
      remote_port: 80,
      local_port: null,
      kubeconfig: "/k",
    });
  });

  it("validates with the shared schema's words", () => {
    const errors = validateForm({
      ...initialValues(),
      remote_port: "99999",
      local_address: "localhost",
    });
    expect(errors.namespace).toBe("required");
    expect(errors.service).toBe('required when workload_type is "service"');
    expect(errors.remote_port).toBe("expected an integer 1-65535, got 99999");
    expect(errors.local_address).toContain("expected an IP address");
    expect(
      validateForm({ ...initialValues(), namespace: "a", service: "b", remote_port: "80" }),
    ).toEqual({});
  });

  it("cycles options both ways", () => {
    expect(cycle(["a", "b"], "", 1)).toBe("a");
    expect(cycle(["a", "b"], "", -1)).toBe("b");
    expect(cycle(["a", "b"], "b", 1)).toBe("a");
    expect(cycle([], "x", 1)).toBe("x");
  });
});
