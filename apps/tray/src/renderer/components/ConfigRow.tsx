import {
  type Config,
  type ForwardRow,
  isActive,
  localEndText,
  printable,
  targetText,
} from "@ferry/store/client";
import { StateBadge } from "./StateBadge.tsx";

export interface ConfigRowProps {
  config: Config;
  row: Pick<ForwardRow, "state" | "error" | "localPort"> | undefined;
  selected: boolean;
  busy: boolean;
  onSelect: (selected: boolean) => void;
  onToggle: (start: boolean) => void;
  onEdit: () => void;
  onDuplicate: () => void;
  onDetails: () => void;
}

const STOPPED = { state: "stopped", error: null, localPort: null } as const;

/** One config: select box, alias (opens details), target, local end, state, switch, edit. */
export function ConfigRow(p: ConfigRowProps) {
  const { config } = p;
  const row = p.row ?? STOPPED;
  const active = isActive(row.state);
  // Aliases come from import files: bidi overrides and controls are shown, not obeyed.
  const alias = printable(config.alias);
  return (
    <tr data-alias={config.alias} aria-selected={p.selected}>
      <td>
        <input
          type="checkbox"
          checked={p.selected}
          onChange={(e) => p.onSelect(e.target.checked)}
          aria-label={`Select ${alias}`}
        />
      </td>
      <td>
        <button type="button" className="link" onClick={p.onDetails}>
          {alias}
        </button>
      </td>
      <td>{printable(config.namespace)}</td>
      <td>
        <code>{printable(targetText(config))}</code>{" "}
        <span className="muted">{config.protocol}</span>
      </td>
      <td>
        <code>{localEndText(config, row)}</code>
      </td>
      <td>
        <StateBadge row={row} />
      </td>
      <td>
        <div className="actions">
          <button
            type="button"
            role="switch"
            aria-checked={active}
            aria-label={`${active ? "Stop" : "Start"} ${alias}`}
            className={`switch ${active ? "on" : ""}`}
            disabled={p.busy}
            onClick={() => p.onToggle(!active)}
          >
            <span className="knob" aria-hidden="true" />
          </button>
          <button type="button" onClick={p.onEdit} aria-label={`Edit ${alias}`}>
            Edit
          </button>
          <button type="button" onClick={p.onDuplicate} aria-label={`Duplicate ${alias}`}>
            Duplicate
          </button>
        </div>
      </td>
    </tr>
  );
}
