import { Box, Text, useInput } from "ink";
import { useEffect, useState } from "react";
import { toApiError } from "../api/apiError.ts";
import type { Config, ConfigInput, DaemonApi } from "../api/daemonApi.ts";
import { h } from "../h.ts";
import {
  cycle,
  FIELD_LABEL,
  type FieldName,
  type FormValues,
  initialValues,
  toInput,
  validateForm,
  visibleFields,
} from "../model/formModel.ts";
import { fit } from "./fit.ts";
import { Panel } from "./Panel.ts";
import { Spinner } from "./Spinner.ts";
import { TextField } from "./TextField.ts";

export type KubeApi = Pick<DaemonApi, "contexts" | "namespaces" | "services" | "ports">;

export interface ConfigFormProps {
  kube: KubeApi;
  initial: Config | null;
  onSave: (input: ConfigInput) => Promise<void>;
  onCancel: () => void;
  width: number;
}

type Options = Partial<Record<FieldName, string[]>>;
const STATIC: Options = { workload_type: ["service", "pod", "proxy"], protocol: ["tcp", "udp"] };

/** Where a picker's choices stand: being fetched, or why they could not be. */
type PickerNote = { loading: true } | { error: string };
type SetChoices = (f: FieldName, o: string[] | undefined, note?: PickerNote) => void;

/**
 * Loads `load()` into options[field] a moment after its inputs settle (typing is not a storm).
 * The call is abandoned (signal aborted) when the inputs change or the form closes.
 */
function useOptions(
  field: FieldName,
  deps: unknown[],
  load: ((signal: AbortSignal) => Promise<string[]>) | null,
  set: SetChoices,
) {
  useEffect(() => {
    if (!load) return set(field, undefined);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      set(field, undefined, { loading: true });
      load(controller.signal).then(
        (list) => controller.signal.aborted || set(field, list),
        (err) => controller.signal.aborted || set(field, [], { error: toApiError(err).message }),
      );
    }, 150);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: deps are the picker's inputs
  }, deps);
}

/** Add or edit a config; pickers filled from the cluster through `kube.*`, errors beside fields. */
export function ConfigForm({ kube, initial, onSave, onCancel, width }: ConfigFormProps) {
  const [values, setValues] = useState<FormValues>(() => initialValues(initial));
  const [focus, setFocus] = useState(0);
  const [options, setOptions] = useState<Options>(STATIC);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const fields = visibleFields(values);
  const current = fields[Math.min(focus, fields.length - 1)] as FieldName;
  const kubeconfig = initial?.kubeconfig ?? null;
  const scope = { context: values.context || null, kubeconfig };
  const [notes, setNotes] = useState<Partial<Record<FieldName, PickerNote>>>({});
  const setOpt: SetChoices = (f, o, note) => {
    setOptions((prev) => ({ ...prev, [f]: o }));
    setNotes((prev) => ({ ...prev, [f]: note }));
  };

  useOptions("context", [kubeconfig], (signal) => kube.contexts(kubeconfig, { signal }), setOpt);
  useOptions("namespace", [values.context], (signal) => kube.namespaces(scope, { signal }), setOpt);
  useOptions(
    "service",
    [values.context, values.namespace],
    values.namespace ? (signal) => kube.services(scope, values.namespace, { signal }) : null,
    setOpt,
  );
  useOptions(
    "remote_port",
    [values.context, values.namespace, values.service, values.workload_type],
    values.workload_type === "service" && values.namespace && values.service
      ? (signal) =>
          kube
            .ports(scope, values.namespace, values.service, { signal })
            .then((ps) => ps.map((p) => String(p.port)))
      : null,
    setOpt,
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
      setErrors(e.fields as Partial<Record<FieldName, string>>);
      setMessage(e.message);
      setSaving(false);
    }
  };

  useInput(
    (input, key) => {
      if (key.tab && key.shift) return setFocus((f) => (f - 1 + fields.length) % fields.length);
      if (key.tab || key.downArrow) return setFocus((f) => (f + 1) % fields.length);
      if (key.upArrow) return setFocus((f) => (f - 1 + fields.length) % fields.length);
      if (key.ctrl && input === "s") return void save();
      const opts = options[current];
      if (opts && (key.leftArrow || key.rightArrow))
        change(current, cycle(opts, values[current], key.rightArrow ? 1 : -1));
    },
    { isActive: !saving },
  );

  const labelWidth = 16;
  return h(
    Panel,
    { title: initial ? `Edit ${initial.alias}` : "Add a config", width: Math.min(width, 100) },
    ...fields.map((f) => {
      const isFocus = f === current;
      const opts = options[f];
      const note = notes[f];
      const hint = opts
        ? opts.length
          ? `←→ ${opts.length} choice${opts.length === 1 ? "" : "s"}`
          : "no choices"
        : "";
      return h(
        Box,
        { key: f, flexDirection: "column" },
        h(
          Box,
          null,
          h(
            Text,
            { color: isFocus ? "cyan" : undefined },
            fit(`${isFocus ? "›" : " "} ${FIELD_LABEL[f]}`, labelWidth),
          ),
          h(TextField, {
            value: values[f],
            focus: isFocus && !saving,
            editable: !(f in STATIC),
            onChange: (v) => change(f, v),
            onSubmit: () => (focus === fields.length - 1 ? void save() : setFocus(focus + 1)),
            onCancel,
          }),
          isFocus && note && "loading" in note
            ? h(Box, { marginLeft: 2 }, h(Spinner, { label: "loading choices" }))
            : isFocus && hint
              ? h(Text, { dimColor: true }, `  ${hint}`)
              : null,
        ),
        isFocus && note && "error" in note && !errors[f]
          ? h(
              Text,
              { color: "yellow", wrap: "wrap" },
              `${" ".repeat(labelWidth)}↳ no choices from the cluster: ${note.error}`,
            )
          : null,
        // The message sits right under its field, so long ones are never cut.
        errors[f]
          ? h(
              Text,
              { color: "red", wrap: "truncate-end" },
              `${" ".repeat(labelWidth)}↳ ${errors[f]}`,
            )
          : null,
      );
    }),
    saving
      ? h(Spinner, { label: "saving" })
      : message
        ? h(Text, { color: "red", wrap: "wrap" }, message)
        : null,
    h(Text, { dimColor: true }, "Tab/↑↓ field · ←→ pick · Enter next · Ctrl+S save · Esc cancel"),
  );
}
