import type { Command } from "commander";

/** `ferry config ...`: list, show, add, edit, rm, import, export. */
export function registerConfigCommands(program: Command): void {
  program.command("config").description("manage forward configs");
}
