import { appendFile, chmod, mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { cleanupLogFiles } from "./cleanup.ts";
import { rotatedFile } from "./paths.ts";
import type { HttpLogProblem, HttpLogSettings } from "./types.ts";

/** Entries waiting for the disk beyond this are dropped (and reported): memory stays bounded. */
const MAX_QUEUED_BYTES = 16 * 1024 * 1024;
const BATCH_DELAY_MS = 20;
const RENDER_SLICE_MS = 5;

interface Queued {
  render: () => string;
  bytes: number;
  /** Runs once the entry's batch has been written (or has failed): after it, a reader finds it. */
  settled?: () => void;
}

function errCode(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? "";
}

/**
 * Appends rendered entries to one forward's file: batched (one append per batch, off the
 * splice), rotated at maxFileSize, never throwing; problems go to `problem`, once per kind.
 */
export class LogWriter {
  private queue: Queued[] = [];
  private queuedBytes = 0;
  private dropped = 0;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private size: number | null = null;
  private dirReady = false;
  private reported = new Set<string>();

  private readonly file: string;
  private readonly settings: () => HttpLogSettings;
  private readonly problem: (p: HttpLogProblem) => void;

  constructor(file: string, settings: () => HttpLogSettings, problem: (p: HttpLogProblem) => void) {
    this.file = file;
    this.settings = settings;
    this.problem = problem;
  }

  push(render: () => string, bytes: number, settled?: () => void): void {
    if (this.queuedBytes + bytes > MAX_QUEUED_BYTES) {
      this.dropped++;
      this.report(
        "HTTP_LOG_QUEUE_FULL",
        `the HTTP log cannot keep up with the disk; ${this.dropped} entries dropped so far`,
      );
      settled?.();
      return;
    }
    this.queue.push({ render, bytes, settled });
    this.queuedBytes += bytes;
    if (!this.timer) {
      this.timer = setTimeout(() => this.flushSoon(), BATCH_DELAY_MS);
      this.timer.unref();
    }
  }

  /** Writes everything queued so far. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.flushSoon();
    return this.chain;
  }

  /** The file may have been removed or replaced (cleanup): stat it again before the next write. */
  forgetSize(): void {
    this.size = null;
  }

  /** Runs after the queued writes, never concurrently with them. */
  after(task: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(task, task);
    return this.chain;
  }

  private flushSoon(): void {
    this.timer = null;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    this.after(() =>
      this.write(batch).finally(() => {
        for (const q of batch) q.settled?.();
      }),
    );
  }

  private report(code: string, message: string): void {
    if (this.reported.has(code)) return;
    this.reported.add(code);
    this.problem({ code, message });
  }

  private async ensureDir(): Promise<void> {
    if (this.dirReady) return;
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    await chmod(dirname(this.file), 0o700);
    this.dirReady = true;
  }

  private async write(batch: Queued[]): Promise<void> {
    const texts: string[] = [];
    let slice = performance.now();
    for (const q of batch) {
      // Rendering (decoding, pretty-printing) shares the thread with the forward: yield often.
      if (performance.now() - slice > RENDER_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
      try {
        texts.push(q.render());
      } catch (err) {
        this.report(
          "HTTP_LOG_RENDER_FAILED",
          `an HTTP log entry could not be written: ${(err as Error).message}`,
        );
      }
    }
    try {
      await this.append(texts);
    } catch (err) {
      if (errCode(err) !== "ENOENT") return this.failed(err, texts.length);
      // The directory was removed under us: say so, make it again and retry once.
      this.report(
        "HTTP_LOG_DIR_MISSING",
        `the HTTP log directory ${dirname(this.file)} was removed; Ferry made it again`,
      );
      this.dirReady = false;
      this.size = null;
      try {
        await this.append(texts);
      } catch (again) {
        return this.failed(again, texts.length);
      }
    }
    this.reported.clear();
  }

  private failed(err: unknown, lost: number): void {
    const code = errCode(err);
    const hint =
      code === "ENOSPC"
        ? "the disk is full; free some space"
        : code === "EACCES" || code === "EPERM" || code === "EROFS"
          ? `Ferry may not write there; fix the permissions of ${dirname(this.file)}`
          : "check the directory";
    this.dirReady = false;
    this.size = null;
    this.report(
      "HTTP_LOG_WRITE_FAILED",
      `could not write the HTTP log ${this.file} (${code || (err as Error).message}): ${lost} entries lost; ${hint}. The forward keeps running.`,
    );
  }

  private async currentSize(): Promise<number> {
    if (this.size !== null) return this.size;
    try {
      const st = await stat(this.file);
      // a file left readable by others (made by hand, or by an older Ferry) becomes private
      if (st.isFile() && (st.mode & 0o077) !== 0) await chmod(this.file, 0o600);
      this.size = st.size;
    } catch (err) {
      if (errCode(err) !== "ENOENT") throw err;
      this.size = 0;
    }
    return this.size;
  }

  /** Appends the entries, rotating first whenever the next group would pass maxFileSize. */
  private async append(texts: string[]): Promise<void> {
    await this.ensureDir();
    const max = this.settings().maxFileSize;
    let group = "";
    let groupBytes = 0;
    for (const t of texts) {
      const size = await this.currentSize();
      const bytes = Buffer.byteLength(t);
      if (size + groupBytes + bytes > max && size + groupBytes > 0) {
        if (group) await this.appendRaw(group);
        group = "";
        groupBytes = 0;
        await this.rotate();
      }
      group += t;
      groupBytes += bytes;
    }
    if (group) await this.appendRaw(group);
  }

  private async appendRaw(text: string): Promise<void> {
    await this.currentSize();
    await appendFile(this.file, text, { mode: 0o600 }); // a new file is made 0600
    this.size = (this.size ?? 0) + Buffer.byteLength(text);
  }

  private async rotate(): Promise<void> {
    const s = this.settings();
    if (s.maxFiles === 0) await rm(this.file, { force: true });
    else {
      await rm(rotatedFile(this.file, s.maxFiles), { force: true });
      for (let i = s.maxFiles - 1; i >= 1; i--) {
        await rename(rotatedFile(this.file, i), rotatedFile(this.file, i + 1)).catch((err) => {
          if (errCode(err) !== "ENOENT") throw err;
        });
      }
      await rename(this.file, rotatedFile(this.file, 1)).catch((err) => {
        if (errCode(err) !== "ENOENT") throw err; // removed meanwhile: nothing to rotate
      });
    }
    this.size = 0;
    await cleanupLogFiles(this.file, s);
  }
}
