import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AddressCodec } from "../../../app/address";
import type { JsonValue } from "../../../app/module";
import { parseAuthGenesis } from "../../../x/auth/genesis";
import { parseBankGenesis } from "../../../x/bank/genesis";
import { oneLineError, plumed } from "../client/testing/run-cli";
import { initNode } from "../init";

const codec = new AddressCodec("plume");
const addr = (n: number): string => codec.encodeAccount(new Uint8Array(20).fill(n));
const MNEMONIC =
  "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom lizard educate guess current outdoor pair theory focus wife stone";

interface AppState {
  auth: { accounts: { address: string; account_number: string; "@type": string; pub_key: JsonValue; sequence: string }[] };
  bank: { balances: { address: string; coins: { denom: string; amount: string }[] }[]; supply: { denom: string; amount: string }[] };
}

/** x/bank's own genesis reader accepts the result (supply consistent with the balances). */
const acceptedByBank = (s: AppState): boolean => (parseBankGenesis(s.bank, codec), true);

describe("plumed genesis add-genesis-account", () => {
  let home: string;
  let h: string[];
  const state = (): AppState => (JSON.parse(readFileSync(join(home, "config", "genesis.json"), "utf8")) as { app_state: AppState }).app_state;

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), "plumed-genesis-"));
    h = ["--home", home];
    initNode({ home, moniker: "n", chainId: "test-1", denom: "uplume", bech32Prefix: "plume" });
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it("adds BaseAccounts with the next account numbers and their balances, keeping supply consistent", async () => {
    expect(await plumed(["genesis", "add-genesis-account", addr(9), "1000uplume,5stake", ...h])).toMatchObject({ code: 0, stdout: "", stderr: "" });
    expect(await plumed(["genesis", "add-genesis-account", addr(1), "  2.7uplume ", ...h])).toMatchObject({ code: 0 });
    const s = state();
    expect(s.auth.accounts).toEqual([
      { "@type": "/cosmos.auth.v1beta1.BaseAccount", address: addr(9), pub_key: null, account_number: "0", sequence: "0" },
      { "@type": "/cosmos.auth.v1beta1.BaseAccount", address: addr(1), pub_key: null, account_number: "1", sequence: "0" },
    ]);
    // Balances sorted by address bytes; coins sorted by denom; decimals truncated (ParseCoinsNormalized).
    expect(s.bank.balances).toEqual([
      { address: addr(1), coins: [{ denom: "uplume", amount: "2" }] },
      { address: addr(9), coins: [{ denom: "stake", amount: "5" }, { denom: "uplume", amount: "1000" }] },
    ]);
    expect(s.bank.supply).toEqual([
      { denom: "stake", amount: "5" },
      { denom: "uplume", amount: "1002" },
    ]);
    // What the chain will read at InitGenesis.
    expect(parseAuthGenesis(s.auth as unknown as JsonValue, codec).accounts).toHaveLength(2);
    expect(acceptedByBank(s)).toBe(true);
  });

  it("refuses a duplicate, unless --append, which adds to the balance", async () => {
    await plumed(["genesis", "add-genesis-account", addr(1), "10uplume", ...h]);
    expect(oneLineError(await plumed(["genesis", "add-genesis-account", addr(1), "10uplume", ...h]))).toBe(`account ${addr(1)} already exists in genesis (use --append to add coins to it)`);
    expect((await plumed(["genesis", "add-genesis-account", addr(1), "5uplume,1stake", "--append", ...h])).code).toBe(0);
    const s = state();
    expect(s.auth.accounts).toHaveLength(1);
    expect(s.bank.balances).toEqual([{ address: addr(1), coins: [{ denom: "stake", amount: "1" }, { denom: "uplume", amount: "15" }] }]);
    expect(s.bank.supply).toEqual([
      { denom: "stake", amount: "1" },
      { denom: "uplume", amount: "15" },
    ]);
  });

  it("leaves an empty supply empty when other balances exist (the chain computes it)", async () => {
    const file = join(home, "config", "genesis.json");
    const doc = JSON.parse(readFileSync(file, "utf8")) as { app_state: AppState };
    doc.app_state.auth.accounts.push({ "@type": "/cosmos.auth.v1beta1.BaseAccount", address: addr(3), pub_key: null, account_number: "7", sequence: "0" });
    doc.app_state.bank.balances.push({ address: addr(3), coins: [{ denom: "uplume", amount: "3" }] });
    writeFileSync(file, JSON.stringify(doc));
    expect((await plumed(["genesis", "add-genesis-account", addr(2), "2uplume", ...h])).code).toBe(0);
    const s = state();
    expect(s.bank.supply).toEqual([]);
    expect(s.auth.accounts.map((a) => a.account_number)).toEqual(["7", "8"]);
    expect(acceptedByBank(s)).toBe(true);
  });

  it("takes a key name from the keyring", async () => {
    await plumed(["keys", "add", "alice", "--recover", "--keyring-backend", "test", ...h], { stdin: MNEMONIC });
    const alice = (await plumed(["keys", "show", "alice", "-a", "--keyring-backend", "test", ...h])).stdout.trim();
    expect((await plumed(["genesis", "add-genesis-account", "alice", "7uplume", "--keyring-backend", "test", ...h])).code).toBe(0);
    expect(state().bank.balances).toEqual([{ address: alice, coins: [{ denom: "uplume", amount: "7" }] }]);
  });

  it("refuses bad input with one error line and leaves genesis untouched", async () => {
    const before = readFileSync(join(home, "config", "genesis.json"), "utf8");
    expect(oneLineError(await plumed(["genesis", "add-genesis-account", addr(1), "10", ...h]))).toBe("invalid decimal coin expression: 10: invalid coins");
    expect(oneLineError(await plumed(["genesis", "add-genesis-account", addr(1), "0uplume", ...h]))).toBe('invalid coins "0uplume": no positive amount');
    expect(oneLineError(await plumed(["genesis", "add-genesis-account", addr(1), "1uplume,2uplume", ...h]))).toMatch(/duplicate denomination uplume/);
    expect(oneLineError(await plumed(["genesis", "add-genesis-account", codec.encodeAccount(new Uint8Array(20)).replace("plume", "cosmos"), "1uplume", "--keyring-backend", "test", ...h]))).toMatch(
      /is neither an account address \(.*\) nor a key in the test keyring$/,
    );
    expect(oneLineError(await plumed(["genesis", "add-genesis-account", "bob", "1uplume", "--keyring-backend", "test", ...h]))).toMatch(
      /^bob is neither an account address \(invalid address "bob": .*\) nor a key in the test keyring$/,
    );
    expect(readFileSync(join(home, "config", "genesis.json"), "utf8")).toBe(before);
    const missing = join(home, "nowhere");
    expect(oneLineError(await plumed(["genesis", "add-genesis-account", addr(1), "1uplume", "--home", missing]))).toMatch(/^no genesis at .*nowhere\/config\/genesis\.json \(run "plumed init/);
  });
});
