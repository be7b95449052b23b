import { Dec } from "../../app/math";
import { SlashingHarness, cons, testParams } from "./harness.fixture";
import {
  correlationGenesisToJson,
  defaultCorrelationGenesis,
  defaultSlashingGenesis,
  exportCorrelationGenesis,
  exportSlashingGenesis,
  initCorrelationGenesis,
  initSlashingGenesis,
  parseCorrelationGenesis,
  parseSlashingGenesis,
  slashingGenesisToJson,
  validateCorrelationGenesis,
  validateSlashingGenesisStrict,
} from "./genesis";
import { decToBytes } from "./params";
import { addresses } from "../staking/harness.fixture";

describe("x/slashing genesis", () => {
  it("defaults to the SDK's params, in the SDK's JSON", () => {
    expect(slashingGenesisToJson(defaultSlashingGenesis())).toEqual({
      params: {
        signed_blocks_window: "100",
        min_signed_per_window: "0.500000000000000000",
        downtime_jail_duration: "600s",
        slash_fraction_double_sign: "0.050000000000000000",
        slash_fraction_downtime: "0.010000000000000000",
      },
      signing_infos: [],
      missed_blocks: [],
    });
    expect(correlationGenesisToJson(defaultCorrelationGenesis())).toEqual({ params: { enabled: false, correlation_window: "1000" }, offences: [] });
  });

  it("exports signing infos with their missed blocks (across chunks) and imports them back to the same store", () => {
    const h = new SlashingHarness({ slashingParams: testParams({ signedBlocksWindow: 3000n }) });
    h.staking.createValidator(0, 10_000_000n);
    h.staking.createValidator(1, 10_000_000n);
    h.nextBlock();
    h.staking.must((ctx) => {
      h.keeper.setMissedBlockBitmapValue(ctx, cons(1), 3n, true);
      h.keeper.setMissedBlockBitmapValue(ctx, cons(1), 2500n, true);
      const info = h.keeper.getSigningInfo(ctx, cons(1));
      if (info === undefined) throw new Error("no signing info");
      h.keeper.setSigningInfo(ctx, cons(1), { ...info, indexOffset: 2600n, missedBlocksCounter: 2n });
      h.keeper.setCorrelationParams(ctx, { enabled: true, correlationWindow: 20n });
      h.keeper.setDoubleSignOffence(ctx, { consensusAddress: addresses.encodeConsensus(cons(0)), infractionHeight: 1n, power: 10n, totalPower: 20n, slashedFraction: Dec.fromString("0.05").toProto() });
    });
    const exported = exportSlashingGenesis(h.ctx(), h.keeper);
    const json = slashingGenesisToJson(exported);
    const missed = (json as { missed_blocks: { address: string; missed_blocks: unknown[] }[] }).missed_blocks;
    expect(missed.find((m) => m.address === addresses.encodeConsensus(cons(1)))?.missed_blocks).toEqual([
      { index: "3", missed: true },
      { index: "2500", missed: true },
    ]);
    const correlation = correlationGenesisToJson(exportCorrelationGenesis(h.ctx(), h.keeper));

    // A fresh chain with the same validators (an exported staking genesis would carry them too).
    const fresh = new SlashingHarness({ slashingParams: testParams() });
    fresh.staking.createValidator(0, 10_000_000n);
    fresh.staking.createValidator(1, 10_000_000n);
    fresh.staking.must((ctx) => {
      initSlashingGenesis(ctx, fresh.keeper, parseSlashingGenesis(json));
      initCorrelationGenesis(ctx, fresh.keeper, parseCorrelationGenesis(correlation));
    });
    const slashingOnly = (s: string): string => s.split("\n").filter((l) => l.startsWith("slashing:")).join("\n");
    expect(slashingOnly(fresh.snapshot())).toBe(slashingOnly(h.snapshot()));
  });

  it("runs the SDK's ValidateGenesis checks for `genesis validate` only", () => {
    const g = defaultSlashingGenesis();
    expect(() => validateSlashingGenesisStrict(g)).not.toThrow();
    expect(() => validateSlashingGenesisStrict({ ...g, params: testParams({ downtimeJailDuration: { seconds: 15n, nanos: 0 } }) })).toThrow(
      "downtime unjail duration must be at least 1 minute, is 15s",
    );
    expect(() => validateSlashingGenesisStrict({ ...g, params: { ...g.params, signedBlocksWindow: 9n } })).toThrow("signed blocks window must be at least 10, is 9");
    expect(() => validateSlashingGenesisStrict({ ...g, params: { ...g.params, slashFractionDowntime: decToBytes(Dec.fromString("1.1")) } })).toThrow(
      "slashing fraction downtime should be less than or equal to one and greater than zero, is 1.100000000000000000",
    );
  });

  it("refuses a correlated-slashing genesis with a bad window or a duplicated offender", () => {
    const decode = (s: string): Uint8Array => addresses.decodeConsensus(s);
    expect(() => validateCorrelationGenesis({ params: { enabled: true, correlationWindow: 0n }, offences: [] }, decode)).toThrow("correlation window must be positive");
    const o = { consensusAddress: addresses.encodeConsensus(cons(0)), infractionHeight: 1n, power: 1n, totalPower: 2n, slashedFraction: "0" };
    expect(() => validateCorrelationGenesis({ params: { enabled: true, correlationWindow: 5n }, offences: [o, o] }, decode)).toThrow("listed twice");
  });
});
