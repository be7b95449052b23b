import type { Command } from "commander";
import type { JsonValue } from "../../../app/module";
import { addressCodecOf } from "../client/context";
import type { Io } from "../client/io";
import { prepare, withQueryFlags, type QueryOptions } from "./commands";
import { moduleQuery } from "./module-query";

/**
 * `plumed query restaking ...`: plume.restaking.v1's queries (docs/restaking.md), each one gRPC
 * method sent through abci_query, the answer printed as its JSON (YAML by default, -o json).
 *
 * | command | method |
 * |---|---|
 * | restaking params | Params |
 * | restaking settings <delegator> | DelegatorSettings: the pools it compounds in, its units and stake |
 * | restaking pool <validator> | Pool: a validator's compounding stake, idle coins, what was held back and why |
 * | restaking pools | Pools |
 * | restaking heights | CompoundingHeights: the last and the next compounding height |
 */
const RESTAKING = "plume.restaking.v1";

export function registerRestakingQueryCommands(query: Command, io: Io): void {
  const run = async (o: QueryOptions, method: string, request: Record<string, JsonValue>): Promise<void> => {
    const { rpc, print } = prepare(io, o);
    print(await moduleQuery(rpc, RESTAKING, method, request, o.height));
  };
  const r = query.command("restaking").description("auto-compounding queries (plumed)");
  withQueryFlags(r.command("params").description("the compounding interval")).action((o: QueryOptions) => run(o, "Params", {}));
  withQueryFlags(r.command("settings").description("the pools a delegator compounds in, with its stake in each").argument("<delegator>", "…1… account address")).action(
    (d: string, o: QueryOptions) => {
      addressCodecOf(o.home).decodeAccount(d, "delegator address");
      return run(o, "DelegatorSettings", { delegator_address: d });
    },
  );
  withQueryFlags(r.command("pool").description("a validator's compounding stake").argument("<validator>", "…valoper1…")).action((v: string, o: QueryOptions) => {
    addressCodecOf(o.home).decodeValidator(v);
    return run(o, "Pool", { validator_address: v });
  });
  withQueryFlags(r.command("pools").description("the compounding stake of every validator with a pool")).action((o: QueryOptions) => run(o, "Pools", {}));
  withQueryFlags(r.command("heights").description("the last and the next compounding height")).action((o: QueryOptions) => run(o, "CompoundingHeights", {}));
}
