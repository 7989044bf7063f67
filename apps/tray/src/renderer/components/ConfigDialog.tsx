import {
  type Config,
  checkForm,
  duplicateForm,
  emptyForm,
  type FerryClient,
  type FieldMessages,
  type FormValues,
  ferryErrorOf,
  formErrorsFrom,
  formFromConfig,
  formInput,
  printable,
} from "@ferry/store/client";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useKubeOptions } from "../hooks/useKubeOptions.ts";
import { Field } from "./Field.tsx";
import { LocalAddressInput } from "./LocalAddressInput.tsx";
import { asOptions, Picker } from "./Picker.tsx";
import { PodPicker } from "./PodPicker.tsx";

export interface ConfigDialogProps {
  client: FerryClient;
  /** The config to edit, or null to add one. */
  editing: Config | null;
  /** Adding: the config to copy (duplicate: alias `-copy`, local port 0 for a free one). */
  copyOf?: Config | null;
  /** Every config, for the shared-local-port warning. */
  configs: readonly Config[];
  onClose: (saved: Config | null) => void;
}

/** Add / edit a config, every field. Native <dialog>: modal, focus kept inside, Escape closes. */
export function ConfigDialog(props: ConfigDialogProps) {
  const { client, editing, configs, onClose, copyOf } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<FormValues>(() =>
    editing ? formFromConfig(editing) : copyOf ? duplicateForm(copyOf) : emptyForm(),
  );
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [saving, setSaving] = useState(false);
  const kube = useKubeOptions(client, form);
  const { warnings } = checkForm(form, configs, editing?.id ?? null);
  // Editing a field clears the daemon's message about it; the next Save re-validates.
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
  };

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
    // The shared schema first (the daemon applies the same), so every bad field shows at once.
    const found = checkForm(form, configs, editing?.id ?? null).errors;
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setMessage("Fix the fields marked in red.");
      return;
    }
    setSaving(true);
    try {
      const input = formInput(form);
      const saved = editing
        ? await client.configs.update.mutate({ id: editing.id, patch: input })
        : await client.configs.create.mutate(input);
      onClose(saved);
    } catch (caught) {
      const err = ferryErrorOf(caught);
      setMessage(err.message);
      setErrors(formErrorsFrom(err.issues));
    } finally {
      setSaving(false);
    }
  };

  const text =
    (key: "alias" | "kubeconfig" | "target" | "remote_address" | "local_port" | "group") =>
    (a: object) => <input {...a} value={form[key]} onChange={(e) => set(key, e.target.value)} />;
  const flag = (key: "domain_enabled" | "auto_start" | "http_logs_enabled") => (a: object) => (
    <input
      {...a}
      type="checkbox"
      checked={form[key]}
      onChange={(e) => set(key, e.target.checked)}
    />
  );

  const title = editing
    ? `Edit ${printable(editing.alias)}`
    : copyOf
      ? `Duplicate ${printable(copyOf.alias)}`
      : "Add a config";
  return (
    <dialog
      ref={ref}
      aria-labelledby="dialog-title"
      onCancel={() => onClose(null)}
      className="dialog"
    >
      <form onSubmit={submit} noValidate>
        <h2 id="dialog-title">{title}</h2>
        {message ? (
          <p className="form-error" role="alert">
            {printable(message)}
          </p>
        ) : null}
        {kube.problem ? <p className="muted">Cluster lists unavailable: {kube.problem}</p> : null}
        <div className="grid">
          <Field
            id="f-alias"
            label="Alias"
            error={errors.alias}
            hint="Leave empty for a default name"
          >
            {text("alias")}
          </Field>
          <Field
            id="f-kubeconfig"
            label="Kubeconfig"
            error={errors.kubeconfig}
            hint="Path; empty: KUBECONFIG or ~/.kube/config"
          >
            {(a) => (
              <span className="with-button">
                <input
                  {...a}
                  value={form.kubeconfig}
                  placeholder="~/.kube/config"
                  onChange={(e) => set("kubeconfig", e.target.value)}
                />
                {/* Only Electron can hand a page a file's path: main's native chooser. */}
                {window.ferry?.chooseFile ? (
                  <button
                    type="button"
                    onClick={() =>
                      void window.ferry?.chooseFile?.().then((p) => p && set("kubeconfig", p))
                    }
                  >
                    Choose…
                  </button>
                ) : null}
              </span>
            )}
          </Field>
          <Field id="f-context" label="Context" error={errors.context}>
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
          <Field id="f-namespace" label="Namespace" error={errors.namespace}>
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
          <Field id="f-workload" label="Workload" error={errors.workload_type}>
            {(a) => (
              <select
                {...a}
                value={form.workload_type}
                onChange={(e) =>
                  set("workload_type", e.target.value as FormValues["workload_type"])
                }
              >
                <option value="service">service</option>
                <option value="pod">pod (label selector)</option>
                <option value="proxy">proxy (external host)</option>
              </select>
            )}
          </Field>
          {form.workload_type === "service" ? (
            <Field id="f-service" label="Service" error={errors.service}>
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
            <Field id="f-target" label="Pod label selector" error={errors.target}>
              {text("target")}
            </Field>
          ) : (
            <Field id="f-remote-address" label="Remote host" error={errors.remote_address}>
              {text("remote_address")}
            </Field>
          )}
          {form.workload_type === "pod" ? (
            <PodPicker
              namespace={form.namespace}
              pods={kube.pods}
              matching={kube.matching}
              selector={form.target.trim()}
              onPick={(v) => {
                set("target", v);
                set("remote_port", "");
              }}
            />
          ) : null}
          <Field id="f-protocol" label="Protocol" error={errors.protocol}>
            {(a) => (
              <select
                {...a}
                value={form.protocol}
                onChange={(e) => set("protocol", e.target.value as FormValues["protocol"])}
              >
                <option value="tcp">tcp</option>
                <option value="udp">udp</option>
              </select>
            )}
          </Field>
          <Field id="f-remote-port" label="Remote port" error={errors.remote_port}>
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
            error={errors.local_port}
            warning={warnings.local_port}
            hint="Empty: same as remote"
          >
            {text("local_port")}
          </Field>
          <Field id="f-local-address" label="Local address" error={errors.local_address}>
            {(a) => (
              <LocalAddressInput
                aria={a}
                value={form.local_address}
                configs={configs}
                editingId={editing?.id ?? null}
                onChange={(v) => set("local_address", v)}
              />
            )}
          </Field>
          <Field id="f-group" label="Group" error={errors.group} hint="Start and stop together">
            {text("group")}
          </Field>
          <Field
            id="f-domain"
            label="Add to hosts file"
            hint="While running, the hosts file maps this name to the local address"
            error={errors.domain_enabled}
          >
            {flag("domain_enabled")}
          </Field>
          <Field id="f-auto-start" label="Start with the daemon" error={errors.auto_start}>
            {flag("auto_start")}
          </Field>
          <Field id="f-http-logs" label="HTTP logs" error={errors.http_logs_enabled}>
            {flag("http_logs_enabled")}
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
