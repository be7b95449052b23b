/**
 * Test harness for x/gov (not production code): x/staking's harness (in-memory stores, fake bank
 * and auth) with a gov keeper over the same multistore, its staking hooks registered as the app
 * registers them, a message router holding staking's and gov's handlers (what proposals may carry),
 * and blocks that run gov's EndBlock before staking's.
 */
import { VoteOption, type Params } from "cosmjs-types/cosmos/gov/v1/gov";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { MsgUpdateParams as StakingMsgUpdateParams } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { AuthorityMsgExecutor } from "../../app/authority-msgs";
import type { Context } from "../../app/context";
import { EventManager, type AppEvent } from "../../app/events";
import { Coin, Coins, Dec, Int } from "../../app/math";
import type { MsgHandlerDef, MsgResponse } from "../../app/module";
import { MsgRouter } from "../../app/msg-router";
import { BOND_DENOM, GOV_AUTHORITY, Harness, addresses, type TxResult } from "../staking/harness.fixture";
import { StakingHooksRegistry } from "../staking/hooks";
import type { StakingKeeper } from "../staking/keeper";
import { stakingMsgHandlers } from "../staking/msg-server";
import { defaultGovGenesis, initGovGenesis } from "./genesis";
import { govStakingHooks } from "./hooks";
import { GovKeeper, type GovKeeperOptions } from "./keeper";
import { govMsgHandlers, type GovMsgHandlers } from "./msg-server";
import { defaultGovParams } from "./params";
import { sdkTallySums, type SdkTallyValidator, type SdkTallyVoter, type TallySums } from "./tally";

export { GOV_AUTHORITY, BOND_DENOM, addresses };

/** Short periods for tests: deposit 100 s, voting 60 s, expedited 30 s; min deposit 1000stake. */
export function testGovParams(overrides: Partial<Params> = {}): Params {
  return {
    ...defaultGovParams(BOND_DENOM),
    minDeposit: [{ denom: BOND_DENOM, amount: "1000" }],
    expeditedMinDeposit: [{ denom: BOND_DENOM, amount: "5000" }],
    maxDepositPeriod: { seconds: 100n, nanos: 0 },
    votingPeriod: { seconds: 60n, nanos: 0 },
    expeditedVotingPeriod: { seconds: 30n, nanos: 0 },
    ...overrides,
  };
}

/** Vote options the tally tests pick from: each option alone and three split votes. */
export const VOTE_WEIGHTS: readonly (readonly [VoteOption, string][])[] = [
  [[VoteOption.VOTE_OPTION_YES, "1"]],
  [[VoteOption.VOTE_OPTION_NO, "1"]],
  [[VoteOption.VOTE_OPTION_ABSTAIN, "1"]],
  [[VoteOption.VOTE_OPTION_NO_WITH_VETO, "1"]],
  [
    [VoteOption.VOTE_OPTION_YES, "0.5"],
    [VoteOption.VOTE_OPTION_NO, "0.5"],
  ],
  [
    [VoteOption.VOTE_OPTION_YES, "0.3"],
    [VoteOption.VOTE_OPTION_ABSTAIN, "0.7"],
  ],
  [
    [VoteOption.VOTE_OPTION_YES, "0.1"],
    [VoteOption.VOTE_OPTION_ABSTAIN, "0.2"],
    [VoteOption.VOTE_OPTION_NO, "0.3"],
    [VoteOption.VOTE_OPTION_NO_WITH_VETO, "0.4"],
  ],
];

/** The bonded validators as keeper/tally.go reads them (sdkTallySums' input). */
export function sdkTallyValidators(staking: StakingKeeper, ctx: Context): SdkTallyValidator[] {
  return staking.getBondedValidatorsByPower(ctx).map((v) => ({
    operator: v.operatorAddress,
    operatorAccount: addresses.encodeAccount(addresses.decodeValidator(v.operatorAddress)),
    bondedTokens: Int.fromProto(v.tokens),
    delegatorShares: Dec.fromProto(v.delegatorShares),
  }));
}

export class GovHarness {
  readonly staking: Harness;
  readonly router = new MsgRouter();
  readonly keeper: GovKeeper;
  readonly handlers: GovMsgHandlers;

