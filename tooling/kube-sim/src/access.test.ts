import { describe, expect, it } from "vitest";
import { Access, forbiddenMessage, requestVerb, review } from "./access.ts";

describe("Access", () => {
  const access = new Access([
    { verbs: ["create"], resources: ["pods/portforward"], namespaces: ["locked"] },
    { verbs: ["list", "watch"], resources: ["services"], namespaces: ["secret"] },
  ]);

  it("denies only the named verb, resource and namespace", () => {
    expect(
      access.denied({ verb: "create", resource: "pods/portforward", namespace: "locked" }),
    ).toBeDefined();
    expect(
      access.denied({ verb: "create", resource: "pods/portforward", namespace: "open" }),
    ).toBeUndefined();
    expect(
      access.denied({ verb: "create", resource: "pods", namespace: "locked" }),
    ).toBeUndefined();
    expect(
      access.denied({ verb: "get", resource: "services", namespace: "secret" }),
    ).toBeUndefined();
  });

  it("a namespace rule also denies the cluster-wide request", () => {
    expect(access.denied({ verb: "list", resource: "services" })).toBeDefined();
    expect(access.denied({ verb: "list", resource: "pods" })).toBeUndefined();
  });

  it("answers a SelfSubjectAccessReview", () => {
    const ask = (resource: string, subresource: string, namespace: string) =>
      review(access, {
        spec: { resourceAttributes: { verb: "create", resource, subresource, namespace } },
      }) as { status: { allowed: boolean }; kind: string };
    expect(ask("pods", "portforward", "locked").status.allowed).toBe(false);
    expect(ask("pods", "portforward", "open").status.allowed).toBe(true);
    expect(ask("pods", "", "locked").status.allowed).toBe(true);
    expect(ask("pods", "", "locked").kind).toBe("SelfSubjectAccessReview");
  });

  it("names the verb, resource and scope as the API server does", () => {
    expect(forbiddenMessage({ verb: "list", resource: "services", namespace: "secret" })).toBe(
      'services is forbidden: User "kube-sim-user" cannot list resource "services" in API group "" in the namespace "secret"',
    );
    expect(forbiddenMessage({ verb: "list", resource: "services" })).toMatch(
      /at the cluster scope$/,
    );
    expect(
      forbiddenMessage({ verb: "create", resource: "pods/portforward", name: "p", namespace: "n" }),
    ).toMatch(/^pods "p" is forbidden: .* cannot create resource "pods\/portforward"/);
  });

  it("maps methods to RBAC verbs", () => {
    expect(requestVerb("GET", false, false)).toBe("list");
    expect(requestVerb("GET", false, true)).toBe("watch");
    expect(requestVerb("GET", true, false)).toBe("get");
    expect(requestVerb("PATCH", true, false)).toBe("patch");
    expect(requestVerb("PUT", true, false)).toBe("update");
    expect(requestVerb("DELETE", true, false)).toBe("delete");
  });
});
