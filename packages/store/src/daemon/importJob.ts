import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { ApiError } from "../api/apiError.ts";
import type { ImportRequest } from "../api/contextTypes.ts";
import type { ConfigStore } from "../configs/configStore.ts";
import type { ImportReport } from "../configs/importReport.ts";
import { FerryError, type FerryErrorCode } from "../schema/ferryError.ts";

/** Imports from a file are read up to this size; past it the user splits the file. */
export const IMPORT_FILE_LIMIT = 512 * 1024 * 1024;
/** Texts smaller than this are imported in the daemon's thread: a worker costs more to start. */
const IN_THREAD_LIMIT = 256 * 1024;

export interface ImportJob extends ImportRequest {
  home: string;
}

/** A file's text for an import, refused with a message when it is missing or too large. */
export function readImportFile(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (err) {
    throw new ApiError(
      "FILE_NOT_READABLE",
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}; give the path of a config file ferryd can read`,
    );
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile())
      throw new ApiError("FILE_NOT_READABLE", `${path} is not a file; give a config file's path`);
    if (stat.size > IMPORT_FILE_LIMIT)
      throw new ApiError(
        "FILE_TOO_LARGE",
        `${path} is ${Math.round(stat.size / 2 ** 20)} MiB; imports are read up to ${IMPORT_FILE_LIMIT / 2 ** 20} MiB. Split the file.`,
      );
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

type WorkerAnswer =
  | { ok: true; report: ImportReport }
  | {
      ok: false;
      error: { code: string | null; message: string; issues: []; stack: string };
    };

function runInWorker(job: ImportJob): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./importWorker.ts", import.meta.url), { workerData: job });
    let answered = false;
    worker.once("message", (answer: WorkerAnswer) => {
      answered = true;
      if (answer.ok) return resolve(answer.report);
      const { code, message, issues, stack } = answer.error;
      if (code === null) return reject(Object.assign(new Error(message), { stack }));
      // The worker's FerryError/ApiError, rebuilt so the API reports it with its code.
      reject(
        code === "FILE_NOT_READABLE" || code === "FILE_TOO_LARGE"
          ? new ApiError(code, message)
          : new FerryError(code as FerryErrorCode, message, issues),
      );
    });
    worker.once("error", reject);
    worker.once("exit", (exitCode) => {
      if (!answered) reject(new Error(`the import worker exited with code ${exitCode}`));
    });
  });
}

/**
 * Runs an import: small texts in this thread, large ones and files in a worker thread on its
 * own connection. The caller serialises writes (see writeQueue.ts), so the worker's
 * transaction never waits on this thread's connection, and this thread never blocks on it.
 */
export async function runImport(store: ConfigStore, job: ImportJob): Promise<ImportReport> {
  if (job.text !== undefined && job.text.length < IN_THREAD_LIMIT)
    return store.import(job.text, job.options);
  return runInWorker(job);
}
