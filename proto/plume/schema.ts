/**
 * plumed's own .proto files as a protobufjs namespace, for the schema registry
 * (proto/schema/protobufjs.ts addProtobufjsTypes): gRPC reflection, REST routes and SDK JSON for
 * the plume.* services. The TypeScript codecs the handlers use are generated separately
 * (generate.ts); this is only the schema.
 *
 * The files are parsed, not loaded: their option-only imports (gogoproto, cosmos_proto, amino,
 * google.api, cosmos.msg.v1) are not needed, and the two cosmos types they reference
 * (PageRequest/PageResponse, Coin) are declared here so the namespace resolves. Only the `plume`
 * namespace is returned, so those stand-ins never reach the registry, which knows the real ones.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import * as protobuf from "protobufjs";

const PAGINATION_STANDIN = `syntax = "proto3"; package cosmos.base.query.v1beta1;
message PageRequest { bytes key = 1; uint64 offset = 2; uint64 limit = 3; bool count_total = 4; bool reverse = 5; }
message PageResponse { bytes next_key = 1; uint64 total = 2; }`;
const COIN_STANDIN = `syntax = "proto3"; package cosmos.base.v1beta1;
message Coin { string denom = 1; string amount = 2; }`;

function protoFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...protoFiles(path));
    else if (name.endsWith(".proto")) out.push(path);
  }
  return out;
}

/** The `plume` namespace with every type and service of proto/plume/**, each stamped with its file name ("plume/staking/v1/query.proto"). */
export function loadPlumeProtos(): protobuf.Namespace {
  const root = new protobuf.Root();
  protobuf.parse(PAGINATION_STANDIN, root, { keepCase: true });
  protobuf.parse(COIN_STANDIN, root, { keepCase: true });
  const seen = new Set<protobuf.ReflectionObject>();
  const stamp = (ns: protobuf.NamespaceBase, file: string): void => {
    for (const child of ns.nestedArray) {
      if (!seen.has(child)) {
        seen.add(child);
        if (!(child instanceof protobuf.Namespace) || child instanceof protobuf.Type || child instanceof protobuf.Service) child.filename = file;
      }
      if (child instanceof protobuf.Namespace) stamp(child, file);
    }
  };
  for (const path of protoFiles(__dirname)) {
    const file = `plume/${relative(__dirname, path).split("\\").join("/")}`;
    protobuf.parse(readFileSync(path, "utf8"), root, { keepCase: true });
    const ns = root.lookup("plume");
    if (ns instanceof protobuf.Namespace) stamp(ns, file);
  }
  root.resolveAll();
  const plume = root.lookup("plume");
  if (!(plume instanceof protobuf.Namespace)) throw new Error("no plume package in proto/plume");
  return plume;
}
