import { useState } from "react";
import { toApiError } from "../api/apiError.ts";
import type { Config, ConfigInput, DaemonApi } from "../api/daemonApi.ts";
import {
  type FieldName,
  type FormValues,
  initialValues,
  toInput,
  validateForm,
  visibleFields,
} from "../model/formModel.ts";
import { type PickerNote, type SetChoices, usePickerOptions } from "./use-picker-options.ts";

export type KubeApi = Pick<DaemonApi, "contexts" | "namespaces" | "services" | "ports">;
export type Choices = Partial<Record<FieldName, string[]>>;
export type FieldMessages = Partial<Record<FieldName, string>>;

/** Fields whose value is one of a fixed list: keys pick, typing does nothing. */
export const FIXED_CHOICES: Choices = {
  workload_type: ["service", "pod", "proxy"],
  protocol: ["tcp", "udp"],
};

/**
 * The form's data: values, the cluster's choices per field, messages per field, and saving
 * (schema first, then the daemon, whose refusal lands on the fields it names).
 */
export function useConfigForm(
  kube: KubeApi,
  initial: Config | null,
  onSave: (input: ConfigInput) => Promise<void>,
) {
  const [values, setValues] = useState<FormValues>(() => initialValues(initial));
  const [choices, setChoices] = useState<Choices>(FIXED_CHOICES);
  const [notes, setNotes] = useState<Partial<Record<FieldName, PickerNote>>>({});
  const [errors, setErrors] = useState<FieldMessages>({});
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const fields = visibleFields(values);
  const kubeconfig = initial?.kubeconfig ?? null;
  const scope = { context: values.context || null, kubeconfig };
  const setChoice: SetChoices = (f, o, note) => {
    setChoices((prev) => ({ ...prev, [f]: o }));
    setNotes((prev) => ({ ...prev, [f]: note }));
  };

  usePickerOptions(
    "context",
    [kubeconfig],
    (s) => kube.contexts(kubeconfig, { signal: s }),
    setChoice,
  );
  usePickerOptions(
    "namespace",
    [values.context],
    (signal) => kube.namespaces(scope, { signal }),
    setChoice,
  );
  usePickerOptions(
    "service",
    [values.context, values.namespace],
    values.namespace ? (signal) => kube.services(scope, values.namespace, { signal }) : null,
    setChoice,
  );
  usePickerOptions(
    "remote_port",
    [values.context, values.namespace, values.service, values.workload_type],
    values.workload_type === "service" && values.namespace && values.service
      ? (signal) =>
          kube
            .ports(scope, values.namespace, values.service, { signal })
            .then((ps) => ps.map((p) => String(p.port)))
      : null,
    setChoice,
  );

  const change = (field: FieldName, value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    if (tried) setErrors(validateForm(next));
  };

  const save = async () => {
    setTried(true);
    const found = validateForm(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return setMessage("Fix the fields marked in red.");
    setSaving(true);
    setMessage(null);
    try {
      await onSave(toInput(values, kubeconfig));
    } catch (err) {
      const e = toApiError(err);
      setErrors(e.fields as FieldMessages);
      setMessage(e.message);
      setSaving(false);
    }
  };

  return { values, fields, choices, notes, errors, saving, message, change, save };
}
