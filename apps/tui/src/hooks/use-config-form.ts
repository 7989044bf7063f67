import {
  type Config,
  type ConfigInput,
  checkForm,
  duplicateForm,
  emptyForm,
  type FerryClient,
  type FieldMessages,
  type FormField,
  type FormValues,
  ferryErrorOf,
  formErrorsFrom,
  formFromConfig,
  formInput,
  labelSelectors,
  loopbackUse,
  portsQueryOf,
  visibleFields,
} from "@ferry/store/client";
import { useState } from "react";
import { localAddressChoices } from "../model/localAddresses.ts";
import { podMatchText } from "../model/podMatchText.ts";
import { type PickerNote, type SetChoices, usePickerOptions } from "./use-picker-options.ts";

export type Choices = Partial<Record<FormField, string[]>>;

/** Fields whose value is one of a fixed list: keys pick, typing does nothing. */
export const FIXED_CHOICES: Choices = {
  workload_type: ["service", "pod", "proxy"],
  protocol: ["tcp", "udp"],
};

export interface ConfigFormOptions {
  client: FerryClient;
  initial: Config | null;
  /** For a new config: the form filled from this one (duplicate). */
  copyOf?: Config | null;
  /** Every config, for the shared-local-port warning. */
  configs: readonly Config[];
  /** `--kubeconfig`: the kubeconfig field's value for a new config. */
  kubeconfig: string | null;
  onSave: (input: ConfigInput) => Promise<void>;
}

/**
 * The form's data on the shared form model: values, the cluster's choices per field, errors and
 * warnings per field, and saving (the schema first, then the daemon, whose refusal lands on the
 * fields it names). A local port another config uses is a warning: the daemon accepts it.
 */
export function useConfigForm(o: ConfigFormOptions) {
  const { client, initial, configs, kubeconfig, onSave } = o;
  const [values, setValues] = useState<FormValues>(() =>
    initial
      ? formFromConfig(initial)
      : o.copyOf
        ? duplicateForm(o.copyOf)
        : { ...emptyForm(), kubeconfig: kubeconfig ?? "" },
  );
  const [loaded, setChoices] = useState<Choices>(FIXED_CHOICES);
  const [notes, setNotes] = useState<Partial<Record<FormField, PickerNote>>>({});
  /** A line under a focused field: the pods a selector matches, who uses which address. */
  const [podMatch, setPodMatch] = useState<string | undefined>(undefined);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const fields = visibleFields(values);
  const { warnings } = checkForm(values, configs, initial?.id ?? null);
  const target = {
    context: values.context.trim() || null,
    kubeconfig: values.kubeconfig.trim() || null,
  };
  const setChoice: SetChoices = (f, o, note) => {
    setChoices((prev) => ({ ...prev, [f]: o }));
    setNotes((prev) => ({ ...prev, [f]: note }));
  };

  usePickerOptions(
    "context",
    [target.kubeconfig],
    (signal) =>
      client.kube.contexts
        .query({ kubeconfig: target.kubeconfig }, { signal })
        .then((list) => list.map((c) => c.name)),
    setChoice,
  );
  usePickerOptions(
    "namespace",
    [target.kubeconfig, target.context],
    (signal) => client.kube.namespaces.query(target, { signal }),
    setChoice,
  );
  usePickerOptions(
    "service",
    [target.kubeconfig, target.context, values.namespace],
    values.namespace
      ? (signal) =>
          client.kube.services
            .query({ ...target, namespace: values.namespace }, { signal })
            .then((list) => list.map((s) => s.name))
      : null,
    setChoice,
  );
  const pod = values.workload_type === "pod" && values.namespace !== "";
  const selector = values.target.trim();
  // The pod picker: the namespace's labels to choose a selector from, and what it matches.
  usePickerOptions(
    "target",
    [target.kubeconfig, target.context, values.namespace, pod],
    pod
      ? (signal) =>
          client.kube.pods
            .query({ ...target, namespace: values.namespace }, { signal })
            .then(labelSelectors)
      : null,
    setChoice,
  );
  usePickerOptions(
    "target",
    [target.kubeconfig, target.context, values.namespace, pod, selector],
    pod && selector
      ? (signal) =>
          client.kube.pods
            .query({ ...target, namespace: values.namespace, labelSelector: selector }, { signal })
            .then((pods) => [podMatchText(selector, pods)])
      : null,
    (_f, found, note) =>
      setPodMatch(note && "error" in note ? `pods not listed: ${note.error}` : found?.[0]),
  );
  const portsOf = portsQueryOf(values);
  usePickerOptions(
    "remote_port",
    [
      target.kubeconfig,
      target.context,
      values.namespace,
      values.workload_type,
      values.service,
      selector,
    ],
    values.namespace && portsOf
      ? (signal) =>
          client.kube.ports
            .query({ ...target, namespace: values.namespace, ...portsOf }, { signal })
            .then((ps) => ps.map((p) => String(p.port)))
      : null,
    setChoice,
  );
  const addresses = localAddressChoices(loopbackUse(configs, initial?.id ?? null));
  const details: Partial<Record<FormField, string>> = {
    local_address: addresses.detail,
    ...(pod && selector && podMatch ? { target: podMatch } : {}),
  };

  const change = (field: FormField, value: string | boolean) => {
    const next = { ...values, [field]: value } as FormValues;
    setValues(next);
    if (tried) setErrors(checkForm(next, configs, initial?.id ?? null).errors);
  };

  const save = async () => {
    setTried(true);
    const found = checkForm(values, configs, initial?.id ?? null).errors;
    setErrors(found);
    if (Object.keys(found).length > 0) return setMessage("Fix the fields marked in red.");
    setSaving(true);
    setMessage(null);
    try {
      await onSave(formInput(values));
    } catch (err) {
      const e = ferryErrorOf(err);
      setErrors(formErrorsFrom(e.issues));
      setMessage(e.message);
      setSaving(false);
    }
  };

  const choices: Choices = { ...loaded, local_address: addresses.choices };
  return {
    values,
    fields,
    choices,
    details,
    notes,
    errors,
    warnings,
    saving,
    message,
    change,
    save,
  };
}
