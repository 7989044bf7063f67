import type { CapturedExchange } from "./capturedExchange.ts";
import { cleanupLogFiles } from "./cleanup.ts";
import { HttpConnectionTap, type TapSink } from "./connectionTap.ts";
import { LogWriter } from "./logWriter.ts";
import { httpLogFile } from "./paths.ts";
import { nameMatcher } from "./redact.ts";
import { type RenderContext, renderEntry, summarize } from "./renderEntry.ts";
import { checkHttpLogSettings } from "./settings.ts";
import type {
  ConnectionTap,
  HttpLogger,
  HttpLoggerOptions,
  HttpLogProblem,
  HttpLogSettings,
} from "./types.ts";

const HOUR_MS = 60 * 60 * 1000;
const ENTRY_OVERHEAD = 1024;

/** The forward keeps running whatever a callback does. */
function safely<T>(fn: ((arg: T) => void) | undefined, arg: T): void {
  try {
    fn?.(arg);
  } catch {
    // the caller's callback failed; the log and the forward go on
  }
}

/** One logger per running forward: taps its connections and writes `{id}_{port}.http`. */
export function createHttpLogger(o: HttpLoggerOptions): HttpLogger {
  let settings: HttpLogSettings = checkHttpLogSettings(o.settings);
  let matcher = settings.redact ? nameMatcher(settings.redactHeaders) : null;
  let closed = false;
  const file = httpLogFile(o.ferryHome, o.configId, o.localPort);
  const problem = (p: HttpLogProblem) => safely(o.onProblem, p);
  const writer = new LogWriter(file, () => settings, problem);

  const context = (): RenderContext => ({
    configId: o.configId,
    localPort: o.localPort,
    bodyCap: settings.bodyCap,
    redact: matcher,
  });

  const cleanup = () =>
    writer.after(async () => {
      try {
        await cleanupLogFiles(file, settings);
        writer.forgetSize();
      } catch (err) {
        problem({
          code: "HTTP_LOG_CLEANUP_FAILED",
          message: `could not remove old HTTP log files next to ${file}: ${(err as Error).message}`,
        });
      }
    });
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    if (timer) clearInterval(timer);
    const every = Math.min(HOUR_MS, Math.max(1000, (settings.retentionDays * 24 * HOUR_MS) / 4));
    timer = setInterval(() => void cleanup(), every);
    timer.unref();
  };
  void cleanup();
  schedule();

  const sink: TapSink = {
    live: true,
    bodyCap: () => settings.bodyCap,
    complete(e: CapturedExchange) {
      if (closed) return;
      const ctx = context();
      const bytes =
        ENTRY_OVERHEAD +
        Math.min(e.request?.body.total ?? 0, ctx.bodyCap) +
        Math.min(e.response?.body.total ?? 0, ctx.bodyCap);
      const summary = summarize(e, ctx);
      // Announced once written, so whoever the announcement sends to the file finds the entry.
      writer.push(
        () => renderEntry(e, ctx),
        bytes,
        () => safely(o.onExchange, summary),
      );
    },
    problem,
  };

  return {
    tap(meta: { remotePort: number }): ConnectionTap {
      return new HttpConnectionTap(sink, meta.remotePort);
    },
    update(next: HttpLogSettings) {
      settings = checkHttpLogSettings(next);
      matcher = settings.redact ? nameMatcher(settings.redactHeaders) : null;
      schedule();
      void cleanup();
    },
    async close() {
      closed = true;
      sink.live = false;
      if (timer) clearInterval(timer);
      timer = null;
      await writer.flush();
    },
  };
}
