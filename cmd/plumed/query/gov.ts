import type { Command } from "commander";
import type { JsonValue } from "../../../app/module";
import { addressCodecOf } from "../client/context";
import type { Io } from "../client/io";
import { proposalIdArg } from "../tx/gov";
import { prepare, withPageFlags, withQueryFlags, type PagedOptions, type QueryOptions } from "./commands";
import { moduleQuery, pageJson } from "./module-query";
import { pageRequest } from "./queries";

/**
 * `plumed query gov ...`: simd v0.50's autocli queries of x/gov (cosmos.gov.v1), each one gRPC
 * method through abci_query, the answer printed as the SDK's JSON (YAML by default, -o json).
 *
 * | command | method |
 * |---|---|
 * | gov proposals [--status --voter --depositor] | Proposals |
 * | gov proposal <id> | Proposal |
 * | gov votes <id> / vote <id> <voter> | Votes / Vote (while the proposal is in its voting period) |
 * | gov deposits <id> / deposit <id> <depositor> | Deposits / Deposit |
 * | gov tally <id> | TallyResult (live during the voting period) |
 * | gov params [deposit\|voting\|tallying] | Params |
 * | gov constitution | Constitution |
 */
const GOV = "cosmos.gov.v1";

const STATUSES: Record<string, string> = {
  deposit_period: "PROPOSAL_STATUS_DEPOSIT_PERIOD",
  voting_period: "PROPOSAL_STATUS_VOTING_PERIOD",
  passed: "PROPOSAL_STATUS_PASSED",
  rejected: "PROPOSAL_STATUS_REJECTED",
  failed: "PROPOSAL_STATUS_FAILED",
};

export function proposalStatusArg(value: string): string {
  const upper = value.toUpperCase();
  const known = Object.prototype.hasOwnProperty.call(STATUSES, value.toLowerCase()) ? STATUSES[value.toLowerCase()] : undefined;
  if (known !== undefined) return known;
  if (Object.values(STATUSES).includes(upper)) return upper;
  throw new Error(`invalid proposal status "${value}" (expected deposit_period, voting_period, passed, rejected or failed)`);
}

export function registerGovQueryCommands(query: Command, io: Io): void {
  const run = async (o: QueryOptions, method: string, request: Record<string, JsonValue>): Promise<void> => {
    const { rpc, print } = prepare(io, o);
    print(await moduleQuery(rpc, GOV, method, request, o.height));
  };
  const account = (o: QueryOptions, value: string, what: string): string => {
    addressCodecOf(o.home).decodeAccount(value, what);
    return value;
  };
  const id = (v: string): string => proposalIdArg(v).toString();

  const gov = query.command("gov").description("governance queries");
  withQueryFlags(
    withPageFlags(
      gov
        .command("proposals")
        .description("proposals, optionally filtered")
        .option("--status <status>", "deposit_period, voting_period, passed, rejected or failed")
        .option("--voter <address>", "only proposals this account voted on")
        .option("--depositor <address>", "only proposals this account deposited on"),
    ),
  ).action((o: PagedOptions & { status?: string; voter?: string; depositor?: string }) =>
    run(o, "Proposals", {
      ...(o.status !== undefined ? { proposal_status: proposalStatusArg(o.status) } : {}),
      ...(o.voter !== undefined ? { voter: account(o, o.voter, "voter") } : {}),
      ...(o.depositor !== undefined ? { depositor: account(o, o.depositor, "depositor") } : {}),
      ...pageJson(pageRequest(o)),
    }),
  );
  withQueryFlags(gov.command("proposal").description("one proposal").argument("<proposal-id>")).action((p: string, o: QueryOptions) => run(o, "Proposal", { proposal_id: id(p) }));
  withQueryFlags(withPageFlags(gov.command("votes").description("the votes on a proposal").argument("<proposal-id>"))).action((p: string, o: PagedOptions) =>
    run(o, "Votes", { proposal_id: id(p), ...pageJson(pageRequest(o)) }),
  );
  withQueryFlags(gov.command("vote").description("one account's vote on a proposal").argument("<proposal-id>").argument("<voter>")).action((p: string, voter: string, o: QueryOptions) =>
    run(o, "Vote", { proposal_id: id(p), voter: account(o, voter, "voter") }),
  );
  withQueryFlags(withPageFlags(gov.command("deposits").description("the deposits on a proposal").argument("<proposal-id>"))).action((p: string, o: PagedOptions) =>
    run(o, "Deposits", { proposal_id: id(p), ...pageJson(pageRequest(o)) }),
  );
  withQueryFlags(gov.command("deposit").description("one account's deposit on a proposal").argument("<proposal-id>").argument("<depositor>")).action(
    (p: string, depositor: string, o: QueryOptions) => run(o, "Deposit", { proposal_id: id(p), depositor: account(o, depositor, "depositor") }),
  );
  withQueryFlags(gov.command("tally").description("the tally of a proposal (live during its voting period)").argument("<proposal-id>")).action((p: string, o: QueryOptions) =>
    run(o, "TallyResult", { proposal_id: id(p) }),
  );
  withQueryFlags(gov.command("params").description("the governance parameters").argument("[params-type]", "deposit, voting or tallying (the legacy groups)")).action(
    (t: string | undefined, o: QueryOptions) => run(o, "Params", { params_type: t ?? "" }),
  );
  withQueryFlags(gov.command("constitution").description("the chain's constitution")).action((o: QueryOptions) => run(o, "Constitution", {}));
}
