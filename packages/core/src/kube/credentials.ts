// Credentials that expire, handled as client-go does. A daemon runs for days; an EKS token from
// an exec plugin lasts 15 minutes, gcloud's an hour. client-node alone runs an exec plugin again
// only once its `expirationTimestamp` has passed, caches a credential without one for ever, and
// never retries a 401. Here:
// - a credential with `expirationTimestamp` is renewed ahead of it (a fifth of its life, at most
//   a minute, before), so no request goes out with a token about to lapse;
// - `refresh()` (after a 401 to a request or an upgrade) drops the cached credential, so the next
//   use runs the plugin again (or re-reads the token file, or the kubeconfig's token); the caller
//   retries once, and only a second 401 is an error, which `describe()` names. A 401 for a
//   credential already renewed just retries with the current one.
// OIDC (oidcAuth.ts) is client-node's, which refreshes with the refresh token once the id-token's
// `exp` passed; `refresh()` forces that refresh after a 401. The new tokens are saved where the
// caller says (the kubeconfig file); a failed save is a warning to `onWarning` listeners.

import { basename } from "node:path";
import type { KubeConfig, User } from "@kubernetes/client-node";
import type { OidcTokens } from "./kubeconfigWriteBack.ts";
import { isOidcAuth, manageOidc } from "./oidcAuth.ts";

interface ExecCredential {
  status?: { expirationTimestamp?: string; token?: string };
}

/** The parts of client-node's ExecAuth (private there) this relies on. */
interface ExecAuthLike {
  tokenCache: Record<string, ExecCredential | null>;
  getCredential(user: User): Promise<ExecCredential | null>;
}

interface FileAuthLike {
  token: string | null;
  isAuthProvider(user: User): unknown;
}

export interface Credentials {
  /**
   * Drops what is cached; false when nothing can be renewed (a fixed token, a certificate).
   * `usedAuthorization`: the Authorization header of the refused request; when the credentials
   * were renewed since (another request's 401 ran the plugin), nothing is dropped: retry.
   */
  refresh(usedAuthorization?: string): boolean;
  /** What supplies the credentials, for messages: `exec plugin "aws eks"`, `token`… */
  describe(): string;
  /** Why renewing was refused (an OIDC grant), while that stands; null otherwise. */
  refusal(): string | null;
  /** Problems that do not stop a request (new tokens not saved); returns the unsubscribe. */
  onWarning(listener: (message: string) => void): () => void;
}

export interface CredentialsOptions {
  /** Re-reads a fixed token from disk (after a 401). */
  reloadToken: () => string | null;
  /** Saves refreshed OIDC tokens of `userName`; throws (without a token in it) when it cannot. */
  saveOidcTokens?: (userName: string, tokens: OidcTokens, previousIdToken?: string) => void;
}

const byConfig = new WeakMap<KubeConfig, Credentials>();

/** The credentials of a kubeconfig set up by `manageCredentials`. */
export function credentialsFor(kc: KubeConfig): Credentials | undefined {
  return byConfig.get(kc);
}

/** Ahead of expiry by a fifth of the credential's life, at most a minute. */
export function renewAheadMs(lifeMs: number): number {
  return Math.min(60_000, Math.max(0, lifeMs) / 5);
}

function pluginName(user: User): string {
  const exec = user.exec as { command?: string; args?: string[] } | undefined;
  if (!exec?.command) return "";
  // The command and its first plain argument (a subcommand or a script), never flags or values
  // that might carry a secret.
  const first = exec.args?.find((a) => !a.startsWith("-"));
  return [basename(exec.command), first ? basename(first) : ""].filter(Boolean).join(" ");
}

/**
 * Wraps the kubeconfig's exec authenticator so credentials are renewed ahead of expiry, and
 * registers what `refresh()` can drop.
 */
