/**
 * A validator whose whole stake leaves is removed once its unbonding is over, and distribution's
 * AfterValidatorRemoved hook settles it as the SDK does: its accumulated commission, truncated, is
 * paid to its withdraw address, the decimals and whatever is left of its outstanding rewards go to
 * the community pool, and every record of it (outstanding, commission, current and historical
 * rewards, slash events) is deleted. While it had no tokens, its delegators' share of each block
 * went to the community pool too. In-process, inflation on, a 10 s unbonding time; the invariants
 * (reference counts, module account = community pool + outstanding) hold after every block.
 */
import { MsgUndelegate } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import type { JsonValue } from "../app/module";
import { Dec, DecCoins } from "../app/math";
import { startInProcessChain, type ChainValidator, type InProcessChain } from "./helpers/in-process-chain";

const DENOM = "uplume";
const E18 = 10n ** 18n;

describe("a removed validator pays out its commission", () => {
  let chain: InProcessChain;

  afterAll(async () => {
    await chain?.close();
  });

  it("pays the commission to the operator, sends the rest to the community pool and forgets the validator", async () => {
    chain = await startInProcessChain({
      validators: [
        { name: "a", power: 10n },
        { name: "b", power: 20n },
      ],
      inflation: true,
      editGenesis: (state: Record<string, JsonValue>) => {
        const staking = state["staking"] as { params: Record<string, JsonValue> };
        state["staking"] = { ...staking, params: { ...staking.params, unbonding_time: "10s" } };
      },
    });
    const a = chain.validators[0] as ChainValidator;
    const k = chain.app.keepers.distribution;
    const operator = k.addresses.decodeValidator(a.op.valoper);
    const balance = (): bigint => chain.app.keepers.bank.getBalance(chain.ctx(), a.op.address, DENOM).amount.toBigInt();
    const records = (): string[] =>
      ["02", "06", "07", "05", "08"].flatMap((prefix) =>
        [...chain.ctx().multiStore.getStore("distribution").iterate()]
          .map(({ key }) => Buffer.from(key).toString("hex"))
          .filter((key) => key.startsWith(`${prefix}14${Buffer.from(operator).toString("hex")}`)),
      );
    for (let i = 0; i < 3; i++) chain.block();
    expect(records().length).toBeGreaterThanOrEqual(4);

    // The operator takes its whole self-delegation out: the validator has no tokens left.
    const undelegate = MsgUndelegate.encode({ delegatorAddress: a.op.account, validatorAddress: a.op.valoper, amount: { denom: DENOM, amount: "10000000" } }).finish();
    const res = chain.block({ txs: [await chain.signTx(a, [{ typeUrl: "/cosmos.staking.v1beta1.MsgUndelegate", value: undelegate }])] });
    expect(res.txResults[0]?.code).toBe(0);
    const staking = chain.app.keepers.staking;
    expect(staking.getValidator(chain.ctx(), operator)?.tokens).toBe("0");

    // Blocks until it is gone; before that, its share of each block (it is still in the commit for
    // two blocks) goes to the community pool, since it has no tokens to share it by.
    let before = { balance: balance(), commission: DecCoins.empty(), unbonding: true };
    let removedAt: bigint | undefined;
    let lastCommission = 0n;
    for (let i = 0; i < 10 && removedAt === undefined; i++) {
      before = {
        balance: balance(),
        commission: k.accumulatedCommission(k.store(chain.ctx()), operator),
        unbonding: staking.getUnbondingDelegation(chain.ctx(), a.op.address, operator) !== undefined,
      };
      const block = chain.block();
      // The block's own allocation (BeginBlock) came before the removal (EndBlock).
      const event = block.events.find((e) => e.type === "commission" && e.attributes.some((x) => x.key === "validator" && x.value === a.op.valoper));
      const amount = event?.attributes.find((x) => x.key === "amount")?.value ?? "";
      lastCommission = amount === "" ? 0n : Dec.fromString(amount.slice(0, -DENOM.length)).toAtomics();
      if (staking.getValidator(chain.ctx(), operator) === undefined) removedAt = chain.height;
    }
    expect(removedAt).toBeDefined();
    const paid = (before.commission.amountOf(DENOM).toAtomics() + lastCommission) / E18;
    expect(paid).toBeGreaterThan(0n);
    // The undelegation's 10,000,000 matured in the same EndBlock or earlier.
    const matured = before.unbonding && staking.getUnbondingDelegation(chain.ctx(), a.op.address, operator) === undefined ? 10_000_000n : 0n;
    expect(balance() - before.balance).toBe(paid + matured);
    expect(records()).toEqual([]);
  });
});
