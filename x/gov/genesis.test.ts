import { VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { MsgSubmitProposalResponse } from "cosmjs-types/cosmos/gov/v1/tx";
import { delegator, operator } from "../staking/harness.fixture";
import { defaultGovGenesis, exportGovGenesis, govGenesisToJson, initGovGenesis, parseGovGenesis, validateGovGenesis } from "./genesis";
import { GovHarness, addresses } from "./harness.fixture";

describe("x/gov genesis", () => {
  it("writes the SDK's default section", () => {
    expect(govGenesisToJson(defaultGovGenesis("uplume"))).toEqual({
      starting_proposal_id: "1",
      deposits: [],
      votes: [],
      proposals: [],
      deposit_params: null,
      voting_params: null,
      tally_params: null,
      params: {
        min_deposit: [{ denom: "uplume", amount: "10000000" }],
        max_deposit_period: "172800s",
        voting_period: "172800s",
        quorum: "0.334000000000000000",
        threshold: "0.500000000000000000",
        veto_threshold: "0.334000000000000000",
        min_initial_deposit_ratio: "0.000000000000000000",
        proposal_cancel_ratio: "0.500000000000000000",
        proposal_cancel_dest: "",
        expedited_voting_period: "86400s",
        expedited_threshold: "0.667000000000000000",
        expedited_min_deposit: [{ denom: "uplume", amount: "50000000" }],
        burn_vote_quorum: false,
        burn_proposal_deposit_prevote: false,
        burn_vote_veto: true,
        min_deposit_ratio: "0.010000000000000000",
      },
      constitution: "",
    });
    expect(() => validateGovGenesis(defaultGovGenesis("uplume"), addresses)).not.toThrow();
    expect(() => validateGovGenesis({ ...defaultGovGenesis("uplume"), startingProposalId: 0n }, addresses)).toThrow("starting proposal id must be greater than 0");
  });

  it("exports proposals in flight with their deposits and votes, and imports them with the same tally", () => {
    const h = new GovHarness();
    h.staking.createValidator(0, 1_000_000n);
    h.staking.fund(delegator(0), 1_000_000n);
    h.staking.delegate(0, 0, 200_000n);
    h.nextBlock();
    h.fund(delegator(5), 10_000n);
    const submit = (deposit: bigint): bigint => {
      const r = h.submit(delegator(5), [h.stakingParamsMsg(42)], deposit);
      if (r.error !== undefined) throw r.error as Error;
      return MsgSubmitProposalResponse.decode(r.result?.value ?? new Uint8Array()).proposalId;
    };
    const voting = submit(1000n);
    submit(300n);
    h.vote(operator(0), voting, VoteOption.VOTE_OPTION_YES);
    h.vote(delegator(0), voting, VoteOption.VOTE_OPTION_NO);
    const exported = exportGovGenesis(h.ctx(), h.keeper);
    expect(exported.proposals).toHaveLength(2);
    expect(exported.votes).toHaveLength(2);
    expect(exported.deposits).toHaveLength(2);
    expect(exported.startingProposalId).toBe(3n);
    const json = govGenesisToJson(exported);
    const tally = h.keeper.tallySums(h.ctx(), voting);

    // The same staking state with gov imported from the export: same tally, same export.
    const store = h.keeper.store(h.ctx());
    for (const { key } of [...store.iterate()]) store.delete(key);
    initGovGenesis(h.ctx(), h.keeper, parseGovGenesis(json));
    expect(h.keeper.tallySums(h.ctx(), voting)).toEqual(tally);
    expect(govGenesisToJson(exportGovGenesis(h.ctx(), h.keeper))).toEqual(json);
  });
});
