import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The renderer is a plain browser app: Electron loads dist/renderer/index.html from disk, the
// e2e test serves the same files over HTTP. `base: "./"` keeps asset URLs relative for both.
export default defineConfig({
  root: "src/renderer",
  base: "./",
  plugins: [react()],
  build: {
    outDir: "../../dist/renderer",
    emptyOutDir: true,
    target: "es2022",
  },
  server: { port: 5173, strictPort: false },
});
