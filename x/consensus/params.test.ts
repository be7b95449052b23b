import { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import { consensusParamsText, updateConsensusParams, validateConsensusParams, validateConsensusParamsUpdate } from "./params";

const base = ConsensusParams.fromPartial({
  block: { maxBytes: 22_020_096n, maxGas: -1n },
  evidence: { maxAgeNumBlocks: 100_000n, maxAgeDuration: { seconds: 172_800n, nanos: 0 }, maxBytes: 1_048_576n },
  validator: { pubKeyTypes: ["ed25519"] },
  version: { app: 1n },
  abci: { voteExtensionsEnableHeight: 0n },
});

const withVe = (h: bigint): ConsensusParams => ({ ...base, abci: { voteExtensionsEnableHeight: h } });

describe("ValidateUpdate of vote extensions (CometBFT v0.38's table)", () => {
  // [current height, enabled from, update to (undefined: no abci section), error expected]
  const cases: Array<[bigint, bigint, bigint | undefined, boolean]> = [
    [3n, 0n, 0n, false],
    [3n, 100n, 100n, false],
    [100n, 100n, 100n, true],
    [300n, 100n, 100n, true],
    [3n, 0n, 5n, false],
    [4n, 0n, 5n, false],
    [5n, 0n, 5n, true],
    [6n, 0n, 5n, true],
    [4n, 5n, 0n, false],
    [5n, 5n, 0n, true],
    [10n, 5n, 0n, true],
    [1n, 10n, 5n, false],
    [4n, 10n, 5n, false],
    [5n, 10n, 5n, true],
    [11n, 10n, 5n, true],
    [3n, 10n, 15n, false],
    [9n, 10n, 15n, false],
    [10n, 10n, 15n, true],
    [16n, 10n, 15n, true],
    [3n, 0n, -5n, true],
    [3n, -5n, 100n, false],
    [3n, -10n, 3n, true],
    [3n, -3n, -3n, true],
    [300n, 400n, undefined, false],
    [300n, 200n, undefined, false],
  ];
  it.each(cases)("at height %p, from %p to %p: error %p", (height, from, to, fails) => {
    const update = to === undefined ? ConsensusParams.fromPartial({}) : ConsensusParams.fromPartial({ abci: { voteExtensionsEnableHeight: to } });
    const check = (): void => validateConsensusParamsUpdate(withVe(from), update, height);
    if (fails) expect(check).toThrow();
    else expect(check).not.toThrow();
  });
});

describe("ValidateBasic", () => {
  it("accepts the defaults", () => {
    expect(() => validateConsensusParams(base)).not.toThrow();
  });

  it.each<[string, ConsensusParams]>([
    ["block.MaxBytes cannot be 0", { ...base, block: { maxBytes: 0n, maxGas: -1n } }],
    ["block.MaxBytes must be -1 or greater than 0. Got -2", { ...base, block: { maxBytes: -2n, maxGas: -1n } }],
    ["block.MaxBytes is too big. 104857601 > 104857600", { ...base, block: { maxBytes: 104_857_601n, maxGas: -1n } }],
    ["block.MaxGas must be greater or equal to -1. Got -2", { ...base, block: { maxBytes: 1000n, maxGas: -2n } }],
    ["evidence.MaxAgeNumBlocks must be greater than 0. Got 0", { ...base, evidence: { ...base.evidence!, maxAgeNumBlocks: 0n } }],
    ["evidence.MaxAgeDuration must be greater than 0 if provided, Got 0s", { ...base, evidence: { ...base.evidence!, maxAgeDuration: { seconds: 0n, nanos: 0 } } }],
    ["evidence.MaxBytesEvidence is greater than upper bound, 2000 > 1000", { ...base, block: { maxBytes: 1000n, maxGas: -1n }, evidence: { ...base.evidence!, maxBytes: 2000n } }],
    ["len(Validator.PubKeyTypes) must be greater than 0", { ...base, validator: { pubKeyTypes: [] } }],
    ["params.Validator.PubKeyTypes[1], sr25519, is an unknown pubkey type", { ...base, validator: { pubKeyTypes: ["ed25519", "sr25519"] } }],
  ])("refuses: %s", (message, params) => {
    expect(() => validateConsensusParams(params)).toThrow(message);
  });
});

describe("Update", () => {
  it("replaces the sections present and keeps the app version", () => {
    const next = updateConsensusParams(base, ConsensusParams.fromPartial({ block: { maxBytes: 1000n, maxGas: 50_000n }, validator: { pubKeyTypes: ["secp256k1"] } }));
    expect(next.block).toEqual({ maxBytes: 1000n, maxGas: 50_000n });
    expect(next.validator).toEqual({ pubKeyTypes: ["secp256k1"] });
    expect(next.evidence).toEqual(base.evidence);
    expect(next.version).toEqual({ app: 1n });
    expect(next.abci).toEqual(base.abci);
  });
});

describe("the event's text form", () => {
  it("prints the params as gogoproto's compact text format does", () => {
    expect(consensusParamsText(ConsensusParams.fromPartial({ ...base, version: undefined, abci: undefined }))).toBe(
      'block:<max_bytes:22020096 max_gas:-1 > evidence:<max_age_num_blocks:100000 max_age_duration:<seconds:172800 > max_bytes:1048576 > validator:<pub_key_types:"ed25519" > version:<> ',
    );
  });
});
