import { fromBech32, toBech32 } from "@cosmjs/encoding";
import type { SigningStargateClient, StargateClient } from "@cosmjs/stargate";
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { MsgCreateValidator } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { QueryValidatorPowerSharesRequest, QueryValidatorPowerSharesResponse } from "../proto/plume/staking/v1/query";
import { Testnet } from "./helpers/testnet";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, balanceOf, DENOM, directWallet, PREFIX, queryClient, signingClient } from "./helpers/clients";
import { waitForHeight } from "./helpers/rpc";
import { committedResult } from "./helpers/tx";
import { abciQuery, allValidators, cometValidators, StakingInvariants, stakingGenesis } from "./helpers/staking";

/**
 * The decentralization cap (docs/decentralization-cap.md) with max_validator_power_share = 0.34 and
 * three gentx validators of 100 PLUME each: it binds (3 >= ceil(1/0.34)). A delegation that would
 * lift a validator above 34% of the bonded tokens fails in its block with plume-staking/2 and the
 * documented log, changing nothing but the fee and the sequence; the largest one that fits (the
 * headroom the ValidatorPowerShares query reports) goes through. A MsgCreateValidator whose
 * self-delegation would bond the new validator above the cap (issue 12: such a validator, its
 * operator running no node, halted the chain) fails the same way and creates nothing.
 */
const FEE = { amount: [{ denom: DENOM, amount: "10000" }], gas: "400000" };
const CAP_ATOMICS = 340_000_000_000_000_000n;
const ONE = 10n ** 18n;

