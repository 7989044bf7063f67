import { createRoot } from "react-dom/client";
import { App } from "../../../src/renderer/App.tsx";
import "../../../src/renderer/styles.css";
import { fakeClient } from "./fakeClient.ts";

const busy = new URLSearchParams(location.search).get("busy");
createRoot(document.getElementById("root")!).render(
  <App client={fakeClient(busy ? busy.split(",").map(Number) : [])} />,
);
