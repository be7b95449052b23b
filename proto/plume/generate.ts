/**
 * Turns plumed's own .proto files (proto/plume/**) into TypeScript codecs shaped like cosmjs-types'
 * (interface + codec object with encode/decode/fromJSON/toJSON/fromPartial and typeUrl), so they
 * satisfy app/codec.ts's ProtoCodec and read like every other codec in the app.
 *
 * Why a generator and not protobufjs reflection at runtime: the output is plain, typed, reviewable
 * code with no load-time parsing, and its binary encoding is the same hand-rolled BinaryWriter code
 * cosmjs-types uses. protobufjs is used here only to parse the .proto files.
 *
 * Deliberately small: it supports exactly the field kinds plumed's protos use (string, bool,
 * uint32, int64, uint64, nested messages of this package, cosmos PageRequest/PageResponse,
 * repeated messages and strings) and fails loudly on anything else.
 *
 *   npx tsx proto/plume/generate.ts          # rewrites the .ts files next to the .proto files
 *
 * generate.test.ts fails when a checked-in file differs from what this produces.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as protobuf from "protobufjs";

const ROOT = __dirname;

/** Message types from other packages, mapped to their cosmjs-types codecs. */
const EXTERNAL: Readonly<Record<string, { readonly name: string; readonly from: string }>> = {
  "cosmos.base.query.v1beta1.PageRequest": { name: "PageRequest", from: "cosmjs-types/cosmos/base/query/v1beta1/pagination" },
  "cosmos.base.query.v1beta1.PageResponse": { name: "PageResponse", from: "cosmjs-types/cosmos/base/query/v1beta1/pagination" },
  "cosmos.base.v1beta1.Coin": { name: "Coin", from: "cosmjs-types/cosmos/base/v1beta1/coin" },
};

type Scalar = "string" | "bool" | "uint32" | "int64" | "uint64";
const SCALARS: readonly string[] = ["string", "bool", "uint32", "int64", "uint64"];

interface FieldModel {
  readonly protoName: string;
  readonly tsName: string;
  readonly id: number;
  readonly repeated: boolean;
  /** A scalar, or a message codec name (local or imported). */
  readonly scalar: Scalar | undefined;
  readonly message: string | undefined;
  /** The message's fully-qualified proto name (plume types are looked up by it: packages may reuse a name). */
  readonly messageFullName: string | undefined;
  /** Message fields with (gogoproto.nullable) = false are always present (cosmjs-types style). */
  readonly required: boolean;
}

interface MessageModel {
  readonly name: string;
  readonly fullName: string;
  readonly comment: string | null;
  readonly fields: readonly FieldModel[];
}

function protoFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...protoFiles(path));
    else if (name.endsWith(".proto")) out.push(path);
  }
  return out;
}

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function messagesOf(file: string): protobuf.Type[] {
  const parsed = protobuf.parse(readFileSync(file, "utf8"), new protobuf.Root(), { keepCase: true, alternateCommentMode: true });
  const pkg = parsed.package;
  if (pkg === undefined) throw new Error(`${file}: no package`);
  const ns = parsed.root.lookup(pkg);
  if (!(ns instanceof protobuf.Namespace)) throw new Error(`${file}: package ${pkg} not found`);
  return ns.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type);
}

function model(type: protobuf.Type, pkg: string, localFullNames: ReadonlySet<string>): MessageModel {
  const fields = type.fieldsArray
    .slice()
    .sort((a, b) => a.id - b.id)
    .map((f): FieldModel => {
      if (f.map) throw new Error(`${type.name}.${f.name}: map fields are not supported`);
      const repeated = f.repeated;
      const scalar = SCALARS.includes(f.type) ? (f.type as Scalar) : undefined;
      let message: string | undefined;
      let messageFullName: string | undefined;
      if (scalar === undefined) {
        // An unqualified name is one of this package's messages; a qualified one is looked up as is.
        const full = f.type.includes(".") ? f.type : `${pkg}.${f.type}`;
        if (localFullNames.has(full)) {
          message = full.split(".").pop();
          messageFullName = full;
        } else if (EXTERNAL[f.type] !== undefined) message = (EXTERNAL[f.type] as { name: string }).name;
        else throw new Error(`${type.name}.${f.name}: unsupported type ${f.type}`);
      }
      const nullable: unknown = f.options?.["(gogoproto.nullable)"];
      return { protoName: f.name, tsName: camel(f.name), id: f.id, repeated, scalar, message, messageFullName, required: message !== undefined && !repeated && nullable === false };
    });
  return { name: type.name, fullName: `${pkg}.${type.name}`, comment: type.comment, fields };
}

function wireType(f: FieldModel): number {
  if (f.message !== undefined || f.scalar === "string") return 2;
  return 0;
}

function tsType(f: FieldModel): string {
  const base = f.message ?? { string: "string", bool: "boolean", uint32: "number", int64: "bigint", uint64: "bigint" }[f.scalar as Scalar];
  return f.repeated ? `${base}[]` : base;
}

