// `pnpm --filter @ferry/tray dev`: Vite's dev server for the renderer (hot reload), main and
// preload compiled once, then Electron pointed at the dev server. Needs Electron's binary,
// which `pnpm install` does not download here: on a desktop run `node node_modules/electron/install.js`
// once (or allow electron's postinstall in pnpm-workspace.yaml on your machine).
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createServer } from "vite";

const root = join(import.meta.dirname, "..");
const tsc = join(root, "node_modules", ".bin", "tsc");
for (const project of ["tsconfig.main.json", "tsconfig.preload.json"]) {
  const r = spawnSync(tsc, ["-p", project], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
spawnSync(process.execPath, [join(root, "scripts", "renamePreload.ts")], { stdio: "inherit" });

const server = await createServer({ configFile: join(root, "vite.config.ts") });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? "http://localhost:5173/";

const electronPath = createRequire(import.meta.url)("electron") as unknown as string;
const child = spawn(electronPath, [join(root, "dist", "main", "main.js")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, VITE_DEV_SERVER_URL: url },
});
child.on("exit", async (code) => {
  await server.close();
  process.exit(code ?? 0);
});
