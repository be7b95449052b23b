/**
 * x/distribution's messages refuse bad input with the SDK v0.50 codes and change nothing but the
 * sequence (these txs pay no fee), and MsgCommunityPoolSpend pays only when the governance
 * authority signs it (here an ordinary account stands in for the gov module account, as
 * PLUMED_TEST_AUTHORITY does for a node); a MsgDepositValidatorRewardsPool is allocated like a
 * block's share.
 *
 * In-process, with no inflation and no fees, so that a block moves no coin by itself: the
 * distribution and bank stores before and after a refused tx's block are compared byte for byte.
 */
import { moduleAddress } from "../app/address";
import { QueryDelegationRewardsRequest, QueryDelegationRewardsResponse } from "cosmjs-types/cosmos/distribution/v1beta1/query";
import { RequestQuery } from "cosmjs-types/tendermint/abci/types";
import { MsgCommunityPoolSpend, MsgDepositValidatorRewardsPool, MsgFundCommunityPool, MsgSetWithdrawAddress, MsgUpdateParams, MsgWithdrawDelegatorReward, MsgWithdrawValidatorCommission } from "cosmjs-types/cosmos/distribution/v1beta1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { MsgDelegate } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { operator } from "../x/genutil/gentx.fixture";
import { startInProcessChain, type ChainUser, type ChainValidator, type InProcessChain } from "./helpers/in-process-chain";

const DENOM = "uplume";
const DISTR = "/cosmos.distribution.v1beta1.";

function snapshot(chain: InProcessChain): string {
  const ctx = chain.ctx();
  const out: string[] = [];
  for (const name of ["distribution", "bank", "staking"]) {
    for (const { key, value } of ctx.multiStore.getStore(name).iterate()) {
      // Staking's historical info moves with every block.
      if (name === "staking" && key[0] === 0x50) continue;
      out.push(`${name}:${Buffer.from(key).toString("hex")}=${Buffer.from(value).toString("hex")}`);
    }
  }
  return out.join("\n");
}

