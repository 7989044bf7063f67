/** One `kftray.app/configs` entry, split from the right: `my-api-v2-8080-http`. */
export interface KftrayEntry {
  alias: string;
  localPort: number;
  /** A port name, or a number. */
  target: string | number;
}

/**
 * kftray splits on every `-` and wants exactly three parts, so `my-api-v2-8080-http` fails
 * there; the last two parts are the ports, everything before them the alias.
 */
export function parseKftrayEntry(entry: string): KftrayEntry | { problem: string } {
  const parts = entry.split("-");
  if (parts.length < 3)
    return {
      problem: `entry "${entry}" is not alias-localPort-targetPort (e.g. web-8080-http)`,
    };
  const target = parts.pop() as string;
  const local = parts.pop() as string;
  const alias = parts.join("-");
  if (alias === "") return { problem: `entry "${entry}" has no alias before its ports` };
  if (!/^\d+$/.test(local) || Number(local) < 1 || Number(local) > 65535)
    return { problem: `entry "${entry}": local port "${local}" is not a port number 1-65535` };
  if (target === "") return { problem: `entry "${entry}" has no target port` };
  if (/^\d+$/.test(target)) {
    const n = Number(target);
    if (n < 1 || n > 65535)
      return { problem: `entry "${entry}": target port ${target} is not a port number 1-65535` };
    return { alias, localPort: Number(local), target: n };
  }
  return { alias, localPort: Number(local), target };
}
