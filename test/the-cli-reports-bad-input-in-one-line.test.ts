import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PLUMED = join(__dirname, "..", "bin", "plumed");

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [PLUMED, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("plumed CLI", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "plumed-cli-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints its version", () => {
    const r = run("version");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^plumed \d+\.\d+\.\d+\ncometbft v0\.38\.\d+ \(pinned\)\n$/);
  });

  it("rejects an unknown flag with one readable line and a non-zero exit", () => {
    const r = run("start", "--no-such-flag");
    expect(r.code).not.toBe(0);
    expect(r.stderr.split("\n")[0]).toBe("error: unknown option '--no-such-flag'");
  });

  it("rejects a missing home with one readable line", () => {
    const r = run("start", "--home", join(dir, "missing"));
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: no plumed home at .*missing \(run "plumed init/);
  });

  it("initializes a home, and refuses to overwrite it without --overwrite", () => {
    const home = join(dir, "node");
    const ok = run("init", "mynode", "--chain-id", "test-1", "--home", home);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ moniker: "mynode", chain_id: "test-1" });
    const again = run("init", "mynode", "--chain-id", "test-1", "--home", home);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: genesis\.json already exists at .*; use --overwrite to replace it\n$/);
  });

  it("rejects a missing chain id and a bad height", () => {
    expect(run("init", "x", "--home", join(dir, "y")).stderr.split("\n")[0]).toBe("error: required option '--chain-id <id>' not specified");
    const r = run("export", "--height", "-3", "--home", dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr.split("\n")[0]).toMatch(/^error: option '--height <h>' argument '-3' is invalid/);
  });
});

describe("plumed start on a genesis without validators", () => {
  it("refuses in one line, before CometBFT starts", () => {
    const home = mkdtempSync(join(tmpdir(), "plumed-novals-"));
    try {
      expect(run("init", "n", "--chain-id", "novals-1", "--home", home).code).toBe(0);
      const r = run("start", "--home", home);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: invalid genesis .*genesis\.json: no validators: add some with "plumed genesis gentx" and "plumed genesis collect-gentxs"/);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
