import type {
  AuthCallback,
  AuthFailureCallback,
  AuthSuccessCallback,
  GitAuth,
} from "isomorphic-git";
import { ENV_LABEL } from "./classifyError.ts";
import { credentialFill, credentialReport, type HelperCredential } from "./gitCredentialHelper.ts";
import type { SyncSource } from "./syncSource.ts";
import { checkTokenFile, readTokenFile } from "./tokenFile.ts";

type Candidate = { label: string; get: () => Promise<GitAuth | null>; helper?: boolean };

export type CredentialChain = {
  onAuth: AuthCallback;
  onAuthFailure: AuthFailureCallback;
  onAuthSuccess: AuthSuccessCallback;
  /** What was offered to the server, in order ("git credential helper", "token from $X"...). */
  tried: string[];
  /** What could not give a credential (nothing configured, helper had none). */
  unavailable: string[];
};

function tokenAuth(source: SyncSource, token: string): GitAuth {
  if (source.authScheme === "bearer") return { headers: { Authorization: `Bearer ${token}` } };
  return { username: source.username || "x-access-token", password: token };
}

/**
 * The credentials a source may use, tried in order only when the server asks (a 401): the user's
 * git credential helper, the token in `tokenEnv`, the token in `tokenFile`. The helper hears back
 * `approve` or `reject`, as git itself would tell it.
 */
export function credentialChain(
  source: SyncSource,
  url: URL,
  opts: { helperTimeoutMs: number; useHelper: boolean; log: (line: string) => void },
): CredentialChain {
  const tokenFile = source.tokenFile ? checkTokenFile(source.tokenFile) : null;
  let helperCred: HelperCredential | null = null;
  const candidates: Candidate[] = [];
  if (opts.useHelper) {
    candidates.push({
      label: "git credential helper",
      helper: true,
      get: async () => {
        helperCred = await credentialFill(url, source.username, opts.helperTimeoutMs);
        return helperCred;
      },
    });
  }
  if (source.tokenEnv) {
    const name = source.tokenEnv;
    candidates.push({
      label: `${ENV_LABEL}${name}`,
      get: async () => {
        const token = process.env[name]?.trim();
        return token ? tokenAuth(source, token) : null;
      },
    });
  }
  if (tokenFile) {
    candidates.push({
      label: `token file ${tokenFile}`,
      get: async () => {
        const token = readTokenFile(tokenFile);
        return token ? tokenAuth(source, token) : null;
      },
    });
  }

  const tried: string[] = [];
  const unavailable: string[] = [];
  let current: Candidate | null = null;
  let currentAuth: GitAuth | undefined;
  const next = async (): Promise<GitAuth | undefined> => {
    currentAuth = undefined;
    for (let c = candidates.shift(); c; c = candidates.shift()) {
      const auth = await c.get();
      if (!auth) {
        unavailable.push(c.label);
        continue;
      }
      current = c;
      tried.push(c.label);
      opts.log(`credentials: trying ${c.label}`);
      currentAuth = auth;
      return auth;
    }
    current = null;
    return undefined;
  };
  return {
    tried,
    unavailable,
    // One operation may ask twice (a push fetches first): the credential that worked is reused.
    onAuth: () => currentAuth ?? next(),
    onAuthFailure: async () => {
      if (current?.helper && helperCred) {
        await credentialReport("reject", url, helperCred, opts.helperTimeoutMs);
      }
      opts.log(`credentials: ${current?.label ?? "none"} refused`);
      return next();
    },
    onAuthSuccess: async () => {
      if (current?.helper && helperCred) {
        await credentialReport("approve", url, helperCred, opts.helperTimeoutMs);
      }
    },
  };
}
