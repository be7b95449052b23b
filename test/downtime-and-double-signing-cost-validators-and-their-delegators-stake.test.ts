/**
 * x/slashing and x/evidence on a real 4-validator network (real CometBFT, real cosmjs), one network
 * for both offences, kept short: a 10-block window of which 30% must be signed (a stopped validator
 * is punished at its 8th miss; a running node of a loaded machine may miss a few commits, not 8 of
 * 10), 30 s in jail (served while the double sign is tested), 20 s unbonding.
 *
 * - Downtime: validator 3's node is stopped. Within the window it is slashed
 *   slash_fraction_downtime of its power at the infraction, jailed, and leaves CometBFT's set two
 *   blocks later; its delegator's stake falls with it and the supply by what was burned. An unjail
 *   in jail is refused (slashing/4); after jailed_until it is accepted (signed in amino JSON with
 *   cosmjs) and the validator comes back.
 * - Double sign: validator 1 signs two conflicting precommits with its priv_validator_key.json;
 *   they reach CometBFT as DuplicateVoteEvidence through broadcast_evidence, CometBFT verifies them
 *   and puts them in a block, and the app slashes slash_fraction_double_sign at infraction - 1,
 *   including an undelegation and a redelegation made after the infraction, jails and tombstones
 *   the validator; unjail is refused for good; `plumed query evidence list` shows the evidence.
 * - Bad unjails change nothing but fee and sequence.
 * Staking's and slashing's invariants are checked at every height.
 */
