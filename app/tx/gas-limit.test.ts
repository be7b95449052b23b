import { AuthInfo, Fee, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { txGasLimit } from "./gas-limit";

function txWithGas(gasLimit: bigint | undefined): Uint8Array {
  const fee = gasLimit === undefined ? undefined : Fee.fromPartial({ gasLimit, amount: [{ denom: "uplume", amount: "5" }] });
  const authInfo = AuthInfo.encode(AuthInfo.fromPartial(fee === undefined ? {} : { fee })).finish();
  return TxRaw.encode(TxRaw.fromPartial({ bodyBytes: Uint8Array.of(10, 0), authInfoBytes: authInfo, signatures: [new Uint8Array(64)] })).finish();
}

describe("txGasLimit", () => {
  it("reads the fee's gas limit without decoding the tx", () => {
    expect(txGasLimit(txWithGas(200_000n))).toBe(200_000n);
    expect(txGasLimit(txWithGas((1n << 64n) - 1n))).toBe((1n << 64n) - 1n);
  });

  it("is 0 when the tx declares no fee or no gas", () => {
    expect(txGasLimit(txWithGas(undefined))).toBe(0n);
    expect(txGasLimit(txWithGas(0n))).toBe(0n);
    expect(txGasLimit(new Uint8Array())).toBe(0n);
  });

  it("is undefined for bytes that are not a TxRaw on the wire", () => {
    expect(txGasLimit(Uint8Array.of(0x12, 0x05, 0x01))).toBeUndefined();
    expect(txGasLimit(Uint8Array.of(0xff, 0xff, 0xff))).toBeUndefined();
  });
});
