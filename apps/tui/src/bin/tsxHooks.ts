import { readFileSync } from "node:fs";
import { registerHooks } from "node:module";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/**
 * Node strips types from `.ts` but refuses `.tsx`. Running the TUI from its sources (a checkout,
 * `ferry tui`, the demo) compiles each `.tsx` module as it is loaded: JSX to `react/jsx-runtime`
 * calls, nothing else changed. A packaged TUI is bundled from `src/main.tsx` and never gets here.
 */
export function registerTsx(): void {
  registerHooks({
    load(url, context, nextLoad) {
      if (!url.startsWith("file:") || !url.endsWith(".tsx")) return nextLoad(url, context);
      const source = readFileSync(fileURLToPath(url), "utf8");
      const { outputText } = ts.transpileModule(source, {
        fileName: fileURLToPath(url),
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2023,
          jsx: ts.JsxEmit.ReactJSX,
          verbatimModuleSyntax: true,
          sourceMap: false,
          inlineSourceMap: true,
        },
      });
      return { format: "module", source: outputText, shortCircuit: true };
    },
  });
}
