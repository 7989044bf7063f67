// The API's public listener: a plain TCP relay in front of the HTTPS server, so the network
// between a client and the API can fail the way a laptop's does. `stall` freezes every open
// connection (they stay open and pass no bytes either way, as behind a NAT that forgot the flow)
// while new ones work; `blackhole` freezes new connections too (their TLS handshake hangs);
// `resume` lets everything flow again (held bytes included). One extra loopback hop per
// connection, with pipe's backpressure both ways. A connection held by a blackhole is still read
// (and kept), only so that a client that gives up is seen: heldConnections counts attempts in
// flight.
import net from "node:net";

/**
 * `held`: accepted during a blackhole and not let through yet (a connection attempt in flight).
 * Its bytes are read and kept (a TLS ClientHello; at most HOLD_LIMIT), so that a client giving up
 * is seen and the pair dropped; `release` undoes that on resume.
 */
type Pair = {
  client: net.Socket;
  upstream: net.Socket;
  frozen: boolean;
  held: boolean;
  release?: () => void;
};

const HOLD_LIMIT = 1024 * 1024;

export class FrontDoor {
  #server: net.Server;
  #pairs = new Set<Pair>();
  #blackhole = false;
  #accepted = 0;
  #heldPeak = 0;
  readonly #upstreamPort: number;

  constructor(upstreamPort: number) {
    this.#upstreamPort = upstreamPort;
    this.#server = net.createServer({ allowHalfOpen: true, noDelay: true }, (c) => this.#accept(c));
  }

  /** TCP connections accepted so far (a client that reconnects shows up here). */
  get accepted(): number {
    return this.#accepted;
  }

  /** Connections opened during a blackhole, still open and hanging: attempts in flight now. */
  get held(): number {
    let n = 0;
    for (const p of this.#pairs) if (p.held) n += 1;
    return n;
  }

  /** The most connections held at once since the last blackhole began (a storm's height). */
  get heldPeak(): number {
    return this.#heldPeak;
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
    for (const p of this.#pairs) if (!p.held) this.#freeze(p);
    return this.#pairs.size;
  }

  /** As stall, and every new connection hangs too, until resume. */
  blackhole(): number {
    if (!this.#blackhole) this.#heldPeak = 0;
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
    const pair: Pair = { client, upstream, frozen: false, held: this.#blackhole };
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
    if (this.#blackhole) {
      this.#hold(pair);
      this.#heldPeak = Math.max(this.#heldPeak, this.held);
    } else this.#flow(pair);
  }

  #hold(p: Pair) {
    p.frozen = true;
    p.held = true;
    p.upstream.pause();
    const kept: Buffer[] = [];
    let size = 0;
    const onData = (d: Buffer) => {
      kept.push(d);
      size += d.length;
      if (size > HOLD_LIMIT) p.client.pause();
    };
    const gaveUp = () => {
      p.client.destroy();
      p.upstream.destroy();
    };
    p.client.on("data", onData);
    p.client.once("end", gaveUp);
    p.release = () => {
      p.client.off("data", onData);
      p.client.off("end", gaveUp);
      p.client.pause();
      for (const d of kept) p.upstream.write(d);
    };
  }

  #flow(p: Pair) {
    p.release?.();
    p.release = undefined;
    p.frozen = false;
    p.held = false;
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
