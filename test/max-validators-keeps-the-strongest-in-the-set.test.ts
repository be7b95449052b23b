import { fromBech32, toHex } from "@cosmjs/encoding";
import type { SigningStargateClient } from "@cosmjs/stargate";
import { BondStatus, type Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { Testnet } from "./helpers/testnet";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, DENOM, directWallet, signingClient } from "./helpers/clients";
import { waitForHeight } from "./helpers/rpc";
import { allValidators, bondedPowers, cometValidators, consensusKeyOf, StakingInvariants, stakingGenesis } from "./helpers/staking";

/**
 * max_validators = 2 with three gentx validators of equal stake: one waits outside the set (ties
 * go to the lower operator address). Delegating to it lifts it in, and the weakest bonded one
 * drops out (Unbonding); delegating to that one brings it back and pushes the next weakest out.
 * CometBFT's /validators follows two blocks after each delegation.
 */
const FEE = { amount: [{ denom: DENOM, amount: "10000" }], gas: "400000" };

describe("max_validators keeps the strongest validators in the set", () => {
  let net: Testnet;
  let client: SigningStargateClient;
  let alice: string;
  let invariants: StakingInvariants;

  beforeAll(async () => {
    net = await Testnet.create(3, {
      users: ["alice"],
      mnemonics: testMnemonics(["validator0", "validator1", "validator2", "alice"]),
      editGenesis: stakingGenesis({ maxValidators: 2 }),
    });
    net.startAll();
    await waitForHeight(net.rpcPort(0), 2, 120_000);
    const wallet = await directWallet("alice");
    alice = await addressOf(wallet);
    client = await signingClient(net.rpcPort(0), wallet);
    invariants = new StakingInvariants(net.rpcPort(0));
  });

  afterAll(async () => {
    await invariants?.checkUpTo();
    client?.disconnect();
    await net.stop();
  });

  /** Operator addresses in the order of their bytes (what the power index breaks ties with). */
  const byBytes = (addresses: readonly string[]): string[] => [...addresses].sort((a, b) => (toHex(fromBech32(a).data) < toHex(fromBech32(b).data) ? -1 : 1));
  const statusOf = (vs: readonly Validator[]): Record<string, BondStatus> => Object.fromEntries(vs.map((v) => [v.operatorAddress, v.status]));

  /** Delegates and returns the height; checks CometBFT's set at H+1 (old) and H+2 (new) on every node. */
  async function delegateAndExpectSet(validator: string, amount: bigint, expectIn: readonly string[]): Promise<void> {
    const before = await allValidators(net.rpcPort(0));
    const res = await client.delegateTokens(alice, validator, { denom: DENOM, amount: amount.toString() }, FEE);
    expect(res.code).toBe(0);
    const h = res.height;
    const after = await allValidators(net.rpcPort(0), h);
    const bonded = after.filter((v) => v.status === BondStatus.BOND_STATUS_BONDED).map((v) => v.operatorAddress);
    expect(bonded.sort()).toEqual([...expectIn].sort());
    for (let i = 0; i < 3; i++) {
      await waitForHeight(net.rpcPort(i), h + 2, 30_000);
      expect(await cometValidators(net.rpcPort(i), h + 1)).toEqual(bondedPowers(before));
      expect(await cometValidators(net.rpcPort(i), h + 2)).toEqual(bondedPowers(after));
    }
    await invariants.checkUpTo();
  }

  it("bonds only the two strongest at genesis; the third waits unbonded", async () => {
    const vs = await allValidators(net.rpcPort(0));
    expect(vs).toHaveLength(3);
    expect(vs.filter((v) => v.status === BondStatus.BOND_STATUS_BONDED)).toHaveLength(2);
    const out = vs.filter((v) => v.status === BondStatus.BOND_STATUS_UNBONDED);
    expect(out).toHaveLength(1);
    // Equal power: the power index puts the lower operator address first, so the highest is out.
    expect(out[0]?.operatorAddress).toBe(byBytes(vs.map((v) => v.operatorAddress))[2]);
    const comet = await cometValidators(net.rpcPort(0));
    expect(Object.keys(comet)).toHaveLength(2);
    expect(comet[consensusKeyOf(out[0] as Validator)]).toBeUndefined();
  });

  it("lets a delegated-to validator in and drops the weakest; the dropped one re-enters when delegated to", async () => {
    const sorted = byBytes((await allValidators(net.rpcPort(0))).map((v) => v.operatorAddress));
    const [low, mid, high] = sorted as [string, string, string];
    // high (out) gets 1 PLUME: 101 > 100 = low = mid; of the two at 100, mid sorts after low: mid drops.
    await delegateAndExpectSet(high, 1_000_000n, [high, low]);
    expect(statusOf(await allValidators(net.rpcPort(0)))[mid]).toBe(BondStatus.BOND_STATUS_UNBONDING);
    // mid gets 2 PLUME: 102 > 101 > 100: low drops.
    await delegateAndExpectSet(mid, 2_000_000n, [mid, high]);
    const statuses = statusOf(await allValidators(net.rpcPort(0)));
    expect(statuses).toEqual({ [low]: BondStatus.BOND_STATUS_UNBONDING, [mid]: BondStatus.BOND_STATUS_BONDED, [high]: BondStatus.BOND_STATUS_BONDED });
    expect(await cometValidators(net.rpcPort(0))).toEqual(bondedPowers(await allValidators(net.rpcPort(0))));
  });
});
