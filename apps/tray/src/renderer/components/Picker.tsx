interface Props {
  aria: { id: string; "aria-invalid": boolean; "aria-describedby"?: string };
  value: string;
  options: readonly { value: string; label: string }[];
  placeholder: string;
  onChange: (value: string) => void;
}

/**
 * A select of what the cluster offers, falling back to free text when the cluster offered
 * nothing (unreachable, or a value typed before the cluster exists).
 */
export function Picker({ aria, value, options, placeholder, onChange }: Props) {
  if (options.length === 0) {
    return (
      <input
        {...aria}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  const known = options.some((o) => o.value === value);
  return (
    <select {...aria} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{placeholder}</option>
      {!known && value ? <option value={value}>{value}</option> : null}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export const asOptions = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
