import { HistoricalInfo, Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { HistoricalInfos, Validators, encodeValidator } from "./state-keys";
import { newMemoryKVStore } from "../../app/store";

/** The genesis validator as a Go node (SDK v0.50.15 simapp, gentx) stores it: 263 bytes, no unbonding_ids field. */
const GO_VALIDATOR_BYTES = Buffer.from(
  "CjRjb3Ntb3N2YWxvcGVyMXNqcDZndDVjcGVwcXJ2cjltY3k5cXB3YXpweHZ6YzQ0aHR6cmdyEkMKHS9jb3Ntb3MuY3J5cHRvLmVkMjU1MTkuUHViS2V5EiIKIC73E0asEu3H/1VUoMQNXk2xlypX8/LKYBfx+QDU36keIAMqDDEwMDAwMDAwMDAwMDIeMTAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwOggKBmdvbm9kZUoAUksKOwoSMTAwMDAwMDAwMDAwMDAwMDAwEhIyMDAwMDAwMDAwMDAwMDAwMDAaETEwMDAwMDAwMDAwMDAwMDAwEgwItPHX2AYQ2vb2lAFaATE=",
  "base64",
);

describe("validator encoding", () => {
  it("writes the bytes a Go node stores (no empty packed unbonding_ids)", () => {
    const v = Validator.decode(GO_VALIDATOR_BYTES);
    expect(Buffer.from(Validator.encode(v).finish()).length).toBe(GO_VALIDATOR_BYTES.length + 2);
    expect(Buffer.from(encodeValidator(v))).toEqual(GO_VALIDATOR_BYTES);
  });

  it("keeps unbonding ids when there are some", () => {
    const v = { ...Validator.decode(GO_VALIDATOR_BYTES), unbondingIds: [3n, 300n] };
    expect(Validator.decode(encodeValidator(v)).unbondingIds).toEqual([3n, 300n]);
    expect(encodeValidator(v)).toEqual(Validator.encode(v).finish());
  });

  it("stores validators and historical info with that encoding", () => {
    const store = newMemoryKVStore();
    const v = Validator.decode(GO_VALIDATOR_BYTES);
    Validators.set(store, new Uint8Array(20).fill(1), v);
    expect(Buffer.from(store.get(Validators.storeKey(new Uint8Array(20).fill(1))) ?? [])).toEqual(GO_VALIDATOR_BYTES);
    const info = HistoricalInfo.fromPartial({ header: { chainId: "c", height: 5n }, valset: [v, v] });
    HistoricalInfos.set(store, 5n, info);
    const raw = Buffer.from(store.get(HistoricalInfos.storeKey(5n)) ?? []);
    // The header, then two length-delimited validators (field 2: tag 0x12, length 263 = 0x87 0x02).
    const entry = Buffer.concat([Buffer.of(0x12, 0x87, 0x02), GO_VALIDATOR_BYTES]);
    expect(raw.subarray(raw.length - 2 * entry.length)).toEqual(Buffer.concat([entry, entry]));
    expect(HistoricalInfo.decode(raw)).toEqual(info);
  });
});
