// Ferry's entries live in one tagged block of the hosts file, so the rest of the file (the
// user's own lines, other tools' blocks) is never touched, and a crash leaves at most a block
// that the next write replaces.

export const BLOCK_BEGIN = "# BEGIN ferry (managed by Ferry; do not edit)";
export const BLOCK_END = "# END ferry";

export interface HostsEntry {
  address: string;
  hostname: string;
}

const HOSTNAME =
  /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export function isValidHostname(name: string): boolean {
  return HOSTNAME.test(name);
}

/** The file's text with Ferry's block replaced by `entries` (removed when there are none). */
export function withFerryBlock(text: string, entries: HostsEntry[]): string {
  const lines = text.split("\n");
  const kept: string[] = [];
  let inside = false;
  for (const line of lines) {
    if (line.trim() === BLOCK_BEGIN) inside = true;
    else if (line.trim() === BLOCK_END && inside) inside = false;
    else if (!inside) kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1] === "") kept.pop();
  if (entries.length > 0) {
    kept.push(BLOCK_BEGIN);
    for (const e of entries) kept.push(`${e.address} ${e.hostname}`);
    kept.push(BLOCK_END);
  }
  return kept.length === 0 ? "" : `${kept.join("\n")}\n`;
}
