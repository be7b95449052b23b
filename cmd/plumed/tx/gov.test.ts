import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toBech32 } from "@cosmjs/encoding";
import { moduleAddress } from "../../../app/address";
import { oneLineError, plumed } from "../client/testing/run-cli";

const MNEMONIC =
  "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom lizard educate guess current outdoor pair theory focus wife stone";

type Msg = Record<string, unknown> & { "@type": string };

describe("plumed tx gov (offline)", () => {
  let home: string;
  let h: string[];
  let alice: string;
  const kr = ["--keyring-backend", "test"];
  const gov = toBech32("plume", moduleAddress("gov"));

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), "plumed-gov-cli-"));
    h = ["--home", home];
    mkdirSync(join(home, "config"));
    writeFileSync(join(home, "config", "genesis.json"), JSON.stringify({ chain_id: "plume-test-1", app_state: {} }));
    await plumed(["keys", "add", "alice", "--recover", ...kr, ...h], { stdin: MNEMONIC });
    alice = (await plumed(["keys", "show", "alice", "-a", ...kr, ...h])).stdout.trim();
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const generate = async (args: string[]): Promise<Msg[]> => {
    const r = await plumed(["tx", "gov", ...args, "--from", "alice", "--generate-only", "--offline", ...kr, ...h]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    return (JSON.parse(r.stdout) as { body: { messages: Msg[] } }).body.messages;
  };

  it("submit-proposal reads simd's proposal file: messages as SDK JSON, deposit, title, summary", async () => {
    const file = join(home, "proposal.json");
    const update = {
      "@type": "/cosmos.slashing.v1beta1.MsgUpdateParams",
      authority: gov,
      params: {
        signed_blocks_window: "200",
        min_signed_per_window: "0.500000000000000000",
        downtime_jail_duration: "600s",
        slash_fraction_double_sign: "0.050000000000000000",
        slash_fraction_downtime: "0.010000000000000000",
      },
    };
    writeFileSync(file, JSON.stringify({ messages: [update], metadata: "ipfs://x", deposit: "1000uplume", title: "T", summary: "S", expedited: true }));
    const [msg] = await generate(["submit-proposal", file]);
    expect(msg).toEqual({
      "@type": "/cosmos.gov.v1.MsgSubmitProposal",
      messages: [update],
      initial_deposit: [{ denom: "uplume", amount: "1000" }],
      proposer: alice,
      metadata: "ipfs://x",
      title: "T",
      summary: "S",
      expedited: true,
    });
  });

  it("deposit, vote, weighted-vote and cancel-proposal", async () => {
    expect(await generate(["deposit", "3", "10uplume"])).toEqual([{ "@type": "/cosmos.gov.v1.MsgDeposit", proposal_id: "3", depositor: alice, amount: [{ denom: "uplume", amount: "10" }] }]);
    expect(await generate(["vote", "3", "no_with_veto"])).toEqual([{ "@type": "/cosmos.gov.v1.MsgVote", proposal_id: "3", voter: alice, option: "VOTE_OPTION_NO_WITH_VETO", metadata: "" }]);
    expect(await generate(["weighted-vote", "3", "yes=0.6,no=0.4"])).toEqual([
      {
        "@type": "/cosmos.gov.v1.MsgVoteWeighted",
        proposal_id: "3",
        voter: alice,
        options: [
          { option: "VOTE_OPTION_YES", weight: "0.600000000000000000" },
          { option: "VOTE_OPTION_NO", weight: "0.400000000000000000" },
        ],
        metadata: "",
      },
    ]);
    expect(await generate(["cancel-proposal", "3"])).toEqual([{ "@type": "/cosmos.gov.v1.MsgCancelProposal", proposal_id: "3", proposer: alice }]);
  });

  it("reports bad input in one line", async () => {
    const vote = await plumed(["tx", "gov", "vote", "3", "maybe", "--from", "alice", "--generate-only", "--offline", ...kr, ...h]);
    expect(vote.code).not.toBe(0);
    expect(oneLineError(vote)).toContain("'maybe' is not a valid vote option, available options: yes/no/no_with_veto/abstain");
    const id = await plumed(["tx", "gov", "deposit", "x", "10uplume", "--from", "alice", "--generate-only", "--offline", ...kr, ...h]);
    expect(oneLineError(id)).toContain("proposal-id x not a valid uint");
  });
});
