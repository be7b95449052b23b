import { Comet38Client } from "@cosmjs/tendermint-rpc";
import { QueryClient, setupStakingExtension, type SigningStargateClient, type StakingExtension } from "@cosmjs/stargate";
import { MsgBeginRedelegate, MsgCancelUnbondingDelegation, MsgUndelegate, MsgUndelegateResponse } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { Testnet } from "./helpers/testnet";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, balanceOf, DENOM, directWallet, queryClient, signingClient } from "./helpers/clients";
import { waitFor, waitForHeight } from "./helpers/rpc";
import { StakingInvariants, stakingGenesis } from "./helpers/staking";
import { withdrawnRewards } from "./helpers/distribution";
import type { StargateClient } from "@cosmjs/stargate";

/**
 * A delegator's life with @cosmjs/stargate on a 2-validator devnet whose validators were created
 * by gentxs: delegate, undelegate, redelegate (MsgBeginRedelegate), cancel part of an unbonding,
 * then the unbonded tokens arrive after the unbonding time (8 s here) with every fee and every
 * reward paid out on the way (each change to a delegation withdraws its rewards) accounted for.
 * The staking QueryClient extension reports each step; the staking invariants hold at every block.
 */
const FEE = { amount: [{ denom: DENOM, amount: "10000" }], gas: "400000" };
const FEE_AMOUNT = 10_000n;
const ONE_SHARE = 10n ** 18n;

