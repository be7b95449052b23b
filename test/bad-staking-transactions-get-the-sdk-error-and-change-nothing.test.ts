import { fromBech32, toBech32 } from "@cosmjs/encoding";
import type { EncodeObject } from "@cosmjs/proto-signing";
import type { SigningStargateClient, StargateClient } from "@cosmjs/stargate";
import {
  QueryDelegatorDelegationsRequest,
  QueryDelegatorDelegationsResponse,
  QueryDelegatorUnbondingDelegationsRequest,
  QueryDelegatorUnbondingDelegationsResponse,
  QueryPoolRequest,
  QueryPoolResponse,
  QueryRedelegationsRequest,
  QueryRedelegationsResponse,
} from "cosmjs-types/cosmos/staking/v1beta1/query";
import { BondStatus, type Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { MsgBeginRedelegate, MsgCreateValidator, MsgDelegate, MsgEditValidator, MsgUndelegate } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { Testnet } from "./helpers/testnet";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, balanceOf, DENOM, directWallet, PREFIX, queryClient, signingClient } from "./helpers/clients";
import { waitForHeight } from "./helpers/rpc";
import { committedResult } from "./helpers/tx";
import { abciQuery, allValidators, cometValidators, consensusKeyOf, StakingInvariants, stakingGenesis } from "./helpers/staking";

/**
 * Staking messages the chain must refuse, each with the SDK's codespace, code and log, in its
 * block (staking messages have no ValidateBasic in v0.50, so CheckTx accepts them): the sender pays
 * the fee and its sequence moves on, and nothing else changes (validators, the sender's
 * delegations, unbondings and redelegations, the pools). The genesis is two days old so that
 * commission changes are allowed at all (at most one per 24h since the validator's creation).
 */
const FEE = { amount: [{ denom: DENOM, amount: "10000" }], gas: "400000" };
const S = "/cosmos.staking.v1beta1.";
const dec = (x: string): string => (BigInt(Math.round(Number(x) * 1e6)) * 10n ** 12n).toString();

