import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Secp256k1, Secp256k1Signature, sha256 } from "@cosmjs/crypto";
import { makeSignBytes } from "@cosmjs/proto-signing";
import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { AuthInfo, SignDoc, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { AddressCodec } from "../../../app/address";
import { oneLineError, plumed } from "../client/testing/run-cli";

const MNEMONIC =
  "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom lizard educate guess current outdoor pair theory focus wife stone";
const codec = new AddressCodec("plume");
const VALIDATOR = codec.encodeValidator(new Uint8Array(20).fill(4));
const OTHER = codec.encodeValidator(new Uint8Array(20).fill(5));
const CONS_KEY = Buffer.alloc(32, 9).toString("base64");

describe("plumed tx staking (offline: --generate-only, tx sign)", () => {
  let home: string;
  let h: string[];
  let alice: string;
  const kr = ["--keyring-backend", "test"];
  const offline = ["--generate-only", "--offline", ...kr];

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), "plumed-staking-cli-"));
    h = ["--home", home];
    mkdirSync(join(home, "config"));
    writeFileSync(join(home, "config", "genesis.json"), JSON.stringify({ chain_id: "plume-test-1", app_state: {} }));
    await plumed(["keys", "add", "alice", "--recover", ...kr, ...h], { stdin: MNEMONIC });
    alice = (await plumed(["keys", "show", "alice", "-a", ...kr, ...h])).stdout.trim();
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const messages = async (...args: string[]): Promise<unknown[]> => {
    const r = await plumed([...args, ...offline, ...h]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    return (JSON.parse(r.stdout) as { body: { messages: unknown[] } }).body.messages;
  };

  it("builds delegate, unbond, redelegate and cancel-unbond with simd's arguments", async () => {
    const coin = { denom: "uplume", amount: "1000" };
    expect(await messages("tx", "staking", "delegate", VALIDATOR, "1000uplume", "--from", "alice")).toEqual([
      { "@type": "/cosmos.staking.v1beta1.MsgDelegate", delegator_address: alice, validator_address: VALIDATOR, amount: coin },
    ]);
    expect(await messages("tx", "staking", "unbond", VALIDATOR, "1000.9uplume", "--from", "alice")).toEqual([
      { "@type": "/cosmos.staking.v1beta1.MsgUndelegate", delegator_address: alice, validator_address: VALIDATOR, amount: coin },
    ]);
    expect(await messages("tx", "staking", "redelegate", VALIDATOR, OTHER, "1000uplume", "--from", alice)).toEqual([
      { "@type": "/cosmos.staking.v1beta1.MsgBeginRedelegate", delegator_address: alice, validator_src_address: VALIDATOR, validator_dst_address: OTHER, amount: coin },
    ]);
    expect(await messages("tx", "staking", "cancel-unbond", VALIDATOR, "1000uplume", "42", "--from", "alice")).toEqual([
      { "@type": "/cosmos.staking.v1beta1.MsgCancelUnbondingDelegation", delegator_address: alice, validator_address: VALIDATOR, amount: coin, creation_height: "42" },
    ]);
  });

  it("builds edit-validator: fields not given are [do-not-modify]", async () => {
    const valoper = codec.encodeValidator(codec.decodeAccount(alice));
    expect(await messages("tx", "staking", "edit-validator", "--new-moniker", "m2", "--commission-rate", "0.15", "--min-self-delegation", "5", "--from", "alice")).toEqual([
      {
        "@type": "/cosmos.staking.v1beta1.MsgEditValidator",
        description: { moniker: "m2", identity: "[do-not-modify]", website: "[do-not-modify]", security_contact: "[do-not-modify]", details: "[do-not-modify]" },
        validator_address: valoper,
        commission_rate: "0.150000000000000000",
        min_self_delegation: "5",
      },
    ]);
  });

  it("builds create-validator from simd's validator.json, with the node's address in the memo", async () => {
    const file = join(home, "validator.json");
    const json = {
      pubkey: { "@type": "/cosmos.crypto.ed25519.PubKey", key: CONS_KEY },
      amount: "1000000uplume",
      moniker: "myvalidator",
      website: "https://example.org",
      security: "sec@example.org",
      details: "d",
      "commission-rate": "0.1",
      "commission-max-rate": "0.2",
      "commission-max-change-rate": "0.01",
      "min-self-delegation": "1",
    };
    writeFileSync(file, JSON.stringify(json));
    const r = await plumed(["tx", "staking", "create-validator", file, "--from", "alice", "--node-id", "abcd", "--ip", "10.0.0.1", ...offline, ...h]);
    expect(r.code).toBe(0);
    const tx = JSON.parse(r.stdout) as { body: { messages: unknown[]; memo: string } };
    expect(tx.body.memo).toBe("abcd@10.0.0.1:26656");
    expect(tx.body.messages).toEqual([
      {
        "@type": "/cosmos.staking.v1beta1.MsgCreateValidator",
        description: { moniker: "myvalidator", identity: "", website: "https://example.org", security_contact: "sec@example.org", details: "d" },
        commission: { rate: "0.100000000000000000", max_rate: "0.200000000000000000", max_change_rate: "0.010000000000000000" },
        min_self_delegation: "1",
        delegator_address: "",
        validator_address: codec.encodeValidator(codec.decodeAccount(alice)),
        pubkey: { "@type": "/cosmos.crypto.ed25519.PubKey", key: CONS_KEY },
        value: { denom: "uplume", amount: "1000000" },
      },
    ]);

    const bad = async (patch: Record<string, unknown>): Promise<string> => {
      writeFileSync(file, JSON.stringify({ ...json, ...patch }));
      return oneLineError(await plumed(["tx", "staking", "create-validator", file, "--from", "alice", ...offline, ...h]));
    };
    expect(await bad({ amount: undefined })).toBe("must specify amount of coins to bond");
    expect(await bad({ pubkey: undefined })).toBe("must specify the JSON encoded pubkey");
    expect(await bad({ moniker: "" })).toBe("must specify the moniker name");
    expect(await bad({ "min-self-delegation": undefined })).toBe("must specify minimum self delegation");
    expect(await bad({ "commission-rate": undefined })).toBe("must specify all validator commission parameters");
    expect(await bad({ "commission-rate": "0.3" })).toBe("commission cannot be more than the max rate");
    expect(await bad({ "min-self-delegation": "2000000" })).toBe("validator's self delegation must be greater than their minimum self delegation");
    expect(await bad({ pubkey: { "@type": "/cosmos.crypto.ed25519.PubKey", key: "AAAA" } })).toMatch(/"pubkey": invalid ed25519 public key length 3, expected 32/);
  });

  it("refuses bad arguments before building anything", async () => {
    expect(oneLineError(await plumed(["tx", "staking", "delegate", alice, "1uplume", "--from", "alice", ...offline, ...h]))).toMatch(/invalid Bech32 prefix; expected plumevaloper, got plume/);
    expect(oneLineError(await plumed(["tx", "staking", "delegate", VALIDATOR, "lots", "--from", "alice", ...offline, ...h]))).toMatch(/^invalid amount "lots": /);
    expect(oneLineError(await plumed(["tx", "staking", "cancel-unbond", VALIDATOR, "1uplume", "x", "--from", "alice", ...offline, ...h]))).toBe("invalid height: x: invalid request");
    const noFrom = await plumed(["tx", "staking", "delegate", VALIDATOR, "1uplume", ...offline, ...h]);
    expect(noFrom.code).not.toBe(0);
    expect(noFrom.stderr.split("\n")[0]).toBe("error: required option '--from <key>' not specified");
    expect(oneLineError(await plumed(["tx", "staking", "create-validator", join(home, "nope.json"), "--from", "alice", ...offline, ...h]))).toMatch(/^cannot read .*nope\.json: ENOENT$/);
  });

  it("signs a generated staking tx offline (tx sign knows who must sign: the delegator, or the operator's account)", async () => {
    const unsigned = join(home, "unsigned.json");
    for (const args of [
      ["tx", "staking", "delegate", VALIDATOR, "1000uplume", "--from", "alice"],
      ["tx", "staking", "edit-validator", "--details", "x", "--from", "alice"],
    ]) {
      writeFileSync(unsigned, (await plumed([...args, ...offline, ...h])).stdout);
      for (const mode of ["direct", "amino-json"]) {
        const r = await plumed(["tx", "sign", unsigned, "--from", "alice", "--offline", "--account-number", "3", "--sequence", "1", "--chain-id", "plume-test-1", "--sign-mode", mode, ...kr, ...h]);
        expect(r.code).toBe(0);
        const signed = join(home, "signed.json");
        writeFileSync(signed, r.stdout);
        const raw = TxRaw.decode(Buffer.from((await plumed(["tx", "encode", signed, ...h])).stdout.trim(), "base64"));
        expect(raw.signatures).toHaveLength(1);
        if (mode === "direct") {
          const authInfo = AuthInfo.decode(raw.authInfoBytes);
          const pub = PubKey.decode(authInfo.signerInfos[0]?.publicKey?.value as Uint8Array).key;
          const signBytes = makeSignBytes(SignDoc.fromPartial({ bodyBytes: raw.bodyBytes, authInfoBytes: raw.authInfoBytes, chainId: "plume-test-1", accountNumber: 3n }));
          expect(Secp256k1.verifySignature(Secp256k1Signature.fromFixedLength(raw.signatures[0] as Uint8Array), sha256(signBytes), pub)).toBe(true);
        }
      }
    }
  });
});
