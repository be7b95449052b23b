/**
 * What x/staking's delegation queries need to show pooled stake as the delegators' own
 * (x/staking's StakingPooledStakeQuerier; docs/restaking.md, "What standard queries and messages
 * see"): a member's pooled shares are floor(S * u / U), what leaving would give it. Reads the
 * restaking store and, through RestakingStakingQuerier, x/staking's at the queried height.
 */
import { Dec } from "../../app/math";
import type { QueryContext } from "../../app/module";
import type { Bytes } from "../../app/store/types";
import type { Member } from "../../proto/plume/restaking/v1/restaking";
import type { RestakingStakingQuerier } from "./expected-keepers";
import type { RestakingReader } from "./keeper";
import { sharesForUnits } from "./pool-math";
import { RESTAKING_STORE } from "./state-keys";

export interface PooledStakeQuerier {
  readonly poolAddress: Bytes;
  pooledSharesAt(ctx: QueryContext, delegator: Bytes): readonly (readonly [Bytes, Dec])[];
  poolMembersAt(ctx: QueryContext, validator: Bytes): readonly (readonly [Bytes, Dec])[];
}

export function pooledStakeQuerier(r: RestakingReader, staking: RestakingStakingQuerier): PooledStakeQuerier {
  const sharesOf = (ctx: QueryContext, validator: Bytes, members: readonly Member[]): Dec[] => {
    const pool = r.pool(ctx.store(RESTAKING_STORE), validator);
    if (pool === undefined) return members.map(() => Dec.zero());
    const d = staking.delegationAt(ctx, r.poolAddress, validator);
    const poolShares = d === undefined ? Dec.zero() : Dec.fromProto(d.shares);
    const total = Dec.fromProto(pool.totalUnits);
    return members.map((m) => sharesForUnits(Dec.fromProto(m.units), total, poolShares));
  };
  return {
    poolAddress: r.poolAddress,
    pooledSharesAt: (ctx, delegator) =>
      [...r.memberships(ctx.store(RESTAKING_STORE), delegator)]
        .map((m): [Bytes, Dec] => {
          const validator = r.addresses.decodeValidator(m.validatorAddress);
          return [validator, sharesOf(ctx, validator, [m])[0] ?? Dec.zero()];
        })
        .filter(([, shares]) => shares.isPositive()),
    poolMembersAt: (ctx, validator) => {
      const members = [...r.poolMembers(ctx.store(RESTAKING_STORE), validator)];
      const shares = sharesOf(ctx, validator, members);
      return members
        .map((m, i): [Bytes, Dec] => [r.addresses.decodeAccount(m.delegatorAddress), shares[i] ?? Dec.zero()])
        .filter(([, s]) => s.isPositive());
    },
  };
}
