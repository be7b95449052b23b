import type { Command } from "commander";
import type { JsonValue } from "../../../app/module";
import { addressCodecOf } from "../client/context";
import type { Io } from "../client/io";
import { consensusPubKeyFromJson, consensusAddressOfAny } from "../../../x/staking/pubkey";
import { prepare, withPageFlags, withQueryFlags, type PagedOptions, type QueryOptions } from "./commands";
import { moduleQuery, pageJson } from "./module-query";
import { pageRequest } from "./queries";

/**
 * `plumed query slashing ...` and `plumed query evidence ...`: simd v0.50's autocli queries of
 * x/slashing and x/evidence, each one gRPC method sent through abci_query, the answer printed as
 * the SDK's JSON of the response (YAML by default, -o json for JSON).
 *
 * | command | method |
 * |---|---|
 * | slashing params | cosmos.slashing.v1beta1 Params |
 * | slashing signing-info <cons-address or consensus pubkey JSON> | SigningInfo |
 * | slashing signing-infos | SigningInfos |
 * | slashing correlation-params | plume.slashing.v1 Params (correlated slashing) |
 * | slashing double-sign-offences | plume.slashing.v1 DoubleSignOffences |
 * | evidence list | cosmos.evidence.v1beta1 AllEvidence |
 * | evidence show <hash> (simd: evidence evidence <hash>) | Evidence |
 *
 * signing-info takes what simd takes: a consensus address (…valcons1…) or the validator's
 * consensus key in the SDK's JSON, as `plumed comet show-validator` / priv_validator_key.json give
 * it ({"@type":"/cosmos.crypto.ed25519.PubKey","key":"<base64>"}).
 */
const SLASHING = "cosmos.slashing.v1beta1";
const CORRELATION = "plume.slashing.v1";
const EVIDENCE = "cosmos.evidence.v1beta1";

/** A consensus address from a bech32 …valcons address or a consensus pubkey's SDK JSON. */
export function consensusAddressArg(home: string, value: string): string {
  const codec = addressCodecOf(home);
  const text = value.trim();
  if (text.startsWith("{")) {
    let pk: { "@type"?: unknown; key?: unknown };
    try {
      pk = JSON.parse(text) as { "@type"?: unknown; key?: unknown };
    } catch (err) {
      throw new Error(`invalid consensus pubkey JSON: ${(err as Error).message}`);
    }
    if (typeof pk["@type"] !== "string" || typeof pk.key !== "string") throw new Error('a consensus pubkey is {"@type": "/cosmos.crypto.ed25519.PubKey", "key": "<base64>"}');
    return codec.encodeConsensus(consensusAddressOfAny(consensusPubKeyFromJson(pk["@type"], pk.key)));
  }
  codec.decodeConsensus(text, "consensus address");
  return text;
}

/** Evidence hashes are hex (upper or lower case), 32 bytes. */
function evidenceHash(value: string): string {
  if (!/^[0-9a-fA-F]{64}$/.test(value)) throw new Error(`invalid evidence hash "${value}" (expected 64 hex digits)`);
  return value;
}

export function registerSlashingQueryCommands(query: Command, io: Io): void {
  const run = async (o: QueryOptions, service: string, method: string, request: Record<string, JsonValue>): Promise<void> => {
    const { rpc, print } = prepare(io, o);
    print(await moduleQuery(rpc, service, method, request, o.height));
  };

  const slashing = query.command("slashing").description("slashing module queries");
  withQueryFlags(slashing.command("params").description("the current slashing parameters")).action((o: QueryOptions) => run(o, SLASHING, "Params", {}));
  withQueryFlags(
    slashing
      .command("signing-info")
      .description("a validator's signing information (start height, missed blocks, jailed until, tombstoned)")
      .argument("<validator-conspub/address>", "a consensus address (…valcons1…) or the consensus key's JSON"),
  ).action((v: string, o: QueryOptions) => run(o, SLASHING, "SigningInfo", { cons_address: consensusAddressArg(o.home, v) }));
  withQueryFlags(withPageFlags(slashing.command("signing-infos").description("signing information of all validators"))).action((o: PagedOptions) =>
    run(o, SLASHING, "SigningInfos", pageJson(pageRequest(o))),
  );
  withQueryFlags(slashing.command("correlation-params").description("correlated slashing's parameters (plume.slashing.v1)")).action((o: QueryOptions) => run(o, CORRELATION, "Params", {}));
  withQueryFlags(slashing.command("double-sign-offences").description("every double sign slashed so far, with the fraction each paid (plume.slashing.v1)")).action((o: QueryOptions) =>
    run(o, CORRELATION, "DoubleSignOffences", {}),
  );

  const evidence = query.command("evidence").description("evidence module queries");
  withQueryFlags(withPageFlags(evidence.command("list").description("all (paginated) evidence of punished misbehavior"))).action((o: PagedOptions) =>
    run(o, EVIDENCE, "AllEvidence", pageJson(pageRequest(o))),
  );
  withQueryFlags(evidence.command("show").alias("evidence").description("one evidence by its hash").argument("<hash>", "the evidence hash (hex)")).action((hash: string, o: QueryOptions) =>
    run(o, EVIDENCE, "Evidence", { hash: evidenceHash(hash) }),
  );
}
