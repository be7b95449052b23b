import { Registry } from "@cosmjs/proto-signing";
import { defaultRegistryTypes, GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { QueryParamsResponse } from "cosmjs-types/cosmos/consensus/v1/query";
import { MsgUpdateParams } from "cosmjs-types/cosmos/consensus/v1/tx";
import { Testnet } from "./helpers/testnet";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, DENOM, directWallet } from "./helpers/clients";
import { rpc, waitFor, waitForHeight } from "./helpers/rpc";

interface ConsensusParamsResult {
  readonly block_height: string;
  readonly consensus_params: { block: { max_bytes: string; max_gas: string }; evidence: { max_age_num_blocks: string } };
}

const USERS = ["authority", "bob"];

async function client(rpcPort: number, name: string): Promise<{ client: SigningStargateClient; address: string }> {
  const wallet = await directWallet(name);
  const registry = new Registry([...defaultRegistryTypes, [MsgUpdateParams.typeUrl, MsgUpdateParams]]);
  const c = await SigningStargateClient.connectWithSigner(`http://127.0.0.1:${rpcPort}`, wallet, {
    registry,
    gasPrice: GasPrice.fromString(`0.025${DENOM}`),
    broadcastPollIntervalMs: 250,
    broadcastTimeoutMs: 30_000,
  });
  return { client: c, address: await addressOf(wallet) };
}

describe("x/consensus MsgUpdateParams on a live chain", () => {
  let net: Testnet;
  let authority: string;

  beforeAll(async () => {
    net = await Testnet.create(1, { users: USERS, mnemonics: testMnemonics(["validator0", ...USERS]) });
    // Test hook: a key the test holds stands in for the gov module account (gov comes later).
    authority = await addressOf(await directWallet("authority"));
    net.start(0, { PLUMED_TEST_AUTHORITY: authority });
    await waitForHeight(net.rpcPort(0), 2);
  });

  afterAll(async () => {
    await net.stop();
  });

  const update = (signer: string, maxGas: bigint) => ({
    typeUrl: MsgUpdateParams.typeUrl,
    value: MsgUpdateParams.fromPartial({
      authority: signer,
      block: { maxBytes: 4_194_304n, maxGas },
      evidence: { maxAgeNumBlocks: 100_000n, maxAgeDuration: { seconds: 172_800n, nanos: 0 }, maxBytes: 1_048_576n },
      validator: { pubKeyTypes: ["ed25519"] },
    }),
  });

  it("is refused from anyone but the authority (gov/13), and nothing changes", async () => {
    const bob = await client(net.rpcPort(0), "bob");
    const before = await rpc<ConsensusParamsResult>(net.rpcPort(0), "consensus_params");
    const res = await bob.client.signAndBroadcast(bob.address, [update(bob.address, 50_000_000n)], { amount: [{ denom: DENOM, amount: "10000" }], gas: "300000" });
    expect({ code: res.code, codespace: (await rpc<{ tx_result: { codespace: string } }>(net.rpcPort(0), "tx", { hash: `0x${res.transactionHash}` })).tx_result.codespace }).toEqual({ code: 13, codespace: "gov" });
    await waitForHeight(net.rpcPort(0), res.height + 2);
    // At a fixed height, asked again until CometBFT has saved it (its block store runs ahead of its state).
    const after = await waitFor("consensus params after the refused update", () => rpc<ConsensusParamsResult>(net.rpcPort(0), "consensus_params", { height: res.height + 1 }), 30_000);
    expect(after.consensus_params).toEqual(before.consensus_params);
    bob.client.disconnect();
  });

  it("from the authority changes CometBFT's /consensus_params from the next height", async () => {
    const a = await client(net.rpcPort(0), "authority");
    const res = await a.client.signAndBroadcast(a.address, [update(authority, 50_000_000n)], { amount: [{ denom: DENOM, amount: "10000" }], gas: "300000" });
    expect(res.code).toBe(0);
    expect(res.events.map((e) => e.type)).toContain("update_consensus_params");
    await waitForHeight(net.rpcPort(0), res.height + 2);
    const at = await rpc<ConsensusParamsResult>(net.rpcPort(0), "consensus_params", { height: res.height });
    const next = await rpc<ConsensusParamsResult>(net.rpcPort(0), "consensus_params", { height: res.height + 1 });
    expect(at.consensus_params.block).not.toEqual({ max_bytes: "4194304", max_gas: "50000000" });
    expect(next.consensus_params.block).toEqual({ max_bytes: "4194304", max_gas: "50000000" });
    // The app's own view (x/consensus Params query) agrees.
    const q = await rpc<{ response: { code: number; value: string } }>(net.rpcPort(0), "abci_query", { path: '"/cosmos.consensus.v1.Query/Params"' });
    expect(q.response.code).toBe(0);
    expect(QueryParamsResponse.decode(Buffer.from(q.response.value, "base64")).params?.block).toEqual({ maxBytes: 4_194_304n, maxGas: 50_000_000n });
    a.client.disconnect();
  });
});
