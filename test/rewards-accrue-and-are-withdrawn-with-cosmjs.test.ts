/**
 * Staking rewards with @cosmjs/stargate against a real plumed + CometBFT devnet (one validator):
 * the mint and distribution QueryClient extensions, SigningStargateClient.withdrawRewards, a
 * changed withdraw address, the validator's commission withdrawal (signed in amino JSON, as a
 * Ledger would), and funding the community pool.
 *
 * The figures are checked exactly against the chain's own block events, not its F1 records: every
 * BeginBlock emits `rewards` and `commission` per validator (the validator's share and its
 * commission, DecCoins), so a delegation's rewards since it started are
 * floor(Σ (rewards - commission) / validator tokens) (the period's ratio, truncated) times its
 * stake, and a withdrawal pays that truncated to whole coins. The mint's annual provisions are its
 * inflation times the supply before the block's mint.
 */
import { Comet38Client } from "@cosmjs/tendermint-rpc";
import { QueryClient, setupDistributionExtension, setupMintExtension, type DistributionExtension, type MintExtension, type SigningStargateClient, type StargateClient } from "@cosmjs/stargate";
import { QueryDelegationRewardsRequest, QueryDelegationRewardsResponse, QueryValidatorCommissionRequest, QueryValidatorCommissionResponse } from "cosmjs-types/cosmos/distribution/v1beta1/query";
import { MsgFundCommunityPool, MsgSetWithdrawAddress, MsgWithdrawValidatorCommission, MsgWithdrawValidatorCommissionResponse } from "cosmjs-types/cosmos/distribution/v1beta1/tx";
import { QueryAnnualProvisionsRequest, QueryAnnualProvisionsResponse, QueryInflationRequest, QueryInflationResponse } from "cosmjs-types/cosmos/mint/v1beta1/query";
import { QuerySupplyOfRequest, QuerySupplyOfResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { Testnet } from "./helpers/testnet";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, aminoWallet, balanceOf, DENOM, directWallet, queryClient, signingClient } from "./helpers/clients";
import { waitForHeight } from "./helpers/rpc";
import { abciQuery } from "./helpers/staking";
import { withdrawnRewards } from "./helpers/distribution";
import { plumed } from "../cmd/plumed/client/testing/run-cli";

const FEE = { amount: [{ denom: DENOM, amount: "10000" }], gas: "400000" };
const FEE_AMOUNT = 10_000n;
const E18 = 10n ** 18n;
const STAKE = 10_000_000n;
/** The validator's 100 PLUME self-delegation plus alice's. */
const TOKENS = 100_000_000n + STAKE;

/** "1.500000000000000000uplume" (a DecCoins string) as atomics; "" is 0. */
function decAtomics(s: string): bigint {
  const m = new RegExp(`^(\\d+)\\.(\\d{18})${DENOM}$`).exec(s);
  if (m === null) {
    if (s === "") return 0n;
    throw new Error(`not a ${DENOM} DecCoin: ${s}`);
  }
  return BigInt(`${m[1]}${m[2]}`);
}

