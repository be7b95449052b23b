import { AppError } from "./errors";
import { resolveQueryHeight, stateNotAvailable } from "./query-height";

const at = (requested: bigint, latest: bigint, prove = false): bigint | string => {
  try {
    return resolveQueryHeight({ requested, latest, prove, appName: "plumed" });
  } catch (err) {
    const e = err as AppError;
    return `${e.codespace}/${e.code} ${e.message}`;
  }
};

describe("the height a query runs at (baseapp's CreateQueryContext)", () => {
  it("is the latest for 0, and the asked height otherwise", () => {
    expect(at(0n, 7n)).toBe(7n);
    expect(at(3n, 7n)).toBe(3n);
    expect(at(7n, 7n)).toBe(7n);
  });

  it("refuses, in the SDK's order, a negative height, an empty chain, a future height, a proof at height 1", () => {
    expect(at(-1n, 0n)).toBe("sdk/18 cannot query with height < 0; please provide a valid height: invalid request");
    expect(at(0n, 0n)).toBe("sdk/26 plumed is not ready; please wait for first block: invalid height");
    expect(at(5n, 0n)).toBe("sdk/26 plumed is not ready; please wait for first block: invalid height");
    expect(at(8n, 7n)).toBe("sdk/26 cannot query with height in the future; please provide a valid height: invalid height");
    expect(at(1n, 7n, true)).toBe("sdk/18 cannot query with proof when height <= 1; please provide a valid height: invalid request");
    expect(at(2n, 7n, true)).toBe(2n);
  });

  it("words a pruned height as the SDK does", () => {
    const e = stateNotAvailable(3n, 12n, new Error("version 3 has been pruned"));
    expect(`${e.codespace}/${e.code} ${e.message}`).toBe("sdk/18 failed to load state at height 3; version 3 has been pruned (latest height: 12): invalid request");
  });
});
