import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../../app/errors";
import { accAddressFromBech32, stringToBytes } from "./address-codec";

interface Vector {
  readonly input: string;
  readonly codec: string;
  readonly legacy: string;
}

// Outputs of the Go SDK (v0.50.15) for the same inputs, from testdata/bech32-vectors.
const { vectors } = JSON.parse(readFileSync(join(__dirname, "testdata", "bech32-go-vectors.json"), "utf8")) as { vectors: Vector[] };

function outcome(decode: () => Uint8Array): string {
  try {
    return Buffer.from(decode()).toString("hex");
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return `ERR ${(err as AppError).message}`;
  }
}

describe("bech32 decoding with a Go node's error texts", () => {
  it.each(vectors.map((v) => [JSON.stringify(v.input).slice(0, 60), v] as const))("%s", (_name, v) => {
    expect(outcome(() => stringToBytes("cosmos", v.input))).toBe(v.codec);
    expect(outcome(() => accAddressFromBech32("cosmos", v.input))).toBe(v.legacy);
  });

  it("reports the SDK's codes: ErrLogic for a prefix mismatch, ErrUnknownAddress for a bad length, plain errors otherwise", () => {
    const code = (f: () => unknown): string => {
      try {
        f();
        return "ok";
      } catch (err) {
        return `${(err as AppError).codespace}/${(err as AppError).code}`;
      }
    };
    const osmo = "osmo1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5helwsw";
    expect(code(() => stringToBytes("cosmos", osmo))).toBe("sdk/35");
    expect(code(() => accAddressFromBech32("cosmos", osmo))).toBe("undefined/1");
    expect(code(() => stringToBytes("cosmos", "cosmos1550dq7"))).toBe("sdk/9");
    expect(code(() => stringToBytes("cosmos", "abc"))).toBe("undefined/1");
  });
});
