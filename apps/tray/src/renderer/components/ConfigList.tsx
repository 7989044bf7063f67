import { groupByContext } from "../../shared/daemonView.ts";
import type { Config, ForwardStatus } from "../api/daemonApi.ts";
import { stateOf } from "../configView.ts";
import { ConfigRow } from "./ConfigRow.tsx";

interface Props {
  configs: Config[];
  statuses: ReadonlyMap<number, ForwardStatus>;
  selected: ReadonlySet<number>;
  busy: ReadonlySet<number>;
  onSelect: (id: number, selected: boolean) => void;
  onToggle: (id: number, start: boolean) => void;
  onEdit: (config: Config) => void;
  onDetails: (config: Config) => void;
}

/** Configs grouped by kube context, one table per context. */
export function ConfigList(props: Props) {
  if (props.configs.length === 0) {
    return <p className="empty">No configs match. Add one, or import a JSON file.</p>;
  }
  return (
    <div className="groups">
      {groupByContext(props.configs).map((group) => (
        <section key={group.context} aria-labelledby={`ctx-${group.context}`} className="group">
          <h2 id={`ctx-${group.context}`}>{group.context}</h2>
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
                  status={stateOf(props.statuses, config.id)}
                  selected={props.selected.has(config.id)}
                  busy={props.busy.has(config.id)}
                  onSelect={(on) => props.onSelect(config.id, on)}
                  onToggle={(start) => props.onToggle(config.id, start)}
                  onEdit={() => props.onEdit(config)}
                  onDetails={() => props.onDetails(config)}
                />
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
