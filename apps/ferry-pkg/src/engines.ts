import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The package's own floor (the workspace's `engines.node`). */
export const NODE_FLOOR = "22.12.0";

const version = (range: string | undefined) =>
  /^\s*>=\s*v?(\d+\.\d+\.\d+)\s*$/.exec(range ?? "")?.[1];
const newer = (a: string, b: string) => {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 3; i++)
    if ((x?.[i] ?? 0) !== (y?.[i] ?? 0)) return (x?.[i] ?? 0) > (y?.[i] ?? 0);
  return false;
};

function packageJsonOf(file: string): string | null {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate) && dir.includes("node_modules")) return candidate;
  }
  return null;
}

/**
 * The lowest Node every bundled package accepts: the highest `>=x.y.z` among their `engines.node`
 * and our own floor, with the package that sets it. A bundle is only as portable as its strictest
 * dependency, so the published `engines` says this, not a hope.
 */
export function nodeFloor(inputs: string[]): { version: string; setBy: string | null } {
  let floor = { version: NODE_FLOOR, setBy: null as string | null };
  const seen = new Set<string>();
  for (const input of inputs) {
    const pkgFile = packageJsonOf(resolve(input));
    if (!pkgFile || seen.has(pkgFile)) continue;
    seen.add(pkgFile);
    const pkg = JSON.parse(readFileSync(pkgFile, "utf8")) as {
      name?: string;
      version?: string;
      engines?: { node?: string };
    };
    const wants = version(pkg.engines?.node);
    if (wants && newer(wants, floor.version))
      floor = { version: wants, setBy: `${pkg.name}@${pkg.version}` };
  }
  return floor;
}
