import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { VoteOption, type WeightedVoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { MsgCancelProposal, MsgDeposit, MsgSubmitProposal, MsgVote, MsgVoteWeighted } from "cosmjs-types/cosmos/gov/v1/tx";
import { Any } from "cosmjs-types/google/protobuf/any";
import { sdkJsonToBytes } from "../../../app/json";
import { Dec, parseCoinsNormalized } from "../../../app/math";
import type { Io } from "../client/io";
import { addTxFlags, generateOrBroadcastTx, type TxFlags } from "../client/tx-flow";

/**
 * `plumed tx gov ...`: simd v0.50's x/gov tx commands (gov v1 messages, signed by --from).
 *
 * | command | message |
 * |---|---|
 * | submit-proposal <file> | MsgSubmitProposal from a proposal file (simd's format, below) |
 * | deposit <id> <coins> | MsgDeposit |
 * | vote <id> <yes\|no\|abstain\|no_with_veto> | MsgVote |
 * | weighted-vote <id> <yes=0.6,no=0.4,...> | MsgVoteWeighted |
 * | cancel-proposal <id> | MsgCancelProposal (the proposer only) |
 * | draft-proposal | prints a proposal file to fill in |
 */
export const PROPOSAL_FILE_HELP = `
A proposal file (JSON), as simd's:
  {
    "messages": [
      {
        "@type": "/cosmos.slashing.v1beta1.MsgUpdateParams",
        "authority": "<the gov module account: plumed query auth module-account gov>",
        "params": { "signed_blocks_window": "200", "min_signed_per_window": "0.500000000000000000",
                    "downtime_jail_duration": "600s", "slash_fraction_double_sign": "0.050000000000000000",
                    "slash_fraction_downtime": "0.010000000000000000" }
      }
    ],
    "metadata": "ipfs://CID or a short JSON text (optional when there are messages)",
    "deposit": "10000000uplume",
    "title": "Longer downtime window",
    "summary": "Raise signed_blocks_window to 200.",
    "expedited": false
  }
Each message is the SDK JSON of a message whose only signer is the gov module account
(every module's MsgUpdateParams, a bank MsgSend from the gov account, ...). Messages are checked
when the proposal is submitted (gov/10 unroutable, gov/13 wrong signer) and run when it passes.`;

interface ProposalFile {
  readonly messages?: unknown;
  readonly metadata?: unknown;
  readonly deposit?: unknown;
  readonly title?: unknown;
  readonly summary?: unknown;
  readonly expedited?: unknown;
}

const str = (v: unknown, what: string): string => {
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") throw new Error(`proposal file: ${what} must be a string`);
  return v;
};

/** A proposal file's messages, each an Any built from its SDK JSON ({"@type": ..., fields}). */
export function proposalFileMsg(text: string, proposer: string): Any {
  let file: ProposalFile;
  try {
    file = JSON.parse(text) as ProposalFile;
  } catch (err) {
    throw new Error(`invalid proposal file: ${(err as Error).message}`);
  }
  const list = file.messages ?? [];
  if (!Array.isArray(list)) throw new Error("proposal file: messages must be a list");
  const messages = list.map((m: unknown, i) => {
    if (m === null || typeof m !== "object" || typeof (m as { "@type"?: unknown })["@type"] !== "string") {
      throw new Error(`proposal file: messages[${i}] needs an "@type"`);
    }
    return Any.decode(sdkJsonToBytes("google.protobuf.Any", m));
  });
  if (file.expedited !== undefined && typeof file.expedited !== "boolean") throw new Error("proposal file: expedited must be true or false");
  const msg = MsgSubmitProposal.fromPartial({
    messages,
    initialDeposit: parseCoinsNormalized(str(file.deposit, "deposit")).toProto(),
    proposer,
    metadata: str(file.metadata, "metadata"),
    title: str(file.title, "title"),
    summary: str(file.summary, "summary"),
    expedited: file.expedited === true,
  });
  return { typeUrl: "/cosmos.gov.v1.MsgSubmitProposal", value: MsgSubmitProposal.encode(msg).finish() };
}

export function proposalIdArg(value: string): bigint {
  if (!/^\d+$/.test(value)) throw new Error(`proposal-id ${value} not a valid uint, please input a valid proposal-id`);
  return BigInt(value);
}

/** VoteOptionFromString, with simd's short names (yes, no, abstain, no_with_veto). */
export function voteOptionArg(value: string): VoteOption {
  const names: Record<string, VoteOption> = {
    yes: VoteOption.VOTE_OPTION_YES,
    abstain: VoteOption.VOTE_OPTION_ABSTAIN,
    no: VoteOption.VOTE_OPTION_NO,
    no_with_veto: VoteOption.VOTE_OPTION_NO_WITH_VETO,
    VOTE_OPTION_YES: VoteOption.VOTE_OPTION_YES,
    VOTE_OPTION_ABSTAIN: VoteOption.VOTE_OPTION_ABSTAIN,
    VOTE_OPTION_NO: VoteOption.VOTE_OPTION_NO,
    VOTE_OPTION_NO_WITH_VETO: VoteOption.VOTE_OPTION_NO_WITH_VETO,
  };
  const option = Object.prototype.hasOwnProperty.call(names, value) ? names[value] : undefined;
  if (option === undefined) throw new Error(`'${value}' is not a valid vote option, available options: yes/no/no_with_veto/abstain`);
  return option;
}

/** "yes=0.6,no=0.3,no_with_veto=0.1" (WeightedVoteOptionsFromString). */
export function weightedOptionsArg(value: string): WeightedVoteOption[] {
  return value.split(",").map((part) => {
    const [name, weight] = part.split("=");
    const option = voteOptionArg((name ?? "").trim());
    if (weight === undefined) throw new Error(`weight field does not exist for ${name ?? ""} option`);
    return { option, weight: Dec.fromString(weight.trim()).toString() };
  });
}

const any = (typeUrl: string, value: Uint8Array): Any => ({ typeUrl, value });

export function registerGovTxCommands(tx: Command, io: Io): void {
  const gov = tx.command("gov").description("governance transactions");
  const withFrom = (c: Command): Command => addTxFlags(c).requiredOption("--from <key>", "the signer: a key name or address");

  withFrom(gov.command("submit-proposal").description("submit a proposal along with some messages, metadata and an initial deposit").argument("<proposal-file>", "path to the proposal JSON"))
    .addHelpText("after", `${PROPOSAL_FILE_HELP}\n\nExample:\n  plumed tx gov submit-proposal proposal.json --from alice --fees 20000uplume`)
    .action((file: string, o: TxFlags & { from: string }) => {
      const text = readFileSync(file, "utf8");
      return generateOrBroadcastTx(io, o.from, (sender) => [proposalFileMsg(text, sender)], o);
    });

  gov
    .command("draft-proposal")
    .description("print a proposal file to fill in (see submit-proposal --help)")
    .action(() => {
      io.out(
        `${JSON.stringify({ messages: [], metadata: "", deposit: "10000000uplume", title: "", summary: "", expedited: false }, null, 2)}\n`,
      );
    });

  withFrom(gov.command("deposit").description("deposit tokens for an active proposal").argument("<proposal-id>").argument("<deposit>", "coins, e.g. 10000000uplume"))
    .addHelpText("after", "\nExample:\n  plumed tx gov deposit 1 10000000uplume --from mykey")
    .action((id: string, amount: string, o: TxFlags & { from: string }) =>
      generateOrBroadcastTx(io, o.from, (sender) => [any("/cosmos.gov.v1.MsgDeposit", MsgDeposit.encode({ proposalId: proposalIdArg(id), depositor: sender, amount: parseCoinsNormalized(amount).toProto() }).finish())], o),
    );

  withFrom(gov.command("vote").description("vote for an active proposal").argument("<proposal-id>").argument("<option>", "yes, no, no_with_veto or abstain"))
    .option("--metadata <text>", "metadata of the vote", "")
    .addHelpText("after", "\nExample:\n  plumed tx gov vote 1 yes --from mykey")
    .action((id: string, option: string, o: TxFlags & { from: string; metadata: string }) =>
      generateOrBroadcastTx(io, o.from, (sender) => [any("/cosmos.gov.v1.MsgVote", MsgVote.encode({ proposalId: proposalIdArg(id), voter: sender, option: voteOptionArg(option), metadata: o.metadata }).finish())], o),
    );

  withFrom(gov.command("weighted-vote").description("vote for an active proposal, splitting the vote between options").argument("<proposal-id>").argument("<weighted-options>", "e.g. yes=0.6,no=0.3,abstain=0.05,no_with_veto=0.05"))
    .option("--metadata <text>", "metadata of the vote", "")
    .addHelpText("after", "\nExample:\n  plumed tx gov weighted-vote 1 yes=0.6,no=0.3,abstain=0.05,no_with_veto=0.05 --from mykey")
    .action((id: string, options: string, o: TxFlags & { from: string; metadata: string }) =>
      generateOrBroadcastTx(
        io,
        o.from,
        (sender) => [any("/cosmos.gov.v1.MsgVoteWeighted", MsgVoteWeighted.encode({ proposalId: proposalIdArg(id), voter: sender, options: weightedOptionsArg(options), metadata: o.metadata }).finish())],
        o,
      ),
    );

  withFrom(gov.command("cancel-proposal").description("cancel a proposal before its voting period ends (the proposer only)").argument("<proposal-id>"))
    .addHelpText("after", "\nExample:\n  plumed tx gov cancel-proposal 1 --from proposer")
    .action((id: string, o: TxFlags & { from: string }) =>
      generateOrBroadcastTx(io, o.from, (sender) => [any("/cosmos.gov.v1.MsgCancelProposal", MsgCancelProposal.encode({ proposalId: proposalIdArg(id), proposer: sender }).finish())], o),
    );
}