function defaultValue(f: FieldModel): string {
  if (f.repeated) return "[]";
  if (f.message !== undefined) return f.required ? `${f.message}.fromPartial({})` : "undefined";
  return { string: '""', bool: "false", uint32: "0", int64: "BigInt(0)", uint64: "BigInt(0)" }[f.scalar as Scalar];
}

function doc(comment: string | null, indent: string): string {
  if (comment === null || comment.trim() === "") return "";
  const lines = comment.split("\n").map((l) => `${indent} * ${l}`.trimEnd());
  return `${indent}/**\n${lines.join("\n")}\n${indent} */\n`;
}

function emitMessage(m: MessageModel, fieldComments: ReadonlyMap<string, string | null>): string {
  const out: string[] = [];
  out.push(doc(m.comment, ""));
  out.push(`export interface ${m.name} {\n`);
  for (const f of m.fields) {
    out.push(doc(fieldComments.get(f.protoName) ?? null, "  "));
    const optional = f.message !== undefined && !f.required && !f.repeated;
    out.push(`  ${f.tsName}${optional ? "?" : ""}: ${tsType(f)};\n`);
  }
  out.push("}\n\n");

  out.push(`function createBase${m.name}(): ${m.name} {\n  return {`);
  out.push(m.fields.length === 0 ? "};\n}\n\n" : `\n${m.fields.map((f) => `    ${f.tsName}: ${defaultValue(f)},\n`).join("")}  };\n}\n\n`);

  out.push(`export const ${m.name} = {\n  typeUrl: "/${m.fullName}",\n\n`);

  // encode
  out.push(`  encode(${m.fields.length === 0 ? "_" : "message"}: ${m.name}, writer: BinaryWriter = BinaryWriter.create()): BinaryWriter {\n`);
  for (const f of m.fields) {
    const tag = (f.id << 3) | wireType(f);
    const v = `message.${f.tsName}`;
    if (f.repeated) {
      const write = f.message !== undefined ? `${f.message}.encode(v, writer.uint32(${tag}).fork()).ldelim();` : `writer.uint32(${tag}).${f.scalar}(v);`;
      out.push(`    for (const v of ${v}) {\n      ${write}\n    }\n`);
    } else if (f.message !== undefined) {
      out.push(`    if (${v} !== undefined) {\n      ${f.message}.encode(${v}, writer.uint32(${tag}).fork()).ldelim();\n    }\n`);
    } else {
      const isDefault = { string: `${v} !== ""`, bool: `${v} === true`, uint32: `${v} !== 0`, int64: `${v} !== BigInt(0)`, uint64: `${v} !== BigInt(0)` }[f.scalar as Scalar];
      out.push(`    if (${isDefault}) {\n      writer.uint32(${tag}).${f.scalar}(${v});\n    }\n`);
    }
  }
  out.push("    return writer;\n  },\n\n");

  // decode
  out.push(`  decode(input: BinaryReader | Uint8Array, length?: number): ${m.name} {\n`);
  out.push("    const reader = input instanceof BinaryReader ? input : new BinaryReader(input);\n");
  out.push("    const end = length === undefined ? reader.len : reader.pos + length;\n");
  out.push(`    const message = createBase${m.name}();\n`);
  out.push("    while (reader.pos < end) {\n      const tag = reader.uint32();\n      switch (tag >>> 3) {\n");
  for (const f of m.fields) {
    const read = f.message !== undefined ? `${f.message}.decode(reader, reader.uint32())` : `reader.${f.scalar}()`;
    out.push(`        case ${f.id}:\n`);
    out.push(f.repeated ? `          message.${f.tsName}.push(${read});\n` : `          message.${f.tsName} = ${read};\n`);
    out.push("          break;\n");
  }
  out.push("        default:\n          reader.skipType(tag & 7);\n          break;\n      }\n    }\n    return message;\n  },\n\n");

  // fromJSON
  out.push(`  fromJSON(${m.fields.length === 0 ? "_" : "object"}: unknown): ${m.name} {\n`);
  if (m.fields.length > 0) out.push("    const o = (object ?? {}) as Record<string, unknown>;\n");
  out.push(`    const message = createBase${m.name}();\n`);
  for (const f of m.fields) {
    const src = `o["${f.tsName}"]`;
    const conv = (x: string): string =>
      f.message !== undefined
        ? `${f.message}.fromJSON(${x})`
        : { string: `String(${x})`, bool: `Boolean(${x})`, uint32: `Number(${x})`, int64: `BigInt(String(${x}))`, uint64: `BigInt(String(${x}))` }[f.scalar as Scalar];
    if (f.repeated) out.push(`    if (Array.isArray(${src})) message.${f.tsName} = ${src}.map((e: unknown) => ${conv("e")});\n`);
    else out.push(`    if (isSet(${src})) message.${f.tsName} = ${conv(src)};\n`);
  }
  out.push("    return message;\n  },\n\n");

  // toJSON
  out.push(`  toJSON(${m.fields.length === 0 ? "_" : "message"}: ${m.name}): unknown {\n    const obj: Record<string, unknown> = {};\n`);
  for (const f of m.fields) {
    const v = `message.${f.tsName}`;
    const conv = (x: string): string =>
      f.message !== undefined ? `${f.message}.toJSON(${x})` : f.scalar === "int64" || f.scalar === "uint64" ? `${x}.toString()` : f.scalar === "uint32" ? `Math.round(${x})` : x;
    if (f.repeated) out.push(`    obj["${f.tsName}"] = ${v}.map((e) => ${conv("e")});\n`);
    else if (f.message !== undefined) out.push(`    if (${v} !== undefined) obj["${f.tsName}"] = ${conv(v)};\n`);
    else out.push(`    obj["${f.tsName}"] = ${conv(v)};\n`);
  }
  out.push("    return obj;\n  },\n\n");

  // fromPartial
  out.push(`  fromPartial(${m.fields.length === 0 ? "_" : "object"}: DeepPartial<${m.name}>): ${m.name} {\n    const message = createBase${m.name}();\n`);
  for (const f of m.fields) {
    const v = `object.${f.tsName}`;
    if (f.repeated) {
      const conv = f.message !== undefined ? `${f.message}.fromPartial(e)` : "e";
      out.push(`    message.${f.tsName} = (${v} ?? []).map((e) => ${conv});\n`);
    } else if (f.message !== undefined) {
      out.push(`    if (${v} !== undefined && ${v} !== null) message.${f.tsName} = ${f.message}.fromPartial(${v});\n`);
    } else if (f.scalar === "int64" || f.scalar === "uint64") {
      out.push(`    if (${v} !== undefined && ${v} !== null) message.${f.tsName} = BigInt(${v}.toString());\n`);
    } else {
      out.push(`    message.${f.tsName} = ${v} ?? ${defaultValue(f)};\n`);
    }
  }
  out.push("    return message;\n  },\n};\n\n");
  return out.join("");
}

