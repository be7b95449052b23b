import { toBech32, toBase64 } from "@cosmjs/encoding";
import { DirectSecp256k1HdWallet, makeCosmoshubPath } from "@cosmjs/proto-signing";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AddressCodec } from "../../../app/address";
import { Keyring, parseKeyringBackend, type PassphraseProvider } from "./keyring";

// cosmjs's published faucet vector (packages/stargate/src/testutils.ts): the first account of
// this mnemonic at m/44'/118'/0'/0/0.
const FAUCET_MNEMONIC =
  "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom lizard educate guess current outdoor pair theory focus wife stone";
const FAUCET_ADDRESS0 = "cosmos1pkptre7fdkl6gfrzlesjjvhxhlc3r4gmmk8rs6";
const FAUCET_PUBKEY0 = "A08EGB7ro1ORuFhjOnZcSgwYlpe0DSFjVNUIkNNQxwKQ";
const PATH0 = "m/44'/118'/0'/0/0";
const FAST = { n: 2 ** 10, r: 8, p: 1 };
const codec = new AddressCodec("plume");

const fixed =
  (passphrase: string): PassphraseProvider =>
  () =>
    Promise.resolve(passphrase);

describe("Keyring", () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), "plumed-keyring-"));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it("derives the address cosmjs derives for a known mnemonic (published vector)", async () => {
    const kr = new Keyring({ home, backend: "test" });
    const k = await kr.addMnemonic("faucet", FAUCET_MNEMONIC, PATH0);
    expect(toBech32("cosmos", k.address)).toBe(FAUCET_ADDRESS0);
    expect(toBase64(k.pubKey)).toBe(FAUCET_PUBKEY0);
  });

  it("agrees with cosmjs's HD wallet at other account indexes and with the plume prefix", async () => {
    const kr = new Keyring({ home, backend: "test" });
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(FAUCET_MNEMONIC, { prefix: "plume", hdPaths: [makeCosmoshubPath(0), makeCosmoshubPath(3)] });
    const [a0, a3] = await wallet.getAccounts();
    expect(codec.encodeAccount((await kr.addMnemonic("i0", FAUCET_MNEMONIC, PATH0)).address)).toBe(a0?.address);
    expect(codec.encodeAccount((await kr.addMnemonic("i3", FAUCET_MNEMONIC, "m/44'/118'/0'/0/3")).address)).toBe(a3?.address);
  });

  it("accepts a mnemonic with extra spaces and capitals, and rejects a bad checksum", async () => {
    const kr = new Keyring({ home, backend: "test" });
    const messy = "  " + FAUCET_MNEMONIC.toUpperCase().split(" ").join("   ") + "\n";
    expect(toBech32("cosmos", (await kr.addMnemonic("messy", messy, PATH0)).address)).toBe(FAUCET_ADDRESS0);
    const words = FAUCET_MNEMONIC.split(" ");
    words[23] = "zoo";
    await expect(kr.addMnemonic("bad", words.join(" "), PATH0)).rejects.toThrow(/^invalid mnemonic/);
  });

  it("adds, finds by name and by address, lists sorted, and deletes", async () => {
    const kr = new Keyring({ home, backend: "test" });
    const bob = await kr.addMnemonic("bob", FAUCET_MNEMONIC, "m/44'/118'/0'/0/1");
    const alice = await kr.addMnemonic("alice", FAUCET_MNEMONIC, PATH0);
    expect(kr.list().map((k) => k.name)).toEqual(["alice", "bob"]);
    expect(kr.key("bob", codec).address).toEqual(bob.address);
    expect(kr.key(codec.encodeAccount(alice.address), codec).name).toBe("alice");
    expect(() => kr.key("carol", codec)).toThrow("carol is not a valid name or address: key not found in the test keyring");
    kr.delete("bob");
    expect(kr.list().map((k) => k.name)).toEqual(["alice"]);
    expect(() => kr.delete("bob")).toThrow(/key not found/);
  });

  it("refuses a duplicate name, a duplicate address and unsafe names", async () => {
    const kr = new Keyring({ home, backend: "test" });
    await kr.addMnemonic("alice", FAUCET_MNEMONIC, PATH0);
    await expect(kr.addMnemonic("alice", FAUCET_MNEMONIC, "m/44'/118'/0'/0/1")).rejects.toThrow(/a key named alice already exists/);
    await expect(kr.addMnemonic("alice2", FAUCET_MNEMONIC, PATH0)).rejects.toThrow(/the key alice already has this address/);
    for (const bad of ["../x", "a/b", "", ".hidden", "a b"]) await expect(kr.addMnemonic(bad, FAUCET_MNEMONIC, PATH0)).rejects.toThrow(/invalid key name/);
  });

  it("keeps the test backend in plaintext with owner-only permissions", async () => {
    const kr = new Keyring({ home, backend: "test" });
    await kr.addMnemonic("alice", FAUCET_MNEMONIC, PATH0);
    expect(statSync(kr.dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(kr.dir, "alice.info")).mode & 0o777).toBe(0o600);
    const record = JSON.parse(readFileSync(join(kr.dir, "alice.info"), "utf8")) as Record<string, unknown>;
    expect(record["private_key"]).toMatch(/^[0-9a-f]{64}$/);
    expect((await kr.privateKey("alice")).length).toBe(32);
  });

  describe("file backend", () => {
    it("encrypts the private key and decrypts it with the right passphrase", async () => {
      const kr = new Keyring({ home, backend: "file", passphrase: fixed("correct horse"), scrypt: FAST });
      await kr.addMnemonic("alice", FAUCET_MNEMONIC, PATH0);
      const text = readFileSync(join(kr.dir, "alice.info"), "utf8");
      expect(text).not.toMatch(/"private_key"/);
      expect(text).toMatch(/"encrypted_private_key"/);
      const plain = new Keyring({ home, backend: "test" });
      await plain.addMnemonic("alice", FAUCET_MNEMONIC, PATH0);
      const reopened = new Keyring({ home, backend: "file", passphrase: fixed("correct horse") });
      expect(reopened.list().map((k) => k.name)).toEqual(["alice"]); // public data needs no passphrase
      expect(await reopened.privateKey("alice")).toEqual(await plain.privateKey("alice"));
    });

    it("refuses a wrong passphrase with a clear error, for reading and for adding", async () => {
      await new Keyring({ home, backend: "file", passphrase: fixed("correct horse"), scrypt: FAST }).addMnemonic("alice", FAUCET_MNEMONIC, PATH0);
      const wrong = new Keyring({ home, backend: "file", passphrase: fixed("wrong horse") });
      await expect(wrong.privateKey("alice")).rejects.toThrow(/^incorrect keyring passphrase$/);
      await expect(wrong.addMnemonic("bob", FAUCET_MNEMONIC, "m/44'/118'/0'/0/1")).rejects.toThrow(/^incorrect keyring passphrase$/);
      expect(wrong.list().map((k) => k.name)).toEqual(["alice"]);
    });

    it("asks again up to maxAttempts, then gives up", async () => {
      await new Keyring({ home, backend: "file", passphrase: fixed("correct horse"), scrypt: FAST }).addMnemonic("alice", FAUCET_MNEMONIC, PATH0);
      const answers = ["nope nope", "still wrong", "correct horse"];
      const asked: number[] = [];
      const kr = new Keyring({ home, backend: "file", maxAttempts: 3, passphrase: ({ attempt }) => (asked.push(attempt), Promise.resolve(answers[attempt - 1] as string)) });
      expect((await kr.privateKey("alice")).length).toBe(32);
      expect(asked).toEqual([1, 2, 3]);
    });

    it("detects a record whose public part or ciphertext was altered", async () => {
      const kr = new Keyring({ home, backend: "file", passphrase: fixed("correct horse"), scrypt: FAST });
      await kr.addMnemonic("alice", FAUCET_MNEMONIC, PATH0);
      const file = join(kr.dir, "alice.info");
      const record = JSON.parse(readFileSync(file, "utf8")) as { hd_path: string; encrypted_private_key: { ciphertext: string } };
      writeFileSync(file, JSON.stringify({ ...record, hd_path: "m/44'/118'/0'/0/9" }));
      await expect(new Keyring({ home, backend: "file", passphrase: fixed("correct horse") }).privateKey("alice")).rejects.toThrow(/does not decrypt/);
      const ct = Buffer.from(record.encrypted_private_key.ciphertext, "base64");
      ct[0] = (ct[0] as number) ^ 1;
      writeFileSync(file, JSON.stringify({ ...record, encrypted_private_key: { ...record.encrypted_private_key, ciphertext: ct.toString("base64") } }));
      await expect(new Keyring({ home, backend: "file", passphrase: fixed("correct horse") }).privateKey("alice")).rejects.toThrow(/does not decrypt/);
    });

    it("asks for the passphrase once per keyring and only when a private key is involved", async () => {
      let asked = 0;
      const kr = new Keyring({ home, backend: "file", scrypt: FAST, passphrase: ({ create }) => (asked++, Promise.resolve(create ? "new passphrase" : "new passphrase")) });
      await kr.addMnemonic("a", FAUCET_MNEMONIC, PATH0);
      await kr.addMnemonic("b", FAUCET_MNEMONIC, "m/44'/118'/0'/0/1");
      await kr.privateKey("a");
      kr.list();
      expect(asked).toBe(1);
    });
  });

  it("parses backends, refusing those plumed does not have", () => {
    expect(parseKeyringBackend("file")).toBe("file");
    expect(parseKeyringBackend("test")).toBe("test");
    expect(() => parseKeyringBackend("os")).toThrow('keyring backend "os" is not supported by plumed (use file, or test for devnets)');
    expect(() => parseKeyringBackend("x")).toThrow(/unknown keyring backend "x"/);
  });
});
