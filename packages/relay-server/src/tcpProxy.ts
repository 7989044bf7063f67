import { connect, type Socket } from "node:net";
import type { RelayConfig } from "./config.ts";
import type { Log } from "./log.ts";
import { connectFailedLine, resolveRemote } from "./resolveRemote.ts";

/**
 * Pipes one accepted connection to the remote. `pipe` pauses the reader whenever the writer's
 * buffer is full, so a slow side slows the other instead of growing memory. Half-closes pass
 * through (both sockets allow half-open), so a client that shuts down its write side still gets
 * the whole answer. Only an error tears down the other side; a normal end travels through pipe.
 * A connection that cannot be made (refused, unresolvable, no answer within connectTimeoutMs)
 * prints one `ferry-relay: connect ... failed` line and closes the client.
 */
export function proxyTcp(client: Socket, config: RelayConfig, log: Log, tag: string): void {
  client.pause();
  let remote: Socket | null = null;
  let piped = false;
  client.on("error", (err) => {
    log("warn", `${tag} client error: ${err.message}`);
    remote?.destroy();
  });
  client.once("close", (hadError) => {
    // Before the pipes exist, nothing else would ever close the remote.
    if (hadError || !piped) remote?.destroy();
  });
  const failed = (err: NodeJS.ErrnoException) => {
    log("report", connectFailedLine(config, err));
    client.destroy();
  };

  resolveRemote(config.remoteAddress).then(
    (target) => {
      if (client.destroyed) return;
      const upstream = connect({
        host: target.address,
        port: config.remotePort,
        allowHalfOpen: true,
        noDelay: true,
      });
      remote = upstream;
      let connected = false;
      const timer = setTimeout(() => {
        const err: NodeJS.ErrnoException = new Error(
          `no answer within ${config.connectTimeoutMs / 1000}s`,
        );
        err.code = "ETIMEDOUT";
        upstream.destroy(err);
      }, config.connectTimeoutMs);
      upstream.on("error", (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (connected)
          log("warn", `${tag} remote ${config.remoteAddress}:${config.remotePort}: ${err.message}`);
        else if (!client.destroyed) return failed(err);
        client.destroy();
      });
      upstream.once("connect", () => {
        clearTimeout(timer);
        connected = true;
        log(
          "info",
          `${tag} connected to ${config.remoteAddress}:${config.remotePort} (${target.address})`,
        );
        if (client.destroyed) {
          upstream.destroy();
          return;
        }
        piped = true;
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    },
    (err: NodeJS.ErrnoException) => {
      if (!client.destroyed) failed(err);
    },
  );
}
