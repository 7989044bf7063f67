import type { DaemonSource } from "./api/connection.ts";
import { FerryWindow } from "./FerryWindow.tsx";
import { useForwards } from "./hooks/useForwards.ts";

export interface AppProps {
  /** The daemon: fixed, or main's connect, called again whenever the daemon was lost. */
  daemon: DaemonSource;
}

/** The session: the daemon connected now and its live rows, and the window on them. */
export function App({ daemon }: AppProps) {
  const { connected, link, forwards } = useForwards(daemon);
  if (!connected)
    return (
      <main className="app">
        <h1>Ferry</h1>
        <p role="status">Connecting to ferryd…</p>
      </main>
    );
  return (
    <FerryWindow client={connected.client} forwards={forwards} link={link} skew={connected.skew} />
  );
}