describe("delegating, undelegating and redelegating with cosmjs", () => {
  let net: Testnet;
  let client: SigningStargateClient;
  let reader: StargateClient;
  let q: QueryClient & StakingExtension;
  let comet: Comet38Client;
  let alice: string;
  let v0: string;
  let v1: string;
  let invariants: StakingInvariants;

  beforeAll(async () => {
    net = await Testnet.create(2, { users: ["alice"], mnemonics: testMnemonics(["validator0", "validator1", "alice"]), editGenesis: stakingGenesis({ unbondingTime: "8s" }) });
    net.startAll();
    await waitForHeight(net.rpcPort(0), 2, 120_000);
    const wallet = await directWallet("alice");
    alice = await addressOf(wallet);
    client = await signingClient(net.rpcPort(0), wallet);
    reader = await queryClient(net.rpcPort(0));
    comet = await Comet38Client.connect(`http://127.0.0.1:${net.rpcPort(0)}`);
    q = QueryClient.withExtensions(comet, setupStakingExtension);
    [v0, v1] = net.layout.nodes.map((n) => n.operator as string) as [string, string];
    invariants = new StakingInvariants(net.rpcPort(0));
  });

  afterAll(async () => {
    await invariants?.checkUpTo();
    client?.disconnect();
    reader?.disconnect();
    comet?.disconnect();
    await net.stop();
  });

  it("starts with the gentx validators bonded, each with its 100 PLUME self-delegation", async () => {
    const { validators } = await q.staking.validators("BOND_STATUS_BONDED");
    expect(validators.map((v) => [v.operatorAddress, v.tokens, v.status]).sort()).toEqual([v0, v1].sort().map((v) => [v, "100000000", BondStatus.BOND_STATUS_BONDED]));
    expect((await q.staking.pool()).pool).toEqual({ bondedTokens: "200000000", notBondedTokens: "0" });
    expect((await q.staking.params()).params?.bondDenom).toBe(DENOM);
    await invariants.checkUpTo();
  });

  it("delegates, undelegates, redelegates and cancels an unbonding; the tokens come back after the unbonding time", async () => {
    const start = await balanceOf(reader, alice);

    const delegated = await client.delegateTokens(alice, v0, { denom: DENOM, amount: "10000000" }, FEE, "delegate");
    expect(delegated.code).toBe(0);
    const delegation = (await q.staking.delegation(alice, v0)).delegationResponse;
    expect(delegation?.balance).toEqual({ denom: DENOM, amount: "10000000" });
    expect(BigInt(delegation?.delegation?.shares ?? "0")).toBe(10_000_000n * ONE_SHARE);
    expect((await q.staking.validator(v0)).validator?.tokens).toBe("110000000");

    const undelegated = await client.undelegateTokens(alice, v0, { denom: DENOM, amount: "3000000" }, FEE, "undelegate");
    expect(undelegated.code).toBe(0);
    const response = MsgUndelegateResponse.decode(undelegated.msgResponses[0]?.value ?? new Uint8Array());
    expect(response.amount).toEqual({ denom: DENOM, amount: "3000000" });
    const ubd = (await q.staking.unbondingDelegation(alice, v0)).unbond;
    expect(ubd?.entries.map((e) => [e.creationHeight, e.balance])).toEqual([[BigInt(undelegated.height), "3000000"]]);
    expect(ubd?.entries[0]?.completionTime).toEqual(response.completionTime);

    const redelegated = await client.signAndBroadcast(
      alice,
      [{ typeUrl: "/cosmos.staking.v1beta1.MsgBeginRedelegate", value: MsgBeginRedelegate.fromPartial({ delegatorAddress: alice, validatorSrcAddress: v0, validatorDstAddress: v1, amount: { denom: DENOM, amount: "2000000" } }) }],
      FEE,
      "redelegate",
    );
    expect(redelegated.code).toBe(0);
    const red = (await q.staking.redelegations(alice, v0, v1)).redelegationResponses;
    expect(red.map((r) => [r.redelegation?.validatorSrcAddress, r.redelegation?.validatorDstAddress, r.entries.map((e) => e.balance)])).toEqual([[v0, v1, ["2000000"]]]);
    expect((await q.staking.delegation(alice, v1)).delegationResponse?.balance?.amount).toBe("2000000");
    expect((await q.staking.delegatorDelegations(alice)).delegationResponses.map((d) => [d.delegation?.validatorAddress, d.balance?.amount]).sort()).toEqual(
      [
        [v0, "5000000"],
        [v1, "2000000"],
      ].sort(),
    );

    // A second unbonding, of which 400000 is delegated back (MsgCancelUnbondingDelegation).
    const second = await client.signAndBroadcast(
      alice,
      [{ typeUrl: "/cosmos.staking.v1beta1.MsgUndelegate", value: MsgUndelegate.fromPartial({ delegatorAddress: alice, validatorAddress: v1, amount: { denom: DENOM, amount: "1000000" } }) }],
      FEE,
    );
    expect(second.code).toBe(0);
    const cancelled = await client.signAndBroadcast(
      alice,
      [
        {
          typeUrl: "/cosmos.staking.v1beta1.MsgCancelUnbondingDelegation",
          value: MsgCancelUnbondingDelegation.fromPartial({ delegatorAddress: alice, validatorAddress: v1, amount: { denom: DENOM, amount: "400000" }, creationHeight: BigInt(second.height) }),
        },
      ],
      FEE,
    );
    expect(cancelled.code).toBe(0);
    expect((await q.staking.unbondingDelegation(alice, v1)).unbond?.entries.map((e) => e.balance)).toEqual(["600000"]);
    expect((await q.staking.delegation(alice, v1)).delegationResponse?.balance?.amount).toBe("1400000");
    expect((await q.staking.pool()).pool).toEqual({ bondedTokens: String(200_000_000n + 10_000_000n - 3_000_000n - 600_000n), notBondedTokens: "3600000" });
    expect((await q.staking.delegatorUnbondingDelegations(alice)).unbondingResponses).toHaveLength(2);
    await invariants.checkUpTo();

    // Every change to an existing delegation paid its rewards out first (x/distribution).
    const rewards = [undelegated, redelegated, second, cancelled].reduce((sum, res) => sum + withdrawnRewards(res, alice), 0n);
    expect(rewards).toBeGreaterThan(0n);
    const netCost = 5n * FEE_AMOUNT - rewards;
    expect(await balanceOf(reader, alice)).toBe(start - 10_000_000n - netCost);
    // After the unbonding time (block time), EndBlock pays the entries out and removes them.
    const final = await waitFor(
      "the unbonded tokens",
      async () => {
        const b = await balanceOf(reader, alice);
        return b === start - 10_000_000n - netCost + 3_000_000n + 600_000n ? b : undefined;
      },
      60_000,
    );
    expect(final).toBe(start - 6_400_000n - netCost);
    expect((await q.staking.delegatorUnbondingDelegations(alice)).unbondingResponses).toEqual([]);
    await waitFor("the redelegation to mature", async () => ((await q.staking.redelegations(alice, v0, v1).catch(() => undefined)) === undefined ? true : undefined), 30_000);
    expect((await q.staking.pool()).pool).toEqual({ bondedTokens: String(200_000_000n + 6_400_000n), notBondedTokens: "0" });
    expect((await q.staking.delegatorValidators(alice)).validators.map((v) => v.operatorAddress).sort()).toEqual([v0, v1].sort());
    await invariants.checkUpTo();
    expect(invariants.checkedHeights.length).toBeGreaterThan(10);
  });
});
