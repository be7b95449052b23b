import { AddressCodec } from "../../app/address";
import { fromSdkJson, sdkJsonStringify, toSdkJson } from "../../app/json";
import type { JsonValue } from "../../app/module";
import { expectedRefusal, sdkGenesisCase, sdkGenesisCases } from "../genutil/sdk-genesis.fixture";
import { AUTH_GENESIS_TYPE, authGenesisToJson, defaultAuthGenesisJson, parseAuthGenesis } from "./genesis";

const addresses = new AddressCodec("plume");
const json = (text: string): JsonValue => JSON.parse(text) as JsonValue;

describe("auth genesis", () => {
  it("reads what the SDK reads and writes back the bytes it writes (accounts as Anys)", () => {
    for (const c of sdkGenesisCases("auth").filter((x) => x.output !== undefined)) {
      const state = fromSdkJson(AUTH_GENESIS_TYPE, json(c.input), { path: "auth" });
      expect({ case: c.name, out: sdkJsonStringify(toSdkJson(AUTH_GENESIS_TYPE, state)) }).toEqual({ case: c.name, out: c.output });
    }
  });

  it("parses BaseAccount and ModuleAccount Anys and writes them back byte for byte", () => {
    for (const name of ["default", "base, keyed, multisig and module accounts"]) {
      const c = sdkGenesisCase("auth", name);
      const genesis = parseAuthGenesis(json(c.input), addresses);
      expect(sdkJsonStringify(authGenesisToJson(genesis, addresses))).toBe(c.output);
    }
    const accounts = parseAuthGenesis(json(sdkGenesisCase("auth", "base, keyed, multisig and module accounts").input), addresses).accounts;
    expect(accounts.map((a) => [a.accountNumber, a.sequence, a.pubKey?.typeUrl, a.module?.name])).toEqual([
      [0n, 0n, undefined, undefined],
      [1n, 7n, "/cosmos.crypto.secp256k1.PubKey", undefined],
      [2n, 1n, "/cosmos.crypto.multisig.LegacyAminoPubKey", undefined],
      [3n, 0n, undefined, "bonded_tokens_pool"],
    ]);
    expect(sdkJsonStringify(defaultAuthGenesisJson())).toBe(sdkGenesisCase("auth", "default").output);
  });

  it("refuses what the SDK refuses, unknown fields at any depth included, naming the path", () => {
    for (const c of sdkGenesisCases("auth").filter((x) => x.error !== undefined)) {
      expect(() => parseAuthGenesis(json(c.input), addresses)).toThrow(expectedRefusal(c));
    }
    expect(() => parseAuthGenesis(json(sdkGenesisCase("auth", "an unknown field in an account").input), addresses)).toThrow(
      'auth.accounts[0]: unknown field "balance" in cosmos.auth.v1beta1.BaseAccount',
    );
    const params = (defaultAuthGenesisJson() as { params: JsonValue }).params;
    const withoutBase = json(sdkGenesisCase("auth", "a module account without its base account").input) as { accounts: JsonValue };
    expect(() => parseAuthGenesis({ params, accounts: withoutBase.accounts }, addresses)).toThrow("auth.accounts[0].base_account: a module account needs its base account");
  });

  it("validates: params (missing ones are zero, as in Go), addresses, key types, duplicates", () => {
    const base = (address: string, n: string, extra: Record<string, JsonValue> = {}): JsonValue => ({ "@type": "/cosmos.auth.v1beta1.BaseAccount", address, account_number: n, ...extra });
    const params = (defaultAuthGenesisJson() as { params: JsonValue }).params;
    const a = addresses.encodeAccount(new Uint8Array(20).fill(1));
    const b = addresses.encodeAccount(new Uint8Array(20).fill(2));
    expect(() => parseAuthGenesis({ accounts: [] }, addresses)).toThrow("auth.params: invalid max_memo_characters: 0");
    expect(() => parseAuthGenesis({ params, accounts: [base("cosmos1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjnp7du", "0")] }, addresses)).toThrow(/^auth\.accounts\[0\]\.address: /);
    expect(() => parseAuthGenesis({ params, accounts: [base(a, "0"), base(a, "1")] }, addresses)).toThrow(`auth.accounts[1]: duplicate account ${a}`);
    expect(() => parseAuthGenesis({ params, accounts: [base(a, "4"), base(b, "4")] }, addresses)).toThrow("auth.accounts[1]: duplicate account number 4");
    const ed25519 = { "@type": "/cosmos.crypto.ed25519.PubKey", key: Buffer.alloc(32, 1).toString("base64") };
    expect(parseAuthGenesis({ params, accounts: [base(a, "0", { pub_key: ed25519 })] }, addresses).accounts[0]?.pubKey?.typeUrl).toBe("/cosmos.crypto.ed25519.PubKey");
    const notAKey = { "@type": "/cosmos.bank.v1beta1.SendEnabled", denom: "stake", enabled: true };
    expect(() => parseAuthGenesis({ params, accounts: [base(a, "0", { pub_key: notAKey })] }, addresses)).toThrow(
      "auth.accounts[0].pub_key: unsupported public key type /cosmos.bank.v1beta1.SendEnabled",
    );
    const unknown = { "@type": "/cosmos.crypto.secp256r1.PubKey", key: Buffer.alloc(33, 2).toString("base64") };
    expect(() => parseAuthGenesis({ params, accounts: [base(a, "0", { pub_key: unknown })] }, addresses)).toThrow(
      "auth.accounts[0].pub_key: unable to resolve type URL /cosmos.crypto.secp256r1.PubKey",
    );
    expect(() => parseAuthGenesis({ params, accounts: [{ "@type": "/cosmos.bank.v1beta1.MsgSend" }] }, addresses)).toThrow(
      'auth.accounts[0]: unsupported account type "/cosmos.bank.v1beta1.MsgSend"',
    );
  });
});
