import { spawn } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acquireWriterLock, WriterLockHeldError } from "./writer-lock";

/** A separate process that takes the lock, says "held", then waits to be killed. */
function holderProcess(lockPath: string): Promise<{ pid: number; kill(): Promise<void> }> {
  const script = `
    require("tsx/cjs");
    require(${JSON.stringify(join(__dirname, "writer-lock.ts"))}).acquireWriterLock(${JSON.stringify(lockPath)})
      .then(() => { process.stdout.write("held\\n"); setInterval(() => undefined, 1000); })
      .catch((e) => { process.stdout.write("failed " + e.message + "\\n"); process.exit(1); });`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"], cwd: join(__dirname, "..", "..") });
  return new Promise((ok, fail) => {
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => {
      out += d;
      if (out.includes("held")) {
        ok({
          pid: child.pid as number,
          kill: () =>
            new Promise<void>((r) => {
              child.once("exit", () => r());
              child.kill("SIGKILL");
            }),
        });
      } else if (out.includes("failed")) fail(new Error(out));
    });
    child.once("exit", (code) => fail(new Error(`holder exited with ${code}: ${out}`)));
  });
}

describe("the writer lock", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "plumed-lock-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is held by one taker at a time, and free again once released", async () => {
    const path = join(dir, "data", "plumed.lock");
    const lock = await acquireWriterLock(path);
    expect(lstatSync(path).isSocket()).toBe(true);
    const second = acquireWriterLock(path);
    await expect(second).rejects.toThrow(WriterLockHeldError);
    await expect(second).rejects.toThrow(`another plumed process (pid ${process.pid}) holds the lock ${path}; stop it first`);
    await lock.release();
    expect(existsSync(path)).toBe(false);
    const again = await acquireWriterLock(path);
    await again.release();
  });

  it("refuses while another process holds it, and is taken over after that process is killed with SIGKILL", async () => {
    const path = join(dir, "plumed.lock");
    const holder = await holderProcess(path);
    try {
      await expect(acquireWriterLock(path)).rejects.toThrow(`another plumed process (pid ${holder.pid}) holds the lock ${path}`);
    } finally {
      await holder.kill();
    }
    // The dead holder's socket is still there, and nothing listens on it any more.
    expect(lstatSync(path).isSocket()).toBe(true);
    const lock = await acquireWriterLock(path);
    await expect(acquireWriterLock(path)).rejects.toThrow(WriterLockHeldError);
    await lock.release();
  }, 60_000);

  it("replaces a file that is not a lock", async () => {
    const path = join(dir, "plumed.lock");
    writeFileSync(path, "12345\n");
    const lock = await acquireWriterLock(path);
    expect(lstatSync(path).isSocket()).toBe(true);
    await lock.release();
  });

  async function exactlyOneWins(path: string): Promise<void> {
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => acquireWriterLock(path)));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(WriterLockHeldError);
    expect(readdirSync(dir)).toEqual(["plumed.lock"]);
    await (won[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
    expect(readdirSync(dir)).toEqual([]);
  }

  it("lets exactly one of several concurrent takers win, and leaves nothing behind", async () => {
    await exactlyOneWins(join(dir, "plumed.lock"));
  });

  it("lets exactly one of several concurrent takers win over a stale lock", async () => {
    const path = join(dir, "plumed.lock");
    await (await holderProcess(path)).kill();
    await exactlyOneWins(path);
  }, 60_000);

  it("works for a lock path longer than a unix socket address allows", async () => {
    const deep = join(dir, "a".repeat(60), "b".repeat(60));
    mkdirSync(deep, { recursive: true });
    const path = join(deep, "plumed.lock");
    expect(Buffer.byteLength(path)).toBeGreaterThan(108);
    const lock = await acquireWriterLock(path);
    expect(lstatSync(path).isSocket()).toBe(true);
    await expect(acquireWriterLock(path)).rejects.toThrow(`holds the lock ${path}`);
    await lock.release();
    expect(existsSync(path)).toBe(false);
  });
});