describe("bad staking transactions", () => {
  let net: Testnet;
  let reader: StargateClient;
  const clients = new Map<string, SigningStargateClient>();
  const addresses = new Map<string, string>();
  let v: [string, string, string];
  let invariants: StakingInvariants;

  beforeAll(async () => {
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString();
    net = await Testnet.create(3, {
      users: ["alice"],
      mnemonics: testMnemonics(["validator0", "validator1", "validator2", "alice"]),
      editGenesis: stakingGenesis({ maxEntries: 2, unbondingTime: "600s" }),
      genesisTime: twoDaysAgo,
    });
    net.startAll();
    await waitForHeight(net.rpcPort(0), 2, 120_000);
    for (const name of ["alice", "validator0", "validator1", "validator2"]) {
      const wallet = await directWallet(name);
      addresses.set(name, await addressOf(wallet));
      clients.set(name, await signingClient(net.rpcPort(0), wallet));
    }
    reader = await queryClient(net.rpcPort(0));
    v = net.layout.nodes.map((n) => n.operator as string) as [string, string, string];
    invariants = new StakingInvariants(net.rpcPort(0));
    // Preconditions: alice delegates to v0 (10 PLUME).
    const ok = await send("alice", { typeUrl: `${S}MsgDelegate`, value: MsgDelegate.fromPartial({ delegatorAddress: addr("alice"), validatorAddress: v[0], amount: { denom: DENOM, amount: "10000000" } }) });
    expect(ok.code).toBe(0);
  });

  afterAll(async () => {
    await invariants?.checkUpTo();
    for (const c of clients.values()) c.disconnect();
    reader?.disconnect();
    await net.stop();
  });

  const addr = (name: string): string => addresses.get(name) as string;
  const send = (name: string, msg: EncodeObject) => (clients.get(name) as SigningStargateClient).signAndBroadcast(addr(name), [msg], FEE);

  async function snapshot(): Promise<unknown> {
    const port = net.rpcPort(0);
    const alice = addr("alice");
    return {
      validators: await allValidators(port),
      delegations: (await abciQuery(port, `${S}Query/DelegatorDelegations`, QueryDelegatorDelegationsRequest.fromPartial({ delegatorAddr: alice }), QueryDelegatorDelegationsRequest, QueryDelegatorDelegationsResponse)).delegationResponses,
      unbonding: (await abciQuery(port, `${S}Query/DelegatorUnbondingDelegations`, QueryDelegatorUnbondingDelegationsRequest.fromPartial({ delegatorAddr: alice }), QueryDelegatorUnbondingDelegationsRequest, QueryDelegatorUnbondingDelegationsResponse)).unbondingResponses,
      redelegations: (await abciQuery(port, `${S}Query/Redelegations`, QueryRedelegationsRequest.fromPartial({ delegatorAddr: alice }), QueryRedelegationsRequest, QueryRedelegationsResponse)).redelegationResponses,
      pool: await abciQuery(port, `${S}Query/Pool`, QueryPoolRequest.fromPartial({}), QueryPoolRequest, QueryPoolResponse),
    };
  }

  /** Sends `msg`, expects the block to refuse it as the SDK does, and nothing but fee and sequence to change. */
  async function expectRefused(name: string, msg: EncodeObject, codespace: string, code: number, log: RegExp): Promise<void> {
    const before = { state: await snapshot(), balance: await balanceOf(reader, addr(name)), sequence: (await reader.getAccount(addr(name)))?.sequence ?? 0 };
    const res = await send(name, msg);
    const result = await committedResult(net.rpcPort(0), res.transactionHash);
    expect({ code: result.code, codespace: result.codespace }).toEqual({ code, codespace });
    expect(result.log).toMatch(log);
    expect(await snapshot()).toEqual(before.state);
    expect(await balanceOf(reader, addr(name))).toBe(before.balance - 10_000n);
    expect((await reader.getAccount(addr(name)))?.sequence).toBe(before.sequence + 1);
    await invariants.checkUpTo();
  }

  const delegate = (validator: string, amount: string, denom = DENOM): EncodeObject => ({
    typeUrl: `${S}MsgDelegate`,
    value: MsgDelegate.fromPartial({ delegatorAddress: addr("alice"), validatorAddress: validator, amount: { denom, amount } }),
  });
  const undelegate = (validator: string, amount: string): EncodeObject => ({
    typeUrl: `${S}MsgUndelegate`,
    value: MsgUndelegate.fromPartial({ delegatorAddress: addr("alice"), validatorAddress: validator, amount: { denom: DENOM, amount } }),
  });
  const redelegate = (src: string, dst: string, amount: string): EncodeObject => ({
    typeUrl: `${S}MsgBeginRedelegate`,
    value: MsgBeginRedelegate.fromPartial({ delegatorAddress: addr("alice"), validatorSrcAddress: src, validatorDstAddress: dst, amount: { denom: DENOM, amount } }),
  });
  const edit = (operator: string, fields: { rate?: string; minSelfDelegation?: string }): EncodeObject => ({
    typeUrl: `${S}MsgEditValidator`,
    value: MsgEditValidator.fromPartial({
      validatorAddress: operator,
      description: { moniker: "[do-not-modify]", identity: "[do-not-modify]", website: "[do-not-modify]", securityContact: "[do-not-modify]", details: "[do-not-modify]" },
      commissionRate: fields.rate === undefined ? "" : dec(fields.rate),
      minSelfDelegation: fields.minSelfDelegation ?? "",
    }),
  });
  const createValidator = (name: string, pubkey: Validator["consensusPubkey"], amount: string, minSelfDelegation = "1"): EncodeObject => ({
    typeUrl: `${S}MsgCreateValidator`,
    value: MsgCreateValidator.fromPartial({
      description: { moniker: name },
      commission: { rate: dec("0.1"), maxRate: dec("0.2"), maxChangeRate: dec("0.01") },
      minSelfDelegation,
      validatorAddress: toBech32(`${PREFIX}valoper`, fromBech32(addr(name)).data),
      pubkey,
      value: { denom: DENOM, amount },
    }),
  });

  it("delegating to a validator that does not exist: staking/3", async () => {
    await expectRefused("alice", delegate(toBech32(`${PREFIX}valoper`, new Uint8Array(20).fill(7)), "1000"), "staking", 3, /^failed to execute message; message index: 0: validator does not exist$/);
  });

  it("delegating another denom than the bond denom: sdk/18", async () => {
    await expectRefused("alice", delegate(v[0], "1000", "stake"), "sdk", 18, /invalid coin denomination: got stake, expected uplume: invalid request$/);
  });

  it("delegating more than the balance: sdk/5", async () => {
    await expectRefused("alice", delegate(v[0], "9000000000000"), "sdk", 5, /failed to delegate; \d+uplume is smaller than 9000000000000uplume: insufficient funds$/);
  });

  it("redelegating to the same validator: staking/29", async () => {
    await expectRefused("alice", redelegate(v[0], v[0], "1000"), "staking", 29, /cannot redelegate to the same validator$/);
  });

  it("a transitive redelegation (from a validator the delegator is still redelegating into): staking/32", async () => {
    expect((await send("alice", redelegate(v[0], v[1], "2000000"))).code).toBe(0);
    await expectRefused("alice", redelegate(v[1], v[2], "1000000"), "staking", 32, /redelegation to this validator already in progress; first redelegation to this validator must complete before next redelegation$/);
  });

  it("more unbonding or redelegation entries than max_entries (2): staking/27 and staking/33", async () => {
    // Entries of different blocks are separate (same height and completion time would merge).
    expect((await send("alice", undelegate(v[0], "1000"))).code).toBe(0);
    expect((await send("alice", undelegate(v[0], "1000"))).code).toBe(0);
    await expectRefused("alice", undelegate(v[0], "1000"), "staking", 27, /too many unbonding delegation entries for \(delegator, validator\) tuple$/);
    expect((await send("alice", redelegate(v[0], v[1], "1000"))).code).toBe(0);
    await expectRefused("alice", redelegate(v[0], v[1], "1000"), "staking", 33, /too many redelegation entries for \(delegator, src-validator, dst-validator\) tuple$/);
  });

  it("a commission above the max rate: staking/11; a second change within 24h: staking/12", async () => {
    await expectRefused("validator0", edit(v[0], { rate: "0.25" }), "staking", 11, /commission cannot be more than the max rate$/);
    await expectRefused("validator0", edit(v[0], { rate: "0.12" }), "staking", 15, /commission cannot be changed more than max change rate$/);
    const ok = await send("validator0", edit(v[0], { rate: "0.11" }));
    expect(ok.code).toBe(0);
    await expectRefused("validator0", edit(v[0], { rate: "0.105" }), "staking", 12, /commission cannot be changed more than once in 24h$/);
  });

  it("a min self delegation above the operator's stake (staking/16) or lowered (staking/17)", async () => {
    await expectRefused("validator1", edit(v[1], { minSelfDelegation: "200000000000" }), "staking", 16, /validator's self delegation must be greater than their minimum self delegation$/);
    await expectRefused("validator1", edit(v[1], { minSelfDelegation: "1" }), "staking", 17, /minimum self delegation cannot be decrease$/);
    await expectRefused("alice", createValidator("alice", (await allValidators(net.rpcPort(0)))[0]?.consensusPubkey, "1000", "2000"), "staking", 16, /validator's self delegation must be greater than their minimum self delegation$/);
  });

  it("a second validator with the same consensus key (staking/5), or for the same operator (staking/4)", async () => {
    const taken = (await allValidators(net.rpcPort(0))).find((x) => x.operatorAddress === v[0]) as Validator;
    await expectRefused("alice", createValidator("alice", taken.consensusPubkey, "5000000"), "staking", 5, /validator already exist for this pubkey; must use new validator pubkey$/);
    await expectRefused("validator1", createValidator("validator1", taken.consensusPubkey, "5000000"), "staking", 4, /validator already exist for this operator address; must use new validator operator address$/);
  });

  it("an operator unbonding below its min self delegation is not refused: the validator is jailed and leaves the set", async () => {
    expect((await send("validator2", edit(v[2], { minSelfDelegation: "100000000" }))).code).toBe(0);
    const res = await send("validator2", { typeUrl: `${S}MsgUndelegate`, value: MsgUndelegate.fromPartial({ delegatorAddress: addr("validator2"), validatorAddress: v[2], amount: { denom: DENOM, amount: "1" } }) });
    expect(res.code).toBe(0);
    const jailed = (await allValidators(net.rpcPort(0), res.height)).find((x) => x.operatorAddress === v[2]) as Validator;
    expect({ jailed: jailed.jailed, status: jailed.status }).toEqual({ jailed: true, status: BondStatus.BOND_STATUS_UNBONDING });
    await waitForHeight(net.rpcPort(0), res.height + 2);
    expect(await cometValidators(net.rpcPort(0), res.height + 2)).not.toHaveProperty(consensusKeyOf(jailed));
    await invariants.checkUpTo();
  });
});