describe("rewards accrue and are withdrawn with cosmjs", () => {
  let net: Testnet;
  let client: SigningStargateClient;
  let validatorClient: SigningStargateClient;
  let reader: StargateClient;
  let comet: Comet38Client;
  let q: QueryClient & DistributionExtension & MintExtension;
  let alice: string;
  let carol: string;
  let operatorAccount: string;
  let v0: string;
  let port: number;

  /** The `rewards` and `commission` attributes for v0 of block h's BeginBlock, as atomics. */
  async function blockShare(h: number): Promise<{ rewards: bigint; commission: bigint }> {
    const res = await comet.blockResults(h);
    const amountOf = (type: string): bigint => {
      const e = res.finalizeBlockEvents.find((x) => x.type === type && x.attributes.some((a) => a.key === "validator" && a.value === v0));
      return decAtomics(e?.attributes.find((a) => a.key === "amount")?.value ?? "");
    };
    return { rewards: amountOf("rewards"), commission: amountOf("commission") };
  }

  /** Σ over heights from..to of v0's delegators' share (rewards - commission). */
  async function sharedBetween(from: number, to: number): Promise<bigint> {
    let sum = 0n;
    for (let h = from; h <= to; h++) {
      const { rewards, commission } = await blockShare(h);
      sum += rewards - commission;
    }
    return sum;
  }

  const rewardsAt = async (h: number): Promise<bigint> => {
    const r = await abciQuery(port, "/cosmos.distribution.v1beta1.Query/DelegationRewards", { delegatorAddress: alice, validatorAddress: v0 }, QueryDelegationRewardsRequest, QueryDelegationRewardsResponse, h);
    return BigInt(r.rewards.find((c) => c.denom === DENOM)?.amount ?? "0");
  };

  beforeAll(async () => {
    net = await Testnet.create(1, { users: ["alice", "carol"], mnemonics: testMnemonics(["validator0", "alice", "carol"]) });
    net.startAll();
    port = net.rpcPort(0);
    await waitForHeight(port, 2, 120_000);
    const wallet = await directWallet("alice");
    alice = await addressOf(wallet);
    carol = await addressOf(await directWallet("carol"));
    client = await signingClient(port, wallet);
    const validatorWallet = await aminoWallet("validator0");
    operatorAccount = await addressOf(validatorWallet);
    validatorClient = await signingClient(port, validatorWallet);
    reader = await queryClient(port);
    comet = await Comet38Client.connect(`http://127.0.0.1:${port}`);
    q = QueryClient.withExtensions(comet, setupDistributionExtension, setupMintExtension);
    v0 = net.layout.nodes[0]?.operator ?? "";
  });

  afterAll(async () => {
    client?.disconnect();
    validatorClient?.disconnect();
    reader?.disconnect();
    comet?.disconnect();
    await net.stop();
  });

  it("mints by the SDK's rule: the chain's denom, annual provisions = inflation × the supply before the block's mint", async () => {
    const params = await q.mint.params();
    expect(params.mintDenom).toBe(DENOM);
    expect(params.blocksPerYear).toBe(6_311_520n);
    expect(params.goalBonded.toString()).toBe("0.67");
    const inflation = await q.mint.inflation();
    expect(Number(inflation.toString())).toBeGreaterThan(0.07);
    expect(Number(inflation.toString())).toBeLessThanOrEqual(0.2);
    expect((await q.mint.annualProvisions()).isGreaterThan(inflation)).toBe(true);
    const h = await waitForHeight(port, 4);
    const text = (b: Uint8Array): bigint => BigInt(new TextDecoder().decode(b));
    const inflationAt = text((await abciQuery(port, "/cosmos.mint.v1beta1.Query/Inflation", {}, QueryInflationRequest, QueryInflationResponse, h)).inflation);
    const annualAt = text((await abciQuery(port, "/cosmos.mint.v1beta1.Query/AnnualProvisions", {}, QueryAnnualProvisionsRequest, QueryAnnualProvisionsResponse, h)).annualProvisions);
    const supplyBefore = BigInt((await abciQuery(port, "/cosmos.bank.v1beta1.Query/SupplyOf", { denom: DENOM }, QuerySupplyOfRequest, QuerySupplyOfResponse, h - 1)).amount?.amount ?? "0");
    expect(annualAt).toBe(inflationAt * supplyBefore);
  });

  it("accrues a delegation's rewards block by block, exactly its share of each block's rewards, and pays them out truncated", async () => {
    const delegated = await client.delegateTokens(alice, v0, { denom: DENOM, amount: STAKE.toString() }, FEE);
    expect(delegated.code).toBe(0);
    const d = delegated.height;
    await waitForHeight(port, d + 4);
    const seen: bigint[] = [];
    for (let h = d + 1; h <= d + 4; h++) {
      const expected = ((await sharedBetween(d + 1, h)) / TOKENS) * STAKE;
      expect([h, await rewardsAt(h)]).toEqual([h, expected]);
      seen.push(expected);
    }
    expect(seen[3]).toBeGreaterThan(seen[0] ?? 0n);
    const viaCosmjs = await q.distribution.delegationRewards(alice, v0);
    expect(BigInt(viaCosmjs.rewards[0]?.amount ?? "0")).toBeGreaterThanOrEqual(seen[3] ?? 0n);

    const before = await balanceOf(reader, alice);
    const withdrawn = await client.withdrawRewards(alice, v0, FEE);
    expect(withdrawn.code).toBe(0);
    const w = withdrawn.height;
    const owed = ((await sharedBetween(d + 1, w)) / TOKENS) * STAKE;
    const paid = owed / E18;
    expect(paid).toBeGreaterThan(0n);
    expect(withdrawnRewards(withdrawn, alice)).toBe(paid);
    expect(await balanceOf(reader, alice)).toBe(before - FEE_AMOUNT + paid);
    expect(await rewardsAt(w)).toBe(0n);
  });

  it("pays the next withdrawal to a changed withdraw address", async () => {
    const set = await client.signAndBroadcast(alice, [{ typeUrl: "/cosmos.distribution.v1beta1.MsgSetWithdrawAddress", value: MsgSetWithdrawAddress.fromPartial({ delegatorAddress: alice, withdrawAddress: carol }) }], FEE);
    expect(set.code).toBe(0);
    expect(set.events.find((e) => e.type === "set_withdraw_address")?.attributes).toEqual(expect.arrayContaining([{ key: "withdraw_address", value: carol }]));
    expect((await q.distribution.delegatorWithdrawAddress(alice)).withdrawAddress).toBe(carol);
    await waitForHeight(port, set.height + 2);
    const [aliceBefore, carolBefore] = [await balanceOf(reader, alice), await balanceOf(reader, carol)];
    const withdrawn = await client.withdrawRewards(alice, v0, FEE);
    expect(withdrawn.code).toBe(0);
    const paid = withdrawnRewards(withdrawn, alice);
    expect(paid).toBeGreaterThan(0n);
    expect(await balanceOf(reader, carol)).toBe(carolBefore + paid);
    expect(await balanceOf(reader, alice)).toBe(aliceBefore - FEE_AMOUNT);
  });

  it("lets the operator withdraw its rewards and its commission (amino-signed), the commission to the whole coin, the decimals staying for later", async () => {
    const commissionAt = async (h: number): Promise<bigint> => {
      const r = await abciQuery(port, "/cosmos.distribution.v1beta1.Query/ValidatorCommission", { validatorAddress: v0 }, QueryValidatorCommissionRequest, QueryValidatorCommissionResponse, h);
      return BigInt(r.commission?.commission.find((c) => c.denom === DENOM)?.amount ?? "0");
    };
    expect(BigInt((await q.distribution.validatorCommission(v0)).commission?.commission[0]?.amount ?? "0")).toBeGreaterThan(0n);
    // Its self-delegation's rewards too, amino-signed (cosmos-sdk/MsgWithdrawDelegationReward).
    const self = await validatorClient.withdrawRewards(operatorAccount, v0, FEE);
    expect(self.code).toBe(0);
    expect(withdrawnRewards(self, operatorAccount)).toBeGreaterThan(0n);
    const before = await balanceOf(reader, operatorAccount);
    const res = await validatorClient.signAndBroadcast(
      operatorAccount,
      [{ typeUrl: "/cosmos.distribution.v1beta1.MsgWithdrawValidatorCommission", value: MsgWithdrawValidatorCommission.fromPartial({ validatorAddress: v0 }) }],
      FEE,
    );
    expect(res.code).toBe(0);
    const accrued = (await commissionAt(res.height - 1)) + (await blockShare(res.height)).commission;
    const paid = accrued / E18;
    expect(MsgWithdrawValidatorCommissionResponse.decode(res.msgResponses[0]?.value ?? new Uint8Array()).amount).toEqual([{ denom: DENOM, amount: paid.toString() }]);
    expect(res.events.find((e) => e.type === "withdraw_commission")?.attributes[0]).toEqual({ key: "amount", value: `${paid}${DENOM}` });
    expect(await balanceOf(reader, operatorAccount)).toBe(before - FEE_AMOUNT + paid);
    expect(await commissionAt(res.height)).toBe(accrued - paid * E18);
  });

  it("answers the same through the plumed CLI (query distribution and mint, at a height)", async () => {
    const h = await waitForHeight(port, 2);
    const node = ["--node", `tcp://127.0.0.1:${port}`, "--height", String(h), "-o", "json"];
    const cli = async (...args: string[]): Promise<Record<string, unknown>> => {
      const r = await plumed(["query", ...args, ...node]);
      expect([r.code, r.stderr]).toEqual([0, ""]);
      return JSON.parse(r.stdout) as Record<string, unknown>;
    };
    const commission = await abciQuery(port, "/cosmos.distribution.v1beta1.Query/ValidatorCommission", { validatorAddress: v0 }, QueryValidatorCommissionRequest, QueryValidatorCommissionResponse, h);
    const atomics = BigInt(commission.commission?.commission[0]?.amount ?? "0");
    const text = `${atomics / E18}.${(atomics % E18).toString().padStart(18, "0")}`;
    expect(await cli("distribution", "commission", v0)).toEqual({ commission: { commission: [{ denom: DENOM, amount: text }] } });
    expect(await cli("distribution", "withdraw-addr", alice)).toEqual({ withdraw_address: carol });
    expect(((await cli("mint", "params")) as { params: { mint_denom: string } }).params.mint_denom).toBe(DENOM);
  });

  it("funds the community pool from an account", async () => {
    const fund = await client.signAndBroadcast(alice, [{ typeUrl: "/cosmos.distribution.v1beta1.MsgFundCommunityPool", value: MsgFundCommunityPool.fromPartial({ depositor: alice, amount: [{ denom: DENOM, amount: "1000000" }] }) }], FEE);
    expect(fund.code).toBe(0);
    const pool = BigInt((await q.distribution.communityPool()).pool.find((c) => c.denom === DENOM)?.amount ?? "0");
    expect(pool).toBeGreaterThan(1_000_000n * E18);
    const tooMuch = await client.signAndBroadcast(
      alice,
      [{ typeUrl: "/cosmos.distribution.v1beta1.MsgFundCommunityPool", value: MsgFundCommunityPool.fromPartial({ depositor: alice, amount: [{ denom: DENOM, amount: "99999999999999999" }] }) }],
      FEE,
    );
    expect([tooMuch.code, tooMuch.rawLog]).toEqual([5, expect.stringContaining("insufficient funds")]);
  });
});
