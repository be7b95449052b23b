import { AddressCodec } from "../../../app/address";
import { adjustGas, computeFee, decodeTx, msgSendAny, parseGasAdjustment, parseGasSetting } from "./builder";

const codec = new AddressCodec("plume");
const a = codec.encodeAccount(new Uint8Array(20).fill(1));
const b = codec.encodeAccount(new Uint8Array(20).fill(2));

describe("tx building", () => {
  it("computes the fee from --fees or from --gas-prices (rounded up), never both", () => {
    expect(computeFee(200000n, "500uplume", undefined)).toEqual([{ denom: "uplume", amount: "500" }]);
    expect(computeFee(200000n, "5stake,500uplume", undefined)).toEqual([
      { denom: "stake", amount: "5" },
      { denom: "uplume", amount: "500" },
    ]);
    expect(computeFee(200001n, undefined, "0.025uplume")).toEqual([{ denom: "uplume", amount: "5001" }]); // 5000.025 -> 5001
    expect(computeFee(100n, undefined, "0.5stake,1uplume")).toEqual([
      { denom: "stake", amount: "50" },
      { denom: "uplume", amount: "100" },
    ]);
    expect(computeFee(100n, undefined, undefined)).toEqual([]);
    expect(() => computeFee(1n, "1uplume", "1uplume")).toThrow("cannot provide both --fees and --gas-prices");
    expect(() => computeFee(1n, "1uplume,1uplume", undefined)).toThrow(/duplicate denomination/);
    expect(() => computeFee(1n, "lots", undefined)).toThrow(/invalid decimal coin expression: lots/);
  });

  it("parses --gas and --gas-adjustment, and adjusts a simulated gas as the SDK does", () => {
    expect(parseGasSetting("auto")).toBe("auto");
    expect(parseGasSetting("300000")).toBe(300000n);
    expect(() => parseGasSetting("-1")).toThrow('invalid --gas "-1" (expected "auto" or a gas limit)');
    expect(() => parseGasSetting("1e6")).toThrow(/invalid --gas/);
    expect(parseGasAdjustment("1.3")).toBe(1.3);
    expect(() => parseGasAdjustment("0")).toThrow(/invalid --gas-adjustment/);
    expect(() => parseGasAdjustment("abc")).toThrow(/invalid --gas-adjustment/);
    expect(adjustGas(100000n, 1.3)).toBe(130000n);
    expect(adjustGas(12345n, 1)).toBe(12345n);
    expect(adjustGas(3n, 1.5)).toBe(4n); // floor(4.5)
  });

  it("validates MsgSend input as ValidateBasic would", () => {
    expect(msgSendAny(a, b, "1uplume", codec).typeUrl).toBe("/cosmos.bank.v1beta1.MsgSend");
    expect(() => msgSendAny(a, "plume1nope", "1uplume", codec)).toThrow(/^invalid recipient "plume1nope"/);
    expect(() => msgSendAny(a, b.replace("plume", "cosmos"), "1uplume", codec)).toThrow(/invalid recipient/);
    expect(() => msgSendAny(a, b, "0uplume", codec)).toThrow('invalid amount "0uplume": nothing to send');
    expect(() => msgSendAny(a, b, "", codec)).toThrow('invalid amount "": nothing to send');
    expect(() => msgSendAny(a, b, "1", codec)).toThrow(/invalid decimal coin expression/);
  });

  it("refuses bytes that are not a tx", () => {
    expect(() => decodeTx(new Uint8Array([0xff, 0xff, 0xff]))).toThrow(/^not a protobuf-encoded transaction/);
  });
});