export function manageCredentials(
  kc: KubeConfig,
  { reloadToken, saveOidcTokens }: CredentialsOptions,
): Credentials {
  const warnings = new Set<(message: string) => void>();
  const authenticators = (kc as unknown as { authenticators?: unknown[] }).authenticators ?? [];
  const exec = authenticators.find(
    (a): a is ExecAuthLike => !!a && typeof a === "object" && "tokenCache" in a,
  );
  const file = authenticators.find(
    (a): a is FileAuthLike =>
      !!a && typeof a === "object" && "lastRead" in a && "token" in (a as object),
  );
  const oidcAuth = authenticators.find(isOidcAuth);
  const oidc =
    oidcAuth &&
    manageOidc(
      oidcAuth,
      () => kc.getCurrentContext(),
      (user, tokens, previousIdToken) => {
        if (!saveOidcTokens) return;
        try {
          saveOidcTokens(user.name, tokens, previousIdToken);
        } catch (err) {
          // The new tokens still work from memory; after a restart the file's refresh token may
          // be one a rotating issuer already took.
          const message = `context "${kc.getCurrentContext()}": the refreshed tokens of auth provider "oidc" could not be saved: ${(err as Error).message}; they are used until Ferry restarts, and after a restart you may have to log in again`;
          for (const l of [...warnings]) l(message);
        }
      },
    );
  if (exec) {
    const original = exec.getCredential.bind(exec);
    const fetchedAt = new WeakMap<object, number>();
    const running = new Map<string, Promise<ExecCredential | null>>();
    exec.getCredential = (user: User) => {
      const cached = exec.tokenCache[user.name];
      const expires = Date.parse(cached?.status?.expirationTimestamp ?? "");
      if (cached && Number.isFinite(expires)) {
        const life = expires - (fetchedAt.get(cached) ?? Date.now());
        if (expires - Date.now() <= renewAheadMs(life)) exec.tokenCache[user.name] = null;
      }
      if (exec.tokenCache[user.name]) return original(user);
      // One plugin run for all the requests that need it at once.
      let run = running.get(user.name);
      if (!run) {
        run = original(user).then((c) => {
          if (c) fetchedAt.set(c, Date.now());
          return c;
        });
        running.set(user.name, run);
        const done = () => running.delete(user.name);
        run.then(done, done);
      }
      return run;
    };
  }
  const credentials: Credentials = {
    refresh(usedAuthorization) {
      const user = kc.getCurrentUser();
      if (!user) return false;
      if (user.exec && exec) {
        // Requests sent together are refused together: one plugin run for all their 401s, not
        // one per 401 that arrives after the renewal.
        const token = exec.tokenCache[user.name]?.status?.token;
        if (usedAuthorization && token && usedAuthorization !== `Bearer ${token}`) return true;
        exec.tokenCache[user.name] = null;
        return true;
      }
      if (file?.isAuthProvider(user)) {
        file.token = null;
        return true;
      }
      if (oidc && oidcAuth?.isAuthProvider(user)) return oidc.force(user);
      if (user.token) {
        const fresh = reloadToken();
        if (!fresh || fresh === user.token) return false;
        (user as { token?: string }).token = fresh;
        return true;
      }
      return false;
    },
    describe() {
      const user = kc.getCurrentUser();
      if (!user) return "no user";
      const plugin = pluginName(user);
      if (plugin) return `exec plugin "${plugin}"`;
      if (user.authProvider) return `auth provider "${user.authProvider.name}"`;
      if (user.token) return `the token of user "${user.name}"`;
      if (user.certFile || user.certData) return `the client certificate of user "${user.name}"`;
      return `user "${user.name}"`;
    },
    refusal: () => oidc?.refusal() ?? null,
    onWarning(listener) {
      warnings.add(listener);
      return () => warnings.delete(listener);
    },
  };
  byConfig.set(kc, credentials);
  return credentials;
}

/** The error after a second 401: names the context and what supplies the credentials. */
export function authFailedMessage(kc: KubeConfig, what: string, status = 401): string {
  const creds = credentialsFor(kc);
  // The 401s after a refused renewal have that cause; one message for all of them also keeps a
  // retrying forward's status from flickering between two wordings.
  const refused = creds?.refusal();
  if (refused) return refused;
  const source = creds?.describe() ?? "its credentials";
  return `${what}: the API server of context "${kc.getCurrentContext()}" refused the credentials from ${source} (${status} Unauthorized); log in again (e.g. aws sso login, gcloud auth login) or fix the kubeconfig`;
}
