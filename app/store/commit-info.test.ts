import { compareBytes, concatBytes, lengthPrefixed, toHex, utf8 } from "./bytes";
import { appHashOf, compareNames, decodeCommitInfo, encodeCommitInfo, simpleMerkleRoot } from "./commit-info";
import { EMPTY_HASH, sha256 } from "./iavl-node";

describe("simple Merkle root (CometBFT HashFromByteSlices)", () => {
  // Vectors from cometbft crypto/merkle tree_test.go.
  it.each([
    [[], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    [[[1, 2, 3]], "054edec1d0211f624fed0cbca9d4f9400b0e491c43742af2c5b0abebf0c990d8"],
    [[[]], "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"],
    [[[1, 2, 3], [4, 5, 6]], "82e6cfce00453804379b53962939eaa7906b39904be0813fcadd31b100773c4b"],
    [[[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]], "f326493eceab4f2d9ffbc78c59432a0a005d6ea98392045c74df5d14a113be18"],
  ])("%j", (items, want) => {
    expect(toHex(simpleMerkleRoot(items.map((i) => new Uint8Array(i))))).toBe(want);
  });
});

describe("app hash", () => {
  it("is the Merkle root of name-sorted KVPair leaves with hashed store roots", () => {
    const h1 = sha256(utf8("one"));
    const h2 = sha256(utf8("two"));
    const leaf = (name: string, h: Uint8Array): Uint8Array => concatBytes(lengthPrefixed(utf8(name)), lengthPrefixed(sha256(h)));
    const want = simpleMerkleRoot([leaf("acc", h2), leaf("bank", h1)]);
    expect(appHashOf([{ name: "bank", hash: h1 }, { name: "acc", hash: h2 }])).toEqual(want);
    expect(appHashOf([])).toEqual(EMPTY_HASH);
  });

  it("round-trips commit info", () => {
    const info = {
      version: 42,
      appHash: sha256(utf8("x")),
      stores: [
        { name: "acc", storeId: 1, rootVersion: 40, rootNonce: 7, hash: sha256(utf8("a")) },
        { name: "bank", storeId: 0, rootVersion: 0, rootNonce: 0, hash: EMPTY_HASH },
      ],
    };
    expect(decodeCommitInfo(encodeCommitInfo(info))).toEqual(info);
  });
});

describe("compareNames", () => {
  const byBytes = (a: string, b: string): number => Math.sign(compareBytes(utf8(a), utf8(b)));

  it("orders names as their UTF-8 bytes, ASCII or not", () => {
    const names = ["staking", "acc", "bank", "Acc", "a", "", "distribution", "ä", "\uffff", "\u{1f600}", "b\u00e9", "bz", "mint", "gov"];
    for (const a of names) for (const b of names) expect(Math.sign(compareNames(a, b))).toBe(byBytes(a, b));
    // UTF-16 order would put the surrogate pair (U+1F600) before U+FFFF; UTF-8 bytes put it after.
    expect(compareNames("\u{1f600}", "\uffff")).toBeGreaterThan(0);
  });
});
