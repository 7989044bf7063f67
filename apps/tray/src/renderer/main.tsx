import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { connectThroughMain, resolveConnection } from "./api/connection.ts";
import "./styles.css";

const root = createRoot(document.getElementById("root")!);
const connection = await resolveConnection();
if (connection) {
  // Made once: the session keeps it across StrictMode's second effect run and every reconnect.
  const daemon = connectThroughMain(connection);
  root.render(
    <StrictMode>
      <App daemon={daemon} />
    </StrictMode>,
  );
} else {
  root.render(
    <main className="app">
      <h1>Ferry</h1>
      <p role="alert">
        No daemon to talk to. Open this page from the tray app, or add
        <code> #daemon=http://127.0.0.1:PORT&amp;token=TOKEN </code>
        (from FERRY_HOME/daemon.json) to its address.
      </p>
    </main>,
  );
}
