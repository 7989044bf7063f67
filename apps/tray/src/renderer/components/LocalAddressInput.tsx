import { type Config, loopbackUse, printable } from "@ferry/store/client";

interface Props {
  aria: { id: string; "aria-invalid": boolean; "aria-describedby"?: string };
  value: string;
  configs: readonly Config[];
  editingId: number | null;
  onChange: (value: string) => void;
}

/**
 * Local address: free text with suggestions (127.0.0.1, the addresses other configs use, free
 * 127.0.0.x ones), and a line naming who uses which, so a clash is seen before saving.
 */
export function LocalAddressInput({ aria, value, configs, editingId, onChange }: Props) {
  const { used, free } = loopbackUse(configs, editingId);
  const list = `${aria.id}-choices`;
  const inUse = used.map((u) => `${u.address} (${u.aliases.join(", ")})`).join(" · ");
  const describedBy = [aria["aria-describedby"], `${aria.id}-use`].filter(Boolean).join(" ");
  return (
    <>
      <input
        {...aria}
        aria-describedby={describedBy}
        value={value}
        list={list}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={list}>
        {used.some((u) => u.address === "127.0.0.1") ? null : <option value="127.0.0.1" />}
        {used.map((u) => (
          <option key={u.address} value={u.address} label={`used by ${u.aliases.join(", ")}`} />
        ))}
        {free.map((a) => (
          <option key={a} value={a} label="free" />
        ))}
      </datalist>
      <span id={`${aria.id}-use`} className="muted" data-testid="loopback-use">
        {printable(`${inUse ? `In use: ${inUse}. ` : ""}Free: ${free.join(", ")}`)}
      </span>
    </>
  );
}
