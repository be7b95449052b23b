/**
 * x/gov's Query services: cosmos.gov.v1.Query (keeper/grpc_query.go, with its texts and gRPC codes)
 * and cosmos.gov.v1beta1.Query, which the SDK's legacyQueryServer answers by converting v1 answers
 * (migrations/v3/convert.go). Each handler reads the committed stores at the queried height; the
 * live TallyResult of a proposal in its voting period comes from the running tally (tally.ts).
 */
import { ProposalStatus, type Deposit, type Proposal, type TallyResult, type Vote } from "cosmjs-types/cosmos/gov/v1/gov";
import * as v1 from "cosmjs-types/cosmos/gov/v1/query";
import { MsgExecLegacyContent } from "cosmjs-types/cosmos/gov/v1/tx";
import type * as gov1beta1 from "cosmjs-types/cosmos/gov/v1beta1/gov";
import * as v1beta1 from "cosmjs-types/cosmos/gov/v1beta1/query";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { Context } from "../../app/context";
import { ErrInvalidType } from "../../app/errors";
import { silentLogger } from "../../app/logger";
import { Coins, Dec } from "../../app/math";
import { anyQueryHandler as erase, type AnyQueryHandler, type QueryContext, type ServiceRegistrar } from "../../app/module";
import { paginateCollection, PaginationError } from "../../app/pagination";
import { GrpcStatus, QueryError, invalidArgument, notFound } from "../../app/query-router";
import { readOnlyMultiStore } from "../../app/read-only-store";
import type { KVStoreReader } from "../../app/store/types";
import type { GovKeeper } from "./keeper";
import { coinsOf } from "./params";
import { Deposits, GOV_STORE, Proposals, Votes, proposalPrefix } from "./state-keys";

/** Go's zero time.Time: what a v1beta1 proposal shows for a time the v1 proposal does not have. */
const GO_ZERO_TIME: Timestamp = { seconds: -62135596800n, nanos: 0 };

/** A read-only Context over the queried height's stores, for the keeper's Context-based reads. */
function queryContext(q: QueryContext): Context {
  const ms = readOnlyMultiStore({ version: Number(q.height), getReader: (name) => q.store(name) });
  const header = {
    chainId: q.chainId,
    height: q.height,
    time: { seconds: 0n, nanos: 0 },
    proposerAddress: new Uint8Array(),
    hash: new Uint8Array(),
    nextValidatorsHash: new Uint8Array(),
    lastAppHash: new Uint8Array(),
  };
  return new Context(ms, header, "check", silentLogger);
}

function paginated<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof PaginationError) throw new QueryError(GrpcStatus.Internal, err.message);
    throw err;
  }
}

function requireId(id: bigint): void {
  if (id === 0n) throw invalidArgument("proposal id can not be 0");
}

/** The v1 query answers, shared by the v1beta1 service. */
class GovQueries {
  constructor(private readonly k: GovKeeper) {}

  private store(q: QueryContext): KVStoreReader {
    return q.store(GOV_STORE);
  }

  proposal(q: QueryContext, id: bigint): Proposal {
    requireId(id);
    const p = this.k.proposal(this.store(q), id);
    if (p === undefined) throw notFound(`proposal ${id} doesn't exist`);
    return p;
  }

  proposals(q: QueryContext, req: v1.QueryProposalsRequest): { proposals: Proposal[]; pagination: v1.QueryProposalsResponse["pagination"] } {
    const store = this.store(q);
    const voter = req.voter.length > 0 ? this.k.addresses.decodeAccount(req.voter) : undefined;
    const depositor = req.depositor.length > 0 ? this.k.addresses.decodeAccount(req.depositor) : undefined;
    const validStatus = req.proposalStatus >= ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD && req.proposalStatus <= ProposalStatus.PROPOSAL_STATUS_FAILED;
    const page = paginated(() =>
      paginateCollection(store, Proposals, req.pagination, (_id, p) => p, {
        filter: (id, p) =>
          (!validStatus || p.status === req.proposalStatus) &&
          (voter === undefined || this.k.vote(store, id, voter) !== undefined) &&
          (depositor === undefined || Deposits.has(store, [id, depositor])),
      }),
    );
    return { proposals: page.results, pagination: page.pagination };
  }

  vote(q: QueryContext, id: bigint, voter: string): Vote {
    requireId(id);
    if (voter === "") throw invalidArgument("empty voter address");
    const v = this.k.vote(this.store(q), id, this.k.addresses.decodeAccount(voter));
    if (v === undefined) throw invalidArgument(`voter: ${voter} not found for proposal: ${id}`);
    return v;
  }

