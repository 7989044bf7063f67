// A worker thread that runs one import on its own database connection, so that parsing,
// validating and writing 100 000 entries never holds the daemon's event loop (issue 13.1). It
// is still one transaction: the store's import is all or nothing.
import { parentPort, workerData } from "node:worker_threads";
import { openStore } from "../configs/openStore.ts";
import { type ImportJob, readImportFile } from "./importJob.ts";

const job = workerData as ImportJob;
try {
  const text = job.text ?? readImportFile(job.path ?? "");
  const store = openStore({ home: job.home });
  try {
    const report = store.import(text, { ...job.options, source: job.path ?? job.options.source });
    parentPort?.postMessage({ ok: true, report });
  } finally {
    store.close();
  }
} catch (err) {
  const e = err as { code?: unknown; message?: unknown; issues?: unknown; stack?: unknown };
  parentPort?.postMessage({
    ok: false,
    error: {
      code: typeof e.code === "string" ? e.code : null,
      message: String(e.message ?? err),
      issues: Array.isArray(e.issues) ? e.issues : [],
      stack: String(e.stack ?? ""),
    },
  });
}
