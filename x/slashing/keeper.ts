/**
 * x/slashing's keeper: the sole owner of the "slashing" store. Semantics are Cosmos SDK v0.50's
 * (x/slashing/keeper/{keeper,signing_info,infractions,unjail,params}.go); each method names the SDK
 * function it mirrors. plumed's correlated slashing (plume.slashing.v1) is the last section.
 *
 * `SlashingReader` reads any KVStoreReader (queries at a height, genesis export, invariants);
 * `SlashingKeeper` adds the writes, always through a Context.
 */
import { BondStatus, type Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { Params, ValidatorSigningInfo } from "cosmjs-types/cosmos/slashing/v1beta1/slashing";
import type { MissedBlock } from "cosmjs-types/cosmos/slashing/v1beta1/genesis";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import type { AddressCodec } from "../../app/address";
import { BlockIDFlag } from "../../app/block-info";
import { timestampToNanos, nanosToTimestamp, type Context } from "../../app/context";
import { Dec, Int, sdkPanic } from "../../app/math";
import type { Bytes, KVStore, KVStoreReader } from "../../app/store/types";
import type { DoubleSignOffence } from "../../proto/plume/slashing/v1/slashing";
import { bitPosition, CHUNK_BITS, setBits, testBit, withBit } from "./bitmap";
import { doubleSignFraction, withinWindow } from "./correlation";
import { ErrGovInvalidSigner, ErrNoSigningInfoFound, ErrSelfDelegationTooLowToUnjail, ErrValidatorJailed, ErrValidatorNotJailed, ErrValidatorTombstoned } from "./errors";
import { downtimeSlashEvent, jailEvent, livenessEvent, slashEvent, type SlashReason } from "./events";
import type { SlashingStakingKeeper } from "./expected-keepers";
import {
  decFromBytes,
  defaultCorrelationParams,
  defaultSlashingParams,
  durationNanos,
  minSignedPerWindowBlocks,
  validateCorrelationParams,
  validateSlashingParams,
  type CorrelationParams,
} from "./params";
import {
  AddrPubkeyRelations,
  CorrelationParamsItem,
  DoubleSignOffences,
  MissedBlockChunks,
  ParamsItem,
  SLASHING_STORE,
  SigningInfos,
  chunkPrefix,
} from "./state-keys";

/** time.Unix(0, 0): the jailed_until of a validator never jailed for downtime. */
export const UNIX_EPOCH: Timestamp = { seconds: 0n, nanos: 0 };
/** x/evidence's DoubleSignJailEndTime, time.Unix(253402300799, 0): 9999-12-31T23:59:59Z, forever. */
export const DOUBLE_SIGN_JAIL_END_TIME: Timestamp = { seconds: 253402300799n, nanos: 0 };

/**
 * ValidatorUpdateDelay (sdk.ValidatorUpdateDelay = 1): updates returned at EndBlock H take effect
 * at H+2, so the stake that signed block H is the one of H - 1.
 */
export const VALIDATOR_UPDATE_DELAY = 1n;

/** What a double sign's slash needs (x/evidence hands it over). */
export interface DoubleSignSlash {
  readonly consAddr: Bytes;
  readonly infractionHeight: bigint;
  /** The offender's consensus power at the infraction (the evidence's). */
  readonly power: bigint;
  /** The set's total power at the infraction (the evidence's). */
  readonly totalPower: bigint;
}

export class SlashingReader {
  constructor(readonly addresses: AddressCodec) {}

  /** GetParams: zero-valued params if none were ever set, as the SDK. */
  params(store: KVStoreReader): Params {
    return (
      ParamsItem.get(store) ?? {
        signedBlocksWindow: 0n,
        minSignedPerWindow: new Uint8Array(),
        downtimeJailDuration: { seconds: 0n, nanos: 0 },
        slashFractionDoubleSign: new Uint8Array(),
        slashFractionDowntime: new Uint8Array(),
      }
    );
  }

  correlationParams(store: KVStoreReader): CorrelationParams {
    return CorrelationParamsItem.get(store) ?? defaultCorrelationParams();
  }

  signingInfo(store: KVStoreReader, consAddr: Bytes): ValidatorSigningInfo | undefined {
    return SigningInfos.get(store, consAddr);
  }

  /** IterateValidatorSigningInfos: by consensus address bytes. */
  *signingInfos(store: KVStoreReader): IterableIterator<[Bytes, ValidatorSigningInfo]> {
    yield* SigningInfos.entries(store);
  }

  /** GetMissedBlockBitmapValue. */
  missedBlockBit(store: KVStoreReader, consAddr: Bytes, index: bigint): boolean {
    const { chunk, bit } = bitPosition(index);
    return testBit(MissedBlockChunks.get(store, { consAddr, chunk }), bit);
  }

  /**
   * GetValidatorMissedBlocks: every missed index of a validator's window, ascending. Chunks are read
   * by index (0 .. ceil(window / 1024) - 1), so an index is always its own even when an earlier
   * chunk is absent (the SDK's iteration would shift it; with windows up to 1024 the two agree).
   */
  missedBlocks(store: KVStoreReader, consAddr: Bytes, window: bigint): MissedBlock[] {
    const out: MissedBlock[] = [];
    const chunks = (window + BigInt(CHUNK_BITS) - 1n) / BigInt(CHUNK_BITS);
    for (let c = 0n; c < chunks; c++) {
      const chunk = MissedBlockChunks.get(store, { consAddr, chunk: c });
      if (chunk === undefined) continue;
      for (const bit of setBits(chunk)) out.push({ index: c * BigInt(CHUNK_BITS) + BigInt(bit), missed: true });
    }
    return out;
  }

  /** How many bits of a validator's bitmap are set, over every stored chunk (invariants). */
  missedBitCount(store: KVStoreReader, consAddr: Bytes): bigint {
    let n = 0n;
    for (const [, chunk] of MissedBlockChunks.entries(store, { subPrefix: chunkPrefix(consAddr) })) n += BigInt(setBits(chunk).length);
    return n;
  }

  /** GetPubkey: the consensus key recorded when the validator was created. */
  pubkey(store: KVStoreReader, consAddr: Bytes): Any | undefined {
    return AddrPubkeyRelations.get(store, consAddr);
  }

  doubleSignOffence(store: KVStoreReader, consAddr: Bytes): DoubleSignOffence | undefined {
    return DoubleSignOffences.get(store, consAddr);
  }

  /** Every recorded double sign, by consensus address bytes. */
  *doubleSignOffences(store: KVStoreReader): IterableIterator<DoubleSignOffence> {
    for (const [, o] of DoubleSignOffences.entries(store)) yield o;
  }
}

export interface SlashingKeeperOptions {
  readonly staking: SlashingStakingKeeper;
  /** Who may sign MsgUpdateParams (the gov module account, bech32). */
  readonly authority: string;
}

export class SlashingKeeper extends SlashingReader {
  readonly staking: SlashingStakingKeeper;
  readonly authority: string;

  constructor(options: SlashingKeeperOptions) {
    super(options.staking.addresses);
    this.staking = options.staking;
    this.authority = options.authority;
  }

  store(ctx: Context): KVStore {
    return ctx.kvStore(SLASHING_STORE);
  }

  // --- params -----------------------------------------------------------------------------

  getParams(ctx: Context): Params {
    return this.params(this.store(ctx));
  }

  setParams(ctx: Context, params: Params): void {
    ParamsItem.set(this.store(ctx), params);
  }

  /** MsgUpdateParams: authority (gov/13), Params.Validate, save. */
  updateParams(ctx: Context, authority: string, params: Params): void {
    if (authority !== this.authority) throw ErrGovInvalidSigner.wrap(`invalid authority; expected ${this.authority}, got ${authority}`);
    validateSlashingParams(params);
    this.setParams(ctx, params);
  }

  getCorrelationParams(ctx: Context): CorrelationParams {
    return this.correlationParams(this.store(ctx));
  }

  setCorrelationParams(ctx: Context, params: CorrelationParams): void {
    CorrelationParamsItem.set(this.store(ctx), params);
  }

  /** plume.slashing.v1.MsgUpdateParams: the same authority rule. */
  updateCorrelationParams(ctx: Context, authority: string, params: CorrelationParams): void {
    if (authority !== this.authority) throw ErrGovInvalidSigner.wrap(`invalid authority; expected ${this.authority}, got ${authority}`);
    validateCorrelationParams(params);
    this.setCorrelationParams(ctx, params);
  }

  // --- signing info -------------------------------------------------------------------------

  getSigningInfo(ctx: Context, consAddr: Bytes): ValidatorSigningInfo | undefined {
    return this.signingInfo(this.store(ctx), consAddr);
  }

  setSigningInfo(ctx: Context, consAddr: Bytes, info: ValidatorSigningInfo): void {
    SigningInfos.set(this.store(ctx), consAddr, info);
  }

  hasSigningInfo(ctx: Context, consAddr: Bytes): boolean {
    return this.getSigningInfo(ctx, consAddr) !== undefined;
  }

  /** JailUntil: an error without signing info. */
  jailUntil(ctx: Context, consAddr: Bytes, until: Timestamp): void {
    const info = this.getSigningInfo(ctx, consAddr);
    if (info === undefined) throw ErrNoSigningInfoFound.wrap("cannot jail validator that does not have any signing information");
    this.setSigningInfo(ctx, consAddr, { ...info, jailedUntil: until });
  }

  /** Tombstone: an error without signing info or when already tombstoned. */
  tombstone(ctx: Context, consAddr: Bytes): void {
    const info = this.getSigningInfo(ctx, consAddr);
    if (info === undefined) throw ErrNoSigningInfoFound.wrap("cannot tombstone validator that does not have any signing information");
    if (info.tombstoned) throw ErrValidatorTombstoned.wrap("cannot tombstone validator that is already tombstoned");
    this.setSigningInfo(ctx, consAddr, { ...info, tombstoned: true });
  }

  isTombstoned(ctx: Context, consAddr: Bytes): boolean {
    return this.getSigningInfo(ctx, consAddr)?.tombstoned ?? false;
  }

  // --- missed-block bitmap ------------------------------------------------------------------

  getMissedBlockBitmapValue(ctx: Context, consAddr: Bytes, index: bigint): boolean {
    return this.missedBlockBit(this.store(ctx), consAddr, index);
  }

  /** SetMissedBlockBitmapValue: rewrites the one chunk holding the index. */
  setMissedBlockBitmapValue(ctx: Context, consAddr: Bytes, index: bigint, missed: boolean): void {
    const { chunk, bit } = bitPosition(index);
    const store = this.store(ctx);
    const key = { consAddr, chunk };
    MissedBlockChunks.set(store, key, withBit(MissedBlockChunks.get(store, key), bit, missed));
  }

  /** DeleteMissedBlockBitmap: every chunk of the validator. */
  deleteMissedBlockBitmap(ctx: Context, consAddr: Bytes): void {
    const store = this.store(ctx);
    const keys = [...MissedBlockChunks.entries(store, { subPrefix: chunkPrefix(consAddr) })].map(([k]) => k);
    for (const k of keys) MissedBlockChunks.delete(store, k);
  }

  // --- address-pubkey relation --------------------------------------------------------------

  /** AddPubkey: the key as an Any (MarshalInterface), under its consensus address. */
  addPubkey(ctx: Context, consAddr: Bytes, pubkey: Any): void {
    AddrPubkeyRelations.set(this.store(ctx), consAddr, pubkey);
  }

  getPubkey(ctx: Context, consAddr: Bytes): Any | undefined {
    return this.pubkey(this.store(ctx), consAddr);
  }

  deletePubkey(ctx: Context, consAddr: Bytes): void {
    AddrPubkeyRelations.delete(this.store(ctx), consAddr);
  }

  // --- liveness -----------------------------------------------------------------------------

  /**
   * HandleValidatorSignature, once per vote of the block's decided last commit. `params` are the
   * block's (read once by BeginBlock; nothing in BeginBlock changes them).
   *
   * A jailed validator's votes are not counted. The vote moves the validator's window on by one:
   * the bit at index_offset % window records whether it was ABSENT, and the counter follows the
   * bits. Past start_height + window blocks, a validator that missed more than
   * window - round(min_signed_per_window * window) of them is slashed slash_fraction_downtime of
   * its power at this vote (at distribution height = height - 2, so that stake that left after
   * that is slashed too), jailed until block time + downtime_jail_duration, and its window starts
   * over. A vote from a validator staking does not know, or one without signing info, is a broken
   * invariant (the SDK's BeginBlocker errors, halting the chain): it throws.
   */
  handleValidatorSignature(ctx: Context, params: Params, consAddr: Bytes, power: bigint, flag: BlockIDFlag): void {
    const height = ctx.height;
    // bech32 is only for events and logs: most votes need neither.
    const bech32 = (): string => this.addresses.encodeConsensus(consAddr);
    const validator = this.staking.getValidatorByConsAddr(ctx, consAddr);
    if (validator === undefined) throw sdkPanic(`validator does not exist: a vote of ${bech32()} at height ${height} has no validator`);
    if (validator.jailed) return;

    const found = this.getSigningInfo(ctx, consAddr);
    if (found === undefined) throw ErrNoSigningInfoFound.wrap(`${bech32()} voted at height ${height}`);
    let info: ValidatorSigningInfo = found;
    const window = params.signedBlocksWindow;
    if (window <= 0n) throw sdkPanic(`signed blocks window must be positive: ${window}`);

    const index = info.indexOffset % window;
    info = { ...info, indexOffset: info.indexOffset + 1n };
    const previous = this.getMissedBlockBitmapValue(ctx, consAddr, index);
    const missed = flag === BlockIDFlag.BLOCK_ID_FLAG_ABSENT;
    if (!previous && missed) {
      this.setMissedBlockBitmapValue(ctx, consAddr, index, true);
      info = { ...info, missedBlocksCounter: info.missedBlocksCounter + 1n };
    } else if (previous && !missed) {
      this.setMissedBlockBitmapValue(ctx, consAddr, index, false);
      info = { ...info, missedBlocksCounter: info.missedBlocksCounter - 1n };
    }

    const minSigned = minSignedPerWindowBlocks(params);
    if (missed) {
      ctx.events.emit(livenessEvent(bech32(), info.missedBlocksCounter, height));
      ctx.logger.debug("absent validator", { module: "x/slashing", height, validator: bech32(), missed: info.missedBlocksCounter, threshold: minSigned });
    }

    const minHeight = info.startHeight + window;
    const maxMissed = window - minSigned;
    if (height > minHeight && info.missedBlocksCounter > maxMissed) {
      // The SDK looks the validator up again here and logs instead of slashing when it is missing
      // or jailed; neither can be the case (it was found unjailed above and nothing since changed
      // it), so plumed slashes the validator it has.
      const distributionHeight = height - VALIDATOR_UPDATE_DELAY - 1n;
      const fraction = decFromBytes(params.slashFractionDowntime);
      const burned = this.staking.slash(ctx, consAddr, distributionHeight, power, fraction);
      ctx.events.emit(downtimeSlashEvent(bech32(), power, burned.toString()));
      this.staking.jail(ctx, consAddr);
      info = {
        ...info,
        jailedUntil: nanosToTimestamp(timestampToNanos(ctx.blockTime) + durationNanos(params.downtimeJailDuration)),
        // The window starts over, so that the validator is not slashed again at once when it
        // comes back.
        missedBlocksCounter: 0n,
        indexOffset: 0n,
      };
      this.deleteMissedBlockBitmap(ctx, consAddr);
      ctx.logger.info("slashing and jailing validator due to liveness fault", {
        module: "x/slashing",
        height,
        validator: bech32(),
        min_height: minHeight,
        threshold: minSigned,
        slashed: fraction.toString(),
        burned: burned.toString(),
      });
    }
    this.setSigningInfo(ctx, consAddr, info);
  }

  // --- slash, jail, unjail ------------------------------------------------------------------

  /** SlashWithInfractionReason: staking's slash, then the `slash` event with what was burned. */
  slashWithReason(ctx: Context, consAddr: Bytes, fraction: Dec, power: bigint, distributionHeight: bigint, reason: SlashReason): Int {
    const burned = this.staking.slash(ctx, consAddr, distributionHeight, power, fraction);
    ctx.events.emit(slashEvent(this.addresses.encodeConsensus(consAddr), power, reason, burned.toString()));
    return burned;
  }

  /** Jail: staking's jail, then a `slash` event with the `jailed` attribute. */
  jail(ctx: Context, consAddr: Bytes): void {
    this.staking.jail(ctx, consAddr);
    ctx.events.emit(jailEvent(this.addresses.encodeConsensus(consAddr)));
  }

  /**
   * Unjail (MsgUnjail), with the SDK's checks in its order: the validator (staking/3), its
   * self-delegation (staking/19) worth at least min_self_delegation (7), jailed (5); then, if it
   * has signing info (it was bonded once), not tombstoned and past jailed_until (4). A jailed
   * validator without signing info was never bonded (jailed for its self-delegation) and may
   * leave jail at any time. Staking then unjails it, unless the decentralization cap refuses its
   * return to the set.
   */
  unjail(ctx: Context, operator: Bytes): void {
    const validator = this.staking.requireValidator(ctx, operator);
    const selfDelegation = this.staking.requireDelegation(ctx, operator, operator);
    const tokens = selfDelegationTokens(validator, Dec.fromProto(selfDelegation.shares));
    const minSelfBond = Int.fromProto(validator.minSelfDelegation);
    if (tokens.lt(minSelfBond)) throw ErrSelfDelegationTooLowToUnjail.wrap(`${tokens.toString()} less than ${minSelfBond.toString()}`);
    if (!validator.jailed) throw ErrValidatorNotJailed.wrap();
    const consAddr = this.staking.consAddress(validator);
    const info = this.getSigningInfo(ctx, consAddr);
    if (info !== undefined) {
      if (info.tombstoned) throw ErrValidatorJailed.wrap();
      if (timestampToNanos(ctx.blockTime) < timestampToNanos(info.jailedUntil)) throw ErrValidatorJailed.wrap();
    }
    this.staking.unjail(ctx, consAddr);
  }

  // --- correlated slashing (plume.slashing.v1, docs/slashing.md) ---------------------------

  /**
   * The slash of a confirmed double sign, in place of x/evidence's
   * SlashWithInfractionReason(slash_fraction_double_sign): the same call when correlated slashing
   * is off. When it is on, the fraction is max(slash_fraction_double_sign, min(1, 9 * S^2)) over
   * this offence and the recorded ones within correlation_window blocks of it (correlation.ts), and
   * every such earlier offender that paid less is slashed the difference, at its own distribution
   * height and power, so that all of them end up paying the same fraction. An earlier offender that
   * has finished unbonding (or is gone) can no longer be slashed and keeps what it paid.
   *
   * Every offence is recorded (with the fraction it paid), whether the extension is on or not.
   */
  slashDoubleSign(ctx: Context, offence: DoubleSignSlash): void {
    const nominal = decFromBytes(this.getParams(ctx).slashFractionDoubleSign);
    const correlation = this.getCorrelationParams(ctx);
    const store = this.store(ctx);
    const others = [...this.doubleSignOffences(store)].filter(
      (o) => o.consensusAddress !== this.addresses.encodeConsensus(offence.consAddr) && withinWindow(o.infractionHeight, offence.infractionHeight, correlation.correlationWindow),
    );
    const fraction = correlation.enabled ? doubleSignFraction(nominal, [...others, offence]) : nominal;
    const distributionHeight = offence.infractionHeight - VALIDATOR_UPDATE_DELAY;
    this.slashWithReason(ctx, offence.consAddr, fraction, offence.power, distributionHeight, "double_sign");
    DoubleSignOffences.set(store, offence.consAddr, {
      consensusAddress: this.addresses.encodeConsensus(offence.consAddr),
      infractionHeight: offence.infractionHeight,
      power: offence.power,
      totalPower: offence.totalPower,
      slashedFraction: fraction.toProto(),
    });
    if (!correlation.enabled) return;
    for (const earlier of others) {
      const paid = Dec.fromProto(earlier.slashedFraction);
      if (!paid.lt(fraction)) continue;
      const consAddr = this.addresses.decodeConsensus(earlier.consensusAddress);
      const validator = this.staking.getValidatorByConsAddr(ctx, consAddr);
      if (validator === undefined || validator.status === BondStatus.BOND_STATUS_UNBONDED) {
        ctx.logger.info("correlated slashing: earlier offender no longer slashable", { module: "x/slashing", validator: earlier.consensusAddress, paid: paid.toString(), fraction: fraction.toString() });
        continue;
      }
      this.slashWithReason(ctx, consAddr, fraction.sub(paid), earlier.power, earlier.infractionHeight - VALIDATOR_UPDATE_DELAY, "double_sign");
      DoubleSignOffences.set(store, consAddr, { ...earlier, slashedFraction: fraction.toProto() });
      ctx.logger.info("correlated slashing: earlier offender slashed up to the new fraction", {
        module: "x/slashing",
        validator: earlier.consensusAddress,
        paid: paid.toString(),
        fraction: fraction.toString(),
      });
    }
  }

  /** Restores a recorded offence (genesis). */
  setDoubleSignOffence(ctx: Context, offence: DoubleSignOffence): void {
    DoubleSignOffences.set(this.store(ctx), this.addresses.decodeConsensus(offence.consensusAddress), offence);
  }
}

/** validator.TokensFromShares(shares).TruncateInt(): shares * tokens / delegator_shares. */
function selfDelegationTokens(v: Validator, shares: Dec): Int {
  return shares.mulInt(Int.fromProto(v.tokens)).quo(Dec.fromProto(v.delegatorShares)).truncateInt();
}

export { defaultSlashingParams };
