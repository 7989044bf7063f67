import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "@ferry/store";
import { CliError } from "../cliError.ts";
import { launchAgentPlist } from "./launchAgent.ts";
import {
  LAUNCH_AGENT_LABEL,
  launchAgentPath,
  SYSTEMD_UNIT,
  serviceSpec,
  systemdUserDir,
} from "./serviceSpec.ts";
import { systemdUnit } from "./systemdUnit.ts";

export interface ServiceResult {
  file: string;
  /** The commands run (or, with enable: false, to run) to (de)activate the service. */
  commands: string[][];
}

function run(argv: string[]): void {
  const [cmd, ...args] = argv as [string, ...string[]];
  const result = spawnSync(cmd, args, { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    const why = result.error?.message ?? (result.stderr.trim() || `exit code ${result.status}`);
    throw new CliError(`\`${argv.join(" ")}\` failed: ${why}`, { code: "SERVICE_COMMAND_FAILED" });
  }
}

const uid = () => process.getuid?.() ?? 0;

function target(): { file: string; text: () => string; on: string[][]; off: string[][] } {
  if (process.platform === "darwin") {
    const file = launchAgentPath();
    const domain = `gui/${uid()}`;
    return {
      file,
      text: () => launchAgentPlist(serviceSpec()),
      on: [["launchctl", "bootstrap", domain, file]],
      off: [["launchctl", "bootout", `${domain}/${LAUNCH_AGENT_LABEL}`]],
    };
  }
  if (process.platform !== "linux")
    throw new CliError(`starting ferryd at login is not supported on ${process.platform}`);
  return {
    file: join(systemdUserDir(), SYSTEMD_UNIT),
    text: () => systemdUnit(serviceSpec()),
    on: [
      ["systemctl", "--user", "daemon-reload"],
      ["systemctl", "--user", "enable", "--now", SYSTEMD_UNIT],
    ],
    off: [
      ["systemctl", "--user", "disable", "--now", SYSTEMD_UNIT],
      ["systemctl", "--user", "daemon-reload"],
    ],
  };
}

/** Writes the unit (or plist) and, unless `enable` is false, enables and starts it. */
export function installService(enable: boolean): ServiceResult {
  const t = target();
  mkdirSync(dirname(t.file), { recursive: true });
  writeFileAtomic(t.file, t.text());
  if (enable) for (const cmd of t.on) run(cmd);
  return { file: t.file, commands: t.on };
}

/** Stops and disables the service (unless `enable` is false), then removes its file. */
export function uninstallService(enable: boolean): ServiceResult {
  const t = target();
  if (enable) for (const cmd of t.off) run(cmd);
  rmSync(t.file, { force: true });
  return { file: t.file, commands: t.off };
}
