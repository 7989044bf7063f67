import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { checkRequest } from "./requestGuard.ts";

const options = { port: 4000, token: "t0ken-t0ken", allowedOrigins: ["http://127.0.0.1:5173"] };
const req = (headers: Record<string, string | undefined>, url = "/daemon.info") =>
  ({ headers, url }) as unknown as IncomingMessage;

describe("checkRequest", () => {
  it("accepts the token from the Authorization header, and from ?token= on upgrades only", () => {
    expect(
      checkRequest(req({ host: "127.0.0.1:4000", authorization: "Bearer t0ken-t0ken" }), options),
    ).toEqual({ ok: true });
    const withQuery = req({ host: "localhost:4000" }, "/?token=t0ken-t0ken");
    expect(checkRequest(withQuery, options, "upgrade")).toEqual({ ok: true });
    expect(checkRequest(withQuery, options)).toMatchObject({ ok: false, status: 401 });
  });

  it("refuses a missing or wrong token with 401", () => {
    for (const headers of [
      {},
      { authorization: "Bearer nope" },
      { authorization: "t0ken-t0ken" },
    ]) {
      expect(checkRequest(req({ host: "127.0.0.1:4000", ...headers }), options)).toMatchObject({
        ok: false,
        status: 401,
      });
    }
  });

  it("refuses a foreign Host or Origin with 403 even with the right token", () => {
    const auth = { authorization: "Bearer t0ken-t0ken" };
    for (const headers of [
      { host: "evil.example:4000" },
      { host: "127.0.0.1:4001" },
      { host: "127.0.0.1:4000", origin: "http://evil.example" },
      { host: "127.0.0.1:4000", origin: "null" },
    ]) {
      expect(checkRequest(req({ ...auth, ...headers }), options)).toMatchObject({
        ok: false,
        status: 403,
      });
    }
    expect(
      checkRequest(
        req({ ...auth, host: "127.0.0.1:4000", origin: "http://127.0.0.1:5173" }),
        options,
      ),
    ).toEqual({ ok: true });
  });

  it("lets a preflight through without a token but not from a foreign origin", () => {
    expect(
      checkRequest(
        req({ host: "127.0.0.1:4000", origin: "http://127.0.0.1:5173" }),
        options,
        "none",
      ),
    ).toEqual({ ok: true });
    expect(
      checkRequest(req({ host: "127.0.0.1:4000", origin: "http://evil.example" }), options, "none"),
    ).toMatchObject({ status: 403 });
  });
});
