/**
 * CometBFT v0.38's rules for consensus params (types/params.go), which the SDK's x/consensus
 * applies to MsgUpdateParams before storing them: Update (merge the sections present), ValidateBasic
 * (bounds) and ValidateUpdate (when vote extensions may be switched on or moved). The errors are
 * CometBFT's plain Go errors (plain `Error`s here): a tx fails with them as undefined/1, its log
 * redacted to "internal" as the SDK redacts unregistered errors.
 */
import type { Duration } from "cosmjs-types/google/protobuf/duration";
import { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import { goDurationString } from "../../app/math/go-compat";

/** types.MaxBlockSizeBytes: the bound on block.max_bytes, and what -1 stands for. */
export const MAX_BLOCK_SIZE_BYTES = 104_857_600n;

/** ABCIPubKeyTypesToNames: the validator key types CometBFT v0.38 knows. */
const KNOWN_PUBKEY_TYPES = new Set(["ed25519", "secp256k1"]);

function goError(message: string): Error {
  return new Error(message);
}

export function durationNanos(d: Duration | undefined): bigint {
  return d === undefined ? 0n : d.seconds * 1_000_000_000n + BigInt(d.nanos);
}

/**
 * ConsensusParams.Update: a copy of `current` with every section that `update` carries replaced.
 * plumed keeps `version` as it is: the app version belongs to the app, not to this message (the
 * SDK's message carries no version either).
 */
export function updateConsensusParams(current: ConsensusParams, update: ConsensusParams): ConsensusParams {
  return ConsensusParams.fromPartial({
    block: update.block ?? current.block,
    evidence: update.evidence ?? current.evidence,
    validator: update.validator ? { pubKeyTypes: [...update.validator.pubKeyTypes] } : current.validator,
    ...(current.version ? { version: current.version } : {}),
    abci: update.abci ?? current.abci,
  });
}

/** ConsensusParams.ValidateBasic. */
export function validateConsensusParams(p: ConsensusParams): void {
  const maxBytes = p.block?.maxBytes ?? 0n;
  const maxGas = p.block?.maxGas ?? 0n;
  if (maxBytes === 0n) throw goError("block.MaxBytes cannot be 0");
  if (maxBytes < -1n) throw goError(`block.MaxBytes must be -1 or greater than 0. Got ${maxBytes}`);
  if (maxBytes > MAX_BLOCK_SIZE_BYTES) throw goError(`block.MaxBytes is too big. ${maxBytes} > ${MAX_BLOCK_SIZE_BYTES}`);
  if (maxGas < -1n) throw goError(`block.MaxGas must be greater or equal to -1. Got ${maxGas}`);
  const ageBlocks = p.evidence?.maxAgeNumBlocks ?? 0n;
  if (ageBlocks <= 0n) throw goError(`evidence.MaxAgeNumBlocks must be greater than 0. Got ${ageBlocks}`);
  const ageDuration = durationNanos(p.evidence?.maxAgeDuration);
  if (ageDuration <= 0n) throw goError(`evidence.MaxAgeDuration must be greater than 0 if provided, Got ${goDurationString(ageDuration)}`);
  const evidenceBytes = p.evidence?.maxBytes ?? 0n;
  const bound = maxBytes === -1n ? MAX_BLOCK_SIZE_BYTES : maxBytes;
  if (evidenceBytes > bound) throw goError(`evidence.MaxBytesEvidence is greater than upper bound, ${evidenceBytes} > ${maxBytes}`);
  if (evidenceBytes < 0n) throw goError(`evidence.MaxBytes must be non negative. Got: ${evidenceBytes}`);
  const veHeight = p.abci?.voteExtensionsEnableHeight ?? 0n;
  if (veHeight < 0n) throw goError(`ABCI.VoteExtensionsEnableHeight cannot be negative. Got: ${veHeight}`);
  const types = p.validator?.pubKeyTypes ?? [];
  if (types.length === 0) throw goError("len(Validator.PubKeyTypes) must be greater than 0");
  types.forEach((t, i) => {
    if (!KNOWN_PUBKEY_TYPES.has(t)) throw goError(`params.Validator.PubKeyTypes[${i}], ${t}, is an unknown pubkey type`);
  });
}

/**
 * ConsensusParams.ValidateUpdate at block height `height`: vote extensions may be scheduled only
 * for a future height, and neither switched off nor moved once their height has been reached.
 */
export function validateConsensusParamsUpdate(current: ConsensusParams, update: ConsensusParams, height: bigint): void {
  if (update.abci === undefined) return;
  const from = current.abci?.voteExtensionsEnableHeight ?? 0n;
  const to = update.abci.voteExtensionsEnableHeight;
  if (to < 0n) throw goError("VoteExtensionsEnableHeight must be positive");
  if (from <= 0n && to === 0n) return;
  if (from > 0n && to === 0n) {
    if (from <= height) throw goError(`vote extensions cannot be disabled once enabledold enable height: ${from}, current height ${height}`);
    return;
  }
  if (to <= height) throw goError(`vote extensions cannot be updated to a past or current height, enable height: ${to}, current height ${height}`);
  if (from <= 0n) return;
  if (from <= height) throw goError(`vote extensions cannot be modified once enabledenable height: ${from}, current height ${height}`);
}

/**
 * The params as the SDK's event prints them (gogoproto's compact text format of
 * cmtproto.ConsensusParams, as MsgUpdateParams.ToProtoConsensusParams builds it: the version
 * section present and empty).
 */
export function consensusParamsText(p: ConsensusParams): string {
  const field = (name: string, value: bigint | string): string =>
    typeof value === "string" ? `${name}:${JSON.stringify(value)} ` : value === 0n ? "" : `${name}:${value} `;
  const message = (name: string, inner: string): string => `${name}:<${inner}> `;
  let out = "";
  if (p.block) out += message("block", field("max_bytes", p.block.maxBytes) + field("max_gas", p.block.maxGas));
  if (p.evidence) {
    const d = p.evidence.maxAgeDuration;
    const duration = message("max_age_duration", field("seconds", d?.seconds ?? 0n) + field("nanos", BigInt(d?.nanos ?? 0)));
    out += message("evidence", field("max_age_num_blocks", p.evidence.maxAgeNumBlocks) + duration + field("max_bytes", p.evidence.maxBytes));
  }
  if (p.validator) out += message("validator", p.validator.pubKeyTypes.map((t) => field("pub_key_types", t)).join(""));
  out += message("version", "");
  if (p.abci) out += message("abci", field("vote_extensions_enable_height", p.abci.voteExtensionsEnableHeight));
  return out;
}
