import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RequestInitChain } from "cosmjs-types/tendermint/abci/types";
import { AddressCodec } from "../../../app/address";
import { appStoreNames, createPlumeApp } from "../../../chain/app";
import { DEFAULT_CHAIN_SETTINGS } from "../../../app/chain-config";
import { readGenesisDoc, type GenesisDoc } from "../../../app/genesis-doc";
import { silentLogger } from "../../../app/logger";
import type { JsonObject } from "../../../app/module";
import { openCommitMultiStore } from "../../../app/store";
import { oneLineError, plumed } from "../client/testing/run-cli";
import { initNode } from "../init";

const MNEMONIC =
  "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom lizard educate guess current outdoor pair theory focus wife stone";
const CHAIN = "gentx-test-1";
const kr = ["--keyring-backend", "test"];
const codec = new AddressCodec("plume");

describe("plumed genesis gentx / collect-gentxs / validate", () => {
  let dir: string;
  let homes: string[];
  let nodeIds: string[];
  let operators: string[];
  const genesisOf = (i: number): GenesisDoc => readGenesisDoc(join(homes[i] as string, "config", "genesis.json"));
  const h = (i: number): string[] => ["--home", homes[i] as string];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "plumed-gentx-"));
    homes = [join(dir, "n0"), join(dir, "n1")];
    nodeIds = homes.map((home, i) => initNode({ home, moniker: `node${i}`, chainId: CHAIN, denom: "uplume", bech32Prefix: "plume", loopback: true, ports: { p2p: 26656 + 100 * i, rpc: 1, abci: 2, grpc: 3, api: 4 } }).nodeId);
    operators = [];
    for (let i = 0; i < 2; i++) {
      await plumed(["keys", "add", "val", "--recover", "--index", String(i), ...kr, ...h(i)], { stdin: MNEMONIC });
      operators.push((await plumed(["keys", "show", "val", "-a", ...kr, ...h(i)])).stdout.trim());
    }
    for (const address of operators) expect((await plumed(["genesis", "add-genesis-account", address, "1000000000uplume", ...h(0)])).code).toBe(0);
    copyFileSync(join(homes[0] as string, "config", "genesis.json"), join(homes[1] as string, "config", "genesis.json"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const gentx = (i: number, ...extra: string[]) => plumed(["genesis", "gentx", "val", "100000000uplume", "--chain-id", CHAIN, "--ip", "127.0.0.1", ...kr, ...h(i), ...extra]);

  it("writes a signed MsgCreateValidator with the node's key to config/gentx/gentx-<node_id>.json, once", async () => {
    const r = await gentx(0, "--moniker", "alpha", "--commission-rate", "0.05", "--details", "d");
    expect(r).toMatchObject({ code: 0, stdout: "" });
    const path = join(homes[0] as string, "config", "gentx", `gentx-${nodeIds[0]}.json`);
    expect(r.stderr).toBe(`Genesis transaction written to ${JSON.stringify(path)}\n`);
    const tx = JSON.parse(readFileSync(path, "utf8")) as { body: { messages: JsonObject[]; memo: string }; auth_info: { signer_infos: JsonObject[] }; signatures: string[] };
    const pv = JSON.parse(readFileSync(join(homes[0] as string, "config", "priv_validator_key.json"), "utf8")) as { pub_key: { value: string } };
    expect(tx.body.memo).toBe(`${nodeIds[0]}@127.0.0.1:26656`);
    expect(tx.body.messages).toEqual([
      {
        "@type": "/cosmos.staking.v1beta1.MsgCreateValidator",
        description: { moniker: "alpha", identity: "", website: "", security_contact: "", details: "d" },
        commission: { rate: "0.050000000000000000", max_rate: "0.200000000000000000", max_change_rate: "0.010000000000000000" },
        min_self_delegation: "1",
        delegator_address: "",
        validator_address: codec.encodeValidator(codec.decodeAccount(operators[0] as string)),
        pubkey: { "@type": "/cosmos.crypto.ed25519.PubKey", key: pv.pub_key.value },
        value: { denom: "uplume", amount: "100000000" },
      },
    ]);
    expect(tx.auth_info.signer_infos[0]?.["sequence"]).toBe("0");
    expect(tx.signatures).toHaveLength(1);
    // The SDK never overwrites a gentx.
    expect(oneLineError(await gentx(0))).toMatch(/^failed to write signed gen tx: .*gentx-.*\.json already exists/);
  });

  it("refuses bad input with one error line", async () => {
    expect(oneLineError(await plumed(["genesis", "gentx", "nobody", "1uplume", ...kr, ...h(0)]))).toMatch(/^failed to fetch 'nobody' from the keyring: /);
    expect(oneLineError(await gentx(0, "--chain-id", "other"))).toBe(`--chain-id other is not the chain id of ${join(homes[0] as string, "config", "genesis.json")} (${CHAIN})`);
    expect(oneLineError(await plumed(["genesis", "gentx", "val", "2000000000uplume", ...kr, ...h(0)]))).toBe(
      `failed to validate account in genesis: account ${operators[0]} has a balance in genesis, but it only has 1000000000uplume available to stake, not 2000000000uplume`,
    );
    expect(oneLineError(await gentx(0, "--commission-rate", "0.5"))).toBe("commission cannot be more than the max rate");
    expect(oneLineError(await gentx(0, "--min-self-delegation", "200000000"))).toBe("validator's self delegation must be greater than their minimum self delegation");
    expect(oneLineError(await plumed(["genesis", "gentx", "val", "0uplume", ...kr, ...h(0)]))).toBe("invalid delegation amount: invalid request");
    expect(oneLineError(await gentx(0, "--gas", "auto"))).toBe("--gas auto needs a running chain: a gentx takes a gas limit");
    expect(readdirSync(join(homes[0] as string, "config")).includes("gentx")).toBe(false);
  });

  it("collects the gentxs into one genesis that InitChain turns into the validator set (direct and amino-json signatures)", async () => {
    expect((await gentx(0)).code).toBe(0);
    // The second validator signs in LEGACY_AMINO_JSON, with a fee: InitChain accepts both.
    expect((await gentx(1, "--sign-mode", "amino-json", "--fees", "500uplume")).code).toBe(0);
    const shared = join(dir, "gentxs");
    mkdirSync(shared);
    for (let i = 0; i < 2; i++) {
      const d = join(homes[i] as string, "config", "gentx");
      for (const f of readdirSync(d)) copyFileSync(join(d, f), join(shared, f));
    }
    for (let i = 0; i < 2; i++) {
      const r = await plumed(["genesis", "collect-gentxs", "--gentx-dir", shared, ...h(i)]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stderr)).toMatchObject({ moniker: `node${i}`, chain_id: CHAIN, node_id: nodeIds[i], gen_txs: 2, persistent_peers: `${nodeIds[1 - i]}@127.0.0.1:${26656 + 100 * (1 - i)}` });
      expect(readFileSync(join(homes[i] as string, "config", "config.toml"), "utf8")).toContain(`persistent_peers = "${nodeIds[1 - i]}@127.0.0.1:${26656 + 100 * (1 - i)}"`);
    }
    const g = genesisOf(0);
    expect(JSON.stringify(genesisOf(1))).toBe(JSON.stringify(g));
    expect(g.validators).toEqual([]);
    const genTxs = (g.app_state["genutil"] as { gen_txs: { body: { messages: { description: { moniker: string } }[] } }[] }).gen_txs;
    // File-name order: gentx-<node id>.json.
    const expectedOrder = [...nodeIds].sort().map((id) => `node${nodeIds.indexOf(id)}`);
    expect(genTxs.map((t) => t.body.messages[0]?.description.moniker)).toEqual(expectedOrder);
    expect(await plumed(["genesis", "validate", ...h(0)])).toEqual({ code: 0, stdout: `File at ${join(homes[0] as string, "config", "genesis.json")} is a valid genesis file\n`, stderr: "" });

    // InitChain of that genesis: both validators, power 100, their nodes' consensus keys.
    const store = openCommitMultiStore({ path: join(dir, "db"), storeNames: appStoreNames(DEFAULT_CHAIN_SETTINGS), pruning: { strategy: "nothing", keepRecent: 0, interval: 0 } });
    try {
      const app = createPlumeApp({ chainId: CHAIN, settings: DEFAULT_CHAIN_SETTINGS, store, logger: silentLogger });
      const res = app.baseApp.initChain(
        RequestInitChain.fromPartial({ chainId: CHAIN, time: { seconds: 1_700_000_000n, nanos: 0 }, initialHeight: 1n, appStateBytes: new TextEncoder().encode(JSON.stringify(g.app_state)) }),
      );
      const keys = homes.map((home) => (JSON.parse(readFileSync(join(home, "config", "priv_validator_key.json"), "utf8")) as { pub_key: { value: string } }).pub_key.value);
      expect(res.validators.map((v) => [Buffer.from(v.pubKey?.ed25519 ?? []).toString("base64"), v.power]).sort()).toEqual(keys.map((k) => [k, 100n]).sort());
    } finally {
      await store.close();
    }
  });

  it("validate names what is wrong; collect-gentxs refuses an empty directory", async () => {
    expect(oneLineError(await plumed(["genesis", "collect-gentxs", ...h(0)]))).toMatch(/^no gentx directory at .*config\/gentx/);
    mkdirSync(join(homes[0] as string, "config", "gentx"));
    expect(oneLineError(await plumed(["genesis", "collect-gentxs", ...h(0)]))).toBe("there must be at least one genesis tx");
    const file = join(dir, "bad-genesis.json");
    const g = genesisOf(0);
    writeFileSync(file, JSON.stringify({ ...g, app_state: { ...g.app_state, genutil: { gen_txs: [{ body: { messages: [] } }] } } }));
    expect(oneLineError(await plumed(["genesis", "validate-genesis", file, ...h(0)]))).toBe(
      `error validating genesis file ${file}: genesis app_state.genutil: genutil.gen_txs[0]: unexpected number of GenTx messages; got: 0, expected: 1`,
    );
    writeFileSync(file, JSON.stringify({ ...g, app_state: { ...g.app_state, staking: { ...(g.app_state["staking"] as JsonObject), params: { ...((g.app_state["staking"] as JsonObject)["params"] as JsonObject), max_validators: 0 } } } }));
    expect(oneLineError(await plumed(["genesis", "validate", file, ...h(0)]))).toMatch(/^error validating genesis file .*: genesis app_state\.staking: params: max validators must be positive: 0$/);
  });
});
