/**
 * Test harness for x/slashing (not production code): x/staking's harness (in-memory stores, fake
 * bank and auth) with a slashing keeper over the same multistore, its hooks registered as the app
 * registers them, and blocks whose BeginBlock sees chosen votes and misbehavior.
 */
import type { Params } from "cosmjs-types/cosmos/slashing/v1beta1/slashing";
import { BlockIDFlag, type Misbehavior, type VoteInfo } from "../../app/block-info";
import { Context } from "../../app/context";
import { EventManager, type AppEvent } from "../../app/events";
import { infiniteGasMeter } from "../../app/gas";
import { silentLogger } from "../../app/logger";
import { Dec } from "../../app/math";
import { GOV_AUTHORITY, Harness, consensusKey, type HarnessOptions } from "../staking/harness.fixture";
import { StakingHooksRegistry } from "../staking/hooks";
import { consensusAddressOfAny } from "../staking/pubkey";
import { slashingBeginBlock } from "./abci";
import { slashingStakingHooks } from "./hooks";
import { SlashingKeeper } from "./keeper";
import { decToBytes, defaultSlashingParams } from "./params";
import { SLASHING_STORE } from "./state-keys";

export { GOV_AUTHORITY };

/** Validator i's consensus address (its key is consensusKey(i) of the staking harness). */
export const cons = (i: number): Uint8Array => consensusAddressOfAny(consensusKey(i));

/** Short windows for tests: 10 blocks, at least half signed, 60 s in jail, the SDK's fractions. */
export function testParams(overrides: Partial<Params> = {}): Params {
  return {
    ...defaultSlashingParams(),
    signedBlocksWindow: 10n,
    minSignedPerWindow: decToBytes(Dec.fromString("0.5")),
    downtimeJailDuration: { seconds: 60n, nanos: 0 },
    ...overrides,
  };
}

export class SlashingHarness {
  readonly staking: Harness;
  readonly keeper: SlashingKeeper;

  constructor(options: HarnessOptions & { readonly slashingParams?: Params } = {}) {
    const hooks = options.hooks ?? new StakingHooksRegistry();
    this.staking = new Harness({ cap: "0", ...options, hooks });
    this.keeper = new SlashingKeeper({ staking: this.staking.keeper, authority: GOV_AUTHORITY });
    hooks.register("slashing", slashingStakingHooks(this.keeper));
    this.keeper.setParams(this.ctx(), options.slashingParams ?? testParams());
  }

  ctx(events: EventManager = new EventManager(), comet: { votes?: readonly VoteInfo[]; misbehavior?: readonly Misbehavior[] } = {}): Context {
    const base = this.staking.ctx(events);
    return new Context(base.multiStore, base.header, "finalize", silentLogger, {
      gasMeter: infiniteGasMeter(),
      events,
      consensusParams: base.consensusParams,
      comet: {
        lastCommit: { round: 0, votes: comet.votes ?? [] },
        misbehavior: comet.misbehavior ?? [],
        validatorsHash: new Uint8Array(),
        proposerAddress: new Uint8Array(),
      },
    });
  }

  /** Slashing's BeginBlock with these votes, on a branch written on success; returns its events. */
  beginBlock(votes: readonly VoteInfo[]): readonly AppEvent[] {
    const events = new EventManager();
    const ctx = this.ctx(events, { votes });
    slashingBeginBlock(ctx, this.keeper);
    return events.events();
  }

  /** Ends the block (staking's EndBlock), moves on `seconds`, runs staking's BeginBlock. */
  nextBlock(seconds = 5n): ReturnType<Harness["nextBlock"]> {
    return this.staking.nextBlock(seconds);
  }

  /** A vote of validator i with this power: COMMIT, or ABSENT when `signed` is false. */
  vote(i: number, power: bigint, signed: boolean): VoteInfo {
    return { validator: { address: cons(i), power }, blockIdFlag: signed ? BlockIDFlag.BLOCK_ID_FLAG_COMMIT : BlockIDFlag.BLOCK_ID_FLAG_ABSENT };
  }

  /** Every key and value of the staking, bank and slashing stores. */
  snapshot(): string {
    const hex = (a: Uint8Array): string => Buffer.from(a).toString("hex");
    const out = [this.staking.snapshot()];
    for (const { key, value } of this.staking.ms.getStore(SLASHING_STORE).iterate()) out.push(`${SLASHING_STORE}:${hex(key)}=${hex(value)}`);
    return out.join("\n");
  }
}
