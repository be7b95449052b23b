import type { Command } from "commander";
import type { JsonValue } from "../../../app/module";
import { addressCodecOf } from "../client/context";
import type { Io } from "../client/io";
import { prepare, withPageFlags, withQueryFlags, type PagedOptions, type QueryOptions } from "./commands";
import { moduleQuery, pageJson } from "./module-query";
import { pageRequest } from "./queries";

/**
 * `plumed query distribution ...` and `plumed query mint ...`: simd v0.50's autocli queries of
 * x/distribution and x/mint, each one gRPC method sent through abci_query, the answer printed as
 * the SDK's JSON of the response (YAML by default, -o json for JSON).
 *
 * | command | method |
 * |---|---|
 * | distribution params | cosmos.distribution.v1beta1 Params |
 * | distribution validator-distribution-info <validator> | ValidatorDistributionInfo |
 * | distribution validator-outstanding-rewards <validator> | ValidatorOutstandingRewards |
 * | distribution commission <validator> | ValidatorCommission |
 * | distribution slashes <validator> <start-height> <end-height> | ValidatorSlashes |
 * | distribution rewards <delegator> [validator] | DelegationTotalRewards, or DelegationRewards with a validator |
 * | distribution delegator-validators <delegator> | DelegatorValidators |
 * | distribution withdraw-addr <delegator> | DelegatorWithdrawAddress |
 * | distribution community-pool | CommunityPool |
 * | mint params / inflation / annual-provisions | cosmos.mint.v1beta1 Params / Inflation / AnnualProvisions |
 */
const DISTR = "cosmos.distribution.v1beta1";
const MINT = "cosmos.mint.v1beta1";

function uint(value: string, what: string): string {
  if (!/^[0-9]+$/.test(value)) throw new Error(`invalid ${what} "${value}" (expected a non-negative integer)`);
  return value;
}

export function registerDistributionQueryCommands(query: Command, io: Io): void {
  const run = async (o: QueryOptions, service: string, method: string, request: Record<string, JsonValue>): Promise<void> => {
    const { rpc, print } = prepare(io, o);
    print(await moduleQuery(rpc, service, method, request, o.height));
  };
  const validatorArg = (o: QueryOptions, v: string): string => {
    addressCodecOf(o.home).decodeValidator(v);
    return v;
  };
  const accountArg = (o: QueryOptions, a: string): string => {
    addressCodecOf(o.home).decodeAccount(a, "delegator address");
    return a;
  };

  const d = query.command("distribution").description("distribution module queries");
  withQueryFlags(d.command("params").description("the current distribution parameters")).action((o: QueryOptions) => run(o, DISTR, "Params", {}));
  withQueryFlags(d.command("validator-distribution-info").description("a validator's commission and self-delegation rewards").argument("<validator>", "…valoper1…")).action((v: string, o: QueryOptions) =>
    run(o, DISTR, "ValidatorDistributionInfo", { validator_address: validatorArg(o, v) }),
  );
  withQueryFlags(d.command("validator-outstanding-rewards").description("a validator's rewards not yet withdrawn (its delegators' and its commission)").argument("<validator>", "…valoper1…")).action(
    (v: string, o: QueryOptions) => run(o, DISTR, "ValidatorOutstandingRewards", { validator_address: validatorArg(o, v) }),
  );
  withQueryFlags(d.command("commission").description("a validator's accumulated commission").argument("<validator>", "…valoper1…")).action((v: string, o: QueryOptions) =>
    run(o, DISTR, "ValidatorCommission", { validator_address: validatorArg(o, v) }),
  );
  withQueryFlags(
    withPageFlags(
      d
        .command("slashes")
        .description("a validator's slash events between two heights")
        .argument("<validator>", "…valoper1…")
        .argument("<start-height>", "first height")
        .argument("<end-height>", "last height"),
    ),
  ).action((v: string, start: string, end: string, o: PagedOptions) =>
    run(o, DISTR, "ValidatorSlashes", { validator_address: validatorArg(o, v), starting_height: uint(start, "start height"), ending_height: uint(end, "end height"), ...pageJson(pageRequest(o)) }),
  );
  withQueryFlags(
    d.command("rewards").description("a delegator's rewards: every delegation's and the total, or one validator's").argument("<delegator>", "the delegator's address").argument("[validator]", "…valoper1…"),
  ).action((delegator: string, validator: string | undefined, o: QueryOptions) =>
    validator === undefined
      ? run(o, DISTR, "DelegationTotalRewards", { delegator_address: accountArg(o, delegator) })
      : run(o, DISTR, "DelegationRewards", { delegator_address: accountArg(o, delegator), validator_address: validatorArg(o, validator) }),
  );
  withQueryFlags(d.command("delegator-validators").description("the validators a delegator delegates to").argument("<delegator>", "the delegator's address")).action((a: string, o: QueryOptions) =>
    run(o, DISTR, "DelegatorValidators", { delegator_address: accountArg(o, a) }),
  );
  withQueryFlags(d.command("withdraw-addr").description("where a delegator's rewards are paid").argument("<delegator>", "the delegator's address")).action((a: string, o: QueryOptions) =>
    run(o, DISTR, "DelegatorWithdrawAddress", { delegator_address: accountArg(o, a) }),
  );
  withQueryFlags(d.command("community-pool").description("the community pool's coins")).action((o: QueryOptions) => run(o, DISTR, "CommunityPool", {}));

  const mint = query.command("mint").description("mint module queries");
  withQueryFlags(mint.command("params").description("the current mint parameters")).action((o: QueryOptions) => run(o, MINT, "Params", {}));
  withQueryFlags(mint.command("inflation").description("the current inflation rate")).action((o: QueryOptions) => run(o, MINT, "Inflation", {}));
  withQueryFlags(mint.command("annual-provisions").description("the current annual provisions")).action((o: QueryOptions) => run(o, MINT, "AnnualProvisions", {}));
}
