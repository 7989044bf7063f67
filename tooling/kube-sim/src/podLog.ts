// A container's output as the kubelet keeps it: lines with the time each arrived, one run per
// container start, so `previous=true` reads the run before and `sinceSeconds`/`tailLines` filter.

type Line = { at: number; text: string };

const MAX_LINES_PER_RUN = 10_000;

export type LogQuery = {
  tailLines?: number;
  sinceSeconds?: number;
  timestamps?: boolean;
  previous?: boolean;
};

export class PodLog {
  #runs: Line[][] = [];
  #partial = "";

  /** A container (re)started: later output belongs to a new run. */
  newRun(): void {
    this.#flush();
    this.#runs.push([]);
    if (this.#runs.length > 2) this.#runs.shift();
  }

  /** Output as it arrives, in chunks of any size. */
  append(chunk: string, at = Date.now()): void {
    if (this.#runs.length === 0) this.#runs.push([]);
    const parts = (this.#partial + chunk).split("\n");
    this.#partial = parts.pop() ?? "";
    const run = this.#runs[this.#runs.length - 1]!;
    for (const text of parts) run.push({ at, text });
    if (run.length > MAX_LINES_PER_RUN) run.splice(0, run.length - MAX_LINES_PER_RUN);
  }

  /** Runs kept: the current one and the one before (at most 2). */
  runs(): number {
    return this.#runs.length;
  }

  /** The text the log endpoint serves, or undefined when `previous` asks for a run that never was. */
  read(q: LogQuery = {}, now = Date.now()): string | undefined {
    this.#flush();
    const run = q.previous ? this.#runs[this.#runs.length - 2] : this.#runs[this.#runs.length - 1];
    if (!run) return q.previous ? undefined : "";
    let lines = run;
    if (q.sinceSeconds !== undefined) {
      const from = now - q.sinceSeconds * 1000;
      lines = lines.filter((l) => l.at >= from);
    }
    if (q.tailLines !== undefined) lines = q.tailLines === 0 ? [] : lines.slice(-q.tailLines);
    return lines
      .map((l) => `${q.timestamps ? `${new Date(l.at).toISOString()} ` : ""}${l.text}\n`)
      .join("");
  }

  #flush() {
    if (!this.#partial) return;
    const run = this.#runs[this.#runs.length - 1];
    run?.push({ at: Date.now(), text: this.#partial });
    this.#partial = "";
  }
}
