// A connection's stream resolves once the server replied, and fails cleanly on a reset, an
// abort, a closed tunnel or no reply in time (shared by both tunnel implementations).

import type { Duplex } from "node:stream";
import { FerryForwardError } from "../../errors.ts";
import type { DialOptions } from "../dialPortForward.ts";

export function awaitReply<S extends Duplex>(
  stream: S,
  onReply: (resolve: () => void) => void,
  where: string,
  options: DialOptions,
  tunnelClosed: () => string | null,
  onTimeout: () => void,
): Promise<S> {
  return new Promise<S>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const done = (err: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      stream.off("close", onClose);
      if (err) {
        stream.destroy();
        reject(err);
      } else resolve(stream);
    };
    const onAbort = () =>
      done(new FerryForwardError("PORT_FORWARD_FAILED", `port-forward to ${where} cancelled`));
    const onClose = () =>
      done(
        stream.errored instanceof FerryForwardError
          ? stream.errored
          : new FerryForwardError(
              "PORT_FORWARD_FAILED",
              `port-forward to ${where} failed: ${stream.errored?.message ?? tunnelClosed() ?? "stream closed"}`,
            ),
      );
    options.signal?.addEventListener("abort", onAbort, { once: true });
    stream.once("close", onClose);
    timer = setTimeout(() => {
      done(
        new FerryForwardError(
          "PORT_FORWARD_FAILED",
          `port-forward to ${where}: no reply on the SPDY tunnel`,
        ),
      );
      onTimeout();
    }, options.connectTimeoutMs ?? 15_000);
    timer.unref();
    onReply(() => done(null));
  });
}
