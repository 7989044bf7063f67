// RBAC as the sim's one user sees it: everything is allowed except what a deny rule names. The
// same rules answer SelfSubjectAccessReview and refuse real requests with 403.

/**
 * Denies `verbs` on `resources` in `namespaces`. Absent (or "*") means all. A resource names a
 * subresource as `pods/portforward`, `pods/log`. A rule scoped to namespaces also denies the
 * cluster-wide request (`-A`, no namespace) for the same verb and resource, as RBAC does: a user
 * who may not list services in one namespace has no cluster-wide list either.
 */
export type DenyRule = { verbs?: string[]; resources?: string[]; namespaces?: string[] };

export type Attributes = {
  verb: string;
  /** `pods`, or `pods/portforward` for a subresource. */
  resource: string;
  group?: string;
  namespace?: string;
  name?: string;
};

export const SIM_USER = "kube-sim-user";

const hits = (list: string[] | undefined, v: string) =>
  !list || list.length === 0 || list.includes("*") || list.includes(v);

export class Access {
  #rules: DenyRule[] = [];

  constructor(rules: DenyRule[] = []) {
    this.#rules = [...rules];
  }

  deny(rule: DenyRule): void {
    this.#rules.push(rule);
  }

  /** Removes every rule (scenario rules too): everything is allowed again. */
  allowAll(): void {
    this.#rules = [];
  }

  rules(): DenyRule[] {
    return structuredClone(this.#rules);
  }

  /** The rule that denies this request, if any. */
  denied(a: Attributes): DenyRule | undefined {
    return this.#rules.find(
      (r) =>
        hits(r.verbs, a.verb) &&
        hits(r.resources, a.resource) &&
        (a.namespace === undefined ? true : hits(r.namespaces, a.namespace)),
    );
  }
}

/** The API server's text for a request RBAC refuses. */
export function forbiddenMessage(a: Attributes): string {
  const [resource, sub] = a.resource.split("/");
  const what = `${resource}${a.group ? `.${a.group}` : ""}${a.name ? ` "${a.name}"` : ""}`;
  const where = a.namespace ? `in the namespace "${a.namespace}"` : "at the cluster scope";
  const full = sub ? `${resource}/${sub}` : resource;
  return `${what} is forbidden: User "${SIM_USER}" cannot ${a.verb} resource "${full}" in API group "${a.group ?? ""}" ${where}`;
}

/** The verb RBAC checks for an API request. */
export function requestVerb(method: string, hasName: boolean, watch: boolean): string {
  if (method === "GET" || method === "HEAD") return watch ? "watch" : hasName ? "get" : "list";
  return (
    {
      POST: "create",
      PUT: "update",
      PATCH: "patch",
      DELETE: hasName ? "delete" : "deletecollection",
    }[method] ?? method.toLowerCase()
  );
}

/** Answers a SelfSubjectAccessReview body (authorization.k8s.io/v1). */
// biome-ignore lint/suspicious/noExplicitAny: the review is open JSON.
export function review(access: Access, body: any): object {
  const ra = body?.spec?.resourceAttributes;
  // biome-ignore lint/suspicious/noExplicitAny: open JSON.
  const status: any = { allowed: true };
  if (ra) {
    const a: Attributes = {
      verb: String(ra.verb ?? ""),
      resource: ra.subresource ? `${ra.resource}/${ra.subresource}` : String(ra.resource ?? ""),
      group: ra.group ?? "",
      namespace: ra.namespace || undefined,
      name: ra.name || undefined,
    };
    const rule = access.denied(a);
    // As RBAC answers: a denial carries no reason (kubectl prints a bare "no").
    if (rule) status.allowed = false;
    else status.reason = "kube-sim: no deny rule matches";
  }
  return {
    kind: "SelfSubjectAccessReview",
    apiVersion: "authorization.k8s.io/v1",
    metadata: { creationTimestamp: null },
    spec: body?.spec ?? {},
    status,
  };
}
