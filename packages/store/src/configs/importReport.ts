/** Options for `ConfigStore.import`. */
export interface ImportOptions {
  /** Work out and report what would change, write nothing. */
  dryRun?: boolean;
  /** Replaces `kubeconfig` in every imported entry (teams share files, kubeconfigs differ). */
  kubeconfig?: string;
  /** Replaces `context` in every imported entry. */
  context?: string;
  /** Where the text came from (a file name): named in every refusal. */
  source?: string;
}

/** One imported entry: its position in the file and the config it became. */
export interface ImportItem {
  index: number;
  id: number;
  alias: string;
}

export interface ImportReport {
  dryRun: boolean;
  added: ImportItem[];
  updated: ImportItem[];
  unchanged: ImportItem[];
  /** Entries left out on purpose (e.g. kftray's `expose` workload). */
  skipped: { index: number; reason: string }[];
  /** Unknown fields dropped, aliases renamed, entries skipped: each in one sentence. */
  warnings: string[];
}
