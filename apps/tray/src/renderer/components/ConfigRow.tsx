import type { Config, ForwardStatus } from "../api/daemonApi.ts";
import { isActive, localText, targetText } from "../configView.ts";
import { StateBadge } from "./StateBadge.tsx";

interface Props {
  config: Config;
  status: ForwardStatus;
  selected: boolean;
  busy: boolean;
  onSelect: (selected: boolean) => void;
  onToggle: (start: boolean) => void;
  onEdit: () => void;
  onDetails: () => void;
}

export function ConfigRow({
  config,
  status,
  selected,
  busy,
  onSelect,
  onToggle,
  onEdit,
  onDetails,
}: Props) {
  const active = isActive(status);
  return (
    <tr data-alias={config.alias} aria-selected={selected}>
      <td>
        <input
          type="checkbox"
          checked={selected}
          onChange={(e) => onSelect(e.target.checked)}
          aria-label={`Select ${config.alias}`}
        />
      </td>
      <td>
        <button type="button" className="link" onClick={onDetails}>
          {config.alias}
        </button>
      </td>
      <td>{config.namespace}</td>
      <td>
        <code>{targetText(config)}</code> <span className="muted">{config.protocol}</span>
      </td>
      <td>
        <code>{localText(config)}</code>
      </td>
      <td>
        <StateBadge status={status} />
      </td>
      <td>
        <div className="actions">
          <button
            type="button"
            role="switch"
            aria-checked={active}
            aria-label={`${active ? "Stop" : "Start"} ${config.alias}`}
            className={`switch ${active ? "on" : ""}`}
            disabled={busy}
            onClick={() => onToggle(!active)}
          >
            <span className="knob" aria-hidden="true" />
          </button>
          <button type="button" onClick={onEdit} aria-label={`Edit ${config.alias}`}>
            Edit
          </button>
        </div>
      </td>
    </tr>
  );
}
