import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serializeSignDoc } from "@cosmjs/amino";
import { Secp256k1, Secp256k1Signature, sha256 } from "@cosmjs/crypto";
import { fromBech32 } from "@cosmjs/encoding";
import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { AuthInfo, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { oneLineError, plumed } from "../client/testing/run-cli";

const MNEMONIC =
  "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom lizard educate guess current outdoor pair theory focus wife stone";

describe("plumed tx slashing unjail (offline)", () => {
  let home: string;
  let h: string[];
  let alice: string;
  const kr = ["--keyring-backend", "test"];

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), "plumed-slashing-cli-"));
    h = ["--home", home];
    mkdirSync(join(home, "config"));
    writeFileSync(join(home, "config", "genesis.json"), JSON.stringify({ chain_id: "plume-test-1", app_state: {} }));
    await plumed(["keys", "add", "alice", "--recover", ...kr, ...h], { stdin: MNEMONIC });
    alice = (await plumed(["keys", "show", "alice", "-a", ...kr, ...h])).stdout.trim();
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it("unjails --from's own validator, and signs it in amino-json mode as cosmos-sdk/MsgUnjail {address}", async () => {
    const gen = await plumed(["tx", "slashing", "unjail", "--from", "alice", "--generate-only", "--offline", ...kr, ...h]);
    expect(gen).toMatchObject({ code: 0, stderr: "" });
    const msgs = (JSON.parse(gen.stdout) as { body: { messages: { "@type": string; validator_addr: string }[] } }).body.messages;
    expect(msgs.map((m) => m["@type"])).toEqual(["/cosmos.slashing.v1beta1.MsgUnjail"]);
    expect(msgs[0]?.validator_addr.startsWith("plumevaloper1")).toBe(true);
    expect(fromBech32(msgs[0]?.validator_addr ?? "").data).toEqual(fromBech32(alice).data);

    const unsigned = join(home, "unsigned.json");
    writeFileSync(unsigned, gen.stdout);
    const r = await plumed(["tx", "sign", unsigned, "--from", "alice", "--offline", "--account-number", "3", "--sequence", "1", "--chain-id", "plume-test-1", "--sign-mode", "amino-json", ...kr, ...h]);
    expect(r.code).toBe(0);
    const signed = join(home, "signed.json");
    writeFileSync(signed, r.stdout);
    const raw = TxRaw.decode(Buffer.from((await plumed(["tx", "encode", signed, ...h])).stdout.trim(), "base64"));
    const authInfo = AuthInfo.decode(raw.authInfoBytes);
    const pub = PubKey.decode(authInfo.signerInfos[0]?.publicKey?.value as Uint8Array).key;
    // The sign doc x/slashing's amino converter gives (what the chain verifies).
    const doc = {
      account_number: "3",
      chain_id: "plume-test-1",
      fee: { amount: [], gas: "200000" },
      memo: "",
      msgs: [{ type: "cosmos-sdk/MsgUnjail", value: { address: msgs[0]?.validator_addr } }],
      sequence: "1",
    };
    expect(Secp256k1.verifySignature(Secp256k1Signature.fromFixedLength(raw.signatures[0] as Uint8Array), sha256(serializeSignDoc(doc)), pub)).toBe(true);
  });

  it("needs --from", async () => {
    const r = await plumed(["tx", "slashing", "unjail", "--generate-only", "--offline", ...kr, ...h]);
    expect(r.stderr.split("\n")[0]).toBe("error: required option '--from <key>' not specified");
    expect(oneLineError(await plumed(["tx", "slashing", "unjail", "--from", "nobody", "--generate-only", "--offline", ...kr, ...h]))).toMatch(/nobody/);
  });
});
