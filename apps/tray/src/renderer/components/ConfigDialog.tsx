import { type FormEvent, useEffect, useRef, useState } from "react";
import { type ApiError, toApiError } from "../api/apiError.ts";
import type { Config, DaemonApi } from "../api/daemonApi.ts";
import { type ConfigForm, emptyForm, formFromConfig, inputFromForm } from "../configView.ts";
import { useKubeOptions } from "../hooks/useKubeOptions.ts";
import { Field } from "./Field.tsx";
import { asOptions, Picker } from "./Picker.tsx";

interface Props {
  api: DaemonApi;
  /** The config to edit, or null to add one. */
  editing: Config | null;
  onClose: (saved: Config | null) => void;
}

/** Add / edit a config. Native <dialog>: modal, focus kept inside, Escape closes. */
export function ConfigDialog({ api, editing, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<ConfigForm>(() =>
    editing ? formFromConfig(editing) : emptyForm(),
  );
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const kube = useKubeOptions(api, form);
  // Editing a field clears the daemon's message about it; the next Save re-validates.
  const set = <K extends keyof ConfigForm>(key: K, value: ConfigForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setError((e) => (e?.fields[key] ? { ...e, fields: { ...e.fields, [key]: "" } } : e));
  };
  const err = (field: string) => error?.fields[field];

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  // Picking a service fills the remote port when the service has exactly one.
  useEffect(() => {
    const only = kube.ports.length === 1 ? kube.ports[0] : undefined;
    if (only && !form.remote_port) setForm((f) => ({ ...f, remote_port: String(only.port) }));
  }, [kube.ports, form.remote_port]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    try {
      const input = inputFromForm(form);
      const saved = editing
        ? await api.updateConfig(editing.id, input)
        : await api.createConfig(input);
      onClose(saved);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  const title = editing ? `Edit ${editing.alias}` : "Add a config";
  return (
    <dialog
      ref={ref}
      aria-labelledby="dialog-title"
      onCancel={() => onClose(null)}
      className="dialog"
    >
      <form onSubmit={submit} noValidate>
        <h2 id="dialog-title">{title}</h2>
        {error ? (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        ) : null}
        {kube.problem ? <p className="muted">Cluster lists unavailable: {kube.problem}</p> : null}
        <div className="grid">
          <Field
            id="f-alias"
            label="Alias"
            error={err("alias")}
            hint="Leave empty for a default name"
          >
            {(a) => (
              <input {...a} value={form.alias} onChange={(e) => set("alias", e.target.value)} />
            )}
          </Field>
          <Field id="f-context" label="Context" error={err("context")}>
            {(a) => (
              <Picker
                aria={a}
                value={form.context}
                options={asOptions(kube.contexts)}
                placeholder="current context"
                onChange={(v) => set("context", v)}
              />
            )}
          </Field>
          <Field id="f-namespace" label="Namespace" error={err("namespace")}>
            {(a) => (
              <Picker
                aria={a}
                value={form.namespace}
                options={asOptions(kube.namespaces)}
                placeholder="choose a namespace"
                onChange={(v) => {
                  set("namespace", v);
                  set("service", "");
                }}
              />
            )}
          </Field>
          <Field id="f-workload" label="Workload" error={err("workload_type")}>
            {(a) => (
              <select
                {...a}
                value={form.workload_type}
                onChange={(e) =>
                  set("workload_type", e.target.value as ConfigForm["workload_type"])
                }
              >
                <option value="service">service</option>
                <option value="pod">pod (label selector)</option>
                <option value="proxy">proxy (external host)</option>
              </select>
            )}
          </Field>
          {form.workload_type === "service" ? (
            <Field id="f-service" label="Service" error={err("service")}>
              {(a) => (
                <Picker
                  aria={a}
                  value={form.service}
                  options={asOptions(kube.services)}
                  placeholder="choose a service"
                  onChange={(v) => {
                    set("service", v);
                    set("remote_port", "");
                  }}
                />
              )}
            </Field>
          ) : form.workload_type === "pod" ? (
            <Field id="f-target" label="Pod label selector" error={err("target")}>
              {(a) => (
                <input
                  {...a}
                  value={form.target}
                  placeholder="app=auth"
                  onChange={(e) => set("target", e.target.value)}
                />
              )}
            </Field>
          ) : (
            <Field id="f-remote-address" label="Remote host" error={err("remote_address")}>
              {(a) => (
                <input
                  {...a}
                  value={form.remote_address}
                  placeholder="db.internal.example"
                  onChange={(e) => set("remote_address", e.target.value)}
                />
              )}
            </Field>
          )}
          <Field id="f-protocol" label="Protocol" error={err("protocol")}>
            {(a) => (
              <select
                {...a}
                value={form.protocol}
                onChange={(e) => set("protocol", e.target.value as ConfigForm["protocol"])}
              >
                <option value="tcp">tcp</option>
                <option value="udp">udp</option>
              </select>
            )}
          </Field>
          <Field id="f-remote-port" label="Remote port" error={err("remote_port")}>
            {(a) => (
              <Picker
                aria={a}
                value={form.remote_port}
                options={kube.ports.map((p) => ({
                  value: String(p.port),
                  label: p.name ? `${p.port} (${p.name})` : String(p.port),
                }))}
                placeholder="choose a port"
                onChange={(v) => set("remote_port", v)}
              />
            )}
          </Field>
          <Field
            id="f-local-port"
            label="Local port"
            error={err("local_port")}
            hint="Empty: same as remote"
          >
            {(a) => (
              <input
                {...a}
                inputMode="numeric"
                value={form.local_port}
                onChange={(e) => set("local_port", e.target.value)}
              />
            )}
          </Field>
          <Field id="f-local-address" label="Local address" error={err("local_address")}>
            {(a) => (
              <input
                {...a}
                value={form.local_address}
                onChange={(e) => set("local_address", e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="dialog-actions">
          <button type="button" onClick={() => onClose(null)}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? "Saving…" : "Save"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
