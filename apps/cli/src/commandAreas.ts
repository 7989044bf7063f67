import type { Command } from "commander";
import { registerVersion } from "./commands/version.ts";

export type Register = (program: Command) => void;

export interface CommandArea {
  /** The top-level commands the area adds (commandAreas.test.ts checks them against `load`). */
  names: readonly string[];
  load: () => Promise<Register>;
}

/**
 * Each area of `ferry`, in help order, loaded only when its command runs: `ferry status` loads
 * no config, sync, discovery or daemon-service code (issue 21: start-up). Version stays static:
 * it also adds the root `--version`, which any command line may carry.
 */
export const COMMAND_AREAS: readonly CommandArea[] = [
  {
    names: ["config"],
    load: async () => (await import("./commands/config.ts")).registerConfigCommands,
  },
  {
    names: ["discover"],
    load: async () => (await import("./commands/discover.ts")).registerDiscoverCommand,
  },
  {
    names: ["start", "stop"],
    load: async () => (await import("./commands/forwards.ts")).registerForwardCommands,
  },
  {
    names: ["status"],
    load: async () => (await import("./commands/status.ts")).registerStatusCommand,
  },
  { names: ["open"], load: async () => (await import("./commands/open.ts")).registerOpen },
  { names: ["sync"], load: async () => (await import("./commands/sync.ts")).registerSyncCommands },
  { names: ["logs"], load: async () => (await import("./commands/logs.ts")).registerLogsCommands },
  {
    names: ["settings"],
    load: async () => (await import("./commands/settings.ts")).registerSettingsCommands,
  },
  {
    names: ["daemon"],
    load: async () => (await import("./commands/daemon.ts")).registerDaemonCommands,
  },
  { names: ["tui"], load: async () => (await import("./daemon/tuiCommand.ts")).registerTuiCommand },
  { names: ["version"], load: async () => registerVersion },
  {
    names: ["completion"],
    load: async () => (await import("./commands/completion.ts")).registerCompletion,
  },
];

/**
 * The areas to register for a command line whose first word is `command`: that one area (and
 * version's) when it names one, every area otherwise (help, completion, an unknown command).
 */
export function areasFor(command: string | undefined): readonly CommandArea[] {
  const named = COMMAND_AREAS.find((a) => command !== undefined && a.names.includes(command));
  if (!named) return COMMAND_AREAS;
  return COMMAND_AREAS.filter((a) => a === named || a.names.includes("version"));
}
