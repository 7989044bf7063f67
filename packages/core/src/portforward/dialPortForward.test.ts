import { KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { secureContextFor } from "./dialPortForward.ts";

// Built as applyToHTTPSOptions does on every upgrade: new Buffers with the same bytes.
const opts = (ca: string) => ({ ca: Buffer.from(ca), rejectUnauthorized: true });

describe("secureContextFor", () => {
  it("reuses one TLS context per kubeconfig while its credentials are the same", () => {
    const kc = new KubeConfig();
    const first = secureContextFor(kc, opts("ca-1"));
    expect(secureContextFor(kc, opts("ca-1"))).toBe(first);
  });

  it("makes a new one when what it is built from changes (the CA, the ciphers)", () => {
    const kc = new KubeConfig();
    const first = secureContextFor(kc, opts("ca-1"));
    const other = secureContextFor(kc, opts("ca-2"));
    expect(other).not.toBe(first);
    const ciphers = secureContextFor(kc, {
      ...opts("ca-2"),
      ciphers: "ECDHE-RSA-AES128-GCM-SHA256",
    });
    expect(ciphers).not.toBe(other);
  });

  it("does not share a context between kubeconfigs (a reloaded one starts afresh)", () => {
    expect(secureContextFor(new KubeConfig(), opts("ca-1"))).not.toBe(
      secureContextFor(new KubeConfig(), opts("ca-1")),
    );
  });
});
