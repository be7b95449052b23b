import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Testnet } from "./helpers/testnet";
import { waitForHeight } from "./helpers/rpc";

/**
 * simd checks bank denom metadata (a name, a symbol, sorted units, ...) in `genesis validate`
 * only; its InitGenesis stores the metadata as given. plumed does the same: such a genesis starts
 * a chain, and `plumed genesis validate` names what is wrong with it.
 */
const PLUMED = join(__dirname, "..", "bin", "plumed");

describe("bank denom metadata without a name or symbol in genesis", () => {
  let net: Testnet;
  let home: string;

  beforeAll(async () => {
    net = await Testnet.create(1);
    home = net.layout.nodes[0]?.home as string;
    // Added after collect-gentxs (whose validation, as simd's gentx, would refuse it).
    const file = join(home, "config", "genesis.json");
    const genesis = JSON.parse(readFileSync(file, "utf8")) as { app_state: { bank: { denom_metadata: unknown[] } } };
    genesis.app_state.bank.denom_metadata = [{ description: "", base: "uplume", display: "uplume", denom_units: [{ denom: "uplume", exponent: 0, aliases: [] }] }];
    writeFileSync(file, JSON.stringify(genesis, null, 2));
  });

  afterAll(async () => {
    await net.stop();
  });

  it("starts the chain, which serves the metadata as given", async () => {
    net.startAll();
    // Fail as soon as the node refuses the genesis, with its last log line.
    const refused = new Promise<never>((_, reject) => {
      void net.exited(0).then(() => reject(new Error(`plumed exited: ${net.log(0).trim().split("\n").pop() ?? ""}`)));
    });
    refused.catch(() => undefined);
    await Promise.race([waitForHeight(net.rpcPort(0), 2, 120_000), refused]);
    const res = await fetch(`http://127.0.0.1:${net.layout.nodes[0]?.ports.api}/cosmos/bank/v1beta1/denoms_metadata/uplume`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ metadata: { base: "uplume", display: "uplume", name: "", symbol: "" } });
  });

  it("is refused by `plumed genesis validate`, in one line saying what is missing", () => {
    const r = spawnSync(process.execPath, [PLUMED, "genesis", "validate", "--home", home], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: error validating genesis file .*genesis\.json: genesis app_state\.bank: bank\.denom_metadata\[0\]: name field cannot be blank\n$/);
  });
});
