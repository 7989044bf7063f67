import { fork } from "node:child_process";
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
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

/** The import worker: a child process (see importWorker.ts for why not a worker thread). */
const WORKER = fileURLToPath(new URL("./importWorker.ts", import.meta.url));

function runInWorker(job: ImportJob): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], {
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      env: { ...process.env, FERRY_HOME: job.home },
    });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (d: string) => {
      stderr = (stderr + d).slice(-2000);
    });
    let answered = false;
    child.once("message", (answer: WorkerAnswer) => {
      answered = true;
      child.disconnect();
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
    child.once("error", reject);
    // How it exits once it has answered does not matter (see importWorker.ts).
    child.once("exit", (exitCode, signal) => {
      if (!answered)
        reject(
          new Error(`the import worker exited (${signal ?? `code ${exitCode}`}): ${stderr.trim()}`),
        );
    });
    child.send(job);
  });
}

/**
 * Runs an import: small texts in this thread, large ones and files in a worker process on its
 * own connection. The caller serialises writes (see writeQueue.ts), so the worker's
 * transaction never waits on this thread's connection, and this thread never blocks on it.
 */
export async function runImport(store: ConfigStore, job: ImportJob): Promise<ImportReport> {
  if (job.text !== undefined && job.text.length < IN_THREAD_LIMIT)
    return store.import(job.text, job.options);
  return runInWorker(job);
}
