/**
 * x/gov's running tally at scale (x/gov/tally.ts), on x/gov's in-memory harness (staking keeper,
 * gov keeper, fake bank; no lmdb, no signatures):
 *  - the EndBlock that ends one proposal with 1,000 / 10,000 / 100,000 votes, each voter holding
 *    one or several delegations to 10 bonded validators: the tally reads one running tally and one
 *    vote per bonded validator, so the time must stay flat in the number of votes (the votes are
 *    then pruned 2,000 entries per EndBlock, reported separately);
 *  - for comparison, the SDK's end-of-period tally (every vote, every delegation of every voter)
 *    over the same state;
 *  - votes per second through the MsgVote handler (each on its own tx branch) with the votes
 *    already cast, and delegations per second by accounts that voted (the staking hooks' cost).
 *
 *   npx tsx bench/gov-tally.ts [--votes 1000,10000,100000]
 */
import { VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { MsgSubmitProposalResponse } from "cosmjs-types/cosmos/gov/v1/tx";
import { GovHarness, addresses } from "../x/gov/harness.fixture";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const VALIDATORS = 10;
const account = (i: number): Uint8Array => {
  const a = new Uint8Array(20);
  new DataView(a.buffer).setUint32(0, i + 1);
  a[19] = 0xee;
  return a;
};
const ms = (t0: bigint): string => (Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1);

function bench(votes: number): void {
  const h = new GovHarness();
  for (let v = 0; v < VALIDATORS; v++) h.staking.createValidator(v, 10_000_000n);
  h.nextBlock();
  const proposer = account(10_000_000);
  h.fund(proposer, 1_000_000n);
  const r = h.deliver(h.handlers.submitProposal, {
    messages: [],
    initialDeposit: [{ denom: "stake", amount: "1000" }],
    proposer: addresses.encodeAccount(proposer),
    metadata: "bench",
    title: "t",
    summary: "s",
    expedited: false,
  });
  if (r.error !== undefined) throw r.error as Error;
  const id = MsgSubmitProposalResponse.decode(r.result?.value ?? new Uint8Array()).proposalId;

  let t0 = process.hrtime.bigint();
  let delegations = 0;
  for (let i = 0; i < votes; i++) {
    const who = account(i);
    h.fund(who, 10_000n);
    // One delegation for most voters, three for every fourth.
    const count = i % 4 === 0 ? 3 : 1;
    for (let d = 0; d < count; d++) {
      const res = h.deliver(h.staking.handlers.delegate, {
        delegatorAddress: addresses.encodeAccount(who),
        validatorAddress: addresses.encodeValidator(new Uint8Array(20).fill(0x10 + ((i + d) % VALIDATORS))),
        amount: { denom: "stake", amount: "1000" },
      });
      if (res.error !== undefined) throw res.error as Error;
      delegations++;
    }
  }
  const setup = ms(t0);
  t0 = process.hrtime.bigint();
  for (let i = 0; i < votes; i++) {
    const res = h.vote(account(i), id, i % 3 === 0 ? VoteOption.VOTE_OPTION_NO : VoteOption.VOTE_OPTION_YES);
    if (res.error !== undefined) throw res.error as Error;
  }
  const voteMs = Number(process.hrtime.bigint() - t0) / 1e6;

  // The SDK's way over the same state, for comparison (not run by the chain).
  t0 = process.hrtime.bigint();
  const ctx = h.ctx();
  const { sums: sdk } = h.sdkTally(id);
  const sdkMs = ms(t0);
  const running = h.keeper.tallySums(ctx, id);
  if (running.totalVotingPower.toString() !== sdk.totalVotingPower.toString()) throw new Error("running tally differs from the SDK's");

  // More votes and delegation changes with `votes` votes already cast.
  const extra = 2000;
  t0 = process.hrtime.bigint();
  for (let i = 0; i < extra; i++) h.vote(account(i), id, VoteOption.VOTE_OPTION_ABSTAIN);
  const revotesPerSec = (extra / (Number(process.hrtime.bigint() - t0) / 1e9)).toFixed(0);
  t0 = process.hrtime.bigint();
  for (let i = 0; i < extra; i++) {
    h.deliver(h.staking.handlers.delegate, {
      delegatorAddress: addresses.encodeAccount(account(i)),
      validatorAddress: addresses.encodeValidator(new Uint8Array(20).fill(0x10 + (i % VALIDATORS))),
      amount: { denom: "stake", amount: "1" },
    });
  }
  const delegationsPerSec = (extra / (Number(process.hrtime.bigint() - t0) / 1e9)).toFixed(0);

  // The end of the voting period: one EndBlock tallies and ends the proposal.
  h.staking.nextBlock(60n);
  const proposal = h.keeper.getProposal(h.ctx(), id);
  if (proposal === undefined) throw new Error("no proposal");
  t0 = process.hrtime.bigint();
  h.keeper.tally(h.ctx(), proposal);
  const tallyMs = ms(t0);
  t0 = process.hrtime.bigint();
  h.keeper.endBlock(h.ctx());
  const endMs = ms(t0);
  let pruneBlocks = 0;
  t0 = process.hrtime.bigint();
  while (h.keeper.prune(h.ctx(), 2000) > 0) pruneBlocks++;
  const pruneMs = ms(t0);
  console.log(
    `${String(votes).padStart(7)} votes (${delegations} delegations): tally ${tallyMs} ms, ending EndBlock ${endMs} ms (tally over ${VALIDATORS} bonded validators + one 2,000-entry prune batch) | ` +
      `SDK-style tally ${sdkMs} ms | ${(votes / (voteMs / 1000)).toFixed(0)} votes/s while casting, ${revotesPerSec} revotes/s and ${delegationsPerSec} delegations/s by voters with ${votes} votes cast | ` +
      `rest of the pruning: ${pruneBlocks} more EndBlocks, ${pruneMs} ms | setup ${setup} ms`,
  );
}

for (const n of arg("votes", "1000,10000,100000").split(",")) bench(Number(n));
