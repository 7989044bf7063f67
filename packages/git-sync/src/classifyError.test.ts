import { describe, expect, it } from "vitest";
import { classifyError } from "./classifyError.ts";

const ctx = {
  url: new URL("https://git.example.com/team/c.git"),
  ref: "main",
  tried: [] as string[],
  unavailable: [] as string[],
};
const httpError = (statusCode: number) =>
  Object.assign(new Error("x"), { code: "HttpError", data: { statusCode } });

describe("classifyError", () => {
  it("finds a network code in the cause chain", () => {
    const err = new Error("outer", {
      cause: Object.assign(new Error("inner"), { code: "ENOTFOUND" }),
    });
    const out = classifyError(err, ctx);
    expect(out.code).toBe("GIT_UNREACHABLE");
    expect(out.message).toContain("git.example.com: no such host");
  });

  it("an unknown CA names the host and both ways to add the CA", () => {
    const out = classifyError(
      Object.assign(new Error("t"), { code: "SELF_SIGNED_CERT_IN_CHAIN" }),
      ctx,
    );
    expect(out.code).toBe("GIT_TLS_UNKNOWN_CA");
    expect(out.message).toMatch(/git\.example\.com.*caFile.*NODE_EXTRA_CA_CERTS/);
  });

  it("a wrong host name in the certificate is a TLS failure, not an unknown CA", () => {
    const out = classifyError(
      Object.assign(new Error("t"), { code: "ERR_TLS_CERT_ALTNAME_INVALID" }),
      ctx,
    );
    expect(out.code).toBe("GIT_TLS_FAILED");
  });

  it("a token variable that was not set says ferryd keeps the environment it started with", () => {
    const unset = classifyError(httpError(401), { ...ctx, unavailable: ["token from $GIT_TOKEN"] });
    expect(unset.message).toContain("asked: token from $GIT_TOKEN; none had one");
    expect(unset.message).toMatch(/ferryd keeps the environment it was started with/);
    const helperOnly = classifyError(httpError(401), {
      ...ctx,
      unavailable: ["git credential helper"],
    });
    expect(helperOnly.message).not.toMatch(/environment it was started with/);
  });

  it("401 lists what was tried; 404 says the repository is not there", () => {
    const auth = classifyError(httpError(401), { ...ctx, tried: ["token from $T"] });
    expect(auth.code).toBe("GIT_AUTH_FAILED");
    expect(auth.message).toContain("refused token from $T");
    expect(classifyError(httpError(403), ctx).code).toBe("GIT_AUTH_FAILED");
    expect(classifyError(httpError(404), ctx).code).toBe("GIT_REPO_NOT_FOUND");
  });
});
