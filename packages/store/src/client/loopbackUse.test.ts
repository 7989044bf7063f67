import { describe, expect, it } from "vitest";
import { loopbackUse } from "./loopbackUse.ts";

const config = (id: number, alias: string, local_address: string) => ({ id, alias, local_address });

describe("loopback suggestions", () => {
  it("names who uses each address and offers the first free 127.0.0.x ones", () => {
    const configs = [
      config(1, "web", "127.0.0.1"),
      config(2, "auth", "127.0.0.2"),
      config(3, "db", "127.0.0.1"),
      config(4, "dns", "127.0.0.10"),
    ];
    expect(loopbackUse(configs, null)).toEqual({
      used: [
        { address: "127.0.0.1", aliases: ["web", "db"] },
        { address: "127.0.0.2", aliases: ["auth"] },
        { address: "127.0.0.10", aliases: ["dns"] },
      ],
      free: ["127.0.0.3", "127.0.0.4", "127.0.0.5"],
    });
  });

  it("leaves out the config being edited", () => {
    const use = loopbackUse([config(2, "auth", "127.0.0.2")], 2);
    expect(use.used).toEqual([]);
    expect(use.free[0]).toBe("127.0.0.2");
  });

  it("offers as many free addresses as asked, skipping used ones", () => {
    const use = loopbackUse([config(1, "a", "127.0.0.2"), config(2, "b", "127.0.0.4")], null, 2);
    expect(use.free).toEqual(["127.0.0.3", "127.0.0.5"]);
  });
});
