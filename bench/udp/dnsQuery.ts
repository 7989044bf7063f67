// One DNS query over UDP, as dig and glibc's resolver send it: from a fresh socket (a new random
// source port) that is closed after the answer. Resolves the answer's first A record, or null
// when nothing (or a reply to another question) came back in time.
import { createSocket, type Socket } from "node:dgram";
import dnsPacket from "dns-packet";

export async function dnsQuery(
  target: { port: number; host?: string },
  name: string,
  timeoutMs = 2000,
  socket?: Socket,
): Promise<{ ip: string | null; ms: number; wrong: boolean } | null> {
  const own = !socket;
  const s = socket ?? createSocket("udp4");
  const id = Math.floor(Math.random() * 65536);
  const t0 = performance.now();
  const msg = dnsPacket.encode({
    type: "query",
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type: "A", name, class: "IN" }],
  });
  try {
    return await new Promise((resolve) => {
      const timer = setTimeout(() => done(null), timeoutMs);
      const done = (r: { ip: string | null; ms: number; wrong: boolean } | null) => {
        clearTimeout(timer);
        s.off("message", onMessage);
        resolve(r);
      };
      const onMessage = (buf: Buffer) => {
        let p: dnsPacket.Packet;
        try {
          p = dnsPacket.decode(buf);
        } catch {
          return;
        }
        if (p.id !== id) return;
        const ms = performance.now() - t0;
        // A reply with our id but another peer's question is a reply sent to the wrong peer.
        const wrong = p.questions?.[0]?.name !== name;
        const a = p.answers?.find((x) => x.type === "A");
        done({ ip: a ? String((a as { data?: unknown }).data) : null, ms, wrong });
      };
      s.on("message", onMessage);
      s.send(msg, target.port, target.host ?? "127.0.0.1");
    });
  } finally {
    if (own) s.close();
  }
}
