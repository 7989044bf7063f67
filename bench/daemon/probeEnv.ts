// NODE_OPTIONS that preload ferrydProbe.ts into the Node processes started with them (ferryd
// inherits its starter's environment).
import { fileURLToPath } from "node:url";

const probe = fileURLToPath(new URL("./ferrydProbe.ts", import.meta.url));

export function probeEnv(): string {
  return `${process.env.NODE_OPTIONS ?? ""} --import ${probe}`.trim();
}