import { toBech32 } from "@cosmjs/encoding";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { Registry } from "@cosmjs/proto-signing";
import { AminoTypes, QueryClient, SigningStargateClient, GasPrice, createDefaultAminoConverters, defaultRegistryTypes, setupSlashingExtension, setupStakingExtension, type DeliverTxResponse, type StakingExtension } from "@cosmjs/stargate";
import { Comet38Client } from "@cosmjs/tendermint-rpc";
import { MsgUnjail, MsgUpdateParams } from "cosmjs-types/cosmos/slashing/v1beta1/tx";
import { MsgBeginRedelegate, MsgDelegate, MsgUndelegate } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { fromBech32 } from "@cosmjs/encoding";
import { unjailAminoConverter } from "../cmd/plumed/tx/slashing-amino";
import { Testnet } from "./helpers/testnet";
import { testMnemonic, testMnemonics } from "./helpers/accounts";
import { addressOf, balanceOf, DENOM, PREFIX, directWallet, queryClient } from "./helpers/clients";
import { broadcastDoubleSign, readPrivValidatorKey } from "./helpers/double-sign";
import { latestHeight, rpc, waitFor, waitForHeight } from "./helpers/rpc";
import { SlashingInvariants } from "./helpers/slashing";
import { StakingInvariants, abciQuery, stakingGenesis } from "./helpers/staking";
import { QuerySupplyOfRequest, QuerySupplyOfResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { plumed } from "../cmd/plumed/client/testing/run-cli";
import { committedResult } from "./helpers/tx";
import type { StargateClient } from "@cosmjs/stargate";
import { rewardsPaidIn } from "./helpers/distribution";

const FEE = { amount: [{ denom: DENOM, amount: "10000" }], gas: "400000" };
const FEE_AMOUNT = 10_000n;
const JAIL_SECONDS = 30n;
const WINDOW = 10n;
const ONE = 10n ** 18n;

const registry = new Registry([
  ...defaultRegistryTypes,
  ["/cosmos.slashing.v1beta1.MsgUnjail", MsgUnjail],
  ["/cosmos.slashing.v1beta1.MsgUpdateParams", MsgUpdateParams],
]);
const dec = (s: string): Uint8Array => new TextEncoder().encode((BigInt(s.replace(".", "")) * 10n ** BigInt(18 - (s.split(".")[1] ?? "").length)).toString());

interface BlockEvent {
  readonly type: string;
  readonly attributes: readonly { key: string; value: string }[];
}

const attrs = (e: BlockEvent): Record<string, string> => Object.fromEntries(e.attributes.map((a) => [a.key, a.value]));

/** The first height from `from` whose FinalizeBlock events hold a `slash` event matching `match`. */
async function findSlash(port: number, from: number, match: (a: Record<string, string>) => boolean): Promise<{ height: number; attributes: Record<string, string> }> {
  return waitFor(
    "the slash event",
    async () => {
      const latest = await latestHeight(port);
      for (let h = from; h <= latest; h++) {
        const r = await rpc<{ finalize_block_events: BlockEvent[] | null }>(port, "block_results", { height: h });
        const e = (r.finalize_block_events ?? []).find((x) => x.type === "slash" && match(attrs(x)));
        if (e !== undefined) return { height: h, attributes: attrs(e) };
        from = h + 1;
      }
      return undefined;
    },
    120_000,
    500,
  );
}

/** CometBFT's set at a height: {address (hex): power}. */
async function cometSet(port: number, height: number): Promise<Record<string, string>> {
  const r = await rpc<{ validators: { address: string; voting_power: string }[] }>(port, "validators", { height, per_page: 100 });
  return Object.fromEntries(r.validators.map((v) => [v.address, v.voting_power]));
}

describe("downtime and double-signing cost validators and their delegators stake", () => {
  let net: Testnet;
  let alice: string;
  let aliceClient: SigningStargateClient;
  let reader: StargateClient;
  let comet: Comet38Client;
  let q: QueryClient & StakingExtension & ReturnType<typeof setupSlashingExtension>;
  let ops: string[];
  let staking: StakingInvariants;
  let slashing: SlashingInvariants;

  const supply = async (height = 0): Promise<bigint> =>
    BigInt((await abciQuery(net.rpcPort(0), "/cosmos.bank.v1beta1.Query/SupplyOf", QuerySupplyOfRequest.fromPartial({ denom: DENOM }), QuerySupplyOfRequest, QuerySupplyOfResponse, height)).amount?.amount ?? "0");
  /** What x/mint added to the supply in block h's BeginBlock (its `mint` event). */
  const minted = async (height: number): Promise<bigint> => {
    const e = (await comet.blockResults(height)).finalizeBlockEvents.find((x) => x.type === "mint");
    return BigInt(e?.attributes.find((a) => a.key === "amount")?.value ?? "0");
  };
  const validator = async (i: number) => (await q.staking.validator(ops[i] as string)).validator;
  const signer = async (name: string): Promise<SigningStargateClient> =>
    SigningStargateClient.connectWithSigner(`http://127.0.0.1:${net.rpcPort(0)}`, await directWallet(name), { registry, gasPrice: GasPrice.fromString(`0.025${DENOM}`), broadcastPollIntervalMs: 250, broadcastTimeoutMs: 60_000 });
  /** codespace/code and log of a committed tx, from CometBFT's tx index. */
  const outcome = async (r: DeliverTxResponse): Promise<[string, string]> => {
    const c = await committedResult(net.rpcPort(0), r.transactionHash);
    return [`${c.codespace}/${c.code}`, c.log];
  };
  const unjail = async (client: SigningStargateClient, i: number): Promise<DeliverTxResponse> => {
    const op = ops[i] as string;
    const from = toBech32(PREFIX, fromBech32(op).data);
    return client.signAndBroadcast(from, [{ typeUrl: "/cosmos.slashing.v1beta1.MsgUnjail", value: MsgUnjail.fromPartial({ validatorAddr: op }) }], FEE);
  };

  beforeAll(async () => {
    const names = ["validator0", "validator1", "validator2", "validator3", "alice"];
    alice = await addressOf(await directWallet("alice"));
    net = await Testnet.create(4, { users: ["alice"], mnemonics: testMnemonics(names), editGenesis: stakingGenesis({ unbondingTime: "20s", cap: "0" }) });
    // alice is the governance authority here (chain/test-hooks.ts), on every node alike.
    for (let i = 0; i < 4; i++) net.start(i, { PLUMED_TEST_AUTHORITY: alice });
    await waitForHeight(net.rpcPort(0), 2, 120_000);
    ops = net.layout.nodes.map((n) => n.operator as string);
    aliceClient = await signer("alice");
    reader = await queryClient(net.rpcPort(0));
    comet = await Comet38Client.connect(`http://127.0.0.1:${net.rpcPort(0)}`);
    q = QueryClient.withExtensions(comet, setupStakingExtension, setupSlashingExtension);
    staking = new StakingInvariants(net.rpcPort(0));
    slashing = new SlashingInvariants(net.rpcPort(0));
  });

  afterAll(async () => {
    aliceClient?.disconnect();
    reader?.disconnect();
    comet?.disconnect();
    await net?.stop();
  });

  it("sets a short window by MsgUpdateParams (the authority's) and delegates to validators 1 and 3", async () => {
    const params = {
      signedBlocksWindow: WINDOW,
      minSignedPerWindow: dec("0.3"),
      downtimeJailDuration: { seconds: JAIL_SECONDS, nanos: 0 },
      slashFractionDoubleSign: dec("0.05"),
      slashFractionDowntime: dec("0.01"),
    };
    const r = await aliceClient.signAndBroadcast(
      alice,
      [
        { typeUrl: "/cosmos.slashing.v1beta1.MsgUpdateParams", value: MsgUpdateParams.fromPartial({ authority: alice, params }) },
        { typeUrl: "/cosmos.staking.v1beta1.MsgDelegate", value: MsgDelegate.fromPartial({ delegatorAddress: alice, validatorAddress: ops[3], amount: { denom: DENOM, amount: "7654321" } }) },
        { typeUrl: "/cosmos.staking.v1beta1.MsgDelegate", value: MsgDelegate.fromPartial({ delegatorAddress: alice, validatorAddress: ops[1], amount: { denom: DENOM, amount: "5000000" } }) },
        { typeUrl: "/cosmos.staking.v1beta1.MsgDelegate", value: MsgDelegate.fromPartial({ delegatorAddress: alice, validatorAddress: ops[0], amount: { denom: DENOM, amount: "1000000" } }) },
      ],
      { amount: [{ denom: DENOM, amount: "20000" }], gas: "800000" },
    );
    expect(r.code).toBe(0);
    const p = (await q.slashing.params()).params;
    expect([p?.signedBlocksWindow, p?.downtimeJailDuration]).toEqual([WINDOW, { seconds: JAIL_SECONDS, nanos: 0 }]);
    // The powers take effect two blocks later.
    await waitForHeight(net.rpcPort(0), r.height + 2, 60_000);
    const infos = (await q.slashing.signingInfos()).info;
    expect(infos).toHaveLength(4);
    expect(infos.every((i: { startHeight: bigint; tombstoned: boolean }) => i.startHeight === 0n && !i.tombstoned)).toBe(true);
    await staking.checkUpTo();
    await slashing.checkUpTo();
  });

  it("slashes and jails a stopped validator for downtime: 1% of its power at the infraction, its delegator and the supply alike", async () => {
    const v3 = await validator(3);
    const aliceBefore = (await q.staking.delegation(alice, ops[3] as string)).delegationResponse;
    const valcons3 = toBech32(`${PREFIX}valcons`, Buffer.from(readPrivValidatorKey(net.layout.nodes[3]?.home as string).address, "hex"));
    const address3 = readPrivValidatorKey(net.layout.nodes[3]?.home as string).address;
    const stopHeight = await latestHeight(net.rpcPort(0));
    await net.stopNode(3);

    const slash = await findSlash(net.rpcPort(0), stopHeight, (a) => a["address"] === valcons3 && a["reason"] === "missing_signature");
    const H = slash.height;
    // The vote's power: validator 3's in the set that signed block H - 1.
    const power = BigInt((await cometSet(net.rpcPort(0), H - 1))[address3] ?? "0");
    expect(power).toBe(107n);
    const burned = (power * 1_000_000n * 1n) / 100n; // trunc(tokens of its power * 0.01)
    expect(slash.attributes).toEqual({ address: valcons3, power: power.toString(), reason: "missing_signature", jailed: valcons3, burned_coins: burned.toString(), mode: "BeginBlock" });

    const after = await validator(3);
    expect(after?.jailed).toBe(true);
    expect(BigInt(after?.tokens ?? "0")).toBe(BigInt(v3?.tokens ?? "0") - burned);
    // alice's delegation: her shares are worth tokens * shares / total shares, truncated.
    const shares = BigInt(aliceBefore?.delegation?.shares ?? "0");
    const expected = (BigInt(after?.tokens ?? "0") * shares) / BigInt(after?.delegatorShares ?? "1");
    expect(BigInt((await q.staking.delegation(alice, ops[3] as string)).delegationResponse?.balance?.amount ?? "0")).toBe(expected);
    expect(expected).toBeLessThan(BigInt(aliceBefore?.balance?.amount ?? "0"));
    expect(await supply(H)).toBe((await supply(H - 1)) + (await minted(H)) - burned);

    // CometBFT: still in the set at H + 1, gone at H + 2.
    await waitForHeight(net.rpcPort(0), H + 2, 60_000);
    expect(Object.keys(await cometSet(net.rpcPort(0), H + 1))).toContain(address3);
    expect(Object.keys(await cometSet(net.rpcPort(0), H + 2))).not.toContain(address3);

    const info = (await q.slashing.signingInfo(valcons3)).valSigningInfo;
    expect([info?.missedBlocksCounter, info?.indexOffset, info?.tombstoned]).toEqual([0n, 0n, false]);
    const block = await rpc<{ block: { header: { time: string } } }>(net.rpcPort(0), "block", { height: H });
    expect(info?.jailedUntil.seconds).toBe(BigInt(Math.floor(Date.parse(block.block.header.time) / 1000)) + JAIL_SECONDS);
  });

  it("refuses an unjail in jail (slashing/4) and other bad unjails with the SDK's codes, charging only fee and sequence", async () => {
    const v3client = await signer("validator3");
    try {
      const operator3 = toBech32(PREFIX, fromBech32(ops[3] as string).data);
      const before = await balanceOf(reader, operator3);
      const seq = (await reader.getAccount(operator3))?.sequence ?? 0;
      const tooEarly = await unjail(v3client, 3);
      expect(await outcome(tooEarly)).toEqual(["slashing/4", "failed to execute message; message index: 0: validator still jailed; cannot be unjailed"]);
      expect(await balanceOf(reader, operator3)).toBe(before - FEE_AMOUNT);
      expect((await reader.getAccount(operator3))?.sequence).toBe(seq + 1);
      expect((await validator(3))?.jailed).toBe(true);
    } finally {
      v3client.disconnect();
    }
    // Node 3 comes back and catches up while it serves its time.
    net.start(3, { PLUMED_TEST_AUTHORITY: alice });

    // Not jailed: slashing/5.
    const v2client = await signer("validator2");
    try {
      const notJailed = await unjail(v2client, 2);
      expect(await outcome(notJailed)).toEqual(["slashing/5", "failed to execute message; message index: 0: validator not jailed; cannot be unjailed"]);
    } finally {
      v2client.disconnect();
    }
    // Not a validator at all: staking/3, as on a Go v0.50 node (its Unjail asks staking's getter).
    const aliceValoper = toBech32(`${PREFIX}valoper`, fromBech32(alice).data);
    const noValidator = await aliceClient.signAndBroadcast(alice, [{ typeUrl: "/cosmos.slashing.v1beta1.MsgUnjail", value: MsgUnjail.fromPartial({ validatorAddr: aliceValoper }) }], FEE);
    expect(await outcome(noValidator)).toEqual(["staking/3", "failed to execute message; message index: 0: validator does not exist"]);
    await staking.checkUpTo();
    await slashing.checkUpTo();
  });

  it("punishes a real double sign: slashed 5% at infraction - 1 with the undelegation and redelegation made after it, jailed, tombstoned for good", async () => {
    const home1 = net.layout.nodes[1]?.home as string;
    const address1 = readPrivValidatorKey(home1).address;
    const valcons1 = toBech32(`${PREFIX}valcons`, Buffer.from(address1, "hex"));
    // The infraction: a height at which alice's 5,000,000 are behind validator 1.
    const infraction = await latestHeight(net.rpcPort(0));
    await waitForHeight(net.rpcPort(0), infraction + 1, 60_000);
    // After it, alice starts to leave: 2,000,000 unbonding, 1,000,000 redelegated to validator 0.
    const leave = await aliceClient.signAndBroadcast(
      alice,
      [
        { typeUrl: "/cosmos.staking.v1beta1.MsgUndelegate", value: MsgUndelegate.fromPartial({ delegatorAddress: alice, validatorAddress: ops[1], amount: { denom: DENOM, amount: "2000000" } }) },
        { typeUrl: "/cosmos.staking.v1beta1.MsgBeginRedelegate", value: MsgBeginRedelegate.fromPartial({ delegatorAddress: alice, validatorSrcAddress: ops[1], validatorDstAddress: ops[0], amount: { denom: DENOM, amount: "1000000" } }) },
      ],
      { amount: [{ denom: DENOM, amount: "20000" }], gas: "800000" },
    );
    expect(leave.code).toBe(0);
    const aliceToV0 = BigInt((await q.staking.delegation(alice, ops[0] as string)).delegationResponse?.delegation?.shares ?? "0");
    const v1Before = await validator(1);
    const balanceBefore = await balanceOf(reader, alice);

    const evidence = await broadcastDoubleSign({ rpcPort: net.rpcPort(0), chainId: net.layout.chainId, home: home1, height: infraction });
    expect(evidence.validatorPower).toBe(105n);
    const slash = await findSlash(net.rpcPort(0), leave.height, (a) => a["address"] === valcons1 && a["reason"] === "double_sign");
    const total = (105n * 1_000_000n * 5n) / 100n; // 5,250,000
    const fromEntries = (2_000_000n * 5n) / 100n + (1_000_000n * 5n) / 100n; // 100,000 + 50,000
    expect(slash.attributes).toEqual({ address: valcons1, power: "105", reason: "double_sign", burned_coins: (total - fromEntries).toString(), mode: "BeginBlock" });
    expect(BigInt((await validator(1))?.tokens ?? "0")).toBe(BigInt(v1Before?.tokens ?? "0") - (total - fromEntries));
    // The unbonding entry pays 5% of its initial balance; the redelegation 5% of its shares at validator 0.
    const entry = (await q.staking.unbondingDelegation(alice, ops[1] as string)).unbond?.entries[0];
    expect([entry?.initialBalance, entry?.balance]).toEqual(["2000000", "1900000"]);
    expect(BigInt((await q.staking.delegation(alice, ops[0] as string)).delegationResponse?.delegation?.shares ?? "0")).toBe(aliceToV0 - (1_000_000n * ONE * 5n) / 100n);
    expect(await supply(slash.height)).toBe((await supply(slash.height - 1)) + (await minted(slash.height)) - total);

    const info = (await q.slashing.signingInfo(valcons1)).valSigningInfo;
    expect([info?.tombstoned, info?.jailedUntil]).toEqual([true, { seconds: 253402300799n, nanos: 0 }]);
    expect((await validator(1))?.jailed).toBe(true);
    await waitForHeight(net.rpcPort(0), slash.height + 2, 60_000);
    expect(Object.keys(await cometSet(net.rpcPort(0), slash.height + 2))).not.toContain(address1);

    // `plumed query evidence list` shows it.
    const list = await plumed(["query", "evidence", "list", "--node", `tcp://127.0.0.1:${net.rpcPort(0)}`, "-o", "json"]);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { evidence: Record<string, string>[] }).evidence).toEqual([
      { "@type": "/cosmos.evidence.v1beta1.Equivocation", height: String(infraction), time: expect.any(String), power: "105", consensus_address: valcons1 },
    ]);

    // Never again: unjail refused (tombstoned), even after the jail duration.
    const v1client = await signer("validator1");
    try {
      const refused = await unjail(v1client, 1);
      expect((await outcome(refused))[0]).toBe("slashing/4");
    } finally {
      v1client.disconnect();
    }
    // Slashing the redelegation unbonded part of alice's delegation to validator 0, which paid
    // her rewards there first (x/distribution's hook, as on a Go node).
    const paidInSlash = rewardsPaidIn((await comet.blockResults(slash.height)).finalizeBlockEvents, alice);
    // The undelegation matures (20 s) and returns what was left of it: 1,900,000.
    await waitFor("the slashed undelegation to mature", async () => ((await balanceOf(reader, alice)) === balanceBefore + paidInSlash + 1_900_000n ? true : undefined), 90_000, 500);
    await staking.checkUpTo();
    await slashing.checkUpTo();
  });

  it("lets the downtime-jailed validator out after jailed_until (MsgUnjail signed in amino JSON) and back into the set", async () => {
    // Node 3 has caught up.
    await waitFor("node 3 to catch up", async () => ((await latestHeight(net.rpcPort(3)).catch(() => 0)) >= (await latestHeight(net.rpcPort(0))) - 1 ? true : undefined), 120_000, 500);
    const valcons3 = toBech32(`${PREFIX}valcons`, Buffer.from(readPrivValidatorKey(net.layout.nodes[3]?.home as string).address, "hex"));
    const until = (await q.slashing.signingInfo(valcons3)).valSigningInfo?.jailedUntil.seconds ?? 0n;
    await waitFor(
      "a block past jailed_until",
      async () => {
        const b = await rpc<{ block: { header: { time: string } } }>(net.rpcPort(0), "block");
        return BigInt(Math.floor(Date.parse(b.block.header.time) / 1000)) > until ? true : undefined;
      },
      60_000,
      500,
    );
    const wallet = await Secp256k1HdWallet.fromMnemonic(testMnemonic("validator3"), { prefix: PREFIX });
    const client = await SigningStargateClient.connectWithSigner(`http://127.0.0.1:${net.rpcPort(0)}`, wallet, {
      registry,
      aminoTypes: new AminoTypes({ ...createDefaultAminoConverters(), ...unjailAminoConverter }),
      broadcastPollIntervalMs: 250,
      broadcastTimeoutMs: 60_000,
    });
    try {
      const ok = await unjail(client, 3);
      expect(ok.code).toBe(0);
      expect((await validator(3))?.jailed).toBe(false);
      const address3 = readPrivValidatorKey(net.layout.nodes[3]?.home as string).address;
      await waitForHeight(net.rpcPort(0), ok.height + 2, 60_000);
      const power = (await cometSet(net.rpcPort(0), ok.height + 2))[address3];
      expect(power).toBe((BigInt((await validator(3))?.tokens ?? "0") / 1_000_000n).toString());
    } finally {
      client.disconnect();
    }
    const infos = (await q.slashing.signingInfos()).info;
    expect(infos.filter((i: { tombstoned: boolean }) => i.tombstoned)).toHaveLength(1);
    await staking.checkUpTo();
    await slashing.checkUpTo();
    expect(slashing.checkedHeights.length).toBeGreaterThan(20);
  });
});
