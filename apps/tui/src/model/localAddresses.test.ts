import { loopbackUse } from "@ferry/store/client";
import { describe, expect, it } from "vitest";
import { localAddressChoices } from "./localAddresses.ts";

const config = (id: number, alias: string, local_address: string) => ({ id, alias, local_address });

describe("the Local address picker's text", () => {
  it("offers 127.0.0.1, the used addresses, then free ones, and names who uses which", () => {
    const use = loopbackUse(
      [config(1, "web", "127.0.0.2"), config(2, "db", "127.0.0.2"), config(3, "x", "127.0.0.1")],
      null,
    );
    expect(localAddressChoices(use)).toEqual({
      choices: ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"],
      detail: "in use: 127.0.0.1 (x) · 127.0.0.2 (web, db) · free: 127.0.0.3, 127.0.0.4, 127.0.0.5",
    });
  });

  it("says only the free ones when no other config is there", () => {
    expect(localAddressChoices(loopbackUse([config(1, "web", "127.0.0.1")], 1))).toEqual({
      choices: ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"],
      detail: "free: 127.0.0.2, 127.0.0.3, 127.0.0.4",
    });
  });
});
