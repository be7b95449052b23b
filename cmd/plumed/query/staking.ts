import { toBase64 } from "@cosmjs/encoding";
import { InvalidArgumentError, type Command } from "commander";
import type { PageRequest } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { bytesToSdkJson, sdkJsonToBytes } from "../../../app/json";
import type { JsonValue } from "../../../app/module";
import { addressCodecOf } from "../client/context";
import { parseHeightFlag } from "../client/flags";
import { QueryFailedError } from "../client/grpc-query";
import type { Io } from "../client/io";
import type { CometRpc } from "../client/rpc";
import { prepare, withPageFlags, withQueryFlags, type PagedOptions, type QueryOptions } from "./commands";
import { pageRequest } from "./queries";

/**
 * `plumed query staking ...`: simd v0.50's staking queries (its autocli names and arguments),
 * each one gRPC method of cosmos.staking.v1beta1.Query sent through abci_query, the answer
 * printed as the SDK's JSON of the response (app/json), as YAML by default or with -o json.
 *
 * | command | method |
 * |---|---|
 * | validators [--status bonded\|unbonding\|unbonded] | Validators |
 * | validator <validator-addr> | Validator |
 * | delegation <delegator-addr> <validator-addr> | Delegation |
 * | delegations <delegator-addr> | DelegatorDelegations |
 * | delegations-to <validator-addr> | ValidatorDelegations |
 * | unbonding-delegation <delegator-addr> <validator-addr> | UnbondingDelegation |
 * | unbonding-delegations <delegator-addr> | DelegatorUnbondingDelegations |
 * | unbonding-delegations-from <validator-addr> | ValidatorUnbondingDelegations |
 * | redelegation <delegator-addr> <src-validator-addr> [dst-validator-addr] | Redelegations |
 * | redelegations <delegator-addr> [--src-validator --dst-validator] | Redelegations |
 * | delegator-validators <delegator-addr> | DelegatorValidators |
 * | delegator-validator <delegator-addr> <validator-addr> | DelegatorValidator |
 * | historical-info <height> | HistoricalInfo |
 * | pool | Pool |
 * | params | Params |
 *
 * A missing validator, delegation or entry is the node's NotFound answer as one error line.
 */
const SERVICE = "cosmos.staking.v1beta1";

/** Sends `request` (SDK JSON of the method's request) and returns the response's SDK JSON. */
export async function stakingQuery(rpc: CometRpc, method: string, request: Record<string, JsonValue>, height?: bigint): Promise<JsonValue> {
  const path = `/${SERVICE}.Query/${method}`;
  const r = await rpc.abciQuery(path, sdkJsonToBytes(`${SERVICE}.Query${method}Request`, request), height);
  if (r.code !== 0) throw new QueryFailedError(path, r.code, r.codespace, r.log);
  try {
    return bytesToSdkJson(`${SERVICE}.Query${method}Response`, r.value);
  } catch (err) {
    throw new Error(`cannot decode the answer to ${path}: ${(err as Error).message}`);
  }
}

function pageJson(p: PageRequest | undefined): Record<string, JsonValue> {
  if (p === undefined) return {};
  return {
    pagination: { key: toBase64(p.key), offset: p.offset.toString(), limit: p.limit.toString(), count_total: p.countTotal, reverse: p.reverse },
  };
}

const STATUSES: Record<string, string> = {
  bonded: "BOND_STATUS_BONDED",
  unbonding: "BOND_STATUS_UNBONDING",
  unbonded: "BOND_STATUS_UNBONDED",
};

function parseStatus(value: string): string {
  const s = STATUSES[value.toLowerCase()] ?? (Object.values(STATUSES).includes(value.toUpperCase()) ? value.toUpperCase() : undefined);
  if (s === undefined) throw new InvalidArgumentError("expected bonded, unbonding or unbonded (or BOND_STATUS_*)");
  return s;
}

