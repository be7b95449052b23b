import { createHash } from "node:crypto";
import { toBech32 } from "@cosmjs/encoding";
import { QueryDenomOwnersRequest, QueryDenomOwnersResponse, QuerySupplyOfRequest, QuerySupplyOfResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { QuerySigningInfosRequest, QuerySigningInfosResponse } from "cosmjs-types/cosmos/slashing/v1beta1/query";
import { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import type { Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { DENOM, PREFIX } from "./clients";
import { latestHeight } from "./rpc";
import { abciQuery, allValidators } from "./staking";

/** A validator's consensus address (bech32 …valcons) from its ed25519 consensus key. */
export function valconsOf(v: Validator): string {
  const key = Ed25519PubKey.decode(v.consensusPubkey?.value ?? new Uint8Array()).key;
  return toBech32(`${PREFIX}valcons`, new Uint8Array(createHash("sha256").update(key).digest()).subarray(0, 20));
}

/**
 * x/slashing's invariants checked from outside, through queries at each committed height (next to
 * test/helpers/staking.ts's StakingInvariants, which covers the pools after slashes):
 * - total supply: the supply of the bond denom equals the sum of every holder's balance
 *   (DenomOwners), so burned coins left the supply and nothing else did;
 * - tombstoned: a tombstoned validator is jailed until 9999-12-31T23:59:59Z, jailed in staking and
 *   not bonded once the block that tombstoned it has ended (a committed height always has).
 */
export class SlashingInvariants {
  private next = 1;
  readonly checkedHeights: number[] = [];

  constructor(private readonly port: number) {}

  async checkUpTo(limit?: number): Promise<number> {
    const latest = await latestHeight(this.port);
    const upTo = Math.min(limit ?? latest, latest);
    for (; this.next <= upTo; this.next++) await this.check(this.next);
    return upTo;
  }

  private async check(h: number): Promise<void> {
    const problems: string[] = [];
    const owners = await abciQuery(
      this.port,
      "/cosmos.bank.v1beta1.Query/DenomOwners",
      QueryDenomOwnersRequest.fromPartial({ denom: DENOM, pagination: { limit: 1000n } }),
      QueryDenomOwnersRequest,
      QueryDenomOwnersResponse,
      h,
    );
    const sum = owners.denomOwners.reduce((s, o) => s + BigInt(o.balance?.amount ?? "0"), 0n);
    const supply = await abciQuery(this.port, "/cosmos.bank.v1beta1.Query/SupplyOf", QuerySupplyOfRequest.fromPartial({ denom: DENOM }), QuerySupplyOfRequest, QuerySupplyOfResponse, h);
    if (BigInt(supply.amount?.amount ?? "0") !== sum) problems.push(`supply ${supply.amount?.amount}, balances sum to ${sum}`);

    const infos = await abciQuery(
      this.port,
      "/cosmos.slashing.v1beta1.Query/SigningInfos",
      QuerySigningInfosRequest.fromPartial({ pagination: { limit: 1000n } }),
      QuerySigningInfosRequest,
      QuerySigningInfosResponse,
      h,
    );
    const tombstoned = infos.info.filter((i) => i.tombstoned);
    if (tombstoned.length > 0) {
      const byCons = new Map((await allValidators(this.port, h)).map((v) => [valconsOf(v), v]));
      for (const info of tombstoned) {
        if (info.jailedUntil.seconds !== 253402300799n) problems.push(`${info.address} is tombstoned but jailed only until ${info.jailedUntil.seconds}s`);
        const v = byCons.get(info.address);
        if (v === undefined) continue;
        if (!v.jailed) problems.push(`${info.address} is tombstoned but not jailed`);
        if (v.status === BondStatus.BOND_STATUS_BONDED) problems.push(`${info.address} is tombstoned but bonded`);
      }
    }
    if (problems.length > 0) throw new Error(`slashing invariants broken at height ${h}:\n${problems.join("\n")}`);
    this.checkedHeights.push(h);
  }
}