  votes(q: QueryContext, req: v1.QueryVotesRequest): { votes: Vote[]; pagination: v1.QueryVotesResponse["pagination"] } {
    requireId(req.proposalId);
    const store = this.store(q);
    // Votes of a proposal that left its voting period are gone (being pruned), as in the SDK.
    if (!this.k.inVotingPeriod(store, req.proposalId)) return { votes: [], pagination: { nextKey: new Uint8Array(), total: 0n } };
    const page = paginated(() =>
      paginateCollection(store, Votes, req.pagination, (_k, v) => v, {
        subPrefix: proposalPrefix(req.proposalId),
        // Votes of an earlier voting round (an expedited proposal turned regular) no longer count.
        filter: ([id, voter]) => this.k.isCurrentVote(store, id, voter),
      }),
    );
    return { votes: page.results, pagination: page.pagination };
  }

  deposit(q: QueryContext, id: bigint, depositor: string): Deposit {
    requireId(id);
    if (depositor === "") throw invalidArgument("empty depositor address");
    const d = this.k.deposit(this.store(q), id, this.k.addresses.decodeAccount(depositor));
    if (d === undefined) throw notFound("collections: not found: key '(" + id.toString() + ", " + depositor + ")' of type github.com/cosmos/gogoproto/cosmos.gov.v1.Deposit");
    return d;
  }

  deposits(q: QueryContext, req: v1.QueryDepositsRequest): { deposits: Deposit[]; pagination: v1.QueryDepositsResponse["pagination"] } {
    requireId(req.proposalId);
    const page = paginated(() => paginateCollection(this.store(q), Deposits, req.pagination, (_k, d) => d, { subPrefix: proposalPrefix(req.proposalId) }));
    return { deposits: page.results, pagination: page.pagination };
  }

  tally(q: QueryContext, id: bigint): TallyResult {
    requireId(id);
    const p = this.k.proposal(this.store(q), id);
    if (p === undefined) throw notFound(`proposal ${id} doesn't exist`);
    return this.k.tallyResult(queryContext(q), p);
  }

  params(q: QueryContext, paramsType: string): v1.QueryParamsResponse {
    const params = this.k.params(this.store(q));
    const response: v1.QueryParamsResponse = { params };
    switch (paramsType) {
      case "deposit":
        response.depositParams = { minDeposit: params.minDeposit, ...(params.maxDepositPeriod !== undefined ? { maxDepositPeriod: params.maxDepositPeriod } : {}) };
        break;
      case "voting":
        response.votingParams = params.votingPeriod !== undefined ? { votingPeriod: params.votingPeriod } : {};
        break;
      case "tallying":
        response.tallyParams = { quorum: params.quorum, threshold: params.threshold, vetoThreshold: params.vetoThreshold };
        break;
      default:
        if (paramsType.length > 0) throw invalidArgument(`unknown params type: ${paramsType}`);
    }
    return response;
  }
}

// --- v1beta1 conversions (migrations/v3/convert.go) --------------------------------------------

const utf8 = new TextEncoder();

function legacyTally(t: TallyResult | undefined): gov1beta1.TallyResult {
  const r = t ?? { yesCount: "0", abstainCount: "0", noCount: "0", noWithVetoCount: "0" };
  return { yes: r.yesCount, abstain: r.abstainCount, no: r.noCount, noWithVeto: r.noWithVetoCount };
}

function sanitized(list: readonly { denom: string; amount: string }[]): { denom: string; amount: string }[] {
  return Coins.of(...coinsOf(list).toArray()).toProto();
}

function legacyProposal(p: Proposal): gov1beta1.Proposal {
  if (p.messages.length !== 1 || p.messages[0] === undefined) {
    throw ErrInvalidType.wrap("can't convert a gov/v1 Proposal to gov/v1beta1 Proposal when amount of proposal messages not exactly one");
  }
  const first = p.messages[0];
  let content = first;
  if (first.typeUrl === "/cosmos.gov.v1.MsgExecLegacyContent") {
    const legacy = MsgExecLegacyContent.decode(first.value).content;
    if (legacy === undefined) throw ErrInvalidType.wrap("expected *v1beta1.Content, got <nil>");
    content = legacy;
  }
  return {
    proposalId: p.id,
    content,
    status: p.status,
    finalTallyResult: legacyTally(p.finalTallyResult),
    submitTime: p.submitTime ?? GO_ZERO_TIME,
    depositEndTime: p.depositEndTime ?? GO_ZERO_TIME,
    totalDeposit: sanitized(p.totalDeposit),
    votingStartTime: p.votingStartTime ?? GO_ZERO_TIME,
    votingEndTime: p.votingEndTime ?? GO_ZERO_TIME,
  };
}

