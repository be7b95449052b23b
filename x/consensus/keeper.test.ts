import { MsgUpdateParams } from "cosmjs-types/cosmos/consensus/v1/tx";
import { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import { blockHeader } from "../../app/block-info";
import { Context } from "../../app/context";
import { AppError } from "../../app/errors";
import { silentLogger } from "../../app/logger";
import { memoryMultiStore } from "../../app/store/memory-multi-store";
import { CONSENSUS_STORE, ConsensusParamsKeeper } from "./keeper";

const GOV = "plume10d07y265gmmuvt4z0w9aw880jnsr700jn6e2e0";
const GENESIS = ConsensusParams.fromPartial({
  block: { maxBytes: 22_020_096n, maxGas: -1n },
  evidence: { maxAgeNumBlocks: 100_000n, maxAgeDuration: { seconds: 172_800n, nanos: 0 }, maxBytes: 1_048_576n },
  validator: { pubKeyTypes: ["ed25519"] },
  version: { app: 1n },
});

function setup(): { keeper: ConsensusParamsKeeper; ctx: Context } {
  const keeper = new ConsensusParamsKeeper(GOV);
  const ctx = new Context(memoryMultiStore([CONSENSUS_STORE]), blockHeader({ chainId: "c", height: 7n }), "finalize", silentLogger);
  keeper.set(ctx, GENESIS);
  return { keeper, ctx };
}

const msg = (partial: Partial<MsgUpdateParams>): MsgUpdateParams =>
  MsgUpdateParams.fromPartial({ authority: GOV, block: { maxBytes: 2_000_000n, maxGas: 40_000_000n }, evidence: GENESIS.evidence, validator: GENESIS.validator, ...partial });

describe("MsgUpdateParams in x/consensus", () => {
  it("stores the new params and emits update_consensus_params", () => {
    const { keeper, ctx } = setup();
    keeper.updateParams(ctx, msg({}));
    expect(keeper.get(ctx)?.block).toEqual({ maxBytes: 2_000_000n, maxGas: 40_000_000n });
    expect(keeper.get(ctx)?.version).toEqual({ app: 1n });
    expect(ctx.events.events()).toEqual([
      {
        type: "update_consensus_params",
        attributes: [
          { key: "authority", value: GOV },
          {
            key: "parameters",
            value: 'block:<max_bytes:2000000 max_gas:40000000 > evidence:<max_age_num_blocks:100000 max_age_duration:<seconds:172800 > max_bytes:1048576 > validator:<pub_key_types:"ed25519" > version:<> ',
          },
        ],
      },
    ]);
  });

  it("answers anyone but the authority with gov/13 and changes nothing", () => {
    const { keeper, ctx } = setup();
    let err: unknown;
    try {
      keeper.updateParams(ctx, msg({ authority: "plume1notgov" }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ codespace: "gov", code: 13, message: `invalid authority; expected ${GOV}, got plume1notgov: expected gov account as only signer for proposal message` });
    expect(keeper.get(ctx)).toEqual(GENESIS);
  });

  it("needs the block, evidence and validator sections, and valid values", () => {
    const { keeper, ctx } = setup();
    expect(() => keeper.updateParams(ctx, msg({ evidence: undefined }))).toThrow("all parameters must be present");
    expect(() => keeper.updateParams(ctx, msg({ block: { maxBytes: 0n, maxGas: 0n } }))).toThrow("block.MaxBytes cannot be 0");
    expect(() => keeper.updateParams(ctx, msg({ abci: { voteExtensionsEnableHeight: 7n } }))).toThrow(/past or current height, enable height: 7, current height 7/);
    expect(keeper.get(ctx)).toEqual(GENESIS);
  });
});
