import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readAppConfig } from "../../app/config/app-config";
import { setTomlValues } from "../../app/config/toml-edit";
import { parseToml } from "../../app/config/toml";
import { createLogger } from "../../app/logger";
import { createDevnet } from "./devnet";
import { homePaths } from "./home";
import { initNode } from "./init";
import { startNode } from "./start";

type Toml = Record<string, Record<string, unknown>>;
const cometConfig = (home: string): Toml => parseToml(readFileSync(homePaths(home).configToml, "utf8")) as Toml;

describe("plumed init's defaults", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "plumed-init-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("binds gRPC, REST and CometBFT RPC to loopback; only P2P listens on every interface", () => {
    const home = join(dir, "node");
    initNode({ home, moniker: "n", chainId: "test-1", denom: "uplume", bech32Prefix: "plume" });
    const app = readAppConfig(homePaths(home).appToml);
    expect(app.grpc.address).toBe("127.0.0.1:9090");
    expect(app.api.address).toBe("tcp://127.0.0.1:1317");
    expect(app.abciAddress).toBe("tcp://127.0.0.1:26658");
    const comet = cometConfig(home);
    expect(comet["rpc"]?.["laddr"]).toBe("tcp://127.0.0.1:26657");
    expect(comet["p2p"]?.["laddr"]).toBe("tcp://0.0.0.0:26656");
  });

  it("writes a real minimum gas price in the chain's denom, so the node refuses free txs", () => {
    const home = join(dir, "node");
    initNode({ home, moniker: "n", chainId: "test-1", denom: "uplume", bech32Prefix: "plume" });
    expect(readAppConfig(homePaths(home).appToml).minimumGasPrices).toBe("0.025uplume");
    const other = join(dir, "other");
    initNode({ home: other, moniker: "n", chainId: "test-1", denom: "ustake", bech32Prefix: "plume" });
    expect(readAppConfig(homePaths(other).appToml).minimumGasPrices).toBe("0.025ustake");
  });

  it("lets devnets accept zero fees, by writing 0<denom> explicitly", async () => {
    const layout = await createDevnet({ dir: join(dir, "devnet"), validators: 2 });
    for (const node of layout.nodes) expect(readAppConfig(homePaths(node.home).appToml).minimumGasPrices).toBe("0uplume");
  });

  it("compounds devnet rewards every 10 blocks, so that auto-compounding shows within a minute", async () => {
    const layout = await createDevnet({ dir: join(dir, "devnet"), validators: 1 });
    for (const node of layout.nodes) {
      const genesis = JSON.parse(readFileSync(homePaths(node.home).genesis, "utf8")) as { app_state: { restaking: { params: { compound_interval: string } } } };
      expect(genesis.app_state.restaking.params.compound_interval).toBe("10");
    }
  });
});

describe("plumed start with an empty minimum-gas-prices", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "plumed-start-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function startLines(minimumGasPrices: string): Promise<string[]> {
    const home = join(dir, "node");
    initNode({ home, moniker: "n", chainId: "test-1", denom: "uplume", bech32Prefix: "plume" });
    const appToml = homePaths(home).appToml;
    // Any free ports: nothing connects.
    writeFileSync(
      appToml,
      setTomlValues(readFileSync(appToml, "utf8"), {
        "minimum-gas-prices": minimumGasPrices,
        "abci.address": "tcp://127.0.0.1:0",
        "api.address": "tcp://127.0.0.1:0",
        "grpc.address": "127.0.0.1:0",
      }),
    );
    const lines: string[] = [];
    const node = await startNode({ home, abciOnly: true, logger: createLogger({ write: (l) => lines.push(l), timestamps: false }) });
    await node.stop();
    rmSync(home, { recursive: true, force: true });
    return lines;
  }

  it("warns loudly that the node accepts txs without fees", async () => {
    const warnings = (await startLines("")).filter((l) => l.startsWith("level=warn"));
    expect(warnings).toEqual([
      'level=warn msg="minimum-gas-prices is empty in app.toml: this node accepts transactions without fees (spam costs nothing); set it, e.g. minimum-gas-prices = \\"0.025uplume\\", or \\"0uplume\\" to accept zero fees on purpose"',
    ]);
  });

  it("does not warn when a price is set, even an explicit zero", async () => {
    expect((await startLines("0.025uplume")).filter((l) => l.startsWith("level=warn"))).toEqual([]);
    expect((await startLines("0uplume")).filter((l) => l.startsWith("level=warn"))).toEqual([]);
  });
});
