import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { MsgCreateValidator } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import type { SigningStargateClient, StargateClient } from "@cosmjs/stargate";
import { setTomlValues } from "../app/config/toml-edit";
import { spawnNode, type DevnetNode, type NodeProcess } from "../cmd/plumed/devnet";
import { initNode } from "../cmd/plumed/init";
import { Testnet } from "./helpers/testnet";
import { withdrawnRewards } from "./helpers/distribution";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, balanceOf, DENOM, directWallet, PREFIX, queryClient, signingClient } from "./helpers/clients";
import { freePorts } from "./helpers/ports";
import { latestHeight, rpc, waitFor, waitForHeight } from "./helpers/rpc";
import { abciQuery, allValidators, cometValidators, StakingInvariants, stakingGenesis } from "./helpers/staking";
import { QueryValidatorCommissionRequest, QueryValidatorCommissionResponse } from "cosmjs-types/cosmos/distribution/v1beta1/query";
import { toBech32, fromBech32 } from "@cosmjs/encoding";

/**
 * A second node joins a running one-validator chain as a full node (its own home, the same
 * genesis, peered with node0), then its operator (a funded account) sends MsgCreateValidator with
 * the node's consensus key: from the tx's height H, CometBFT's validator set at H+2 lists it on
 * every node with power = stake / 10^6, and it signs blocks (with as much stake as validator0, the
 * chain cannot go on without it). When its stake is undelegated it
 * leaves the set two blocks later, and the tokens arrive after the unbonding time.
 */
const FEE = { amount: [{ denom: DENOM, amount: "10000" }], gas: "400000" };
/** As much as validator0: from H+2 on, no block can be committed without the new validator. */
const STAKE = 100_000_000n;

