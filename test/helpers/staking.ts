import { toHex } from "@cosmjs/encoding";
import { QueryAllBalancesRequest, QueryAllBalancesResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import {
  QueryPoolRequest,
  QueryPoolResponse,
  QueryValidatorDelegationsRequest,
  QueryValidatorDelegationsResponse,
  QueryValidatorsRequest,
  QueryValidatorsResponse,
  QueryValidatorUnbondingDelegationsRequest,
  QueryValidatorUnbondingDelegationsResponse,
} from "cosmjs-types/cosmos/staking/v1beta1/query";
import { BondStatus, type Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { toBech32 } from "@cosmjs/encoding";
import { moduleAddress } from "../../app/address";
import type { JsonValue } from "../../app/module";
import { DENOM, PREFIX } from "./clients";
import { latestHeight, rpc } from "./rpc";

/** Edits of a devnet genesis for staking tests (used in createDevnet's editGenesis). */
export function stakingGenesis(params: { unbondingTime?: string; maxValidators?: number; maxEntries?: number; cap?: string }) {
  return (appState: Record<string, JsonValue>): void => {
    const staking = appState["staking"] as { params: Record<string, JsonValue> } & Record<string, JsonValue>;
    appState["staking"] = {
      ...staking,
      params: {
        ...staking.params,
        ...(params.unbondingTime !== undefined ? { unbonding_time: params.unbondingTime } : {}),
        ...(params.maxValidators !== undefined ? { max_validators: params.maxValidators } : {}),
        ...(params.maxEntries !== undefined ? { max_entries: params.maxEntries } : {}),
      },
    };
    if (params.cap !== undefined) appState["plume_staking"] = { params: { max_validator_power_share: params.cap } };
  };
}

interface Codec<T> {
  encode(m: T): { finish(): Uint8Array };
  decode(b: Uint8Array): T;
}

/**
 * A gRPC query through abci_query at a height (0: latest), decoded. CometBFT saves a block before
 * the app has executed and committed it, so a height read from /status can be one block ahead of
 * the app for a moment: a "height in the future" (sdk/26) answer is asked again, within a bound.
 */
export async function abciQuery<Req, Res>(port: number, path: string, req: Req, reqCodec: Codec<Req>, resCodec: Codec<Res>, height = 0): Promise<Res> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await abciQueryOnce(port, path, req, reqCodec, resCodec, height);
    } catch (err) {
      if (!(err instanceof FutureHeightError) || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

class FutureHeightError extends Error {}

async function abciQueryOnce<Req, Res>(port: number, path: string, req: Req, reqCodec: Codec<Req>, resCodec: Codec<Res>, height: number): Promise<Res> {
  const res = await fetch(`http://127.0.0.1:${port}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "abci_query", params: { path, data: toHex(reqCodec.encode(req).finish()), height: String(height), prove: false } }),
  });
  const body = (await res.json()) as { result?: { response: { code: number; log: string; value: string | null } }; error?: { message: string; data?: string } };
  if (body.error) throw new Error(`abci_query ${path}: ${body.error.message} ${body.error.data ?? ""}`);
  const r = body.result?.response;
  if (r?.code === 26 && height > 0) throw new FutureHeightError(`abci_query ${path} at ${height}: code 26: ${r.log}`);
  if (!r || r.code !== 0) throw new Error(`abci_query ${path} at ${height}: code ${r?.code}: ${r?.log}`);
  return resCodec.decode(Buffer.from(r.value ?? "", "base64"));
}

const S = "/cosmos.staking.v1beta1.Query/";

export async function allValidators(port: number, height = 0): Promise<Validator[]> {
  const r = await abciQuery(port, `${S}Validators`, QueryValidatorsRequest.fromPartial({ status: "", pagination: { limit: 1000n } }), QueryValidatorsRequest, QueryValidatorsResponse, height);
  return r.validators;
}

export const consensusKeyOf = (v: Validator): string => Buffer.from(Ed25519PubKey.decode(v.consensusPubkey?.value ?? new Uint8Array()).key).toString("base64");

/** CometBFT's validator set at a height (latest if absent), as {consensus key (base64): power}. */
export async function cometValidators(port: number, height?: number): Promise<Record<string, bigint>> {
  const r = await rpc<{ validators: { pub_key: { value: string }; voting_power: string }[] }>(port, "validators", { ...(height !== undefined ? { height } : {}), per_page: 100 });
  return Object.fromEntries(r.validators.map((v) => [v.pub_key.value, BigInt(v.voting_power)]));
}

/** The bonded set as staking has it at the end of a height: {consensus key: tokens / 10^6}. */
export function bondedPowers(validators: readonly Validator[]): Record<string, bigint> {
  return Object.fromEntries(validators.filter((v) => v.status === BondStatus.BOND_STATUS_BONDED).map((v) => [consensusKeyOf(v), BigInt(v.tokens) / 1_000_000n]));
}

const atomics = (dec: string): bigint => BigInt(dec === "" ? "0" : dec);

/**
 * x/staking's invariants checked from outside, through queries at each committed height:
 * - module-accounts: the bonded pool's balance equals the bonded validators' tokens; the not-bonded
 *   pool's equals the other validators' tokens plus every unbonding entry's balance (Pool and
 *   the bank balances of both pool accounts agree);
 * - delegator-shares: each validator's delegator_shares is the sum of its delegations' shares;
 * - nonnegative-power / positive-delegation: no negative tokens, no delegation with zero shares;
 * - the validator set: CometBFT's set at h+2 is staking's bonded set after block h, power = tokens / 10^6.
 * `checkUpTo` checks every height not checked yet, so calling it now and then covers every block.
 */
export class StakingInvariants {
  private nextPool = 1;
  private nextSet = 1;
  readonly checkedHeights: number[] = [];

  constructor(private readonly port: number) {}

  async checkUpTo(limit?: number): Promise<number> {
    const latest = await latestHeight(this.port);
    const upTo = Math.min(limit ?? latest, latest);
    for (; this.nextPool <= upTo; this.nextPool++) await this.checkPools(this.nextPool);
    for (; this.nextSet + 2 <= latest && this.nextSet <= upTo; this.nextSet++) await this.checkSet(this.nextSet);
    return upTo;
  }

  private async checkPools(h: number): Promise<void> {
    const validators = await allValidators(this.port, h);
    const pool = (await abciQuery(this.port, `${S}Pool`, QueryPoolRequest.fromPartial({}), QueryPoolRequest, QueryPoolResponse, h)).pool;
    const poolBalance = async (name: string): Promise<bigint> => {
      const r = await abciQuery(
        this.port,
        "/cosmos.bank.v1beta1.Query/AllBalances",
        QueryAllBalancesRequest.fromPartial({ address: toBech32(PREFIX, moduleAddress(name)) }),
        QueryAllBalancesRequest,
        QueryAllBalancesResponse,
        h,
      );
      return BigInt(r.balances.find((c) => c.denom === DENOM)?.amount ?? "0");
    };
    let bonded = 0n;
    let notBonded = 0n;
    const problems: string[] = [];
    for (const v of validators) {
      const tokens = BigInt(v.tokens);
      if (tokens < 0n) problems.push(`${v.operatorAddress} has negative tokens`);
      if (v.status === BondStatus.BOND_STATUS_BONDED) bonded += tokens;
      else notBonded += tokens;
      const [dels, ubds] = await Promise.all([
        abciQuery(this.port, `${S}ValidatorDelegations`, QueryValidatorDelegationsRequest.fromPartial({ validatorAddr: v.operatorAddress, pagination: { limit: 1000n } }), QueryValidatorDelegationsRequest, QueryValidatorDelegationsResponse, h),
        abciQuery(this.port, `${S}ValidatorUnbondingDelegations`, QueryValidatorUnbondingDelegationsRequest.fromPartial({ validatorAddr: v.operatorAddress, pagination: { limit: 1000n } }), QueryValidatorUnbondingDelegationsRequest, QueryValidatorUnbondingDelegationsResponse, h),
      ]);
      const shares = dels.delegationResponses.reduce((sum, d) => sum + atomics(d.delegation?.shares ?? ""), 0n);
      if (shares !== atomics(v.delegatorShares)) problems.push(`${v.operatorAddress}: delegations hold ${shares} share atomics, the validator ${v.delegatorShares}`);
      for (const d of dels.delegationResponses) if (atomics(d.delegation?.shares ?? "") <= 0n) problems.push(`a delegation to ${v.operatorAddress} has no shares`);
      for (const u of ubds.unbondingResponses) for (const e of u.entries) notBonded += BigInt(e.balance);
    }
    const [bondedPool, notBondedPool] = await Promise.all([poolBalance("bonded_tokens_pool"), poolBalance("not_bonded_tokens_pool")]);
    if (BigInt(pool?.bondedTokens ?? "0") !== bondedPool || BigInt(pool?.notBondedTokens ?? "0") !== notBondedPool) problems.push("the Pool query disagrees with the pool balances");
    if (bondedPool !== bonded) problems.push(`bonded pool holds ${bondedPool}, bonded validators ${bonded}`);
    if (notBondedPool !== notBonded) problems.push(`not-bonded pool holds ${notBondedPool}, other validators and unbonding entries ${notBonded}`);
    if (problems.length > 0) throw new Error(`staking invariants broken at height ${h}:\n${problems.join("\n")}`);
    this.checkedHeights.push(h);
  }

  private async checkSet(h: number): Promise<void> {
    const staking = bondedPowers(await allValidators(this.port, h));
    const comet = await cometValidators(this.port, h + 2);
    const sorted = (r: Record<string, bigint>): [string, string][] =>
      Object.entries(r)
        .filter(([, p]) => p > 0n)
        .map(([k, p]): [string, string] => [k, p.toString()])
        .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const a = sorted(staking);
    const b = sorted(comet);
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`CometBFT's validators at ${h + 2} ${JSON.stringify(b)} are not staking's bonded set after ${h} ${JSON.stringify(a)}`);
  }
}
