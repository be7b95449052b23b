import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { setTomlValues } from "../../app/config/toml-edit";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDevnet, spawnNode, type CreateDevnetOptions, type DevnetLayout, type NodeProcess } from "../../cmd/plumed/devnet";
import { freePorts } from "./ports";
import { registerNodeDiagnostics } from "./rpc";

/**
 * A local network of real `plumed start` processes (each supervising a real cometbft) on free
 * loopback ports, in a temporary directory removed on stop().
 */
export class Testnet {
  private readonly procs = new Map<number, NodeProcess>();

  private constructor(
    readonly dir: string,
    readonly layout: DevnetLayout,
  ) {}

  static async create(validators: number, options: Partial<CreateDevnetOptions> = {}): Promise<Testnet> {
    const dir = mkdtempSync(join(tmpdir(), "plumed-test-"));
    const ports = await freePorts(validators * 5);
    const layout = await createDevnet({
      dir,
      validators,
      timeoutCommit: "300ms",
      ...options,
      ports: (i) => ({
        p2p: ports[i * 5] as number,
        rpc: ports[i * 5 + 1] as number,
        abci: ports[i * 5 + 2] as number,
        grpc: ports[i * 5 + 3] as number,
        api: ports[i * 5 + 4] as number,
      }),
    });
    return new Testnet(dir, layout);
  }

  rpcPort(i: number): number {
    const n = this.layout.nodes[i];
    if (!n) throw new Error(`no node ${i}`);
    return n.ports.rpc;
  }

  start(i: number, env: NodeJS.ProcessEnv = {}): NodeProcess {
    const node = this.layout.nodes[i];
    if (!node) throw new Error(`no node ${i}`);
    const p = spawnNode(node, env);
    this.procs.set(i, p);
    registerNodeDiagnostics(node.ports.rpc, () => {
      const state = p.child.exitCode !== null || p.child.signalCode !== null ? `exited (code ${p.child.exitCode}, signal ${p.child.signalCode})` : "running";
      const tail = readFileSync(p.logFile, "utf8").trimEnd().split("\n").slice(-25).join("\n");
      return `node ${i} (plumed ${state}); last lines of ${p.logFile}:\n${tail}`;
    });
    return p;
  }

  /** Edits node i's app.toml (before it starts), e.g. { "minimum-gas-prices": "0.01uplume" }. */
  setAppToml(i: number, values: Readonly<Record<string, string | number | boolean>>): void {
    const node = this.layout.nodes[i];
    if (!node) throw new Error(`no node ${i}`);
    const file = join(node.home, "config", "app.toml");
    writeFileSync(file, setTomlValues(readFileSync(file, "utf8"), values));
  }

  startAll(): void {
    for (let i = 0; i < this.layout.nodes.length; i++) this.start(i);
  }

  process(i: number): NodeProcess | undefined {
    return this.procs.get(i);
  }

  /** Resolves when node i's plumed process has exited (with its exit code or signal). */
  exited(i: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const p = this.procs.get(i);
    if (!p) throw new Error(`node ${i} was not started`);
    if (p.child.exitCode !== null || p.child.signalCode !== null) return Promise.resolve({ code: p.child.exitCode, signal: p.child.signalCode });
    return new Promise((r) => p.child.once("exit", (code, signal) => r({ code, signal })));
  }

  log(i: number): string {
    const p = this.procs.get(i);
    return p ? readFileSync(p.logFile, "utf8") : "";
  }

  async stopNode(i: number, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    const p = this.procs.get(i);
    if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
    const done = this.exited(i);
    p.child.kill(signal);
    const timer = setTimeout(() => p.child.kill("SIGKILL"), 20_000);
    await done;
    clearTimeout(timer);
  }

  async stop(options: { keepDir?: boolean } = {}): Promise<void> {
    await Promise.all([...this.procs.keys()].map((i) => this.stopNode(i)));
    if (!options.keepDir && !process.env["PLUMED_KEEP_TEST_DIRS"]) rmSync(this.dir, { recursive: true, force: true });
  }
}
