import type { MenuItemConstructorOptions } from "electron";
import type { TrayAction, TrayMenuItem } from "./trayMenu.ts";

/** The pure menu as Electron's template, each click running its action. */
export function menuTemplate(
  items: TrayMenuItem[],
  run: (a: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case "separator":
        return { type: "separator" };
      case "header":
        return { label: item.label, enabled: false };
      case "checkbox":
        return {
          type: "checkbox",
          label: item.label,
          checked: item.checked,
          ...(item.sublabel ? { sublabel: item.sublabel } : {}),
          click: () => run(item.action),
        };
      default:
        return { label: item.label, enabled: item.enabled, click: () => run(item.action) };
    }
  });
}
