import { Int } from "../../app/math";
import type { JsonObject } from "../../app/module";
import { appStateWith, codec, operator, signedGenTx, type TestOperator } from "./gentx.fixture";
import { collectGenTxs, setGenTxsInAppState, validateAccountInGenesis } from "./gentx";

const uplume = (n: bigint) => ({ denom: "uplume", amount: Int.from(n) });

describe("ValidateAccountInGenesis", () => {
  let a: TestOperator;
  let b: TestOperator;
  beforeAll(async () => {
    a = await operator("a");
    b = await operator("b");
  });

  it("accepts an account holding the stake in the bond denom, with the SDK's texts otherwise", () => {
    const state = appStateWith([[a.account, 1000n]], []) as JsonObject;
    expect(() => validateAccountInGenesis(state, a.address, uplume(1000n), codec)).not.toThrow();
    expect(() => validateAccountInGenesis(state, a.address, uplume(1001n), codec)).toThrow(
      `account ${a.account} has a balance in genesis, but it only has 1000uplume available to stake, not 1001uplume`,
    );
    expect(() => validateAccountInGenesis(state, b.address, uplume(1n), codec)).toThrow(`account ${b.account} does not have a balance in the genesis state`);
    // Only the bond denom is checked (as in the SDK).
    expect(() => validateAccountInGenesis(state, a.address, { denom: "stake", amount: Int.from(5n) }, codec)).not.toThrow();
  });
});

describe("CollectTxs", () => {
  let a: TestOperator;
  let b: TestOperator;
  let c: TestOperator;
  beforeAll(async () => {
    [a, b, c] = await Promise.all([operator("a"), operator("b"), operator("c")]);
  });

  const state = (): JsonObject => appStateWith([[a.account, 10n ** 9n], [b.account, 10n ** 9n], [c.account, 50n]], []);
  const withMemo = (g: JsonObject, memo: string): JsonObject => ({ ...g, body: { ...(g["body"] as JsonObject), memo } });

  it("takes *.json files in name order, and the other validators' memos sorted as peers", async () => {
    const files = [
      { name: "gentx-b.json", json: withMemo(await signedGenTx(b, { moniker: "node-b" }), "bbbb@127.0.0.1:2") },
      { name: "README.txt", json: "ignored" },
      { name: "gentx-a.json", json: withMemo(await signedGenTx(a, { moniker: "node-a" }), "aaaa@127.0.0.1:1") },
    ];
    const out = collectGenTxs(files, state(), "node-a", codec);
    expect(out.genTxs.map((g) => g.msg.description?.moniker)).toEqual(["node-a", "node-b"]);
    expect(out.persistentPeers).toBe("bbbb@127.0.0.1:2");
    expect(collectGenTxs(files, state(), "someone-else", codec).persistentPeers).toBe("aaaa@127.0.0.1:1,bbbb@127.0.0.1:2");
  });

  it("refuses gentxs without memo, unfunded or underfunded operators, duplicates, and an empty directory", async () => {
    const ga = await signedGenTx(a);
    expect(() => collectGenTxs([{ name: "x.json", json: withMemo(ga, "") }], state(), "m", codec)).toThrow("failed to find node's address and IP in x.json");
    const stranger = await operator("stranger");
    const gs = await signedGenTx(stranger);
    const gc = await signedGenTx(c);
    expect(() => collectGenTxs([{ name: "s.json", json: gs }], state(), "m", codec)).toThrow(`account ${stranger.account} balance not in genesis state (s.json)`);
    expect(() => collectGenTxs([{ name: "c.json", json: gc }], state(), "m", codec)).toThrow(`insufficient fund for delegation ${c.account}: 50 < 100000000 (c.json)`);
    expect(() => collectGenTxs([{ name: "1.json", json: ga }, { name: "2.json", json: ga }], state(), "m", codec)).toThrow(`2.json and 1.json both create validator ${a.valoper}`);
    const sameKey = await signedGenTx(b, { consensusKey: a.consensusKey });
    expect(() => collectGenTxs([{ name: "1.json", json: ga }, { name: "2.json", json: sameKey }], state(), "m", codec)).toThrow("2.json and 1.json use the same consensus public key");
    expect(() => collectGenTxs([], state(), "m", codec)).toThrow("there must be at least one genesis tx");
    expect(() => collectGenTxs([{ name: "bad.json", json: { body: { messages: [] } } }], state(), "m", codec)).toThrow("bad.json: unexpected number of GenTx messages; got: 0, expected: 1");
  });

  it("SetGenTxsInAppGenesisState replaces the genutil section only", async () => {
    const g = await signedGenTx(a);
    const s = setGenTxsInAppState(state(), [g]);
    expect(s["genutil"]).toEqual({ gen_txs: [g] });
    expect(s["bank"]).toEqual(state()["bank"]);
  });
});
