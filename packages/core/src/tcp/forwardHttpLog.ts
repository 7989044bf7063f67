// One TCP forward's HTTP log (issue 17): the @ferry/http-log logger behind its local port, set
// and changed live. New connections get a tap while logging is on; connections already open
// keep what they had. The logger's exchanges become `http` events, its problems `warn` logs;
// the forward keeps serving whatever the log does.

import {
  type ConnectionTap,
  checkHttpLogSettings,
  createHttpLogger,
  type HttpLogger,
  type HttpLogSettings,
  httpLogFile,
} from "@ferry/http-log";
import { FerryError } from "../errors.ts";
import type { ForwardEvent, HttpLogStatus } from "../types.ts";

export class HttpLogUnsupportedError extends FerryError<"HTTP_LOG_UNSUPPORTED"> {
  constructor() {
    super("HTTP_LOG_UNSUPPORTED", "HTTP logs need a TCP forward");
  }
}

export interface ForwardHttpLogOptions {
  ferryHome: string;
  configId: number;
  emit: (event: ForwardEvent) => void;
}

export class ForwardHttpLog {
  readonly #o: ForwardHttpLogOptions;
  #settings: HttpLogSettings | null;
  #logger: HttpLogger | null = null;
  #port: number | null = null;
  #exchanges = 0;

  constructor(o: ForwardHttpLogOptions, settings: HttpLogSettings | null | undefined) {
    this.#o = o;
    this.#settings = null;
    try {
      this.#settings = settings ? checkHttpLogSettings(settings) : null;
    } catch (err) {
      // A saved config with bad settings still forwards, without its log, and says why.
      this.#warn(`HTTP log off: ${(err as Error).message}`);
    }
  }

  /** The listener is bound on `port`: the file is named after it. */
  bound(port: number): void {
    this.#port = port;
    this.#apply();
  }

  /** Live: null turns logging off. Invalid settings throw HTTP_LOG_INVALID_SETTING, changing nothing. */
  set(settings: HttpLogSettings | null): void {
    this.#settings = settings ? checkHttpLogSettings(settings) : null;
    this.#apply();
  }

  /** A tap for a connection accepted now, or null while logging is off. */
  tap(remotePort: number): ConnectionTap | null {
    if (!this.#logger) return null;
    try {
      return this.#logger.tap({ remotePort });
    } catch (err) {
      this.#warn(`HTTP log: cannot tap a connection: ${(err as Error).message}`);
      return null;
    }
  }

  status(): HttpLogStatus {
    const on = this.#settings !== null;
    return {
      enabled: on,
      file:
        on && this.#port !== null
          ? httpLogFile(this.#o.ferryHome, this.#o.configId, this.#port)
          : null,
      exchanges: this.#exchanges,
    };
  }

  /** The forward stopped: flushes and closes the file (settings are kept for a restart). */
  async close(): Promise<void> {
    const l = this.#logger;
    this.#logger = null;
    this.#port = null;
    await l?.close().catch(() => {});
  }

  #apply(): void {
    const s = this.#settings;
    if (!s || this.#port === null) {
      const l = this.#logger;
      this.#logger = null;
      void l?.close().catch(() => {});
      return;
    }
    if (this.#logger) {
      this.#logger.update(s);
      return;
    }
    const id = this.#o.configId;
    this.#logger = createHttpLogger({
      ferryHome: this.#o.ferryHome,
      configId: id,
      localPort: this.#port,
      settings: s,
      onExchange: (exchange) => {
        this.#exchanges++;
        this.#o.emit({ type: "http", id, exchange, at: Date.now() });
      },
      onProblem: (p) => this.#warn(`HTTP log: ${p.message}`),
    });
  }

  #warn(message: string): void {
    this.#o.emit({ type: "log", id: this.#o.configId, level: "warn", message, at: Date.now() });
  }
}
