// Just enough protobuf to read what kubectl sends as `application/vnd.kubernetes.protobuf` for a
// SelfSubjectAccessReview (kubectl prefers protobuf for built-in types): the "k8s\0" envelope
// (runtime.Unknown) and length-delimited string fields. The sim answers in JSON, which kubectl
// also accepts.

export const PROTOBUF = "application/vnd.kubernetes.protobuf";
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Fields = Map<number, Buffer[]>;

/** The length-delimited fields of one message, by field number (varints and fixed ones skipped). */
export function fields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let at = 0;
  const varint = () => {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = buf[at++];
      if (b === undefined) throw new Error("truncated protobuf varint");
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
      shift += 7;
    }
  };
  while (at < buf.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) varint();
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else if (wire === 2) {
      const len = varint();
      if (at + len > buf.length) throw new Error("truncated protobuf field");
      out.set(field, [...(out.get(field) ?? []), buf.subarray(at, at + len)]);
      at += len;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
  return out;
}

const str = (f: Fields, n: number) => f.get(n)?.[0]?.toString("utf8") ?? "";

/** A SelfSubjectAccessReview from its protobuf encoding, as the JSON object the API would hold. */
export function decodeAccessReview(body: Buffer): object {
  if (!body.subarray(0, 4).equals(MAGIC))
    throw new Error('protobuf body without the "k8s\\0" prefix');
  const unknown = fields(body.subarray(4));
  const review = fields(unknown.get(2)?.[0] ?? Buffer.alloc(0));
  const spec = fields(review.get(2)?.[0] ?? Buffer.alloc(0));
  const ra = spec.get(1)?.[0];
  if (!ra) return { spec: {} };
  const a = fields(ra);
  return {
    spec: {
      resourceAttributes: {
        namespace: str(a, 1),
        verb: str(a, 2),
        group: str(a, 3),
        version: str(a, 4),
        resource: str(a, 5),
        subresource: str(a, 6),
        name: str(a, 7),
      },
    },
  };
}
