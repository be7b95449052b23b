import { PubKey as Secp256k1PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { fromBech32 } from "@cosmjs/encoding";
import { pubkeyToAddress } from "@cosmjs/amino";
import { consensusAddressOfAny, consensusPubKeyFromJson, consensusPubKeyToJson, decodeConsensusPubKey, SECP256K1_TYPE_URL } from "./pubkey";
import { addDuration, formatRfc3339Seconds, formatTimeBytes, parseTimeBytes } from "./time";
import { consensusKey } from "./harness.fixture";

describe("time helpers", () => {
  it("formats queue keys with 9 fraction digits and parses them back", () => {
    const t = { seconds: 1_700_000_000n, nanos: 5 };
    expect(new TextDecoder().decode(formatTimeBytes(t))).toBe("2023-11-14T22:13:20.000000005");
    expect(parseTimeBytes(formatTimeBytes(t))).toEqual(t);
  });

  it("prints event times in whole seconds", () => {
    expect(formatRfc3339Seconds({ seconds: 1_700_000_000n, nanos: 999_999_999 })).toBe("2023-11-14T22:13:20Z");
  });

  it("adds durations on integer nanoseconds", () => {
    expect(addDuration({ seconds: 10n, nanos: 999_999_999 }, { seconds: 1n, nanos: 1 })).toEqual({ seconds: 12n, nanos: 0 });
  });
});

describe("consensus keys", () => {
  it("derives consensus addresses as CometBFT does", () => {
    const secp = { typeUrl: SECP256K1_TYPE_URL, value: Secp256k1PubKey.encode({ key: new Uint8Array(33).fill(2) }).finish() };
    // secp256k1: ripemd160(sha256(key)), the same as an account address
    const cosmjs = fromBech32(pubkeyToAddress({ type: "tendermint/PubKeySecp256k1", value: Buffer.from(new Uint8Array(33).fill(2)).toString("base64") }, "x"), 256).data;
    expect(consensusAddressOfAny(secp)).toEqual(cosmjs);
    expect(consensusAddressOfAny(consensusKey(0)).length).toBe(20);
    expect(consensusPubKeyFromJson("/cosmos.crypto.ed25519.PubKey", consensusPubKeyToJson(consensusKey(0)).key)).toEqual(consensusKey(0));
    expect(() => decodeConsensusPubKey({ typeUrl: "/cosmos.crypto.ed25519.PubKey", value: new Uint8Array([10, 1, 0]) })).toThrow("invalid ed25519 public key length 1");
    expect(() => decodeConsensusPubKey({ typeUrl: "/x.Key", value: new Uint8Array() })).toThrow("Expecting cryptotypes.PubKey, got /x.Key");
  });
});
