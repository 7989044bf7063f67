import { timingSafeEqual } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveWithHttpBackend } from "./httpBackend.ts";
import { type LogEntry, type RepoFiles, Repos } from "./repos.ts";
import { makeTestCerts } from "./testCerts.ts";

/** Basic auth with one user, a bearer token, or no auth at all. */
export type GitServerAuth =
  | { basic: { username: string; password: string } }
  | { bearer: string }
  | "none";

export type GitServerOptions = {
  auth?: GitServerAuth;
  /** Where the repositories and `ca.crt` go; a temp dir removed on close by default. */
  dir?: string;
  /** Common name of the generated CA. */
  caName?: string;
  /**
   * Called before each authenticated request is served (path and query, no headers), so a test
   * can change the repository at an exact moment, e.g. between a client's fetch and its push.
   */
  beforeServe?: (req: { method: string; path: string; query: string }) => void;
};

export type ServedRequest = { method: string; path: string; status: number };

export type GitServer = {
  /** `https://127.0.0.1:<port>` */
  baseUrl: string;
  port: number;
  caPem: string;
  /** The CA in a PEM file, for a source's `caFile` or NODE_EXTRA_CA_CERTS. */
  caFile: string;
  dir: string;
  /** Every request answered so far (no headers: they may hold credentials). */
  requests: ServedRequest[];
  /** `https://127.0.0.1:<port>/<name>.git` */
  httpsUrl(name: string): string;
  /** `file:///<dir>/<name>.git`: the same repository, without the server. */
  fileUrl(name: string): string;
  gitDir(name: string): string;
  createRepo(name: string, files: RepoFiles, branch?: string): string;
  commit(name: string, files: RepoFiles, message: string, branch?: string): string;
  log(name: string, branch?: string): LogEntry[];
  show(name: string, path: string, ref?: string): string;
  close(): Promise<void>;
};

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The user the request authenticates as, "" when no auth is configured, null when refused. */
function authenticate(req: IncomingMessage, auth: GitServerAuth): string | null {
  if (auth === "none") return "";
  const header = req.headers.authorization ?? "";
  if ("bearer" in auth) {
    return header.startsWith("Bearer ") && same(header.slice(7), auth.bearer) ? "token" : null;
  }
  if (!header.startsWith("Basic ")) return null;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return colon > 0 && same(user, auth.basic.username) && same(password, auth.basic.password)
    ? user
    : null;
}

/**
 * A git server over verified HTTPS on 127.0.0.1: `git http-backend` (the real one) behind Node's
 * https, with a CA made at start. Upstream changes go through the real `git` CLI.
 */
export async function startGitServer(options: GitServerOptions = {}): Promise<GitServer> {
  const auth = options.auth ?? "none";
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "ferry-git-server-"));
  const repos = new Repos(dir);
  const certs = makeTestCerts(options.caName);
  const caFile = join(dir, "ca.crt");
  writeFileSync(caFile, certs.caPem);
  const requests: ServedRequest[] = [];

  const server = createServer({ key: certs.keyPem, cert: certs.certPem }, (req, res) => {
    const entry = {
      method: req.method ?? "",
      path: (req.url ?? "").split("?")[0] ?? "",
      status: 0,
    };
    requests.push(entry);
    res.on("finish", () => {
      entry.status = res.statusCode;
    });
    const user = authenticate(req, auth);
    if (user === null) {
      const scheme = auth !== "none" && "bearer" in auth ? "Bearer" : "Basic";
      res.writeHead(401, { "www-authenticate": `${scheme} realm="git"` });
      res.end("authentication required\n");
      req.resume();
      return;
    }
    options.beforeServe?.({
      method: entry.method,
      path: entry.path,
      query: (req.url ?? "").split("?")[1] ?? "",
    });
    serveWithHttpBackend(req, res, {
      projectRoot: dir,
      home: join(dir, ".home"),
      remoteUser: user || undefined,
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `https://127.0.0.1:${port}`;

  return {
    baseUrl,
    port,
    caPem: certs.caPem,
    caFile,
    dir,
    requests,
    httpsUrl: (name) => `${baseUrl}/${name}.git`,
    fileUrl: (name) => `file://${repos.gitDir(name)}`,
    gitDir: (name) => repos.gitDir(name),
    createRepo: (name, files, branch) => repos.create(name, files, branch),
    commit: (name, files, message, branch) => repos.commit(name, files, message, branch),
    log: (name, branch) => repos.log(name, branch),
    show: (name, path, ref) => repos.show(name, path, ref),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
