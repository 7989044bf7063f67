import type { Command } from "commander";
import { registerAdd } from "./config/addCommand.ts";
import { registerDuplicate } from "./config/duplicateCommand.ts";
import { registerEdit } from "./config/editCommand.ts";
import { registerExport } from "./config/exportCommand.ts";
import { registerImport } from "./config/importCommand.ts";
import { registerList } from "./config/listCommand.ts";
import { registerRm } from "./config/rmCommand.ts";
import { registerShow } from "./config/showCommand.ts";

/** `ferry config ...`: list, show, add, edit, duplicate, rm, import, export. */
export function registerConfigCommands(program: Command): void {
  const config = program.command("config").description("manage forward configs");
  for (const register of [
    registerList,
    registerShow,
    registerAdd,
    registerEdit,
    registerDuplicate,
    registerRm,
    registerImport,
    registerExport,
  ]) {
    register(config);
  }
}
