import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromBech32, toBech32 } from "@cosmjs/encoding";
import { oneLineError, plumed } from "../client/testing/run-cli";

const MNEMONIC =
  "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom lizard educate guess current outdoor pair theory focus wife stone";

interface Msg {
  readonly "@type": string;
  readonly [key: string]: unknown;
}

describe("plumed tx distribution (offline)", () => {
  let home: string;
  let h: string[];
  let alice: string;
  const kr = ["--keyring-backend", "test"];
  const valoper = toBech32("plumevaloper", new Uint8Array(20).fill(1));

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), "plumed-distribution-cli-"));
    h = ["--home", home];
    mkdirSync(join(home, "config"));
    writeFileSync(join(home, "config", "genesis.json"), JSON.stringify({ chain_id: "plume-test-1", app_state: {} }));
    await plumed(["keys", "add", "alice", "--recover", ...kr, ...h], { stdin: MNEMONIC });
    alice = (await plumed(["keys", "show", "alice", "-a", ...kr, ...h])).stdout.trim();
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const messages = async (...args: string[]): Promise<Msg[]> => {
    const gen = await plumed(["tx", "distribution", ...args, "--from", "alice", "--generate-only", "--offline", ...kr, ...h]);
    expect(gen).toMatchObject({ code: 0, stderr: "" });
    return (JSON.parse(gen.stdout) as { body: { messages: Msg[] } }).body.messages;
  };

  it("withdraws a delegation's rewards, and with --commission the commission of --from's own validator", async () => {
    expect(await messages("withdraw-rewards", valoper)).toEqual([{ "@type": "/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward", delegator_address: alice, validator_address: valoper }]);
    const both = await messages("withdraw-rewards", valoper, "--commission");
    expect(both.map((m) => m["@type"])).toEqual(["/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward", "/cosmos.distribution.v1beta1.MsgWithdrawValidatorCommission"]);
    expect(fromBech32(String(both[1]?.["validator_address"])).data).toEqual(fromBech32(alice).data);
  });

  it("sets the withdraw address and funds the community pool", async () => {
    const bob = toBech32("plume", new Uint8Array(20).fill(2));
    expect(await messages("set-withdraw-addr", bob)).toEqual([{ "@type": "/cosmos.distribution.v1beta1.MsgSetWithdrawAddress", delegator_address: alice, withdraw_address: bob }]);
    expect(await messages("fund-community-pool", "10uatom,1000uplume")).toEqual([
      {
        "@type": "/cosmos.distribution.v1beta1.MsgFundCommunityPool",
        amount: [
          { denom: "uatom", amount: "10" },
          { denom: "uplume", amount: "1000" },
        ],
        depositor: alice,
      },
    ]);
  });

  it("reports bad arguments in one line", async () => {
    const bad = async (...args: string[]): Promise<string> => oneLineError(await plumed(["tx", "distribution", ...args, "--from", "alice", "--generate-only", "--offline", ...kr, ...h]));
    expect(await bad("withdraw-rewards", "plume1notavaloper")).toMatch(/invalid/);
    expect(await bad("fund-community-pool", "lots")).toMatch(/invalid/);
    expect(await bad("withdraw-all-rewards")).toMatch(/--offline/);
  });
});