describe("the decentralization cap", () => {
  let net: Testnet;
  let client: SigningStargateClient;
  let reader: StargateClient;
  let alice: string;
  let invariants: StakingInvariants;

  beforeAll(async () => {
    net = await Testnet.create(3, {
      users: ["alice"],
      mnemonics: testMnemonics(["validator0", "validator1", "validator2", "alice"]),
      editGenesis: stakingGenesis({ cap: "0.340000000000000000" }),
    });
    net.startAll();
    await waitForHeight(net.rpcPort(0), 2, 120_000);
    const wallet = await directWallet("alice");
    alice = await addressOf(wallet);
    client = await signingClient(net.rpcPort(0), wallet);
    reader = await queryClient(net.rpcPort(0));
    invariants = new StakingInvariants(net.rpcPort(0));
  });

  afterAll(async () => {
    await invariants?.checkUpTo();
    client?.disconnect();
    reader?.disconnect();
    await net.stop();
  });

  const shares = () =>
    abciQuery(net.rpcPort(0), "/plume.staking.v1.Query/ValidatorPowerShares", QueryValidatorPowerSharesRequest.fromPartial({}), QueryValidatorPowerSharesRequest, QueryValidatorPowerSharesResponse);

  it("binds with three validators and reports each one's headroom: floor((cap*T - t) / (1 - cap))", async () => {
    const s = await shares();
    expect({ binding: s.capBinding, n: s.bondedValidators, min: s.minValidatorsForCap, total: s.totalBondedTokens }).toEqual({ binding: true, n: 3, min: 3, total: "300000000" });
    // (0.34 * 300000000 - 100000000) / 0.66 = 3030303.03...
    const headroom = (CAP_ATOMICS * 300_000_000n - 100_000_000n * ONE) / (ONE - CAP_ATOMICS);
    expect(headroom).toBe(3_030_303n);
    expect(s.validators.map((v) => v.headroom)).toEqual(["3030303", "3030303", "3030303"]);
  });

  it("refuses a MsgCreateValidator whose self-delegation would bond it above the cap with the cap error, and nothing changes", async () => {
    // 200 PLUME of 300 + 200 would be 40%; floor(0.34 * 300000000 / 0.66) = 154545454 is the most a new validator may bring.
    const operator = toBech32(`${PREFIX}valoper`, fromBech32(alice).data);
    const msg = MsgCreateValidator.fromPartial({
      description: { moniker: "no-node" },
      commission: { rate: "100000000000000000", maxRate: "200000000000000000", maxChangeRate: "10000000000000000" },
      minSelfDelegation: "1",
      validatorAddress: operator,
      pubkey: { typeUrl: "/cosmos.crypto.ed25519.PubKey", value: Ed25519PubKey.encode({ key: new Uint8Array(32).fill(0x42) }).finish() },
      value: { denom: DENOM, amount: "200000000" },
    });
    const before = { balance: await balanceOf(reader, alice), sequence: (await reader.getAccount(alice))?.sequence ?? 0, validators: await allValidators(net.rpcPort(0)), comet: await cometValidators(net.rpcPort(0)) };

    const refused = await client.signAndBroadcast(alice, [{ typeUrl: "/cosmos.staking.v1beta1.MsgCreateValidator", value: msg }], FEE);
    expect(refused.code).toBe(2);
    const result = await committedResult(net.rpcPort(0), refused.transactionHash);
    expect(result.codespace).toBe("plume-staking");
    expect(result.log).toBe(
      `failed to execute message; message index: 0: initial self-delegation of 200000000uplume would give validator ${operator} 40% of bonded power once bonded, above the 34% cap; it can accept at most 154545454uplume more: validator would exceed the maximum validator power share`,
    );
    expect(refused.events.map((e) => e.type)).not.toContain("create_validator");
    // Nothing changed but the fee and the sequence: no validator, the same set in staking and in CometBFT two blocks later.
    expect(await balanceOf(reader, alice)).toBe(before.balance - 10_000n);
    expect((await reader.getAccount(alice))?.sequence).toBe(before.sequence + 1);
    expect(await allValidators(net.rpcPort(0))).toEqual(before.validators);
    await waitForHeight(net.rpcPort(0), refused.height + 2, 30_000);
    expect(await cometValidators(net.rpcPort(0), refused.height + 2)).toEqual(before.comet);
    await invariants.checkUpTo();
  });

  it("refuses a delegation one token above the headroom with the documented error, and accepts the headroom", async () => {
    const v0 = net.layout.nodes[0]?.operator as string;
    const headroom = BigInt((await shares()).validators.find((v) => v.operatorAddress === v0)?.headroom ?? "0");
    const before = { balance: await balanceOf(reader, alice), sequence: (await reader.getAccount(alice))?.sequence ?? 0, validators: await allValidators(net.rpcPort(0)) };

    const refused = await client.delegateTokens(alice, v0, { denom: DENOM, amount: (headroom + 1n).toString() }, FEE);
    expect(refused.code).toBe(2);
    const result = await committedResult(net.rpcPort(0), refused.transactionHash);
    expect(result.codespace).toBe("plume-staking");
    expect(result.log).toMatch(
      new RegExp(
        `^failed to execute message; message index: 0: delegation of ${headroom + 1n}uplume would raise validator ${v0} to 34\\.01% of bonded power, above the 34% cap; it can accept at most ${headroom}uplume more: validator would exceed the maximum validator power share$`,
      ),
    );
    expect(refused.events.map((e) => e.type)).not.toContain("delegate");
    // Nothing changed but the fee and the sequence.
    expect(await balanceOf(reader, alice)).toBe(before.balance - 10_000n);
    expect((await reader.getAccount(alice))?.sequence).toBe(before.sequence + 1);
    expect(await allValidators(net.rpcPort(0))).toEqual(before.validators);

    const accepted = await client.delegateTokens(alice, v0, { denom: DENOM, amount: headroom.toString() }, FEE);
    expect(accepted.code).toBe(0);
    const after = await shares();
    const mine = after.validators.find((v) => v.operatorAddress === v0);
    expect(mine?.tokens).toBe((100_000_000n + headroom).toString());
    // At the cap (to 18 decimals) and no room left: one more token is refused.
    expect(BigInt(mine?.share ?? "0")).toBeLessThanOrEqual(CAP_ATOMICS);
    expect(mine?.headroom).toBe("0");
    const oneMore = await client.delegateTokens(alice, v0, { denom: DENOM, amount: "1" }, FEE);
    expect(oneMore.code).toBe(2);
    // Another validator still has room.
    const v1 = net.layout.nodes[1]?.operator as string;
    expect((await client.delegateTokens(alice, v1, { denom: DENOM, amount: "1000000" }, FEE)).code).toBe(0);
    await invariants.checkUpTo();
  });
});