function legacyVote(v: Vote): gov1beta1.Vote {
  return {
    proposalId: v.proposalId,
    voter: v.voter,
    option: 0,
    options: v.options.map((o) => ({ option: o.option, weight: Dec.fromString(o.weight).toProto() })),
  };
}

function legacyDeposit(d: Deposit): gov1beta1.Deposit {
  return { proposalId: d.proposalId, depositor: d.depositor, amount: sanitized(d.amount) };
}

export function govQueryHandlers(k: GovKeeper): AnyQueryHandler[] {
  const g = new GovQueries(k);
  const path = (m: string): string => `/cosmos.gov.v1.Query/${m}`;
  return [
    erase<v1.QueryConstitutionRequest, v1.QueryConstitutionResponse>({
      path: path("Constitution"),
      requestCodec: v1.QueryConstitutionRequest,
      responseCodec: v1.QueryConstitutionResponse,
      handle: (q) => ({ constitution: k.constitution(q.store(GOV_STORE)) }),
    }),
    erase<v1.QueryProposalRequest, v1.QueryProposalResponse>({
      path: path("Proposal"),
      requestCodec: v1.QueryProposalRequest,
      responseCodec: v1.QueryProposalResponse,
      handle: (q, req) => ({ proposal: g.proposal(q, req.proposalId) }),
    }),
    erase<v1.QueryProposalsRequest, v1.QueryProposalsResponse>({
      path: path("Proposals"),
      requestCodec: v1.QueryProposalsRequest,
      responseCodec: v1.QueryProposalsResponse,
      handle: (q, req) => g.proposals(q, req),
    }),
    erase<v1.QueryVoteRequest, v1.QueryVoteResponse>({
      path: path("Vote"),
      requestCodec: v1.QueryVoteRequest,
      responseCodec: v1.QueryVoteResponse,
      handle: (q, req) => ({ vote: g.vote(q, req.proposalId, req.voter) }),
    }),
    erase<v1.QueryVotesRequest, v1.QueryVotesResponse>({
      path: path("Votes"),
      requestCodec: v1.QueryVotesRequest,
      responseCodec: v1.QueryVotesResponse,
      handle: (q, req) => g.votes(q, req),
    }),
    erase<v1.QueryParamsRequest, v1.QueryParamsResponse>({
      path: path("Params"),
      requestCodec: v1.QueryParamsRequest,
      responseCodec: v1.QueryParamsResponse,
      handle: (q, req) => g.params(q, req.paramsType),
    }),
    erase<v1.QueryDepositRequest, v1.QueryDepositResponse>({
      path: path("Deposit"),
      requestCodec: v1.QueryDepositRequest,
      responseCodec: v1.QueryDepositResponse,
      handle: (q, req) => ({ deposit: g.deposit(q, req.proposalId, req.depositor) }),
    }),
    erase<v1.QueryDepositsRequest, v1.QueryDepositsResponse>({
      path: path("Deposits"),
      requestCodec: v1.QueryDepositsRequest,
      responseCodec: v1.QueryDepositsResponse,
      handle: (q, req) => g.deposits(q, req),
    }),
    erase<v1.QueryTallyResultRequest, v1.QueryTallyResultResponse>({
      path: path("TallyResult"),
      requestCodec: v1.QueryTallyResultRequest,
      responseCodec: v1.QueryTallyResultResponse,
      handle: (q, req) => ({ tally: g.tally(q, req.proposalId) }),
    }),
  ];
}

