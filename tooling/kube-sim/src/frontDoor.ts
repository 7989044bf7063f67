// The API's public listener: a plain TCP relay in front of the HTTPS server, so the network
// between a client and the API can fail the way a laptop's does. `stall` freezes every open
// connection (they stay open and pass no bytes either way, as behind a NAT that forgot the flow)
// while new ones work; `blackhole` freezes new connections too (their TLS handshake hangs);
// `resume` lets everything flow again (held bytes included). One extra loopback hop per
// connection, with pipe's backpressure both ways.
import net from "node:net";

type Pair = { client: net.Socket; upstream: net.Socket; frozen: boolean };

export class FrontDoor {
  #server: net.Server;
  #pairs = new Set<Pair>();
  #blackhole = false;
  #accepted = 0;
  readonly #upstreamPort: number;

  constructor(upstreamPort: number) {
    this.#upstreamPort = upstreamPort;
    this.#server = net.createServer({ allowHalfOpen: true, noDelay: true }, (c) => this.#accept(c));
  }

  /** TCP connections accepted so far (a client that reconnects shows up here). */
  get accepted(): number {
    return this.#accepted;
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(port, "127.0.0.1", () => {
        this.#server.off("error", reject);
        resolve((this.#server.address() as net.AddressInfo).port);
      });
    });
  }

  /** Stops listening and cuts every connection. */
  close(): Promise<void> {
    const closed = new Promise<void>((r) => this.#server.close(() => r()));
    this.dropAll();
    return closed;
  }

  dropAll(): void {
    for (const p of this.#pairs) {
      p.client.destroy();
      p.upstream.destroy();
    }
    this.#pairs.clear();
  }

  /** Freezes every open connection; returns how many. New connections still work. */
  stall(): number {
    for (const p of this.#pairs) this.#freeze(p);
    return this.#pairs.size;
  }

  /** As stall, and every new connection hangs too, until resume. */
  blackhole(): number {
    this.#blackhole = true;
    return this.stall();
  }

  /** Ends stall and blackhole: frozen connections pass their bytes again. */
  resume(): number {
    this.#blackhole = false;
    let n = 0;
    for (const p of this.#pairs) {
      if (!p.frozen) continue;
      n += 1;
      this.#flow(p);
    }
    return n;
  }

  #accept(client: net.Socket) {
    this.#accepted += 1;
    const upstream = net.connect({
      host: "127.0.0.1",
      port: this.#upstreamPort,
      allowHalfOpen: true,
      noDelay: true,
    });
    const pair: Pair = { client, upstream, frozen: false };
    this.#pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.#pairs.delete(pair);
    };
    client.on("error", end);
    upstream.on("error", end);
    client.on("close", end);
    upstream.on("close", end);
    if (this.#blackhole) this.#freeze(pair);
    else this.#flow(pair);
  }

  #flow(p: Pair) {
    p.frozen = false;
    p.client.pipe(p.upstream);
    p.upstream.pipe(p.client);
  }

  #freeze(p: Pair) {
    p.frozen = true;
    p.client.unpipe(p.upstream);
    p.upstream.unpipe(p.client);
    p.client.pause();
    p.upstream.pause();
  }
}
