import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import {
  dbFingerprint,
  EXAMPLES,
  ferry,
  unprivilegedUser,
  useTempDirs,
  writeInput,
} from "./configHarness.ts";

const svc = { namespace: "webapp", workload_type: "service", service: "frontend", remote_port: 80 };
const entries = (bad: Record<string, unknown>) =>
  JSON.stringify([
    { ...svc, alias: "a" },
    { ...svc, alias: "b", remote_port: 81 },
    { ...svc, alias: "c", ...bad },
  ]);

/**
 * Every bad input ends with exit 1, a message naming the problem, and the database exactly as it
 * was (a home already holding the examples, so "unchanged" means something).
 */
describe("ferry config refuses bad input and loses nothing", () => {
  const tempDir = useTempDirs();
  let home: string;
  let before: string;

  beforeEach(async () => {
    home = tempDir();
    expect((await ferry(home, ["config", "import", EXAMPLES])).code).toBe(0);
    before = dbFingerprint(home);
  });

  async function refused(args: string[], message: string | RegExp, input?: string) {
    const run = await ferry(home, args, input);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toBe("");
    if (typeof message === "string") expect(run.stderr).toContain(message);
    else expect(run.stderr).toMatch(message);
    expect(dbFingerprint(home)).toBe(before);
    const list = await ferry(home, ["config", "list", "--json"]);
    expect((JSON.parse(list.stdout) as unknown[]).length).toBe(4);
  }

  const importing = (text: string) => ["config", "import", writeInput(tempDir(), "bad.json", text)];

  it("malformed JSON: line and column", async () => {
    await refused(
      importing('[\n  { "alias": "a",\n    "namespace" "x" }\n]\n'),
      /bad\.json: malformed JSON at line 3, column 17: expected ':'; nothing was imported/,
    );
  });

  it("wrong types: every problem with its path", async () => {
    await refused(
      importing(entries({ remote_port: "eighty", namespace: 5 })),
      [
        "2 problems in the import; nothing was written:",
        "  [2].namespace: expected a namespace name, got 5",
        '  [2].remote_port: expected an integer 1-65535, got "eighty"',
      ].join("\n"),
    );
    await refused(importing('[{"alias": "x"}, 42]'), "[1]: expected a config object, got 42");
  });

  it("an unknown workload_type or protocol", async () => {
    await refused(
      importing(entries({ workload_type: "deployment" })),
      '[2].workload_type: expected one of "service", "pod", "proxy", got "deployment"',
    );
    await refused(
      importing(entries({ protocol: "sctp" })),
      '[2].protocol: expected one of "tcp", "udp", got "sctp"',
    );
  });

  it("a missing required field", async () => {
    await refused(
      importing(entries({ service: undefined })),
      '[2].service: required when workload_type is "service"',
    );
    await refused(
      importing(JSON.stringify({ workload_type: "pod", target: "app=x", remote_port: 1 })),
      "[0].namespace: required",
    );
    await refused(
      ["config", "add", "--workload-type", "pod", "--target", "app=x", "--remote-port", "1"],
      "--namespace: required",
    );
  });

  it("a port out of range", async () => {
    await refused(
      importing(entries({ remote_port: 70000 })),
      "[2].remote_port: expected an integer 1-65535, got 70000",
    );
    await refused(
      importing(entries({ local_port: 65536 })),
      /\[2\]\.local_port: expected an integer 0-65535 .*got 65536/,
    );
    await refused(
      ["config", "edit", "auth-api-pod", "--remote-port", "eighty"],
      '--remote-port: expected an integer 1-65535, got "eighty"',
    );
  });

  it("a local_address that is not an IP", async () => {
    await refused(
      importing(entries({ local_address: "localhost" })),
      '[2].local_address: expected an IP address such as 127.0.0.1, got "localhost"',
    );
    await refused(
      ["config", "edit", "auth-api-pod", "--local-address", "my-laptop"],
      '--local-address: expected an IP address such as 127.0.0.1, got "my-laptop"',
    );
  });

  it("an alias that is taken, or a config that does not exist", async () => {
    await refused(
      ["config", "edit", "auth-api-pod", "--alias", "cluster-dns-udp"],
      'alias "cluster-dns-udp" is already used',
    );
    await refused(["config", "rm", "auth-api-pod", "nope"], 'no config named "nope"');
    await refused(
      ["config", "import", join(tempDir(), "missing.json")],
      /cannot read .*missing\.json: no such file/,
    );
  });
});

describe("ferry config refuses a home it cannot use", () => {
  const tempDir = useTempDirs();

  it("a FERRY_HOME that cannot be written (a file sits in its path)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "blocker"), "keep me");
    const home = join(dir, "blocker", "ferry");
    for (const args of [
      ["config", "list"],
      ["config", "import", EXAMPLES],
    ]) {
      const run = await ferry(home, args);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `ferry: cannot write to FERRY_HOME ${home}: a part of that path is a file, not a directory. Set FERRY_HOME to a directory you can write.\n`,
      );
    }
    expect(readFileSync(join(dir, "blocker"), "utf8")).toBe("keep me");
  });

  const user = unprivilegedUser();
  it.skipIf(user === null)("a FERRY_HOME without write permission", async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const home = join(dir, "ro");
    mkdirSync(home, { mode: 0o555 });
    try {
      const run = await ferry(home, ["config", "import", EXAMPLES], undefined, user ?? undefined);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `ferry: cannot write to FERRY_HOME ${home}: permission denied. Set FERRY_HOME to a directory you can write.\n`,
      );
      expect(existsSync(join(home, "configs.db"))).toBe(false);
    } finally {
      chmodSync(home, 0o700);
    }
  });

  it("a configs.db that is not SQLite: refused, never overwritten", async () => {
    const home = tempDir();
    const db = join(home, "configs.db");
    writeFileSync(db, "id,alias\n1,web\n");
    for (const args of [
      ["config", "list"],
      ["config", "import", EXAMPLES],
      ["config", "export"],
    ]) {
      const run = await ferry(home, args);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `ferry: ${db} is not an SQLite database; Ferry left it untouched. Move it away or set FERRY_HOME to another directory.\n`,
      );
    }
    expect(readFileSync(db, "utf8")).toBe("id,alias\n1,web\n");
    expect(existsSync(`${db}-wal`) || existsSync(`${db}-shm`)).toBe(false);
  });
});
