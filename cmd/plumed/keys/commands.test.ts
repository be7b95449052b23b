import { DirectSecp256k1HdWallet, makeCosmoshubPath } from "@cosmjs/proto-signing";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { oneLineError, plumed } from "../client/testing/run-cli";

const MNEMONIC =
  "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom lizard educate guess current outdoor pair theory focus wife stone";
const PASS = "correct horse battery";

async function plumeAddress(index = 0): Promise<string> {
  const w = await DirectSecp256k1HdWallet.fromMnemonic(MNEMONIC, { prefix: "plume", hdPaths: [makeCosmoshubPath(index)] });
  return (await w.getAccounts())[0]?.address as string;
}

describe("plumed keys", () => {
  let home: string;
  let h: string[];
  const test = ["--keyring-backend", "test"];
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), "plumed-keys-cli-"));
    h = ["--home", home];
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it("add prints the key on stdout and the new mnemonic once on stderr; the mnemonic recovers the key", async () => {
    const r = await plumed(["keys", "add", "alice", ...test, ...h]);
    expect(r.code).toBe(0);
    const address = /^- address: (plume1[0-9a-z]+)\n {2}name: alice\n {2}pubkey: '\{"@type":"\/cosmos\.crypto\.secp256k1\.PubKey","key":"[A-Za-z0-9+/=]{44}"\}'\n {2}type: local\n$/.exec(r.stdout)?.[1];
    expect(address).toBeDefined();
    expect(r.stderr).toContain("**Important** write this mnemonic phrase in a safe place.");
    const mnemonic = r.stderr.trim().split("\n").pop() as string;
    expect(mnemonic.split(" ")).toHaveLength(24);
    expect(r.stdout).not.toContain(mnemonic);

    const other = mkdtempSync(join(tmpdir(), "plumed-keys-cli-"));
    try {
      const rec = await plumed(["keys", "add", "again", "--recover", ...test, "--home", other, "-o", "json"], { stdin: mnemonic + "\n" });
      expect(rec.code).toBe(0);
      expect(JSON.parse(rec.stdout)).toMatchObject({ name: "again", type: "local", address });
      expect(JSON.parse(rec.stdout)).not.toHaveProperty("mnemonic");
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("add -o json includes the mnemonic unless --no-backup", async () => {
    const r = await plumed(["keys", "add", "a", ...test, ...h, "-o", "json"]);
    expect(JSON.parse(r.stdout).mnemonic.split(" ")).toHaveLength(24);
    expect(r.stderr).toBe("");
    const nb = await plumed(["keys", "add", "b", "--no-backup", ...test, ...h, "-o", "json"]);
    expect(JSON.parse(nb.stdout)).not.toHaveProperty("mnemonic");
  });

  it("--recover derives cosmjs's addresses; --account/--index/--hd-path pick the HD path", async () => {
    const r = await plumed(["keys", "add", "k0", "--recover", ...test, ...h, "-o", "json"], { stdin: MNEMONIC });
    expect(JSON.parse(r.stdout).address).toBe(await plumeAddress(0));
    const r2 = await plumed(["keys", "add", "k2", "--recover", "--index", "2", ...test, ...h, "-o", "json"], { stdin: MNEMONIC });
    expect(JSON.parse(r2.stdout).address).toBe(await plumeAddress(2));
    const r3 = await plumed(["keys", "add", "k3", "--recover", "--hd-path", "m/44'/118'/0'/0/3", ...test, ...h, "-o", "json"], { stdin: MNEMONIC });
    expect(JSON.parse(r3.stdout).address).toBe(await plumeAddress(3));
  });

  it("uses the bech32 prefix of app.toml", async () => {
    mkdirSync(join(home, "config"));
    writeFileSync(join(home, "config", "app.toml"), '[chain]\nbech32-prefix = "cosmos"\n');
    const r = await plumed(["keys", "add", "faucet", "--recover", ...test, ...h, "-o", "json"], { stdin: MNEMONIC });
    expect(JSON.parse(r.stdout).address).toBe("cosmos1pkptre7fdkl6gfrzlesjjvhxhlc3r4gmmk8rs6");
  });

  it("--dry-run stores nothing", async () => {
    const r = await plumed(["keys", "add", "ghost", "--dry-run", ...test, ...h]);
    expect(r.code).toBe(0);
    expect(existsSync(join(home, "keyring-test", "ghost.info"))).toBe(false);
  });

  it("show by name or address, -a, -p, --bech val; list text, json and names", async () => {
    await plumed(["keys", "add", "bob", "--recover", "--index", "1", ...test, ...h], { stdin: MNEMONIC });
    await plumed(["keys", "add", "alice", "--recover", ...test, ...h], { stdin: MNEMONIC });
    const alice = await plumeAddress(0);
    expect((await plumed(["keys", "show", "alice", "-a", ...test, ...h])).stdout).toBe(alice + "\n");
    expect((await plumed(["keys", "show", alice, "-a", ...test, ...h])).stdout).toBe(alice + "\n");
    expect((await plumed(["keys", "show", "alice", "-p", ...test, ...h])).stdout).toBe('{"@type":"/cosmos.crypto.secp256k1.PubKey","key":"A08EGB7ro1ORuFhjOnZcSgwYlpe0DSFjVNUIkNNQxwKQ"}\n');
    expect((await plumed(["keys", "show", "alice", "-a", "--bech", "val", ...test, ...h])).stdout).toMatch(/^plumevaloper1/);
    const json = JSON.parse((await plumed(["keys", "show", "alice", "-o", "json", ...test, ...h])).stdout);
    expect(json).toEqual({ name: "alice", type: "local", address: alice, pubkey: '{"@type":"/cosmos.crypto.secp256k1.PubKey","key":"A08EGB7ro1ORuFhjOnZcSgwYlpe0DSFjVNUIkNNQxwKQ"}' });
    const list = JSON.parse((await plumed(["keys", "list", "-o", "json", ...test, ...h])).stdout) as { name: string }[];
    expect(list.map((k) => k.name)).toEqual(["alice", "bob"]);
    expect((await plumed(["keys", "list", "-n", ...test, ...h])).stdout).toBe("alice\nbob\n");
    expect((await plumed(["keys", "list", ...test, ...h])).stdout).toMatch(/^- address: plume1\S+\n {2}name: alice\n[\s\S]*\n- address: plume1\S+\n {2}name: bob\n/);
    expect(oneLineError(await plumed(["keys", "show", "alice", "-a", "-p", ...test, ...h]))).toBe("cannot use --address and --pubkey at once");
    expect(oneLineError(await plumed(["keys", "show", "carol", ...test, ...h]))).toBe("carol is not a valid name or address: key not found in the test keyring");
  });

  it("list of an empty keyring says so (text) or prints [] (json)", async () => {
    const t = await plumed(["keys", "list", ...test, ...h]);
    expect(t).toMatchObject({ code: 0, stdout: "", stderr: "No records were found in keyring\n" });
    expect((await plumed(["keys", "list", ...test, ...h, "-o", "json"])).stdout).toBe("[]\n");
  });

  it("delete needs -y when stdin is not a terminal", async () => {
    await plumed(["keys", "add", "alice", ...test, ...h]);
    expect(oneLineError(await plumed(["keys", "delete", "alice", ...test, ...h]))).toBe("deleting a key needs confirmation: pass -y (stdin is not a terminal)");
    const ok = await plumed(["keys", "delete", "alice", "-y", ...test, ...h]);
    expect(ok).toMatchObject({ code: 0, stderr: "Key deleted forever (uh oh!)\n" });
    expect(oneLineError(await plumed(["keys", "delete", "alice", "-y", ...test, ...h]))).toMatch(/key not found/);
  });

  it("delete asks on a terminal and keeps the key unless the answer is yes", async () => {
    await plumed(["keys", "add", "alice", ...test, ...h]);
    const no = await plumed(["keys", "delete", "alice", ...test, ...h], { interactive: true, stdin: "n\n" });
    expect(no.code).toBe(1);
    expect(existsSync(join(home, "keyring-test", "alice.info"))).toBe(true);
    const yes = await plumed(["keys", "delete", "alice", ...test, ...h], { interactive: true, stdin: "y\n" });
    expect(yes.code).toBe(0);
    expect(existsSync(join(home, "keyring-test", "alice.info"))).toBe(false);
  });

  it("refuses bad input with one error line", async () => {
    await plumed(["keys", "add", "alice", ...test, ...h]);
    expect(oneLineError(await plumed(["keys", "add", "alice", ...test, ...h]))).toMatch(/^a key named alice already exists in the test keyring/);
    expect(oneLineError(await plumed(["keys", "add", "x", "--recover", ...test, ...h]))).toBe("--recover needs the mnemonic on stdin");
    expect(oneLineError(await plumed(["keys", "add", "x", "--recover", ...test, ...h], { stdin: "not a mnemonic\n" }))).toMatch(/^invalid mnemonic/);
    expect(oneLineError(await plumed(["keys", "add", "x", "--keyring-backend", "os", ...h]))).toMatch(/keyring backend "os" is not supported/);
    expect(oneLineError(await plumed(["keys", "add", "x", "--hd-path", "44/118", ...test, ...h]))).toMatch(/invalid --hd-path/);
    expect(oneLineError(await plumed(["keys", "add", "x", "-o", "yaml", ...test, ...h]))).toBe('invalid output format "yaml" (expected text or json)');
    const usage = await plumed(["keys", "add", "x", "--index", "-1", ...test, ...h]);
    expect(usage.code).not.toBe(0);
    expect(usage.stderr.split("\n")[0]).toMatch(/^error: option '--index <n>' argument '-1' is invalid/);
  });

  describe("file backend", () => {
    it("takes the mnemonic, then the new passphrase twice, from stdin (simd's order)", async () => {
      const r = await plumed(["keys", "add", "alice", "--recover", ...h, "-o", "json"], { stdin: `${MNEMONIC}\n${PASS}\n${PASS}\n` });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).address).toBe(await plumeAddress(0));
      expect(readdirSync(join(home, "keyring-file")).sort()).toEqual(["alice.info", "keyhash"]);
      // The passphrase exists now: asked once.
      const r2 = await plumed(["keys", "add", "bob", ...h, "-o", "json"], { stdin: `${PASS}\n` });
      expect(r2.code).toBe(0);
      // Public data needs no passphrase.
      expect((await plumed(["keys", "list", "-n", ...h])).stdout).toBe("alice\nbob\n");
    });

    it("refuses mismatched, short, missing and wrong passphrases in one line", async () => {
      expect(oneLineError(await plumed(["keys", "add", "a", ...h], { stdin: `${PASS}\nsomething else\n` }))).toBe("the keyring passphrases do not match");
      expect(oneLineError(await plumed(["keys", "add", "a", ...h], { stdin: "short\nshort\n" }))).toBe("the keyring passphrase must be at least 8 characters");
      expect(oneLineError(await plumed(["keys", "add", "a", ...h]))).toBe("the file keyring needs a passphrase: none on stdin (pipe it in, or set PLUMED_KEYRING_PASSPHRASE)");
      await plumed(["keys", "add", "a", ...h], { stdin: `${PASS}\n${PASS}\n` });
      expect(oneLineError(await plumed(["keys", "add", "b", ...h], { stdin: "wrong passphrase\n" }))).toBe("incorrect keyring passphrase");
      expect(oneLineError(await plumed(["keys", "export", "a", ...h], { stdin: "wrong passphrase\nexport pass\n" }))).toBe("incorrect keyring passphrase");
    });

    it("takes the passphrase from PLUMED_KEYRING_PASSPHRASE (asked neither twice nor on stdin)", async () => {
      const env = { PLUMED_KEYRING_PASSPHRASE: PASS };
      expect((await plumed(["keys", "add", "a", "--recover", ...h, "-o", "json"], { env, stdin: MNEMONIC })).code).toBe(0);
      const exported = await plumed(["keys", "export", "a", ...h], { env, stdin: "export passphrase\n" });
      expect(exported.code).toBe(0);
      expect(exported.stdout).toMatch(/^-----BEGIN PLUMED PRIVATE KEY-----\n/);
    });

    it("export then import moves the key (file keyring -> test keyring), with the export passphrase", async () => {
      await plumed(["keys", "add", "alice", "--recover", ...h], { stdin: `${MNEMONIC}\n${PASS}\n${PASS}\n` });
      const exported = await plumed(["keys", "export", "alice", ...h], { stdin: `${PASS}\nexport passphrase\n` });
      expect(exported.code).toBe(0);
      const file = join(home, "alice.armor");
      writeFileSync(file, exported.stdout);
      expect(oneLineError(await plumed(["keys", "import", "alice2", file, ...test, ...h], { stdin: "not the passphrase\n" }))).toBe("incorrect passphrase, or the exported key was altered");
      const imported = await plumed(["keys", "import", "alice2", file, ...test, ...h], { stdin: "export passphrase\n" });
      expect(imported).toMatchObject({ code: 0, stdout: "" });
      expect((await plumed(["keys", "show", "alice2", "-a", ...test, ...h])).stdout).toBe((await plumeAddress(0)) + "\n");
      expect(oneLineError(await plumed(["keys", "import", "alice2", file, ...test, ...h], { stdin: "export passphrase\n" }))).toMatch(/a key named alice2 already exists/);
      expect(oneLineError(await plumed(["keys", "import", "x", join(home, "missing"), ...test, ...h]))).toMatch(/^cannot read .*missing: ENOENT$/);
      expect(oneLineError(await plumed(["keys", "export", "x", ...test, ...h]))).toMatch(/key not found/);
    });
  });
});