export function govLegacyQueryHandlers(k: GovKeeper): AnyQueryHandler[] {
  const g = new GovQueries(k);
  const path = (m: string): string => `/cosmos.gov.v1beta1.Query/${m}`;
  const zeroDec = utf8.encode("0");
  return [
    erase<v1beta1.QueryProposalRequest, v1beta1.QueryProposalResponse>({
      path: path("Proposal"),
      requestCodec: v1beta1.QueryProposalRequest,
      responseCodec: v1beta1.QueryProposalResponse,
      handle: (q, req) => ({ proposal: legacyProposal(g.proposal(q, req.proposalId)) }),
    }),
    erase<v1beta1.QueryProposalsRequest, v1beta1.QueryProposalsResponse>({
      path: path("Proposals"),
      requestCodec: v1beta1.QueryProposalsRequest,
      responseCodec: v1beta1.QueryProposalsResponse,
      handle: (q, req) => {
        const r = g.proposals(q, { proposalStatus: req.proposalStatus, voter: req.voter, depositor: req.depositor, ...(req.pagination ? { pagination: req.pagination } : {}) });
        return { proposals: r.proposals.map(legacyProposal), ...(r.pagination ? { pagination: r.pagination } : {}) };
      },
    }),
    erase<v1beta1.QueryVoteRequest, v1beta1.QueryVoteResponse>({
      path: path("Vote"),
      requestCodec: v1beta1.QueryVoteRequest,
      responseCodec: v1beta1.QueryVoteResponse,
      handle: (q, req) => ({ vote: legacyVote(g.vote(q, req.proposalId, req.voter)) }),
    }),
    erase<v1beta1.QueryVotesRequest, v1beta1.QueryVotesResponse>({
      path: path("Votes"),
      requestCodec: v1beta1.QueryVotesRequest,
      responseCodec: v1beta1.QueryVotesResponse,
      handle: (q, req) => {
        const r = g.votes(q, { proposalId: req.proposalId, ...(req.pagination ? { pagination: req.pagination } : {}) });
        return { votes: r.votes.map(legacyVote), ...(r.pagination ? { pagination: r.pagination } : {}) };
      },
    }),
    erase<v1beta1.QueryParamsRequest, v1beta1.QueryParamsResponse>({
      path: path("Params"),
      requestCodec: v1beta1.QueryParamsRequest,
      responseCodec: v1beta1.QueryParamsResponse,
      handle: (q, req) => {
        const r = g.params(q, req.paramsType);
        if (r.depositParams === undefined && r.votingParams === undefined && r.tallyParams === undefined) {
          throw invalidArgument(`${req.paramsType} is not a valid parameter type`);
        }
        const zero = { seconds: 0n, nanos: 0 };
        const dec = (s: string): Uint8Array => utf8.encode(Dec.fromString(s).toProto());
        return {
          depositParams:
            r.depositParams !== undefined
              ? { minDeposit: sanitized(r.depositParams.minDeposit), maxDepositPeriod: r.depositParams.maxDepositPeriod ?? zero }
              : { minDeposit: [], maxDepositPeriod: zero },
          votingParams: { votingPeriod: r.votingParams?.votingPeriod ?? zero },
          tallyParams:
            r.tallyParams !== undefined
              ? { quorum: dec(r.tallyParams.quorum), threshold: dec(r.tallyParams.threshold), vetoThreshold: dec(r.tallyParams.vetoThreshold) }
              : { quorum: zeroDec, threshold: zeroDec, vetoThreshold: zeroDec },
        };
      },
    }),
    erase<v1beta1.QueryDepositRequest, v1beta1.QueryDepositResponse>({
      path: path("Deposit"),
      requestCodec: v1beta1.QueryDepositRequest,
      responseCodec: v1beta1.QueryDepositResponse,
      handle: (q, req) => ({ deposit: legacyDeposit(g.deposit(q, req.proposalId, req.depositor)) }),
    }),
    erase<v1beta1.QueryDepositsRequest, v1beta1.QueryDepositsResponse>({
      path: path("Deposits"),
      requestCodec: v1beta1.QueryDepositsRequest,
      responseCodec: v1beta1.QueryDepositsResponse,
      handle: (q, req) => {
        const r = g.deposits(q, { proposalId: req.proposalId, ...(req.pagination ? { pagination: req.pagination } : {}) });
        return { deposits: r.deposits.map(legacyDeposit), ...(r.pagination ? { pagination: r.pagination } : {}) };
      },
    }),
    erase<v1beta1.QueryTallyResultRequest, v1beta1.QueryTallyResultResponse>({
      path: path("TallyResult"),
      requestCodec: v1beta1.QueryTallyResultRequest,
      responseCodec: v1beta1.QueryTallyResultResponse,
      handle: (q, req) => ({ tally: legacyTally(g.tally(q, req.proposalId)) }),
    }),
  ];
}

export function registerGovQueryServer(registrar: ServiceRegistrar, k: GovKeeper): void {
  for (const def of govQueryHandlers(k)) registrar.registerQuery(def);
  for (const def of govLegacyQueryHandlers(k)) registrar.registerQuery(def);
}
