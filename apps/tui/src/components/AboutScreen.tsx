import { type FerryClient, printable } from "@ferry/store/client";
import { Box, Text } from "ink";
import pkg from "../../package.json" with { type: "json" };
import { useAbout } from "../hooks/use-about.ts";
import { Panel } from "./Panel.tsx";

export interface AboutScreenProps {
  client: FerryClient;
  width: number;
}

const Line = ({ label, value }: { label: string; value: string }) => (
  <Box>
    <Box width={16}>
      <Text color="cyan">{label}</Text>
    </Box>
    <Text>{printable(value)}</Text>
  </Box>
);

/** Versions of this TUI, the daemon it talks to and Node (any key goes back: use-list-keys). */
export function AboutScreen({ client, width }: AboutScreenProps) {
  const { info, error } = useAbout(client);
  return (
    <Panel title="About Ferry" width={Math.min(width, 80)}>
      <Line label="ferry-tui" value={pkg.version} />
      <Line label="ferryd" value={info ? `${info.version} (pid ${info.pid})` : "…"} />
      <Line label="daemon address" value={info?.url ?? "…"} />
      <Line label="FERRY_HOME" value={info?.home ?? "…"} />
      <Line label="Node" value={process.versions.node} />
      {error ? <Text color="red">{printable(error)}</Text> : null}
      <Text dimColor>Press any key to go back.</Text>
    </Panel>
  );
}
