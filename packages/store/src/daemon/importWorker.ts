// A worker process that runs one import on its own database connection, so that parsing,
// validating and writing 100 000 entries never holds the daemon's event loop (issue 13.1). It
// is still one transaction: the store's import is all or nothing.
//
// A process, not a worker thread: better-sqlite3 12 on Node 24 aborts the whole process when a
// thread's environment is torn down with statements still to finalize ("Assertion failed: (env)
// != nullptr"), which took ferryd down after each large import. Here only this process can go,
// after it has answered.
import { openStore } from "../configs/openStore.ts";
import { type ImportJob, readImportFile } from "./importJob.ts";

function runImport(job: ImportJob): unknown {
  try {
    const text = job.text ?? readImportFile(job.path ?? "");
    const store = openStore({ home: job.home });
    try {
      const report = store.import(text, { ...job.options, source: job.path ?? job.options.source });
      return { ok: true, report };
    } finally {
      store.close();
    }
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown; issues?: unknown; stack?: unknown };
    return {
      ok: false,
      error: {
        code: typeof e.code === "string" ? e.code : null,
        message: String(e.message ?? err),
        issues: Array.isArray(e.issues) ? e.issues : [],
        stack: String(e.stack ?? ""),
      },
    };
  }
}

process.umask(0o077);
process.once("message", (job: ImportJob) => {
  process.send?.(runImport(job), () => process.exit(0));
});
