/**
 * Correlated slashing (plume.slashing.v1, docs/slashing.md) on the assembled app, in-process, with
 * the misbehavior CometBFT would put in FinalizeBlock crafted by the test: two validators
 * double-sign two blocks apart, and what each pays depends on whether the extension is on and on
 * their combined share of the voting power. Five validators of powers 40, 25, 15, 10, 10 (total
 * 100); slash_fraction_double_sign is the SDK's 0.05. The invariants (supply, pools, tombstoned
 * validators out of the set) are checked after every block.
 */
import { MsgDelegate, MsgUndelegate } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { QueryAllEvidenceRequest, QueryAllEvidenceResponse } from "cosmjs-types/cosmos/evidence/v1beta1/query";
import { RequestQuery } from "cosmjs-types/tendermint/abci/types";
import type { JsonValue } from "../app/module";
import { QueryDoubleSignOffencesRequest, QueryDoubleSignOffencesResponse } from "../proto/plume/slashing/v1/query";
import { startInProcessChain, type ChainValidator, type InProcessChain } from "./helpers/in-process-chain";

const DENOM = "uplume";

function correlation(enabled: boolean, window: bigint) {
  return (appState: Record<string, JsonValue>): void => {
    appState["plume_slashing"] = { params: { enabled, correlation_window: window.toString() }, offences: [] };
  };
}

async function chainWith(enabled: boolean, window = 10n): Promise<InProcessChain> {
  return startInProcessChain({
    validators: [
      { name: "v40", power: 40n },
      { name: "v25", power: 25n },
      { name: "v15", power: 15n },
      { name: "v10a", power: 10n },
      { name: "v10b", power: 10n },
    ],
    users: ["delegator"],
    editGenesis: correlation(enabled, window),
  });
}

const byName = (chain: InProcessChain, name: string): ChainValidator => {
  const v = chain.validators.find((x) => x.name === name);
  if (v === undefined) throw new Error(`no validator ${name}`);
  return v;
};

function tokens(chain: InProcessChain, v: ChainValidator): bigint {
  const val = chain.app.keepers.staking.getValidator(chain.ctx(), chain.app.keepers.staking.addresses.decodeValidator(v.op.valoper));
  return BigInt(val?.tokens ?? "0");
}

const supply = (chain: InProcessChain): bigint => chain.app.keepers.bank.getSupply(chain.ctx(), DENOM).amount.toBigInt();

function query<Res>(chain: InProcessChain, path: string, data: Uint8Array, decode: (b: Uint8Array) => Res): Res {
  const res = chain.app.baseApp.query(RequestQuery.fromPartial({ path, data }));
  if (res instanceof Promise) throw new Error("expected a synchronous answer");
  if (res.code !== 0) throw new Error(`${path}: ${res.log}`);
  return decode(res.value);
}

const offences = (chain: InProcessChain): [string, string][] =>
  query(chain, "/plume.slashing.v1.Query/DoubleSignOffences", QueryDoubleSignOffencesRequest.encode({}).finish(), (b) => QueryDoubleSignOffencesResponse.decode(b)).offences.map((o) => [
    o.consensusAddress,
    o.slashedFraction,
  ]);

/** The slash events of a FinalizeBlock: [validator consensus address, burned]. */
function slashes(res: { events: readonly { type: string; attributes: readonly { key: string; value: string }[] }[] }): [string, string][] {
  return res.events
    .filter((e) => e.type === "slash" && e.attributes.some((a) => a.key === "reason" && a.value === "double_sign"))
    .map((e) => [e.attributes.find((a) => a.key === "address")?.value ?? "", e.attributes.find((a) => a.key === "burned_coins")?.value ?? ""]);
}

const atomics = (dec: string): string => (BigInt(dec.replace(".", "")) * 10n ** BigInt(18 - (dec.split(".")[1] ?? "").length)).toString();

