import { describe, expect, it } from "vitest";
import { systemdQuote, systemdUnit } from "./systemdUnit.ts";

describe("systemdUnit", () => {
  it("quotes paths so that spaces, quotes, % specifiers and $ variables stay literal", () => {
    expect(systemdQuote('/opt/my "ferry"/50%/$HOME\\x')).toBe(
      '"/opt/my \\"ferry\\"/50%%/$$HOME\\\\x"',
    );
  });

  it("runs the given program with the given environment, restarts on failure, logs to the journal", () => {
    const unit = systemdUnit({
      program: ["/usr/bin/node", "/opt/ferry/dist/ferryd.js"],
      env: { FERRY_HOME: "/home/u/.ferry" },
      home: "/home/u/.ferry",
    });
    const lines = unit.split("\n");
    expect(lines).toContain('ExecStart="/usr/bin/node" "/opt/ferry/dist/ferryd.js"');
    expect(lines).toContain('Environment="FERRY_HOME=/home/u/.ferry"');
    expect(lines).toContain("Restart=on-failure");
    expect(lines).toContain("StandardError=journal");
    expect(lines).toContain("WantedBy=default.target");
  });
});
