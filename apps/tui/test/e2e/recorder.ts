import { createServer, type IncomingMessage } from "node:http";

export interface Recorded {
  method: string;
  url: string;
  body: string;
}

/**
 * An HTTP server that writes down each request it gets (method, target, body) and answers JSON:
 * the pod behind a forward in tests that must see a request arrive twice (replay).
 */
export async function startRecorder() {
  const seen: Recorded[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ method: req.method ?? "", url: req.url ?? "", body });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ got: seen.length }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  // kube-sim's scenario: one pod (app=recorder) whose port 8080 is this server, behind a service.
  const scenario = {
    namespaces: ["default"],
    workloads: [
      {
        name: "recorder",
        namespace: "default",
        ports: [{ name: "http", containerPort: 8080, backend: { forward: `127.0.0.1:${port}` } }],
      },
    ],
    services: [
      {
        name: "recorder",
        namespace: "default",
        selector: { app: "recorder" },
        ports: [{ port: 80, targetPort: "http" }],
      },
    ],
  };
  return { seen, scenario, close: () => new Promise((r) => server.close(r)) };
}