  constructor(options: { readonly params?: Params; readonly hooks?: boolean; readonly distribution?: GovKeeperOptions["distribution"] } = {}) {
    const hooks = new StakingHooksRegistry();
    this.staking = new Harness({ cap: "0", hooks });
    this.keeper = new GovKeeper({
      addresses,
      accounts: this.staking.auth,
      bank: this.staking.bank,
      staking: this.staking.keeper,
      router: this.router,
      executor: new AuthorityMsgExecutor(this.router),
      authority: GOV_AUTHORITY,
      ...(options.distribution !== undefined ? { distribution: options.distribution } : {}),
    });
    if (options.hooks !== false) hooks.register("gov", govStakingHooks(this.keeper));
    this.handlers = govMsgHandlers(this.keeper);
    const s = stakingMsgHandlers(this.staking.keeper);
    this.router.register(s.updateParams);
    this.router.register(s.delegate);
    for (const h of Object.values(this.handlers) as MsgHandlerDef<unknown>[]) this.router.register(h);
    initGovGenesis(this.ctx(), this.keeper, { ...defaultGovGenesis(BOND_DENOM), params: options.params ?? testGovParams() });
  }

  ctx(events: EventManager = new EventManager()): Context {
    return this.staking.ctx(events);
  }

  deliver<M>(handler: { handle(ctx: Context, msg: M): MsgResponse }, msg: M): TxResult<MsgResponse> {
    return this.staking.deliver(handler, msg);
  }

  /** Gov's then staking's EndBlock, then the next block `seconds` later; gov's events. */
  nextBlock(seconds = 5n): readonly AppEvent[] {
    const events = new EventManager();
    this.keeper.endBlock(this.ctx(events));
    this.staking.nextBlock(seconds);
    return events.events();
  }

  fund(address: Uint8Array, amount: bigint, denom = BOND_DENOM): void {
    this.staking.fund(address, amount, denom);
  }

  balance(address: Uint8Array, denom = BOND_DENOM): bigint {
    return this.staking.balance(address, denom);
  }

  supply(denom = BOND_DENOM): bigint {
    return this.staking.bank.getSupply(this.ctx(), denom).amount.toBigInt();
  }

  /** A staking MsgUpdateParams signed by the gov account, as an Any. */
  stakingParamsMsg(maxValidators: number, authority = GOV_AUTHORITY): Any {
    const params = this.staking.keeper.getParams(this.ctx());
    return { typeUrl: "/cosmos.staking.v1beta1.MsgUpdateParams", value: StakingMsgUpdateParams.encode({ authority, params: { ...params, maxValidators } }).finish() };
  }

  submit(proposer: Uint8Array, messages: readonly Any[], deposit: bigint, opts: { expedited?: boolean; title?: string } = {}): TxResult<MsgResponse> {
    return this.deliver(this.handlers.submitProposal, {
      messages: [...messages],
      initialDeposit: Coins.of(Coin.of(BOND_DENOM, deposit)).toProto(),
      proposer: addresses.encodeAccount(proposer),
      metadata: "",
      title: opts.title ?? "title",
      summary: "summary",
      expedited: opts.expedited ?? false,
    });
  }

  /**
   * keeper/tally.go from the stores, the SDK's way: every visible vote of proposal `id`, every
   * delegation of every voter, the bonded set. Also how many voting delegations it walked.
   */
  sdkTally(id: bigint): { readonly sums: TallySums; readonly delegations: number } {
    const ctx = this.ctx();
    const staking = this.staking.keeper;
    const bonded = sdkTallyValidators(staking, ctx);
    const voters: SdkTallyVoter[] = [];
    let delegations = 0;
    for (const vote of this.keeper.votes(this.keeper.store(ctx))) {
      if (vote.proposalId !== id) continue;
      const dels = [...staking.delegatorDelegations(staking.store(ctx), addresses.decodeAccount(vote.voter))].map((d) => ({
        validator: d.validatorAddress,
        shares: Dec.fromProto(d.shares),
      }));
      delegations += dels.length;
      voters.push({ voter: vote.voter, options: vote.options, delegations: dels });
    }
    return { sums: sdkTallySums(bonded, voters), delegations };
  }

  vote(voter: Uint8Array, id: bigint, option: number): TxResult<MsgResponse> {
    return this.deliver(this.handlers.vote, { proposalId: id, voter: addresses.encodeAccount(voter), option, metadata: "" });
  }
}
