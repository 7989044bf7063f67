import { spawn } from "node:child_process";
import type { IncomingMessage, ServerResponse } from "node:http";
import { gitEnv, HTTP_BACKEND } from "./gitCli.ts";

const HEADER_END = /\r?\n\r?\n/;

/**
 * Runs one request through `git http-backend` (CGI, RFC 3875): the request body goes to its stdin,
 * its stdout is CGI headers (with an optional `Status:`), a blank line, then the body.
 */
export function serveWithHttpBackend(
  req: IncomingMessage,
  res: ServerResponse,
  opts: { projectRoot: string; home: string; remoteUser: string | undefined },
): void {
  const url = new URL(req.url ?? "/", "https://git-server.invalid");
  const env: NodeJS.ProcessEnv = {
    ...gitEnv(opts.home),
    GIT_PROJECT_ROOT: opts.projectRoot,
    GIT_HTTP_EXPORT_ALL: "1",
    GATEWAY_INTERFACE: "CGI/1.1",
    REQUEST_METHOD: req.method ?? "GET",
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    REMOTE_ADDR: req.socket.remoteAddress ?? "127.0.0.1",
    CONTENT_TYPE: req.headers["content-type"] ?? "",
  };
  if (req.headers["content-length"]) env.CONTENT_LENGTH = req.headers["content-length"];
  if (req.headers["content-encoding"]) env.HTTP_CONTENT_ENCODING = req.headers["content-encoding"];
  const protocol = req.headers["git-protocol"];
  if (typeof protocol === "string") env.GIT_PROTOCOL = protocol;
  if (opts.remoteUser) env.REMOTE_USER = opts.remoteUser;

  const cgi = spawn(HTTP_BACKEND, [], { env, stdio: ["pipe", "pipe", "pipe"] });
  req.pipe(cgi.stdin);
  cgi.stdin.on("error", () => {}); // the CGI may exit before reading a body it refuses
  let stderr = "";
  cgi.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  let head: Buffer | null = Buffer.alloc(0);
  cgi.stdout.on("data", (chunk: Buffer) => {
    if (head === null) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const text = head.toString("latin1");
    const end = HEADER_END.exec(text);
    if (!end) return;
    let status = 200;
    for (const line of text.slice(0, end.index).split(/\r?\n/)) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
      else res.setHeader(name, value);
    }
    res.writeHead(status);
    res.write(head.subarray(end.index + end[0].length));
    head = null;
  });
  cgi.on("close", (code) => {
    if (head !== null && !res.headersSent) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`git http-backend exited ${code}: ${stderr}`);
      return;
    }
    res.end();
  });
}