describe("bad distribution transactions get the SDK error and change nothing", () => {
  let chain: InProcessChain;
  let dora: ChainUser;
  let eve: ChainUser;
  let v: ChainValidator;

  async function refused(signer: ChainUser | ChainValidator, msg: Any): Promise<[string | undefined, number | undefined, string | undefined]> {
    const before = snapshot(chain);
    const res = chain.block({ txs: [await chain.signTx(signer, [msg])] });
    expect(snapshot(chain)).toBe(before);
    const r = res.txResults[0];
    return [r?.codespace, r?.code, r?.log];
  }

  beforeAll(async () => {
    // eve is the governance authority of this chain.
    const authority = (await operator("eve")).account;
    chain = await startInProcessChain({ validators: [{ name: "v", power: 10n }], users: ["dora", "eve"], authority });
    [dora, eve] = chain.users as [ChainUser, ChainUser];
    v = chain.validators[0] as ChainValidator;
    chain.block();
    const delegate = MsgDelegate.encode({ delegatorAddress: dora.op.account, validatorAddress: v.op.valoper, amount: { denom: DENOM, amount: "1000000" } }).finish();
    const res = chain.block({ txs: [await chain.signTx(dora, [{ typeUrl: "/cosmos.staking.v1beta1.MsgDelegate", value: delegate }])] });
    expect(res.txResults[0]?.code).toBe(0);
    chain.block();
  });

  afterAll(async () => {
    await chain?.close();
  });

  it("refuses a withdrawal from a validator the delegator has no delegation with (staking/19, as on a Go node)", async () => {
    const msg = MsgWithdrawDelegatorReward.encode({ delegatorAddress: eve.op.account, validatorAddress: v.op.valoper }).finish();
    expect(await refused(eve, { typeUrl: `${DISTR}MsgWithdrawDelegatorReward`, value: msg })).toEqual([
      "staking",
      19,
      "failed to execute message; message index: 0: no delegation for (address, validator) tuple",
    ]);
  });

  it("refuses a commission withdrawal by a non-operator and one with nothing accrued (7)", async () => {
    const notOperator = MsgWithdrawValidatorCommission.encode({ validatorAddress: dora.op.valoper }).finish();
    expect(await refused(dora, { typeUrl: `${DISTR}MsgWithdrawValidatorCommission`, value: notOperator })).toEqual([
      "distribution",
      7,
      "failed to execute message; message index: 0: no validator commission to withdraw",
    ]);
    // No fee and no inflation on this chain: the validator has earned nothing.
    const nothing = MsgWithdrawValidatorCommission.encode({ validatorAddress: v.op.valoper }).finish();
    expect(await refused(v, { typeUrl: `${DISTR}MsgWithdrawValidatorCommission`, value: nothing })).toEqual([
      "distribution",
      7,
      "failed to execute message; message index: 0: no validator commission to withdraw",
    ]);
  });

  it("refuses a blocked module account as withdraw address (sdk/4)", async () => {
    const blocked = chain.app.keepers.auth.addresses.encodeAccount(moduleAddress("distribution"));
    const msg = MsgSetWithdrawAddress.encode({ delegatorAddress: dora.op.account, withdrawAddress: blocked }).finish();
    expect(await refused(dora, { typeUrl: `${DISTR}MsgSetWithdrawAddress`, value: msg })).toEqual([
      "sdk",
      4,
      `failed to execute message; message index: 0: ${blocked} is not allowed to receive external funds: unauthorized`,
    ]);
  });

  it("refuses to fund the community pool with more than the balance (sdk/5) or with no coins (sdk/10)", async () => {
    const tooMuch = MsgFundCommunityPool.encode({ depositor: dora.op.account, amount: [{ denom: DENOM, amount: "99999999999999999" }] }).finish();
    const [codespace, code, log] = await refused(dora, { typeUrl: `${DISTR}MsgFundCommunityPool`, value: tooMuch });
    expect([codespace, code]).toEqual(["sdk", 5]);
    expect(log).toContain("insufficient funds");
    const none = MsgFundCommunityPool.encode({ depositor: dora.op.account, amount: [] }).finish();
    expect(await refused(dora, { typeUrl: `${DISTR}MsgFundCommunityPool`, value: none })).toEqual([
      "sdk",
      10,
      "failed to execute message; message index: 0: amount cannot be nil: invalid coins",
    ]);
  });

  it("pays a community pool spend signed by the authority, refuses it from anyone else (gov/13) and beyond the pool (9)", async () => {
    const fund = MsgFundCommunityPool.encode({ depositor: dora.op.account, amount: [{ denom: DENOM, amount: "5000" }] }).finish();
    expect(chain.block({ txs: [await chain.signTx(dora, [{ typeUrl: `${DISTR}MsgFundCommunityPool`, value: fund }])] }).txResults[0]?.code).toBe(0);
    const pool = (): string => chain.app.keepers.distribution.getCommunityPool(chain.ctx()).toString();
    expect(pool()).toBe(`5000.000000000000000000${DENOM}`);

    const spend = (authority: string, amount: string): Any => ({
      typeUrl: `${DISTR}MsgCommunityPoolSpend`,
      value: MsgCommunityPoolSpend.encode({ authority, recipient: dora.op.account, amount: [{ denom: DENOM, amount }] }).finish(),
    });
    expect(await refused(dora, spend(dora.op.account, "2000"))).toEqual([
      "gov",
      13,
      `failed to execute message; message index: 0: invalid authority; expected ${eve.op.account}, got ${dora.op.account}: expected gov account as only signer for proposal message`,
    ]);
    expect(await refused(eve, spend(eve.op.account, "6000"))).toEqual([
      "distribution",
      9,
      "failed to execute message; message index: 0: community pool does not have sufficient coins to distribute",
    ]);
    const balance = (): bigint => chain.app.keepers.bank.getBalance(chain.ctx(), dora.op.address, DENOM).amount.toBigInt();
    const before = balance();
    expect(chain.block({ txs: [await chain.signTx(eve, [spend(eve.op.account, "2000")])] }).txResults[0]?.code).toBe(0);
    expect(balance()).toBe(before + 2000n);
    expect(pool()).toBe(`3000.000000000000000000${DENOM}`);
  });

  it("adds a deposit to a validator's rewards pool as an allocation: its commission first, the rest to its delegators", async () => {
    const k = chain.app.keepers.distribution;
    const operator = k.addresses.decodeValidator(v.op.valoper);
    const before = { outstanding: k.outstanding(k.store(chain.ctx()), operator), commission: k.accumulatedCommission(k.store(chain.ctx()), operator) };
    const deposit = MsgDepositValidatorRewardsPool.encode({ depositor: dora.op.account, validatorAddress: v.op.valoper, amount: [{ denom: DENOM, amount: "1000" }] }).finish();
    const res = chain.block({ txs: [await chain.signTx(dora, [{ typeUrl: `${DISTR}MsgDepositValidatorRewardsPool`, value: deposit }])] });
    expect(res.txResults[0]?.code).toBe(0);
    const store = k.store(chain.ctx());
    // 10% commission (the gentx's rate) of 1,000.
    expect(k.accumulatedCommission(store, operator).sub(before.commission).toString()).toBe(`100.000000000000000000${DENOM}`);
    expect(k.outstanding(store, operator).sub(before.outstanding).toString()).toBe(`1000.000000000000000000${DENOM}`);
    // dora's 1,000,000 of the validator's 11,000,000 tokens earn her share of the other 900:
    // floor(900 / 11,000,000) per token (18 decimals), times 1,000,000.
    const res2 = chain.app.baseApp.query(
      RequestQuery.fromPartial({
        path: "/cosmos.distribution.v1beta1.Query/DelegationRewards",
        data: QueryDelegationRewardsRequest.encode({ delegatorAddress: dora.op.account, validatorAddress: v.op.valoper }).finish(),
      }),
    );
    if (res2 instanceof Promise) throw new Error("expected a synchronous answer");
    expect(QueryDelegationRewardsResponse.decode(res2.value).rewards).toEqual([{ denom: DENOM, amount: (((900n * 10n ** 18n) / 11_000_000n) * 1_000_000n).toString() }]);
  });

  it("refuses to set the deprecated proposer rewards (sdk/18) and a community tax above 1", async () => {
    const params = chain.app.keepers.distribution.getParams(chain.ctx());
    const update = (p: typeof params): Any => ({ typeUrl: `${DISTR}MsgUpdateParams`, value: MsgUpdateParams.encode({ authority: eve.op.account, params: p }).finish() });
    expect(await refused(eve, update({ ...params, baseProposerReward: "10000000000000000" }))).toEqual([
      "sdk",
      18,
      "failed to execute message; message index: 0: cannot update base or bonus proposer reward because these are deprecated fields: invalid request",
    ]);
    const [codespace, code, log] = await refused(eve, update({ ...params, communityTax: "2000000000000000000" }));
    expect([codespace, code, log]).toEqual(["undefined", 1, "failed to execute message; message index: 0: community tax too large: 2.000000000000000000"]);
  });
});
