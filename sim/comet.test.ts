import { createHash } from "node:crypto";
import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import { CometMock, cometAddress } from "./comet";
import { SimRandom } from "./random";

const key = (i: number): Uint8Array => new Uint8Array(createHash("sha256").update(`validator ${i}`).digest());
const update = (i: number, power: bigint): ValidatorUpdate => ({ pubKey: { ed25519: key(i) }, power });
const genesis = [update(1, 10n), update(2, 20n), update(3, 30n), update(4, 40n)];

describe("CometMock", () => {
  it("applies a block's validator updates two heights later, as CometBFT does", () => {
    const comet = new CometMock({ doubleSignPerMille: 0, evidenceMaxAgeBlocks: 100n }, 1n, genesis);
    expect(comet.validatorsAt(1n).map((v) => v.power)).toEqual([40n, 30n, 20n, 10n]);
    expect(comet.validatorsAt(2n)).toEqual(comet.validatorsAt(1n));
    comet.endBlock(1n, { seconds: 1n, nanos: 0 }, [update(1, 0n), update(5, 50n)]);
    expect(comet.validatorsAt(2n).length).toBe(4);
    expect(comet.validatorsAt(3n).map((v) => v.power)).toEqual([50n, 40n, 30n, 20n]);
    expect(comet.validatorsAt(3n)[0]?.address).toEqual(cometAddress(key(5)));
  });

  it("reports the previous block's set in its last commit, with absences but always more than 2/3 of the power committed", () => {
    const comet = new CometMock({ doubleSignPerMille: 0, evidenceMaxAgeBlocks: 100n }, 1n, genesis);
    const r = SimRandom.derive(1n, "comet");
    expect(comet.block(r, 1n).decidedLastCommit.votes).toEqual([]);
    let absences = 0;
    for (let h = 1n; h < 400n; h++) {
      comet.endBlock(h, { seconds: h, nanos: 0 }, []);
      const block = comet.block(r, h + 1n);
      const votes = block.decidedLastCommit.votes;
      expect(votes.map((v) => v.validator?.power)).toEqual([40n, 30n, 20n, 10n]);
      const committed = votes.reduce((s, v) => s + (v.blockIdFlag === BlockIDFlag.BLOCK_ID_FLAG_COMMIT ? (v.validator?.power ?? 0n) : 0n), 0n);
      expect(3n * committed > 2n * 100n).toBe(true);
      absences += block.absent;
      expect(genesis.map((u) => Buffer.from(cometAddress(u.pubKey?.ed25519 as Uint8Array)).toString("hex"))).toContain(Buffer.from(block.proposerAddress).toString("hex"));
    }
    expect(absences).toBeGreaterThan(0);
  });

  it("reports double signs of recent heights with that height's power and time, never twice for one validator", () => {
    const comet = new CometMock({ doubleSignPerMille: 1000, evidenceMaxAgeBlocks: 5n }, 1n, genesis);
    const r = SimRandom.derive(2n, "evidence");
    const offenders = new Set<string>();
    for (let h = 1n; h < 30n; h++) {
      const block = comet.block(r, h);
      for (const m of block.misbehavior) {
        expect(m.height < h && m.height >= h - 5n).toBe(true);
        expect(m.totalVotingPower).toBe(100n);
        expect(m.time).toEqual({ seconds: m.height * 10n, nanos: 0 });
        const hex = Buffer.from(m.validator?.address ?? []).toString("hex");
        expect(offenders.has(hex)).toBe(false);
        offenders.add(hex);
      }
      comet.endBlock(h, { seconds: h * 10n, nanos: 0 }, []);
    }
    // Everyone but the last candidate: the set is never emptied by evidence.
    expect(offenders.size).toBe(3);
  });
});
