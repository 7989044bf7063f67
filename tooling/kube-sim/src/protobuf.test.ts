import { describe, expect, it } from "vitest";
import { decodeAccessReview, fields } from "./protobuf.ts";

/** Encodes length-delimited fields, the way Go's generated marshallers lay them out. */
function msg(...parts: [number, Buffer | string][]): Buffer {
  return Buffer.concat(
    parts.map(([n, v]) => {
      const b = Buffer.from(v);
      if (b.length > 127) throw new Error("test encoder: short fields only");
      return Buffer.concat([Buffer.from([(n << 3) | 2, b.length]), b]);
    }),
  );
}

describe("protobuf SelfSubjectAccessReview", () => {
  it("reads the resource attributes out of the k8s envelope", () => {
    const attrs = msg([1, "locked"], [2, "create"], [5, "pods"], [6, "portforward"]);
    const review = msg([1, msg()], [2, msg([1, attrs])]);
    const unknown = msg(
      [1, msg([1, "authorization.k8s.io/v1"], [2, "SelfSubjectAccessReview"])],
      [2, review],
    );
    const body = Buffer.concat([Buffer.from("k8s\0"), unknown]);
    expect(decodeAccessReview(body)).toEqual({
      spec: {
        resourceAttributes: {
          namespace: "locked",
          verb: "create",
          group: "",
          version: "",
          resource: "pods",
          subresource: "portforward",
          name: "",
        },
      },
    });
  });

  it("skips varint fields and refuses a truncated message", () => {
    expect(
      fields(Buffer.from([0x08, 0x96, 0x01, 0x12, 0x01, 0x61]))
        .get(2)?.[0]
        ?.toString(),
    ).toBe("a");
    expect(() => fields(Buffer.from([0x12, 0x05, 0x61]))).toThrow(/truncated/);
    expect(() => decodeAccessReview(Buffer.from("{}"))).toThrow(/k8s/);
  });
});
