import { describe, expect, it } from "vitest";
import type { PlanRow } from "../discovery/planDiscovery.ts";
import { planTargetText } from "./planTargetText.ts";

const row = (config: Partial<PlanRow["config"]>) =>
  ({ config: { namespace: "shop", remote_port: 80, ...config } }) as PlanRow;

describe("a plan row's target", () => {
  it("is namespace/service, pod selector or host, then the remote port", () => {
    expect(planTargetText(row({ service: "web", target: null, remote_address: null }))).toBe(
      "shop/web:80",
    );
    expect(planTargetText(row({ service: null, target: "app=auth", remote_address: null }))).toBe(
      "shop/app=auth:80",
    );
    expect(
      planTargetText(row({ service: null, target: null, remote_address: "db.internal" })),
    ).toBe("shop/db.internal:80");
    expect(planTargetText(row({ service: null, target: null, remote_address: null }))).toBe(
      "shop/?:80",
    );
  });
});
