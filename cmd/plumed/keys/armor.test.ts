import { armorPrivateKey, unarmorPrivateKey } from "./armor";

const FAST = { n: 2 ** 10, r: 8, p: 1 };
const KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

describe("armored key export", () => {
  it("round-trips a private key through the documented format", async () => {
    const armored = await armorPrivateKey(KEY, "export passphrase", FAST);
    expect(armored).toMatch(
      /^-----BEGIN PLUMED PRIVATE KEY-----\nkdf: scrypt\nscrypt: n=1024,r=8,p=1\nsalt: \S+\ncipher: aes-256-gcm\nnonce: \S+\ntype: secp256k1\n\n[A-Za-z0-9+/=]+\n=[A-Za-z0-9+/]{4}\n-----END PLUMED PRIVATE KEY-----\n$/,
    );
    expect(await unarmorPrivateKey(armored, "export passphrase")).toEqual(KEY);
    // Tolerates CRLF line ends and surrounding text (pasted into a mail).
    expect(await unarmorPrivateKey(`hello\r\n${armored.replace(/\n/g, "\r\n")}bye`, "export passphrase")).toEqual(KEY);
  });

  it("uses the default (strong) scrypt cost unless told otherwise", async () => {
    const armored = await armorPrivateKey(KEY, "export passphrase");
    expect(armored).toContain("scrypt: n=131072,r=8,p=1");
  });

  it("tells a wrong passphrase, a damaged body and an altered header apart", async () => {
    const armored = await armorPrivateKey(KEY, "export passphrase", FAST);
    await expect(unarmorPrivateKey(armored, "other passphrase")).rejects.toThrow("incorrect passphrase, or the exported key was altered");
    const lines = armored.split("\n");
    const body = lines[8] as string;
    const damaged = [...lines.slice(0, 8), (body[0] === "A" ? "B" : "A") + body.slice(1), ...lines.slice(9)].join("\n");
    await expect(unarmorPrivateKey(damaged, "export passphrase")).rejects.toThrow(/armor checksum mismatch/);
    const altered = armored.replace("type: secp256k1", "type: ed25519");
    await expect(unarmorPrivateKey(altered, "export passphrase")).rejects.toThrow("unsupported key type ed25519");
    const otherCost = armored.replace("scrypt: n=1024,r=8,p=1", "scrypt: n=2048,r=8,p=1");
    await expect(unarmorPrivateKey(otherCost, "export passphrase")).rejects.toThrow(/incorrect passphrase, or the exported key was altered/);
  });

  it("refuses short passphrases, SDK exports, absurd KDF parameters and non-armor", async () => {
    await expect(armorPrivateKey(KEY, "short", FAST)).rejects.toThrow("the export passphrase must be at least 8 characters");
    await expect(unarmorPrivateKey("-----BEGIN TENDERMINT PRIVATE KEY-----\nkdf: bcrypt\n\nAAAA\n-----END TENDERMINT PRIVATE KEY-----", "x")).rejects.toThrow(/Cosmos SDK \(simd\) key export/);
    await expect(unarmorPrivateKey("hello", "x")).rejects.toThrow(/not an armored plumed key/);
    const armored = await armorPrivateKey(KEY, "export passphrase", FAST);
    await expect(unarmorPrivateKey(armored.replace("n=1024", "n=1073741824"), "export passphrase")).rejects.toThrow(/unsupported scrypt parameters/);
  });
});
