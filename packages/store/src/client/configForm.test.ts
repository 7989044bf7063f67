import { describe, expect, it } from "vitest";
import {
  checkForm,
  emptyForm,
  type FormValues,
  formErrorsFrom,
  formFromConfig,
  formInput,
  visibleFields,
} from "./configForm.ts";

const filled = (patch: Partial<FormValues> = {}): FormValues => ({
  ...emptyForm(),
  namespace: "webapp",
  service: "frontend",
  remote_port: "80",
  ...patch,
});

describe("config form model", () => {
  it("shows only the target field of the chosen workload", () => {
    const fields = visibleFields({ workload_type: "proxy" });
    expect(fields).toContain("remote_address");
    expect(fields).not.toContain("service");
    expect(fields).not.toContain("target");
  });

  it("validates with the daemon's schema and names each bad field", () => {
    const check = checkForm(filled({ remote_port: "8o", service: "" }));
    expect(check.draft).toBeNull();
    expect(check.errors).toEqual({
      remote_port: 'expected an integer 1-65535, got "8o"',
      service: 'required when workload_type is "service"',
    });
    expect(checkForm(filled({ remote_port: "" })).errors).toEqual({ remote_port: "required" });
  });

  it("fills the schema's defaults and sends only the chosen target field", () => {
    const input = formInput(filled({ target: "app=x" }));
    expect(input).toMatchObject({ service: "frontend", target: null, local_address: "127.0.0.1" });
    const check = checkForm(filled());
    expect(check.draft).toMatchObject({ protocol: "tcp", local_port: null, alias: null });
  });

  it("warns about a local port another config uses, but lets the form save", () => {
    const others = [
      { id: 7, alias: "web", local_address: "127.0.0.1", local_port: 8080, remote_port: 80 },
    ];
    const check = checkForm(filled({ local_port: "8080" }), others);
    expect(check.errors).toEqual({});
    expect(check.draft).not.toBeNull();
    expect(check.warnings.local_port).toMatch(/'web' also uses 127\.0\.0\.1:8080/);
    // Editing that same config is no clash; another address is none either.
    expect(checkForm(filled({ local_port: "8080" }), others, 7).warnings).toEqual({});
    expect(
      checkForm(filled({ local_port: "8080", local_address: "127.0.0.2" }), others).warnings,
    ).toEqual({});
  });

  it("round-trips a stored config and maps the daemon's issues onto fields", () => {
    const form = formFromConfig({
      id: 1,
      alias: "web",
      context: null,
      kubeconfig: null,
      namespace: "webapp",
      workload_type: "service",
      service: "frontend",
      target: null,
      remote_address: null,
      protocol: "tcp",
      remote_port: 80,
      local_port: 0,
      local_address: "127.0.0.1",
      domain_enabled: false,
      auto_start: true,
      http_logs_enabled: false,
      group: "team",
    });
    expect(form).toMatchObject({ local_port: "0", group: "team", auto_start: true });
    expect(checkForm(form).draft).toMatchObject({ local_port: 0, group: "team", alias: "web" });
    expect(
      formErrorsFrom([
        { path: "[0].local_port", message: "taken" },
        { path: "x", message: "?" },
      ]),
    ).toEqual({
      local_port: "taken",
    });
  });
});
