import { Text } from "ink";
import { useState } from "react";
import type { Config, ConfigInput } from "../api/daemonApi.ts";
import { FIXED_CHOICES, type KubeApi, useConfigForm } from "../hooks/use-config-form.ts";
import { useFormKeys } from "../hooks/use-form-keys.ts";
import { FIELD_LABEL, type FieldName } from "../model/formModel.ts";
import { FormField } from "./FormField.tsx";
import { Panel } from "./Panel.tsx";
import { Spinner } from "./Spinner.tsx";

export interface ConfigFormProps {
  kube: KubeApi;
  initial: Config | null;
  onSave: (input: ConfigInput) => Promise<void>;
  onCancel: () => void;
  width: number;
}

/** Add or edit a config; pickers filled from the cluster through `kube.*`, errors beside fields. */
export function ConfigForm({ kube, initial, onSave, onCancel, width }: ConfigFormProps) {
  const form = useConfigForm(kube, initial, onSave);
  const [focus, setFocus] = useState(0);
  const { fields, values, saving } = form;
  const current = fields[Math.min(focus, fields.length - 1)] as FieldName;
  useFormKeys({
    fields,
    current,
    values,
    choices: form.choices,
    active: !saving,
    setFocus,
    change: form.change,
    save: () => void form.save(),
  });
  return (
    <Panel title={initial ? `Edit ${initial.alias}` : "Add a config"} width={Math.min(width, 100)}>
      {fields.map((f) => (
        <FormField
          key={f}
          label={FIELD_LABEL[f]}
          value={values[f]}
          focus={f === current && !saving}
          editable={!(f in FIXED_CHOICES)}
          choices={form.choices[f]}
          note={form.notes[f]}
          error={form.errors[f]}
          onChange={(v) => form.change(f, v)}
          onSubmit={() => (focus === fields.length - 1 ? void form.save() : setFocus(focus + 1))}
          onCancel={onCancel}
        />
      ))}
      {saving ? (
        <Spinner label="saving" />
      ) : form.message ? (
        <Text color="red" wrap="wrap">
          {form.message}
        </Text>
      ) : null}
      <Text dimColor>Tab/↑↓ field · ←→ pick · Enter next · Ctrl+S save · Esc cancel</Text>
    </Panel>
  );
}
