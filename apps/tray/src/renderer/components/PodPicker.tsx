import { type KubePod, labelSelectors, printable } from "@ferry/store/client";

interface Props {
  namespace: string;
  pods: readonly KubePod[];
  /** Names of the pods the selector matches (the API server's answer), or null without one. */
  matching: ReadonlySet<string> | null;
  selector: string;
  onPick: (selector: string) => void;
}

/** A pod forward's helper: the namespace's labels to pick a selector from, and its pods. */
export function PodPicker({ namespace, pods, matching, selector, onPick }: Props) {
  if (pods.length === 0) return null;
  const labels = labelSelectors(pods);
  const summary = matching
    ? `${matching.size} of ${pods.length} pods in ${namespace} match ${selector}`
    : `Pick a label to select pods in ${namespace}`;
  return (
    <fieldset className="pod-picker wide">
      <legend>Pods: pick a label</legend>
      <div className="chips">
        {labels.map((l) => (
          <button key={l} type="button" aria-pressed={l === selector} onClick={() => onPick(l)}>
            {printable(l)}
          </button>
        ))}
      </div>
      <p role="status" data-testid="pod-matches">
        {printable(summary)}
      </p>
      <ul>
        {pods.map((p) => {
          const match = matching?.has(p.name) ?? false;
          return (
            <li key={p.name} data-pod={p.name} data-match={match} className={match ? "match" : ""}>
              {match ? "✓ " : ""}
              {printable(p.name)} <span className="muted">{p.ready ? "ready" : "not ready"}</span>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