/** Every generated file: path (relative to proto/plume) -> contents. */
export function generate(): Map<string, string> {
  const files = protoFiles(ROOT);
  const out = new Map<string, string>();
  // Fully-qualified message name -> its file (relative, without .proto): two packages may both
  // have a Params.
  const allLocal = new Map<string, string>();
  for (const file of files) {
    const pkg = protobuf.parse(readFileSync(file, "utf8"), new protobuf.Root(), { keepCase: true }).package as string;
    for (const t of messagesOf(file)) allLocal.set(`${pkg}.${t.name}`, relative(ROOT, file).replace(/\.proto$/, ""));
  }
  for (const file of files) {
    const rel = relative(ROOT, file).split("\\").join("/");
    const source = readFileSync(file, "utf8");
    const parsed = protobuf.parse(source, new protobuf.Root(), { keepCase: true, alternateCommentMode: true });
    const pkg = parsed.package as string;
    const types = messagesOf(file);
    const models = types.map((t) => model(t, pkg, new Set(allLocal.keys())));
    const self = rel.replace(/\.proto$/, "");
    const imports = new Map<string, Set<string>>();
    const addImport = (from: string, name: string): void => {
      const set = imports.get(from) ?? new Set<string>();
      set.add(name);
      imports.set(from, set);
    };
    for (const m of models) {
      for (const f of m.fields) {
        if (f.message === undefined) continue;
        const ext = f.messageFullName === undefined ? Object.values(EXTERNAL).find((e) => e.name === f.message) : undefined;
        if (ext !== undefined) addImport(ext.from, ext.name);
        else {
          const home = allLocal.get(f.messageFullName as string) as string;
          if (home !== self) addImport(`./${home.split("/").pop() as string}`, f.message);
        }
      }
    }
    const header = [
      `// Generated by proto/plume/generate.ts from ${rel.split("/").pop() as string}; do not edit. Run: npx tsx proto/plume/generate.ts`,
      'import { BinaryReader, BinaryWriter } from "cosmjs-types/binary";',
      'import { isSet, type DeepPartial } from "cosmjs-types/helpers";',
      ...[...imports.keys()].sort().map((from) => `import { ${[...(imports.get(from) as Set<string>)].sort().join(", ")} } from "${from}";`),
      "",
      `export const protobufPackage = "${pkg}";`,
      "",
      "",
    ].join("\n");
    let body = "";
    for (const [i, m] of models.entries()) {
      const type = types[i] as protobuf.Type;
      const comments = new Map<string, string | null>(type.fieldsArray.map((f) => [f.name, f.comment]));
      body += emitMessage(m, comments);
    }
    out.set(rel.replace(/\.proto$/, ".ts"), `${header}${body}`.replace(/\n+$/, "\n"));
  }
  return out;
}

if (require.main === module) {
  for (const [rel, contents] of generate()) {
    writeFileSync(join(ROOT, rel), contents);
    process.stdout.write(`wrote proto/plume/${rel}\n`);
  }
}
