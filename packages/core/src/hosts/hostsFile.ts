// Writes Ferry's block of the hosts file for the forwards with `domain_enabled` that run.
// Writes are atomic where the directory allows it (temp file + rename); /etc/hosts is often a
// bind mount or sits in a directory only root may write, so an in-place write is the fallback.

import { randomBytes } from "node:crypto";
import { readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { type HostsEntry, isValidHostname, withFerryBlock } from "./hostsBlock.ts";

export function defaultHostsFile(): string {
  return process.env.FERRY_HOSTS_FILE ?? "/etc/hosts";
}

async function writeHosts(path: string, text: string): Promise<void> {
  const mode = await stat(path).then(
    (s) => s.mode & 0o777,
    () => 0o644,
  );
  const temp = join(dirname(path), `.${basename(path)}.ferry-${randomBytes(4).toString("hex")}`);
  try {
    await writeFile(temp, text, { mode });
    await rename(temp, path);
  } catch {
    await unlink(temp).catch(() => {});
    await writeFile(path, text);
  }
}

/** The set of hostnames Ferry currently publishes, kept in one file. One instance per daemon. */
export class HostsFile {
  readonly path: string;
  #entries = new Map<number, HostsEntry>();
  #queue: Promise<void> = Promise.resolve();

  constructor(path: string = defaultHostsFile()) {
    this.path = path;
  }

  /** Publishes `hostname` for forward `id`. Rejects with a message a person can act on. */
  add(id: number, entry: HostsEntry): Promise<void> {
    if (!isValidHostname(entry.hostname)) {
      return Promise.reject(
        new Error(
          `"${entry.hostname}" is not a valid host name for ${this.path}; use letters, digits, "-" and "."`,
        ),
      );
    }
    this.#entries.set(id, entry);
    return this.#flush();
  }

  remove(id: number): Promise<void> {
    if (!this.#entries.delete(id)) return Promise.resolve();
    return this.#flush();
  }

  clear(): Promise<void> {
    this.#entries.clear();
    return this.#flush();
  }

  #flush(): Promise<void> {
    const entries = [...this.#entries.values()];
    const run = async () => {
      try {
        const text = await readFile(this.path, "utf8").catch((err: NodeJS.ErrnoException) => {
          if (err.code === "ENOENT") return "";
          throw err;
        });
        await writeHosts(this.path, withFerryBlock(text, entries));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? "error";
        throw new Error(
          `cannot update ${this.path} (${code}): give your user write access to it, or point FERRY_HOSTS_FILE at a file you own; the forward runs without its host name`,
        );
      }
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => {});
    return next;
  }
}
