export { hasGit } from "./gitCli.ts";
export type {
  GitServer,
  GitServerAuth,
  GitServerOptions,
  ServedRequest,
} from "./gitServer.ts";
export { startGitServer } from "./gitServer.ts";
export type { LogEntry, RepoFiles } from "./repos.ts";
export { makeTestCerts, type TestCerts } from "./testCerts.ts";
