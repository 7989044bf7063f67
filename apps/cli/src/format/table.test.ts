import { describe, expect, it } from "vitest";
import { renderTable } from "./table.ts";

describe("renderTable", () => {
  it("pads every column to its widest cell and trims line ends", () => {
    expect(
      renderTable(
        ["A", "LONG"],
        [
          ["xyz", "1"],
          ["q", ""],
        ],
      ),
    ).toBe("A    LONG\nxyz  1\nq\n");
  });
  it("prints only the header when there are no rows", () => {
    expect(renderTable(["ID", "ALIAS"], [])).toBe("ID  ALIAS\n");
  });
});
