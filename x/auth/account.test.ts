import { Any } from "cosmjs-types/google/protobuf/any";
import { AddressCodec } from "../../app/address";
import { accountFromAny, accountToAny, encodeBaseAccountAny, rememberAccountFields, type Account } from "./account";

const addresses = new AddressCodec("plume");

function accountsToTry(): Account[] {
  const numbers = [0n, 1n, 127n, 128n, 300n, 1n << 32n, (1n << 63n) - 1n, (1n << 64n) - 1n];
  const keys: (Any | undefined)[] = [
    undefined,
    { typeUrl: "/cosmos.crypto.secp256k1.PubKey", value: Uint8Array.from({ length: 35 }, (_, i) => (i * 37) & 0xff) },
    { typeUrl: "", value: new Uint8Array() },
    { typeUrl: "/cosmos.crypto.multisig.LegacyAminoPubKey", value: new Uint8Array(300).fill(9) },
  ];
  const out: Account[] = [];
  for (const [i, accountNumber] of numbers.entries()) {
    for (const sequence of numbers) {
      for (const pubKey of keys) {
        const address = Uint8Array.from({ length: i % 2 === 0 ? 20 : 32 }, (_, j) => (i * 31 + j) & 0xff);
        out.push({ address, pubKey, accountNumber, sequence });
      }
    }
  }
  return out;
}

describe("encodeBaseAccountAny", () => {
  it("writes exactly the bytes of Any.encode(accountToAny(...))", () => {
    for (const account of accountsToTry()) {
      const bech32 = addresses.encodeAccount(account.address);
      const expected = Any.encode(accountToAny(account, bech32)).finish();
      const { any, bytes } = encodeBaseAccountAny(account, bech32);
      expect(Buffer.from(bytes).toString("hex")).toBe(Buffer.from(expected).toString("hex"));
      expect(Buffer.from(Any.encode(any).finish()).toString("hex")).toBe(Buffer.from(expected).toString("hex"));
    }
  });

  it("remembers fields that equal what decoding the bytes gives", () => {
    for (const account of accountsToTry().slice(0, 40)) {
      const bech32 = addresses.encodeAccount(account.address);
      const { any, bytes } = encodeBaseAccountAny(account, bech32);
      rememberAccountFields(any, account);
      const remembered = accountFromAny(any, account.address);
      const decoded = accountFromAny(Any.decode(bytes), account.address);
      expect(remembered).toEqual(decoded);
      // The caller's key object is not the one shared (and frozen).
      if (account.pubKey !== undefined) expect(Object.isFrozen(account.pubKey)).toBe(false);
    }
  });

  it("refuses module accounts", () => {
    const account: Account = { address: new Uint8Array(20), pubKey: undefined, accountNumber: 1n, sequence: 0n, module: { name: "bank", permissions: [] } };
    expect(() => encodeBaseAccountAny(account, addresses.encodeAccount(account.address))).toThrow(/module account/);
  });
});
