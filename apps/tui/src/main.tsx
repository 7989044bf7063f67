import { parseArgs } from "node:util";
import { render } from "ink";
import { connectDaemon } from "./api/connectDaemon.ts";
import { App } from "./components/App.tsx";

const USAGE = `ferry-tui [--home DIR] [--kubeconfig PATH] [--kftui-keys]

The Ferry terminal UI, a client of the ferry daemon (started when it is not running).
  --home DIR          FERRY_HOME to use (default $FERRY_HOME or ~/.ferry)
  --kubeconfig PATH   kubeconfig for imports, new configs and the form's pickers
  --kftui-keys        kftui's keys: s settings, q about (Ctrl+C quits), A start all
Press ? inside for every key.`;

function main() {
  let values: { home?: string; kubeconfig?: string; help?: boolean; "kftui-keys"?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        home: { type: "string" },
        kubeconfig: { type: "string" },
        help: { type: "boolean", short: "h" },
        "kftui-keys": { type: "boolean" },
      },
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!process.stdin.isTTY) {
    process.stderr.write(
      "ferry-tui needs a terminal (stdin is not a TTY); use `ferry status` in scripts.\n",
    );
    process.exit(2);
  }
  const connect = () => connectDaemon(values.home);
  const keyMap = values["kftui-keys"] ? "kftui" : "ferry";
  const app = render(
    <App connect={connect} kubeconfig={values.kubeconfig ?? null} keyMap={keyMap} />,
    {
      exitOnCtrlC: true,
      // A terminal is a terminal even when CI variables are set (tests run it in tmux): without
      // this Ink would print only the last frame.
      interactive: true,
      // Only changed lines are rewritten (no flicker), on the alternate screen like vim or htop,
      // so the shell's screen comes back untouched on quit.
      incrementalRendering: true,
      alternateScreen: true,
    },
  );
  void app.waitUntilExit().then(() => process.exit(0));
}

main();
