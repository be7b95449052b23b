import { spawn } from "node:child_process";
import { supervisedCommand } from "./cometbft";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

const linux = process.platform === "linux" ? describe : describe.skip;

linux("a supervised child", () => {
  it("dies when the process that started it is killed with kill -9", async () => {
    // A stand-in for plumed: starts a long-running child the way `plumed start` starts cometbft,
    // prints its pid, and waits to be killed.
    const run = supervisedCommand("/bin/sleep", ["60"]);
    const script = `const c = require("node:child_process").spawn(${JSON.stringify(run.command)}, ${JSON.stringify(run.args)}, { stdio: "ignore" }); console.log(c.pid); setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    const childPid = await new Promise<number>((resolve) => parent.stdout.once("data", (d: Buffer) => resolve(Number(d.toString().trim()))));
    expect(await until(() => alive(childPid), 5_000)).toBe(true);
    parent.kill("SIGKILL");
    const gone = await until(() => !alive(childPid), 10_000);
    if (!gone) process.kill(childPid, "SIGKILL");
    expect(gone).toBe(true);
  });
});
