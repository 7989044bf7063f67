// HTTP load for the HTTP-log row (issue 17): a bulk download and 1 KiB request/response round
// trips on one keep-alive connection, through whatever forwards the port.
import { Agent, request } from "node:http";

const MiB = 1024 * 1024;

/** GET /bulk of `bytes` on a fresh connection: MiB/s. */
export function httpBulk(port: number, bytes: number): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: `/bulk?bytes=${bytes}`, headers: { connection: "close" } },
      (res) => {
        let got = 0;
        res.on("data", (d: Buffer) => {
          got += d.length;
        });
        res.on("end", () => {
          if (got !== bytes) reject(new Error(`http bulk: got ${got} of ${bytes} bytes`));
          else resolve(got / MiB / ((performance.now() - t0) / 1000));
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** `count` POST /echo of 1 KiB of JSON, one at a time on one keep-alive connection: ms each. */
export async function httpEcho(port: number, count: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const body = Buffer.from(JSON.stringify({ pad: "x".repeat(1024 - 10) }));
  const out: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const req = request(
          {
            host: "127.0.0.1",
            port,
            path: "/echo",
            method: "POST",
            agent,
            headers: { "content-type": "application/json", "content-length": body.length },
          },
          (res) => {
            let got = 0;
            res.on("data", (d: Buffer) => {
              got += d.length;
            });
            res.on("end", () =>
              got === body.length ? resolve() : reject(new Error(`http echo: got ${got} bytes`)),
            );
          },
        );
        req.on("error", reject);
        req.end(body);
      });
      out.push(performance.now() - t0);
    }
  } finally {
    agent.destroy();
  }
  return out;
}
