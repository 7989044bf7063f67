import { homedir } from "node:os";
import { join } from "node:path";
import { FIELD_LABELS, type FormField as Field, printable } from "@ferry/store/client";
import { Text } from "ink";
import { useState } from "react";
import { type ConfigFormOptions, FIXED_CHOICES, useConfigForm } from "../hooks/use-config-form.ts";
import { useFormKeys } from "../hooks/use-form-keys.ts";
import { FileBrowser } from "./FileBrowser.tsx";
import { FormField } from "./FormField.tsx";
import { Panel } from "./Panel.tsx";
import { Spinner } from "./Spinner.tsx";

export interface ConfigFormProps extends ConfigFormOptions {
  onCancel: () => void;
  width: number;
  /** Where the kubeconfig browser opens; ~/.kube by default. */
  kubeDir?: string;
}

/** Add or edit a config: every field, pickers filled from the cluster, messages beside fields. */
export function ConfigForm(props: ConfigFormProps) {
  const form = useConfigForm(props);
  const [focus, setFocus] = useState(0);
  const [choosing, setChoosing] = useState(false);
  const { fields, values, saving } = form;
  const current = fields[Math.min(focus, fields.length - 1)] as Field;
  const next = () => (focus === fields.length - 1 ? void form.save() : setFocus(focus + 1));
  useFormKeys({
    fields,
    current,
    values,
    choices: form.choices,
    active: !saving && !choosing,
    setFocus,
    change: form.change,
    save: () => void form.save(),
    next,
    cancel: props.onCancel,
    chooseFile: () => setChoosing(true),
  });
  if (choosing)
    return (
      <FileBrowser
        title="Choose a kubeconfig"
        start={props.kubeDir ?? join(homedir(), ".kube")}
        wanted={() => true}
        width={props.width}
        height={24}
        onChoose={(path) => {
          form.change("kubeconfig", path);
          setChoosing(false);
        }}
        onCancel={() => setChoosing(false)}
      />
    );
  const title = props.initial
    ? `Edit ${printable(props.initial.alias)}`
    : props.copyOf
      ? `Duplicate ${printable(props.copyOf.alias)}`
      : "Add a config";
  return (
    <Panel title={title} width={Math.min(props.width, 100)}>
      {fields.map((f) => (
        <FormField
          key={f}
          label={FIELD_LABELS[f]}
          value={values[f]}
          focus={f === current && !saving}
          editable={!(f in FIXED_CHOICES)}
          choices={form.choices[f]}
          note={form.notes[f]}
          detail={form.details[f]}
          error={form.errors[f]}
          warning={form.warnings[f]}
          onChange={(v) => form.change(f, v)}
          onSubmit={next}
          onCancel={props.onCancel}
        />
      ))}
      {saving ? (
        <Spinner label="saving" />
      ) : form.message ? (
        <Text color="red" wrap="wrap">
          {printable(form.message)}
        </Text>
      ) : null}
      <Text dimColor>
        Tab/↑↓ field · ←→ pick · Ctrl+O browse (kubeconfig) · Enter next · Ctrl+S save · Esc cancel
      </Text>
    </Panel>
  );
}
