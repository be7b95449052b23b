import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AddressCodec } from "../../../app/address";
import { testMnemonic, testMnemonics } from "../../../test/helpers/accounts";
import { Testnet } from "../../../test/helpers/testnet";
import { waitFor, waitForHeight } from "../../../test/helpers/rpc";
import { oneLineError, plumed } from "../client/testing/run-cli";

/**
 * `plumed tx staking ...` and `plumed query staking ...` against a real 2-validator devnet (whose
 * validators come from gentxs), with the devnet's alice and validator0 recovered into a client
 * keyring.
 */
describe("plumed tx/query staking against a devnet", () => {
  let net: Testnet;
  let client: string;
  let node: string[];
  let chainId: string;
  let alice: string;
  let v0: string;
  let v1: string;
  const kr = ["--keyring-backend", "test"];
  const run = (...args: string[]): ReturnType<typeof plumed> => plumed([...args, "--home", client]);
  const json = async (...args: string[]): Promise<Record<string, unknown>> => {
    const r = await run(...args, "-o", "json", ...node);
    if (r.code !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };

  /** `tx staking <args> --from <from>` with -y; waits for the block result. */
  async function tx(from: string, ...args: string[]): Promise<{ code: number; height: string; raw_log: string; codespace: string }> {
    const r = await run("tx", "staking", ...args, "--fees", "10000uplume", "--gas", "400000", "--from", from, "--chain-id", chainId, "-y", ...kr, ...node);
    expect(r.code).toBe(0);
    const { txhash } = JSON.parse(r.stdout) as { txhash: string };
    return waitFor(`tx ${txhash}`, async () => {
      const q = await run("query", "tx", txhash, "-o", "json", ...node);
      return q.code === 0 ? (JSON.parse(q.stdout) as { code: number; height: string; raw_log: string; codespace: string }) : undefined;
    });
  }

  beforeAll(async () => {
    net = await Testnet.create(2, { mnemonics: testMnemonics(["validator0", "validator1", "alice", "bob"]) });
    net.startAll();
    await waitForHeight(net.rpcPort(0), 2, 120_000);
    node = ["--node", `tcp://127.0.0.1:${net.rpcPort(0)}`];
    client = mkdtempSync(join(tmpdir(), "plumed-staking-client-"));
    for (const name of ["alice", "validator0", "bob"]) await plumed(["keys", "add", name, "--recover", ...kr, "--home", client], { stdin: testMnemonic(name) });
    alice = (await run("keys", "show", "alice", "-a", ...kr)).stdout.trim();
    chainId = net.layout.chainId;
    [v0, v1] = net.layout.nodes.map((n) => n.operator as string) as [string, string];
  }, 180_000);

  afterAll(async () => {
    await net?.stop();
    if (client) rmSync(client, { recursive: true, force: true });
  });

  it("queries the gentx validators, the pool and the params", async () => {
    const all = (await json("query", "staking", "validators")) as { validators: { operator_address: string; tokens: string; status: string }[] };
    expect(all.validators.map((v) => [v.operator_address, v.tokens, v.status]).sort()).toEqual([v0, v1].sort().map((v) => [v, "100000000", "BOND_STATUS_BONDED"]));
    expect(((await json("query", "staking", "validators", "--status", "unbonded")) as { validators: unknown[] }).validators).toEqual([]);
    expect(await json("query", "staking", "pool")).toEqual({ pool: { not_bonded_tokens: "0", bonded_tokens: "200000000" } });
    expect(((await json("query", "staking", "params")) as { params: { bond_denom: string } }).params.bond_denom).toBe("uplume");
    const text = await run("query", "staking", "validator", v0, ...node);
    expect(text.stdout).toContain(`operator_address: ${v0}\n`);
    expect(text.stdout).toContain(`tokens: "100000000"\n`);
    const missing = new AddressCodec("plume").encodeValidator(new Uint8Array(20).fill(3));
    expect(oneLineError(await run("query", "staking", "validator", missing, ...node))).toMatch(new RegExp(`validator ${missing} not found`));
  });

  it("delegates, unbonds, cancels part of the unbonding and redelegates", async () => {
    expect((await tx("alice", "delegate", v0, "5000000uplume")).code).toBe(0);
    expect(((await json("query", "staking", "delegation", alice, v0)) as { delegation_response: { balance: unknown } }).delegation_response.balance).toEqual({ denom: "uplume", amount: "5000000" });
    expect(((await json("query", "staking", "delegations-to", v0)) as { delegation_responses: unknown[] }).delegation_responses).toHaveLength(2);

    const unbond = await tx("alice", "unbond", v0, "2000000uplume");
    expect(unbond.code).toBe(0);
    const ubds = (await json("query", "staking", "unbonding-delegations", alice)) as { unbonding_responses: { entries: { creation_height: string; balance: string }[] }[] };
    expect(ubds.unbonding_responses[0]?.entries.map((e) => [e.creation_height, e.balance])).toEqual([[unbond.height, "2000000"]]);
    expect((await tx("alice", "cancel-unbond", v0, "500000uplume", unbond.height)).code).toBe(0);
    const ubd = (await json("query", "staking", "unbonding-delegation", alice, v0)) as { unbond: { entries: { balance: string }[] } };
    expect(ubd.unbond.entries.map((e) => e.balance)).toEqual(["1500000"]);
    expect(((await json("query", "staking", "unbonding-delegations-from", v0)) as { unbonding_responses: unknown[] }).unbonding_responses).toHaveLength(1);

    expect((await tx("alice", "redelegate", v0, v1, "1000000uplume")).code).toBe(0);
    const reds = (await json("query", "staking", "redelegations", alice)) as { redelegation_responses: { redelegation: { validator_dst_address: string } }[] };
    expect(reds.redelegation_responses.map((r) => r.redelegation.validator_dst_address)).toEqual([v1]);
    expect(((await json("query", "staking", "redelegation", alice, v0, v1)) as { redelegation_responses: unknown[] }).redelegation_responses).toHaveLength(1);
    expect(((await json("query", "staking", "delegations", alice)) as { delegation_responses: unknown[] }).delegation_responses).toHaveLength(2);
    expect(((await json("query", "staking", "delegator-validators", alice)) as { validators: unknown[] }).validators).toHaveLength(2);

    // The chain's refusals show up in the block result, with the SDK's code.
    const self = await tx("alice", "redelegate", v0, v0, "1uplume");
    expect({ code: self.code, codespace: self.codespace }).toEqual({ code: 29, codespace: "staking" });
    expect(self.raw_log).toBe("failed to execute message; message index: 0: cannot redelegate to the same validator");
  });

  it("edits a validator as its operator, and creates a new validator from validator.json", async () => {
    expect((await tx("validator0", "edit-validator", "--new-moniker", "renamed", "--website", "https://plume.example")).code).toBe(0);
    const v = (await json("query", "staking", "validator", v0)) as { validator: { description: { moniker: string; website: string } } };
    expect(v.validator.description).toMatchObject({ moniker: "renamed", website: "https://plume.example" });

    const file = join(client, "validator.json");
    writeFileSync(
      file,
      JSON.stringify({
        pubkey: { "@type": "/cosmos.crypto.ed25519.PubKey", key: Buffer.alloc(32, 42).toString("base64") },
        amount: "1000000uplume",
        moniker: "bob's",
        "commission-rate": "0.05",
        "commission-max-rate": "0.1",
        "commission-max-change-rate": "0.01",
        "min-self-delegation": "1",
      }),
    );
    expect((await tx("bob", "create-validator", file)).code).toBe(0);
    const all = (await json("query", "staking", "validators")) as { validators: { description: { moniker: string }; tokens: string }[] };
    expect(all.validators.find((x) => x.description.moniker === "bob's")?.tokens).toBe("1000000");
  });
});
