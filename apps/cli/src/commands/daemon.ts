import { createReadStream, existsSync, statSync, watch as watchFile } from "node:fs";
import { join } from "node:path";
import { ensureDaemon, processAlive, resolveFerryHome } from "@ferry/store/node";
import type { Command } from "commander";
import { CliError } from "../cliError.ts";
import { withRunningDaemon } from "../daemon/withDaemon.ts";
import { print } from "../output.ts";
import { installService, uninstallService } from "../service/loginService.ts";

async function stopDaemon(): Promise<void> {
  const daemon = await withRunningDaemon(async (client, found) => {
    await client.daemon.shutdown.mutate();
    return found;
  });
  if (!daemon) {
    print("ferryd is not running\n");
    return;
  }
  // Shutdown stops forwards and deletes relay pods before the process exits: wait for it.
  const deadline = Date.now() + 30_000;
  while (processAlive(daemon.pid) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  if (processAlive(daemon.pid))
    throw new CliError(`ferryd (pid ${daemon.pid}) did not stop within 30 s`);
  print(`ferryd stopped (pid ${daemon.pid})\n`);
}

async function printLogs(follow: boolean): Promise<void> {
  const path = join(resolveFerryHome(), "daemon.log");
  if (!existsSync(path)) throw new CliError(`no daemon log yet at ${path}`);
  let offset = 0;
  const copy = () =>
    new Promise<void>((resolve) => {
      const size = statSync(path).size;
      if (size < offset) offset = 0; // rotated
      createReadStream(path, {
        start: offset,
        end: Math.max(offset, size - 1),
        encoding: "utf8",
      })
        .on("data", (chunk) => print(String(chunk)))
        .on("close", () => {
          offset = size;
          resolve();
        });
    });
  await copy();
  if (!follow) return;
  await new Promise<void>((resolve) => {
    const watcher = watchFile(path, () => void copy());
    process.once("SIGINT", () => {
      watcher.close();
      resolve();
    });
  });
}

const shell = (commands: string[][]) => commands.map((c) => c.join(" ")).join(" && ");

function registerServiceCommands(daemon: Command): void {
  daemon
    .command("install")
    .description(
      "start ferryd at login: a systemd user unit on Linux, a LaunchAgent on macOS (enabled now)",
    )
    .option("--no-enable", "only write the file; print the commands that enable it")
    .action((options: { enable: boolean }) => {
      const { file, commands } = installService(options.enable);
      print(
        options.enable
          ? `wrote ${file}\nferryd starts at login (ran: ${shell(commands)})\n`
          : `wrote ${file}\nto start ferryd at login, run: ${shell(commands)}\n`,
      );
    });
  daemon
    .command("uninstall")
    .description("stop starting ferryd at login: disable and remove what `install` wrote")
    .option("--no-enable", "only remove the file, run nothing")
    .action((options: { enable: boolean }) => {
      const { file } = uninstallService(options.enable);
      print(`removed ${file}\n`);
    });
}

/** `ferry daemon start|stop|status|logs|install|uninstall`. */
export function registerDaemonCommands(program: Command): void {
  const daemon = program.command("daemon").description("the ferryd background process");
  daemon
    .command("start")
    .description("start ferryd (detached) unless it is already running")
    .action(async () => {
      const { daemon: info, started } = await ensureDaemon();
      print(`ferryd ${started ? "started" : "already running"} (pid ${info.pid}, ${info.url})\n`);
    });
  daemon.command("stop").description("stop every forward and ferryd").action(stopDaemon);
  daemon
    .command("status")
    .description("is ferryd running, where, since when")
    .option("--json", "print daemon.info as JSON")
    .action(async (options: { json?: boolean }) => {
      const info = await withRunningDaemon((client) => client.daemon.info.query());
      if (!info) {
        if (options.json) print(`${JSON.stringify({ running: false })}\n`);
        else print("ferryd is not running\n");
        return;
      }
      if (options.json) print(`${JSON.stringify({ running: true, ...info }, null, 2)}\n`);
      else {
        print(
          `ferryd running (pid ${info.pid}, ${info.url}, up ${Math.round(info.uptimeMs / 1000)} s)\n` +
            `forwards: ${info.forwards.running} running of ${info.forwards.total}; engine ${info.engine}\n` +
            `log: ${info.logFile}\n`,
        );
      }
    });
  daemon
    .command("logs")
    .description("print daemon.log")
    .option("-f, --follow", "keep printing new lines until Ctrl-C")
    .action(async (options: { follow?: boolean }) => printLogs(options.follow === true));
  registerServiceCommands(daemon);
}
