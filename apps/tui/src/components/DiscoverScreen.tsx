import { type FerryClient, type PlanRow, planTargetText, printable } from "@ferry/store/client";
import { Box, Text } from "ink";
import { useDiscover } from "../hooks/use-discover.ts";
import { Panel } from "./Panel.tsx";
import { Spinner } from "./Spinner.tsx";

export interface DiscoverScreenProps {
  client: FerryClient;
  kubeconfig: string | null;
  width: number;
  onClose: () => void;
}

const local = (r: PlanRow) => `${r.config.local_address}:${r.config.local_port}`;

/** Discover (kftui: Auto Add): a context, its annotation plan as a checklist, then apply. */
export function DiscoverScreen({ client, kubeconfig, width, onClose }: DiscoverScreenProps) {
  const s = useDiscover(client, kubeconfig, onClose);
  const w = Math.min(width, 120);
  const error = s.error ? <Text color="red">{printable(s.error)}</Text> : null;
  if (s.step === "contexts")
    return (
      <Panel title="Discover: pick a context" width={w}>
        {s.contexts.map((c, i) => (
          <Text key={c} inverse={i === s.cursor}>
            {printable(c)}
          </Text>
        ))}
        {error}
        <Text dimColor>↑↓ move · Enter plan · Esc back</Text>
      </Panel>
    );
  if (s.step === "planning" || s.step === "applying")
    return (
      <Spinner label={s.step === "planning" ? "Reading annotations…" : "Applying the plan…"} />
    );
  const report = s.report;
  if (!report) return null;
  if (s.step === "done") {
    const n = report.summary;
    return (
      <Panel title={`Discover: applied (${printable(s.context ?? "")})`} width={w}>
        <Text color="green">
          Applied the whole plan: {n.add} added, {n.update} updated, {n.unchanged} unchanged,{" "}
          {n.remove} removed.
        </Text>
        <Text dimColor>Press any key to go back.</Text>
      </Panel>
    );
  }
  return (
    <Panel title={`Discover in ${printable(s.context ?? "")}: the plan`} width={w}>
      {report.rows.length === 0 ? <Text dimColor>No annotated services found.</Text> : null}
      {report.rows.map((r, i) => (
        <Box key={`${r.origin.namespace}/${r.origin.name}/${r.alias}/${r.action}`}>
          <Text inverse={i === s.cursor}>
            {s.checked.has(i) ? "[x]" : "[ ]"} {r.action.padEnd(17)} {printable(r.alias).padEnd(22)}{" "}
            {printable(planTargetText(r)).padEnd(28)} {printable(local(r)).padEnd(20)}
          </Text>
          <Text dimColor> {printable(r.reason ?? "")}</Text>
        </Box>
      ))}
      {report.problems.length > 0 ? <Text color="yellow">Problems (skipped):</Text> : null}
      {report.problems.map((p) => (
        <Text key={`${p.namespace}/${p.kind}/${p.name}/${p.message}`} color="yellow">
          {printable(`${p.namespace}/${p.kind} ${p.name}: ${p.message}`)}
        </Text>
      ))}
      {report.notes.map((n) => (
        <Text key={n} dimColor>
          {printable(n)}
        </Text>
      ))}
      {error}
      <Text dimColor>
        ↑↓ move · space check · a all/none · Enter apply the whole plan · Esc back
      </Text>
    </Panel>
  );
}
