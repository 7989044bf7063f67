import { join } from "node:path";
import { type GitServer, startGitServer } from "@ferry/git-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fetchSource, pushSource, type SyncSource } from "../../src/index.ts";
import { FORWARDS, refusal, scratch } from "./helpers.ts";

const s = scratch();
let server: GitServer;
let raceCommit: string | null = null;
let armed = false;
beforeAll(async () => {
  server = await startGitServer({
    // Upstream commits at the worst moment: after the client fetched, as its push begins.
    beforeServe: ({ query }) => {
      if (armed && query === "service=git-receive-pack") {
        armed = false;
        raceCommit = server.commit("race", { "forwards.json": "[]\n" }, "upstream got in first");
      }
    },
  });
  server.createRepo("race", { "forwards.json": FORWARDS });
});
afterAll(async () => {
  await server.close();
  s.cleanup();
});

it("a branch that moves between the fetch and the push is refused, never overwritten", async () => {
  const source: SyncSource = {
    id: "race",
    url: server.httpsUrl("race"),
    ref: "main",
    path: "forwards.json",
    caFile: server.caFile,
  };
  const cacheDir = join(s.dir, "race");
  await fetchSource(source, { cacheDir });
  armed = true;
  const err = await refusal(
    pushSource(source, {
      cacheDir,
      files: [{ path: "forwards.json", text: FORWARDS.replace("8080", "8282") }],
      message: "local edit",
      author: { name: "u", email: "u@example.test" },
    }),
  );
  expect(raceCommit).not.toBeNull();
  expect(err.code).toBe("GIT_PUSH_REJECTED");
  expect(err.message).toContain("moved on");
  expect(server.log("race")[0]?.commit).toBe(raceCommit);
  expect(server.show("race", "forwards.json")).toBe("[]\n");
});
