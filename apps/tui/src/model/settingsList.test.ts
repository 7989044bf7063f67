import { describe, expect, it } from "vitest";
import { settingRows, settingValue } from "./settingsList.ts";

describe("the settings list", () => {
  it("lists the known settings first, then the daemon's others, values as JSON", () => {
    const rows = settingRows({ "tray.stop_daemon_on_quit": true, "z.custom": [1, 2] });
    expect(rows[0]).toMatchObject({ key: "proxy.manifest_path", value: "" });
    expect(rows.find((r) => r.key === "tray.stop_daemon_on_quit")?.value).toBe("true");
    expect(rows.at(-1)).toEqual({ key: "z.custom", value: "[1,2]", text: "" });
  });

  it("reads typed text as JSON when it is, as text otherwise, and empty as unset", () => {
    expect(settingValue("true")).toBe(true);
    expect(settingValue(" 30 ")).toBe(30);
    expect(settingValue('["a"]')).toEqual(["a"]);
    expect(settingValue("/etc/ferry/manifest.json")).toBe("/etc/ferry/manifest.json");
    expect(settingValue("")).toBeNull();
  });
});
