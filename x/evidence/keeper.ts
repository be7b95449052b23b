/**
 * x/evidence's keeper: the sole owner of the "evidence" store, and the handling of the misbehavior
 * CometBFT reports in FinalizeBlock (cosmossdk.io/x/evidence v0.1 keeper/{abci,infraction}.go).
 */
import { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { MisbehaviorType, type Misbehavior } from "../../app/block-info";
import { timestampToNanos, type Context } from "../../app/context";
import { sdkPanic } from "../../app/math";
import type { Bytes, KVStore, KVStoreReader } from "../../app/store/types";
import { Equivocation, equivocationFromAny, equivocationHash, equivocationToAny } from "./evidence";
import type { EvidenceSlashingKeeper, EvidenceStakingKeeper } from "./expected-keepers";
import { EVIDENCE_STORE, Evidences } from "./state-keys";

/** x/evidence's DoubleSignJailEndTime: 9999-12-31T23:59:59Z, i.e. forever. */
const DOUBLE_SIGN_JAIL_END_TIME = { seconds: 253402300799n, nanos: 0 };

export class EvidenceReader {
  evidence(store: KVStoreReader, hash: Bytes): Equivocation | undefined {
    const any = Evidences.get(store, hash);
    return any === undefined ? undefined : equivocationFromAny(any);
  }

  /** Every stored evidence, by hash. */
  *allEvidence(store: KVStoreReader): IterableIterator<[Bytes, Equivocation]> {
    for (const [hash, any] of Evidences.entries(store)) yield [hash, equivocationFromAny(any)];
  }
}

export interface EvidenceKeeperOptions {
  readonly staking: EvidenceStakingKeeper;
  readonly slashing: EvidenceSlashingKeeper;
}

export class EvidenceKeeper extends EvidenceReader {
  readonly staking: EvidenceStakingKeeper;
  readonly slashing: EvidenceSlashingKeeper;

  constructor(options: EvidenceKeeperOptions) {
    super();
    this.staking = options.staking;
    this.slashing = options.slashing;
  }

  store(ctx: Context): KVStore {
    return ctx.kvStore(EVIDENCE_STORE);
  }

  getEvidence(ctx: Context, hash: Bytes): Equivocation | undefined {
    return this.evidence(this.store(ctx), hash);
  }

  /** Evidences.Set: under its hash; returns the hash. */
  setEvidence(ctx: Context, e: Equivocation): Bytes {
    const hash = equivocationHash(e);
    Evidences.set(this.store(ctx), hash, equivocationToAny(e));
    return hash;
  }

  /**
   * BeginBlocker: every misbehavior of the block, in CometBFT's order. Duplicate votes and light
   * client attacks are both handled as equivocation (the SDK treats them alike); an unknown type
   * is logged and ignored.
   */
  beginBlock(ctx: Context): void {
    for (const m of ctx.comet.misbehavior) {
      switch (m.type) {
        case MisbehaviorType.DUPLICATE_VOTE:
        case MisbehaviorType.LIGHT_CLIENT_ATTACK:
          this.handleEquivocation(ctx, m);
          break;
        default:
          ctx.logger.error(`ignored unknown evidence type: ${m.type}`, { module: "x/evidence" });
      }
    }
  }

  /**
   * handleEquivocationEvidence. Ignored (and logged), in the SDK's order:
   * - a validator staking does not know or that has finished unbonding (the SDK halts on an
   *   unknown one, as its getter errors; CometBFT only reports validators of a past set, which
   *   staking removes only after unbonding, so plumed logs and carries on instead);
   * - one whose consensus key slashing never recorded;
   * - evidence older than BOTH the consensus params' evidence.max_age_duration and
   *   max_age_num_blocks;
   * - an already tombstoned validator.
   * Otherwise: slash slash_fraction_double_sign (or the correlated fraction) of the evidence's power
   * at infraction height - 1, so that unbonding delegations and redelegations that began at or
   * after it pay too; jail; jail forever; tombstone; store the evidence.
   *
   * A validator known to staking but without signing info cannot exist (signing info is created
   * when it bonds); the SDK panics there, and so does plumed.
   */
  handleEquivocation(ctx: Context, m: Misbehavior): void {
    const consAddr = m.validator.address;
    const addresses = this.staking.addresses;
    const bech32 = addresses.encodeConsensus(consAddr);
    const log = { module: "x/evidence", validator: bech32, infraction_height: m.height.toString() };
    const validator = this.staking.getValidatorByConsAddr(ctx, consAddr);
    if (validator === undefined) {
      ctx.logger.error("ignored evidence: no validator with this consensus address", log);
      return;
    }
    if (validator.status === BondStatus.BOND_STATUS_UNBONDED) {
      ctx.logger.info("ignored evidence: validator is unbonded", log);
      return;
    }
    if (validator.operatorAddress !== "" && this.slashing.getPubkey(ctx, consAddr) === undefined) {
      ctx.logger.error(`ignore evidence; expected public key for validator ${bech32} not found`, log);
      return;
    }

    const ageNanos = timestampToNanos(ctx.blockTime) - timestampToNanos(m.time);
    const ageBlocks = ctx.height - m.height;
    const ev = ctx.consensusParams?.evidence;
    if (ev !== undefined) {
      const maxAgeNanos = ev.maxAgeDuration === undefined ? 0n : ev.maxAgeDuration.seconds * 1_000_000_000n + BigInt(ev.maxAgeDuration.nanos);
      if (ageNanos > maxAgeNanos && ageBlocks > ev.maxAgeNumBlocks) {
        ctx.logger.info("ignored equivocation; evidence too old", {
          ...log,
          max_age_num_blocks: ev.maxAgeNumBlocks.toString(),
          age_blocks: ageBlocks.toString(),
          max_age_duration_ns: maxAgeNanos.toString(),
          age_ns: ageNanos.toString(),
        });
        return;
      }
    }

    if (!this.slashing.hasSigningInfo(ctx, consAddr)) throw sdkPanic(`expected signing info for validator ${bech32} but not found`);
    if (this.slashing.isTombstoned(ctx, consAddr)) {
      ctx.logger.info("ignored equivocation; validator already tombstoned", log);
      return;
    }
    ctx.logger.info("confirmed equivocation", log);

    this.slashing.slashDoubleSign(ctx, { consAddr, infractionHeight: m.height, power: m.validator.power, totalPower: m.totalVotingPower });
    if (!validator.jailed) this.slashing.jail(ctx, consAddr);
    this.slashing.jailUntil(ctx, consAddr, DOUBLE_SIGN_JAIL_END_TIME);
    this.slashing.tombstone(ctx, consAddr);
    this.setEvidence(ctx, { height: m.height, time: m.time, power: m.validator.power, consensusAddress: bech32 });
  }
}
