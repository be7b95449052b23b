import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serializeSignDoc } from "@cosmjs/amino";
import { Secp256k1, Secp256k1Signature, sha256 } from "@cosmjs/crypto";
import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { AuthInfo, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { AddressCodec } from "../../../app/address";
import { oneLineError, plumed } from "../client/testing/run-cli";

const MNEMONIC =
  "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom lizard educate guess current outdoor pair theory focus wife stone";
const VALOPER = new AddressCodec("plume").encodeValidator(new Uint8Array(20).fill(1));

describe("plumed tx restaking (offline)", () => {
  let home: string;
  let h: string[];
  let alice: string;
  const kr = ["--keyring-backend", "test"];

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), "plumed-restaking-cli-"));
    h = ["--home", home];
    mkdirSync(join(home, "config"));
    writeFileSync(join(home, "config", "genesis.json"), JSON.stringify({ chain_id: "plume-test-1", app_state: {} }));
    await plumed(["keys", "add", "alice", "--recover", ...kr, ...h], { stdin: MNEMONIC });
    alice = (await plumed(["keys", "show", "alice", "-a", ...kr, ...h])).stdout.trim();
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const messages = async (...args: string[]): Promise<Record<string, unknown>[]> => {
    const gen = await plumed(["tx", "restaking", ...args, "--from", "alice", "--generate-only", "--offline", ...kr, ...h]);
    expect(gen).toMatchObject({ code: 0, stderr: "" });
    return (JSON.parse(gen.stdout) as { body: { messages: Record<string, unknown>[] } }).body.messages;
  };

  it("auto-compound on|off and restake-rewards build their messages for --from", async () => {
    expect(await messages("auto-compound", VALOPER, "on")).toEqual([{ "@type": "/plume.restaking.v1.MsgSetAutoCompound", delegator_address: alice, validator_address: VALOPER, enabled: true }]);
    expect(await messages("auto-compound", VALOPER, "off")).toEqual([{ "@type": "/plume.restaking.v1.MsgSetAutoCompound", delegator_address: alice, validator_address: VALOPER, enabled: false }]);
    expect(await messages("restake-rewards", VALOPER)).toEqual([{ "@type": "/plume.restaking.v1.MsgRestakeRewards", delegator_address: alice, validator_address: VALOPER }]);
  });

  it("refuses a bad switch or validator in one line", async () => {
    const run = (...args: string[]): ReturnType<typeof plumed> => plumed(["tx", "restaking", ...args, "--from", "alice", "--generate-only", "--offline", ...kr, ...h]);
    expect(oneLineError(await run("auto-compound", VALOPER, "yes"))).toMatch(/invalid switch "yes" \(expected on or off\)/);
    expect(oneLineError(await run("restake-rewards", alice))).toMatch(/valoper/);
  });

  it("signs in amino-json mode as plume/x/restaking/MsgSetAutoCompound (what the chain verifies)", async () => {
    const gen = await plumed(["tx", "restaking", "auto-compound", VALOPER, "on", "--from", "alice", "--generate-only", "--offline", ...kr, ...h]);
    const unsigned = join(home, "unsigned.json");
    writeFileSync(unsigned, gen.stdout);
    const r = await plumed(["tx", "sign", unsigned, "--from", "alice", "--offline", "--account-number", "3", "--sequence", "1", "--chain-id", "plume-test-1", "--sign-mode", "amino-json", ...kr, ...h]);
    expect(r.code).toBe(0);
    const signed = join(home, "signed.json");
    writeFileSync(signed, r.stdout);
    const raw = TxRaw.decode(Buffer.from((await plumed(["tx", "encode", signed, ...h])).stdout.trim(), "base64"));
    const pub = PubKey.decode(AuthInfo.decode(raw.authInfoBytes).signerInfos[0]?.publicKey?.value as Uint8Array).key;
    const doc = {
      account_number: "3",
      chain_id: "plume-test-1",
      fee: { amount: [], gas: "200000" },
      memo: "",
      msgs: [{ type: "plume/x/restaking/MsgSetAutoCompound", value: { delegator_address: alice, validator_address: VALOPER, enabled: true } }],
      sequence: "1",
    };
    expect(Secp256k1.verifySignature(Secp256k1Signature.fromFixedLength(raw.signatures[0] as Uint8Array), sha256(serializeSignDoc(doc)), pub)).toBe(true);
  });
});
