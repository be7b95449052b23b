/**
 * x/evidence on the assembled app, in-process, with crafted FinalizeBlock misbehavior: what the SDK's
 * handleEquivocationEvidence punishes (a double sign, a light client attack) and what it ignores
 * and logs, changing nothing: a validator nobody knows, evidence older than BOTH of the consensus
 * params' max ages (and not when only one is exceeded), a validator already tombstoned. Four
 * validators of power 10; evidence.max_age_num_blocks 4 and max_age_duration 30 s (blocks are
 * 5 s apart). Invariants are checked after every block.
 */
import { MsgUnjail } from "cosmjs-types/cosmos/slashing/v1beta1/tx";
import { MisbehaviorType } from "cosmjs-types/tendermint/abci/types";
import { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import { SLASHING_STORE } from "../x/slashing";
import { EVIDENCE_STORE } from "../x/evidence";
import { STAKING_STORE } from "../x/staking";
import { startInProcessChain, type ChainValidator, type InProcessChain } from "./helpers/in-process-chain";

async function fourValidators(maxAgeDuration = 30n): Promise<InProcessChain> {
  return startInProcessChain({
    validators: ["a", "b", "c", "d"].map((name) => ({ name, power: 10n })),
    consensusParams: ConsensusParams.fromPartial({
      block: { maxBytes: 22020096n, maxGas: -1n },
      evidence: { maxAgeNumBlocks: 4n, maxAgeDuration: { seconds: maxAgeDuration, nanos: 0 }, maxBytes: 1048576n },
      validator: { pubKeyTypes: ["ed25519"] },
    }),
  });
}

const v = (chain: InProcessChain, name: string): ChainValidator => chain.validators.find((x) => x.name === name) as ChainValidator;

/** Every key and value of the stores evidence handling could touch. */
function snapshot(chain: InProcessChain): string {
  const ctx = chain.ctx();
  const out: string[] = [];
  for (const name of [STAKING_STORE, SLASHING_STORE, EVIDENCE_STORE, "bank"]) {
    for (const { key, value } of ctx.multiStore.getStore(name).iterate()) {
      // Historical info and signing infos move with every block; compare the rest.
      if (name === STAKING_STORE && key[0] === 0x50) continue;
      if (name === SLASHING_STORE && key[0] === 0x01) continue;
      out.push(`${name}:${Buffer.from(key).toString("hex")}=${Buffer.from(value).toString("hex")}`);
    }
  }
  return out.join("\n");
}

const logged = (chain: InProcessChain, msg: string): boolean => chain.logger.lines.some((l) => l.msg === msg);

describe("evidence that cannot be punished is ignored and logged", () => {
  it("punishes a double sign: slashed 5% at infraction - 1, jailed, tombstoned, jailed forever, stored; unjail refused for good", async () => {
    const chain = await fourValidators();
    try {
      for (let h = 1; h <= 3; h++) chain.block();
      const res = chain.block({ misbehavior: [{ validator: v(chain, "a"), height: 3n }] });
      const slash = res.events.filter((e) => e.type === "slash").map((e) => Object.fromEntries(e.attributes.map((x) => [x.key, x.value])));
      expect(slash).toEqual([
        { address: v(chain, "a").consAddress, power: "10", reason: "double_sign", burned_coins: "500000", mode: "BeginBlock" },
        { jailed: v(chain, "a").consAddress, mode: "BeginBlock" },
      ]);
      const info = chain.app.keepers.slashing.getSigningInfo(chain.ctx(), v(chain, "a").consAddr);
      expect([info?.tombstoned, info?.jailedUntil]).toEqual([true, { seconds: 253402300799n, nanos: 0 }]);
      expect(res.validatorUpdates.map((u) => u.power)).toEqual([0n]);
      const unjail = await chain.signTx(v(chain, "a"), [{ typeUrl: "/cosmos.slashing.v1beta1.MsgUnjail", value: MsgUnjail.encode({ validatorAddr: v(chain, "a").op.valoper }).finish() }]);
      const before = snapshot(chain);
      const refused = chain.block({ txs: [unjail] }).txResults[0];
      expect([refused?.codespace, refused?.code, refused?.log]).toEqual(["slashing", 4, "failed to execute message; message index: 0: validator still jailed; cannot be unjailed"]);
      // Only the sequence moved (no fee in these txs): the account's entry in auth, not these stores.
      expect(snapshot(chain)).toBe(before);
    } finally {
      await chain.close();
    }
  });

  it("handles a light client attack as a double sign", async () => {
    const chain = await fourValidators();
    try {
      for (let h = 1; h <= 3; h++) chain.block();
      chain.block({ misbehavior: [{ validator: v(chain, "b"), height: 2n, type: MisbehaviorType.LIGHT_CLIENT_ATTACK }] });
      expect(chain.app.keepers.slashing.isTombstoned(chain.ctx(), v(chain, "b").consAddr)).toBe(true);
    } finally {
      await chain.close();
    }
  });

  it("ignores a validator nobody knows, an already tombstoned one and evidence too old by both measures, logging each", async () => {
    const chain = await fourValidators();
    try {
      for (let h = 1; h <= 3; h++) chain.block();
      chain.block({ misbehavior: [{ validator: v(chain, "a"), height: 3n }] }); // height 4: punished
      for (let h = 5; h <= 9; h++) chain.block();
      const before = snapshot(chain);

      // An address no validator has.
      chain.block({ rawMisbehavior: [{ type: MisbehaviorType.DUPLICATE_VOTE, validator: { address: new Uint8Array(20).fill(0xee), power: 10n }, height: 9n, time: chain.times.get(9n) as NonNullable<ReturnType<typeof chain.times.get>>, totalVotingPower: 40n }] });
      expect(logged(chain, "ignored evidence: no validator with this consensus address")).toBe(true);
      // A second offence of the tombstoned validator.
      chain.block({ misbehavior: [{ validator: v(chain, "a"), height: 8n, power: 10n, totalPower: 40n }] });
      expect(logged(chain, "ignored equivocation; validator already tombstoned")).toBe(true);
      // Height 12: an offence at 5 is 7 blocks and 35 s old, both above 4 blocks and 30 s.
      chain.block({ misbehavior: [{ validator: v(chain, "c"), height: 5n }] });
      expect(logged(chain, "ignored equivocation; evidence too old")).toBe(true);
      expect(chain.app.keepers.slashing.isTombstoned(chain.ctx(), v(chain, "c").consAddr)).toBe(false);
      expect(snapshot(chain)).toBe(before);
    } finally {
      await chain.close();
    }
  });

  it("punishes evidence old in blocks but not in time: too old means both", async () => {
    const chain = await fourValidators(3600n);
    try {
      for (let h = 1; h <= 11; h++) chain.block();
      chain.block({ misbehavior: [{ validator: v(chain, "c"), height: 5n }] }); // 7 blocks old, 35 s < 1 h
      expect(logged(chain, "ignored equivocation; evidence too old")).toBe(false);
      expect(chain.app.keepers.slashing.isTombstoned(chain.ctx(), v(chain, "c").consAddr)).toBe(true);
    } finally {
      await chain.close();
    }
  });
});