export function registerStakingQueryCommands(query: Command, io: Io): void {
  const staking = query.command("staking").description("staking module queries");
  const account = (o: QueryOptions, address: string): string => (addressCodecOf(o.home).decodeAccount(address, "delegator address"), address);
  const validator = (o: QueryOptions, address: string, what = "validator address"): string => (addressCodecOf(o.home).decodeValidator(address, what), address);
  const run = async (o: QueryOptions, method: string, request: Record<string, JsonValue>): Promise<void> => {
    const { rpc, print } = prepare(io, o);
    print(await stakingQuery(rpc, method, request, o.height));
  };

  withQueryFlags(withPageFlags(staking.command("validators").description("all validators (or those of one --status)")))
    .option("--status <status>", "bonded | unbonding | unbonded", parseStatus)
    .action((o: PagedOptions & { status?: string }) => run(o, "Validators", { status: o.status ?? "", ...pageJson(pageRequest(o)) }));

  withQueryFlags(staking.command("validator").description("one validator").argument("<validator-addr>", "operator address")).action((v: string, o: QueryOptions) =>
    run(o, "Validator", { validator_addr: validator(o, v) }),
  );

  withQueryFlags(
    staking.command("delegation").description("a delegator's delegation to a validator").argument("<delegator-addr>", "account address").argument("<validator-addr>", "operator address"),
  ).action((d: string, v: string, o: QueryOptions) => run(o, "Delegation", { delegator_addr: account(o, d), validator_addr: validator(o, v) }));

  withQueryFlags(withPageFlags(staking.command("delegations").description("all delegations of a delegator").argument("<delegator-addr>", "account address"))).action(
    (d: string, o: PagedOptions) => run(o, "DelegatorDelegations", { delegator_addr: account(o, d), ...pageJson(pageRequest(o)) }),
  );

  withQueryFlags(withPageFlags(staking.command("delegations-to").description("all delegations to a validator").argument("<validator-addr>", "operator address"))).action(
    (v: string, o: PagedOptions) => run(o, "ValidatorDelegations", { validator_addr: validator(o, v), ...pageJson(pageRequest(o)) }),
  );

  withQueryFlags(
    staking
      .command("unbonding-delegation")
      .description("a delegator's unbonding delegation from a validator")
      .argument("<delegator-addr>", "account address")
      .argument("<validator-addr>", "operator address"),
  ).action((d: string, v: string, o: QueryOptions) => run(o, "UnbondingDelegation", { delegator_addr: account(o, d), validator_addr: validator(o, v) }));

  withQueryFlags(
    withPageFlags(staking.command("unbonding-delegations").description("all unbonding delegations of a delegator").argument("<delegator-addr>", "account address")),
  ).action((d: string, o: PagedOptions) => run(o, "DelegatorUnbondingDelegations", { delegator_addr: account(o, d), ...pageJson(pageRequest(o)) }));

  withQueryFlags(
    withPageFlags(staking.command("unbonding-delegations-from").description("all unbonding delegations from a validator").argument("<validator-addr>", "operator address")),
  ).action((v: string, o: PagedOptions) => run(o, "ValidatorUnbondingDelegations", { validator_addr: validator(o, v), ...pageJson(pageRequest(o)) }));

  const redelegations = (o: PagedOptions, d: string, src: string | undefined, dst: string | undefined): Promise<void> =>
    run(o, "Redelegations", {
      delegator_addr: account(o, d),
      src_validator_addr: src === undefined ? "" : validator(o, src, "source validator address"),
      dst_validator_addr: dst === undefined ? "" : validator(o, dst, "destination validator address"),
      ...pageJson(pageRequest(o)),
    });

  withQueryFlags(
    staking
      .command("redelegation")
      .description("a delegator's redelegations from a source validator (to one destination, if given)")
      .argument("<delegator-addr>", "account address")
      .argument("<src-validator-addr>", "source operator address")
      .argument("[dst-validator-addr]", "destination operator address"),
  ).action((d: string, src: string, dst: string | undefined, o: QueryOptions) => redelegations(o, d, src, dst));

  withQueryFlags(
    withPageFlags(staking.command("redelegations").description("all redelegations of a delegator").argument("<delegator-addr>", "account address")),
  )
    .option("--src-validator <addr>", "only those from this validator")
    .option("--dst-validator <addr>", "only those to this validator")
    .action((d: string, o: PagedOptions & { srcValidator?: string; dstValidator?: string }) => redelegations(o, d, o.srcValidator, o.dstValidator));

  withQueryFlags(
    withPageFlags(staking.command("delegator-validators").description("the validators a delegator delegates to").argument("<delegator-addr>", "account address")),
  ).action((d: string, o: PagedOptions) => run(o, "DelegatorValidators", { delegator_addr: account(o, d), ...pageJson(pageRequest(o)) }));

  withQueryFlags(
    staking
      .command("delegator-validator")
      .description("a validator a delegator delegates to")
      .argument("<delegator-addr>", "account address")
      .argument("<validator-addr>", "operator address"),
  ).action((d: string, v: string, o: QueryOptions) => run(o, "DelegatorValidator", { delegator_addr: account(o, d), validator_addr: validator(o, v) }));

  withQueryFlags(staking.command("historical-info").description("the header and validator set stored at a height").argument("<height>", "block height")).action(
    (h: string, o: QueryOptions) => run(o, "HistoricalInfo", { height: parseHeightFlag(h).toString() }),
  );

  withQueryFlags(staking.command("pool").description("the bonded and not-bonded token pools")).action((o: QueryOptions) => run(o, "Pool", {}));
  withQueryFlags(staking.command("params").description("the staking parameters")).action((o: QueryOptions) => run(o, "Params", {}));
}