describe("a full node joins and becomes a validator", () => {
  let net: Testnet;
  let joiner: DevnetNode;
  let joinerProc: NodeProcess | undefined;
  let carol: string;
  let client: SigningStargateClient;
  let reader: StargateClient;
  let invariants: StakingInvariants;
  let consensusKey: string;
  let consensusAddress: string;

  beforeAll(async () => {
    net = await Testnet.create(1, { users: ["carol"], mnemonics: testMnemonics(["validator0", "carol"]), editGenesis: stakingGenesis({ unbondingTime: "8s" }) });
    net.startAll();
    await waitForHeight(net.rpcPort(0), 2, 120_000);

    // The joining node: `plumed init`, the chain's genesis, node0 as persistent peer.
    const node0 = net.layout.nodes[0] as DevnetNode;
    const [p2p, rpcPort, abci, grpc, api] = (await freePorts(5)) as [number, number, number, number, number];
    const home = join(net.dir, "joiner");
    const ports = { p2p, rpc: rpcPort, abci, grpc, api };
    const { nodeId } = initNode({ home, moniker: "joiner", chainId: net.layout.chainId, denom: net.layout.denom, bech32Prefix: net.layout.bech32Prefix, loopback: true, minimumGasPrices: `0${net.layout.denom}`, ports, timeoutCommit: "300ms" });
    copyFileSync(join(node0.home, "config", "genesis.json"), join(home, "config", "genesis.json"));
    const configToml = join(home, "config", "config.toml");
    writeFileSync(configToml, setTomlValues(readFileSync(configToml, "utf8"), { "p2p.persistent_peers": `${node0.nodeId}@127.0.0.1:${node0.ports.p2p}` }));
    joiner = { name: "joiner", home, nodeId, ports };
    joinerProc = spawnNode(joiner);
    const pv = JSON.parse(readFileSync(join(home, "config", "priv_validator_key.json"), "utf8")) as { address: string; pub_key: { value: string } };
    consensusKey = pv.pub_key.value;
    consensusAddress = pv.address;

    const wallet = await directWallet("carol");
    carol = await addressOf(wallet);
    client = await signingClient(net.rpcPort(0), wallet);
    reader = await queryClient(net.rpcPort(0));
    invariants = new StakingInvariants(net.rpcPort(0));
  });

  afterAll(async () => {
    await invariants?.checkUpTo();
    client?.disconnect();
    reader?.disconnect();
    if (joinerProc && joinerProc.child.exitCode === null && joinerProc.child.signalCode === null) {
      const exited = new Promise((r) => joinerProc?.child.once("exit", r));
      joinerProc.child.kill("SIGTERM");
      await exited;
    }
    await net.stop();
  });

  it("syncs as a full node", async () => {
    const target = await latestHeight(net.rpcPort(0));
    await waitForHeight(joiner.ports.rpc, target, 120_000);
    expect(Object.keys(await cometValidators(joiner.ports.rpc))).not.toContain(consensusKey);
  });

  it("becomes a validator with MsgCreateValidator: on every node's /validators at H+2, with power from its stake", async () => {
    const operator = toBech32(`${PREFIX}valoper`, fromBech32(carol).data);
    const msg = MsgCreateValidator.fromPartial({
      description: { moniker: "joiner", website: "https://example.org" },
      commission: { rate: "100000000000000000", maxRate: "200000000000000000", maxChangeRate: "10000000000000000" },
      minSelfDelegation: "1",
      validatorAddress: operator,
      pubkey: { typeUrl: "/cosmos.crypto.ed25519.PubKey", value: Ed25519PubKey.encode({ key: Buffer.from(consensusKey, "base64") }).finish() },
      value: { denom: DENOM, amount: STAKE.toString() },
    });
    const before = await balanceOf(reader, carol);
    const res = await client.signAndBroadcast(carol, [{ typeUrl: "/cosmos.staking.v1beta1.MsgCreateValidator", value: msg }], FEE);
    expect(res.code).toBe(0);
    expect(res.events.some((e) => e.type === "create_validator" && e.attributes.some((a) => a.key === "validator" && a.value === operator))).toBe(true);
    expect(await balanceOf(reader, carol)).toBe(before - STAKE - 10_000n);

    const h = res.height;
    for (const port of [net.rpcPort(0), joiner.ports.rpc]) {
      await waitForHeight(port, h + 2, 30_000);
      expect((await cometValidators(port, h + 1))[consensusKey]).toBeUndefined();
      expect((await cometValidators(port, h + 2))[consensusKey]).toBe(STAKE / 1_000_000n);
      expect(await cometValidators(port)).toEqual(expect.objectContaining({ [consensusKey]: STAKE / 1_000_000n }));
    }
    const v = (await allValidators(net.rpcPort(0))).find((x) => x.operatorAddress === operator);
    expect(v?.tokens).toBe(STAKE.toString());

    // It takes part in consensus: with half the power, every commit from H+2 on carries its signature.
    await waitFor(
      "a commit signed by the new validator",
      async () => {
        const height = await latestHeight(net.rpcPort(0));
        const c = await rpc<{ signed_header: { commit: { signatures: { validator_address: string; block_id_flag: number }[] } } }>(net.rpcPort(0), "commit", { height });
        return c.signed_header.commit.signatures.some((s) => s.validator_address === consensusAddress && s.block_id_flag === 2) ? true : undefined;
      },
      30_000,
    );
    await invariants.checkUpTo();
  });

  it("leaves the set when its stake is undelegated, and the tokens arrive after the unbonding time", async () => {
    const operator = toBech32(`${PREFIX}valoper`, fromBech32(carol).data);
    const before = await balanceOf(reader, carol);
    const res = await client.undelegateTokens(carol, operator, { denom: DENOM, amount: STAKE.toString() }, FEE);
    expect(res.code).toBe(0);
    const h = res.height;
    for (const port of [net.rpcPort(0), joiner.ports.rpc]) {
      await waitForHeight(port, h + 2, 30_000);
      expect((await cometValidators(port, h + 1))[consensusKey]).toBe(STAKE / 1_000_000n);
      expect((await cometValidators(port, h + 2))[consensusKey]).toBeUndefined();
    }
    const v = (await allValidators(net.rpcPort(0))).find((x) => x.operatorAddress === operator);
    expect(v?.tokens).toBe("0");
    // The undelegation paid carol's rewards on her self-delegation first (x/distribution).
    const rewards = withdrawnRewards(res, carol);
    expect(await balanceOf(reader, carol)).toBe(before - 10_000n + rewards);
    // Out of the commit from h + 3, the validator earns no more commission; once its unbonding is
    // over it is removed, and its commission (whole coins) is paid to carol with her stake.
    const commission = await abciQuery(net.rpcPort(0), "/cosmos.distribution.v1beta1.Query/ValidatorCommission", { validatorAddress: operator }, QueryValidatorCommissionRequest, QueryValidatorCommissionResponse, h + 2);
    const paid = BigInt(commission.commission?.commission.find((c) => c.denom === DENOM)?.amount ?? "0") / 10n ** 18n;
    await waitFor("the undelegated stake", async () => ((await balanceOf(reader, carol)) === before - 10_000n + rewards + STAKE + paid ? true : undefined), 60_000);
    expect((await allValidators(net.rpcPort(0))).some((x) => x.operatorAddress === operator)).toBe(false);
    // The network carries on with node0; the joiner keeps following it as a full node.
    const now = await latestHeight(net.rpcPort(0));
    await waitForHeight(joiner.ports.rpc, now + 1, 30_000);
    await invariants.checkUpTo();
  });
});
