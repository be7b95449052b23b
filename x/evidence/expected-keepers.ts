/**
 * What x/evidence needs from x/staking and x/slashing (types/expected_keepers.go of
 * cosmossdk.io/x/evidence v0.1), narrowed to what it calls. Evidence imports neither keeper.
 */
import type { Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import type { AddressCodec } from "../../app/address";
import type { Context } from "../../app/context";

export interface EvidenceStakingKeeper {
  readonly addresses: AddressCodec;
  getValidatorByConsAddr(ctx: Context, consAddr: Uint8Array): Validator | undefined;
}

export interface EvidenceSlashingKeeper {
  getPubkey(ctx: Context, consAddr: Uint8Array): Any | undefined;
  hasSigningInfo(ctx: Context, consAddr: Uint8Array): boolean;
  isTombstoned(ctx: Context, consAddr: Uint8Array): boolean;
  /**
   * The double sign's slash: SlashWithInfractionReason(slash_fraction_double_sign) at
   * infraction - 1, raised by correlated slashing when it is on (x/slashing keeper.ts).
   */
  slashDoubleSign(ctx: Context, offence: { consAddr: Uint8Array; infractionHeight: bigint; power: bigint; totalPower: bigint }): void;
  jail(ctx: Context, consAddr: Uint8Array): void;
  jailUntil(ctx: Context, consAddr: Uint8Array, until: Timestamp): void;
  tombstone(ctx: Context, consAddr: Uint8Array): void;
}