describe("correlated slashing makes a coordinated double sign cost more", () => {
  it("off (the default): two validators at 10% each double-sign two blocks apart and each pays the nominal 5%", async () => {
    const chain = await chainWith(false);
    try {
      const [a, b] = [byName(chain, "v10a"), byName(chain, "v10b")];
      for (let h = 1; h <= 3; h++) chain.block();
      const before = supply(chain);
      chain.block({ misbehavior: [{ validator: a, height: 3n }] }); // height 4
      chain.block();
      chain.block({ misbehavior: [{ validator: b, height: 5n }] }); // height 6
      expect([tokens(chain, a), tokens(chain, b)]).toEqual([9_500_000n, 9_500_000n]);
      expect(supply(chain)).toBe(before - 1_000_000n);
      expect(offences(chain).sort()).toEqual([a, b].map((v) => [v.consAddress, atomics("0.05")]).sort());
    } finally {
      await chain.close();
    }
  });

  it("on: offenders together at 20% pay 9 * 0.2^2 = 36%; the first paid 9% alone and is slashed the rest when the second is punished, its undelegation too", async () => {
    const chain = await chainWith(true);
    try {
      const [a, b] = [byName(chain, "v10a"), byName(chain, "v10b")];
      const delegator = chain.users[0];
      if (delegator === undefined) throw new Error("no delegator");
      chain.block();
      // Height 2: 500,000 delegated to v10a, before the infraction (less than a unit of power: the
      // shares of the power stay those of 10 of 100 at every height).
      const delegate = await chain.signTx(delegator, [
        { typeUrl: "/cosmos.staking.v1beta1.MsgDelegate", value: MsgDelegate.encode({ delegatorAddress: delegator.op.account, validatorAddress: a.op.valoper, amount: { denom: DENOM, amount: "500000" } }).finish() },
      ]);
      expect(chain.block({ txs: [delegate] }).txResults[0]?.code).toBe(0);
      // Height 3, the infraction: 400,000 of it starts unbonding (at or after the distribution height 2).
      const undelegate = await chain.signTx(delegator, [
        { typeUrl: "/cosmos.staking.v1beta1.MsgUndelegate", value: MsgUndelegate.encode({ delegatorAddress: delegator.op.account, validatorAddress: a.op.valoper, amount: { denom: DENOM, amount: "400000" } }).finish() },
      ]);
      expect(chain.block({ txs: [undelegate] }).txResults[0]?.code).toBe(0);
      const before = supply(chain);

      // Height 4: v10a alone, 10% of the power: max(0.05, 9 * 0.1^2 = 0.09) of power 10.
      const first = chain.block({ misbehavior: [{ validator: a, height: 3n }] });
      expect(slashes(first)).toEqual([[a.consAddress, "864000"]]); // 900,000: 36,000 from the entry, the rest from its 10,100,000
      expect(tokens(chain, a)).toBe(9_236_000n);
      const entry = (): string | undefined => chain.app.keepers.staking.getUnbondingDelegation(chain.ctx(), delegator.op.address, a.op.address)?.entries[0]?.balance;
      expect(entry()).toBe("364000");
      expect(offences(chain)).toEqual([[a.consAddress, atomics("0.09")]]);

      chain.block();
      // Height 6: v10b, two blocks from the first offence: together 20% -> 0.36 each.
      const second = chain.block({ misbehavior: [{ validator: b, height: 5n }] });
      // v10b: 3,600,000 of its 10,000,000. v10a: the 27% it had not paid yet, 2,700,000 of
      // its stake at the infraction: 108,000 from the unbonding entry, 2,592,000 from its tokens.
      expect(slashes(second)).toEqual([
        [b.consAddress, "3600000"],
        [a.consAddress, "2592000"],
      ]);
      expect([tokens(chain, a), tokens(chain, b)]).toEqual([6_644_000n, 6_400_000n]);
      expect(entry()).toBe("256000");
      expect(supply(chain)).toBe(before - 3_600_000n - 3_600_000n);
      expect(offences(chain).sort()).toEqual([a, b].map((v) => [v.consAddress, atomics("0.36")]).sort());
      // Both are tombstoned, jailed, and their evidence stored.
      for (const v of [a, b]) expect(chain.app.keepers.slashing.getSigningInfo(chain.ctx(), v.consAddr)?.tombstoned).toBe(true);
      const evidence = query(chain, "/cosmos.evidence.v1beta1.Query/AllEvidence", QueryAllEvidenceRequest.encode({}).finish(), (x) => QueryAllEvidenceResponse.decode(x));
      expect(evidence.evidence).toHaveLength(2);
    } finally {
      await chain.close();
    }
  });

  it("on: offenders together above a third of the power (25% + 15%) lose everything", async () => {
    const chain = await chainWith(true);
    try {
      const [a, b] = [byName(chain, "v25"), byName(chain, "v15")];
      for (let h = 1; h <= 3; h++) chain.block();
      const before = supply(chain);
      chain.block({ misbehavior: [{ validator: a, height: 3n }] });
      expect(tokens(chain, a)).toBe(25_000_000n - 14_062_500n); // 9 * 0.25^2 = 0.5625
      chain.block();
      chain.block({ misbehavior: [{ validator: b, height: 5n }] }); // S = 0.4: 9 * 0.16 = 1.44, capped at 1
      expect([tokens(chain, a), tokens(chain, b)]).toEqual([0n, 0n]);
      expect(supply(chain)).toBe(before - 40_000_000n);
      expect(offences(chain).sort()).toEqual([a, b].map((v) => [v.consAddress, atomics("1")]).sort());
    } finally {
      await chain.close();
    }
  });

  it("on, but the offences further apart than the window: each pays its own share's fraction", async () => {
    const chain = await chainWith(true, 1n);
    try {
      const [a, b] = [byName(chain, "v10a"), byName(chain, "v10b")];
      for (let h = 1; h <= 3; h++) chain.block();
      chain.block({ misbehavior: [{ validator: a, height: 3n }] });
      chain.block();
      chain.block({ misbehavior: [{ validator: b, height: 5n }] });
      expect([tokens(chain, a), tokens(chain, b)]).toEqual([9_100_000n, 9_100_000n]);
    } finally {
      await chain.close();
    }
  });
});
