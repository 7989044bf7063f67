import {
  type Config,
  type ForwardRow,
  type GroupBy,
  groupRows,
  printable,
  type RowGroup,
} from "@ferry/store/client";
import { ConfigRow } from "./ConfigRow.tsx";

export interface ConfigListProps {
  configs: Config[];
  rows: ReadonlyMap<number, ForwardRow>;
  groupBy: GroupBy;
  selected: ReadonlySet<number>;
  busy: ReadonlySet<number>;
  onSelect: (id: number, selected: boolean) => void;
  onToggle: (id: number, start: boolean) => void;
  /** Start or stop every config of one heading. */
  onGroup: (group: RowGroup<Config>, start: boolean) => void;
  onEdit: (config: Config) => void;
  onDuplicate: (config: Config) => void;
  onDetails: (config: Config) => void;
}

/** Configs grouped by kube context or by group, one table per heading. */
export function ConfigList(props: ConfigListProps) {
  if (props.configs.length === 0) {
    return <p className="empty">No configs match. Add one, or import a JSON file.</p>;
  }
  return (
    <div className="groups">
      {groupRows(props.configs, props.groupBy).map((group, i) => {
        const label = printable(group.label);
        return (
          <section key={group.label} aria-labelledby={`grp-${i}`} className="group">
            <div className="group-head">
              <h2 id={`grp-${i}`}>{label}</h2>
              <button type="button" onClick={() => props.onGroup(group, true)}>
                Start {label}
              </button>
              <button type="button" onClick={() => props.onGroup(group, false)}>
                Stop {label}
              </button>
            </div>
            <table>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="sr-only">Selected</span>
                  </th>
                  <th scope="col">Alias</th>
                  <th scope="col">Namespace</th>
                  <th scope="col">Target</th>
                  <th scope="col">Local</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {group.items.map((config) => (
                  <ConfigRow
                    key={config.id}
                    config={config}
                    row={props.rows.get(config.id)}
                    selected={props.selected.has(config.id)}
                    busy={props.busy.has(config.id)}
                    onSelect={(on) => props.onSelect(config.id, on)}
                    onToggle={(start) => props.onToggle(config.id, start)}
                    onEdit={() => props.onEdit(config)}
                    onDuplicate={() => props.onDuplicate(config)}
                    onDetails={() => props.onDetails(config)}
                  />
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
