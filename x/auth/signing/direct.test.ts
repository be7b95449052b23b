import { makeSignBytes, makeSignDoc } from "@cosmjs/proto-signing";
import { directSignBytes } from "./direct";

describe("SIGN_MODE_DIRECT sign bytes", () => {
  const body = Uint8Array.from([0x0a, 0x03, 1, 2, 3, 0x12, 0x01, 0x78]);
  const authInfo = Uint8Array.from([0x12, 0x04, 0x10, 0xc0, 0x9a, 0x0c]);

  it.each([
    ["a normal account", "plume-1", 42n],
    ["account number 0 (omitted on the wire)", "plume-1", 0n],
    ["an empty chain id", "", 5n],
    ["a large account number", "c", 9_007_199_254_740_991n],
  ])("equal @cosmjs/proto-signing makeSignBytes for %s", (_name, chainId, accountNumber) => {
    const ours = directSignBytes({ address: "x", chainId, accountNumber, sequence: 9n, pubKey: undefined }, { bodyBytes: body, authInfoBytes: authInfo });
    expect(ours).toEqual(makeSignBytes(makeSignDoc(body, authInfo, chainId, Number(accountNumber))));
  });
});
