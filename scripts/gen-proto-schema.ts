/**
 * Generates proto/generated/cosmjs-schema.ts: the schema (field names, numbers, kinds, nesting,
 * enums, services) of every message cosmjs-types ships for the `cosmos`, `tendermint` and
 * `google.protobuf` packages.
 *
 * Why from cosmjs-types: plumed may not vendor the SDK's .proto files, and cosmjs-types (already a
 * dependency, and what cosmjs clients use) is generated from exactly those files. Its CommonJS
 * output is regular machine-written code, so the schema can be read off it:
 * - `decode()`: one `case N:` per field number, whose body names the property, the wire reader
 *   (`reader.int64()`), and for sub-messages the codec (`coin_1.Coin.decode(...)`); `.push(` marks
 *   repeated fields.
 * - `fromJSON()`: enum fields are converted with `<enum>FromJSON`, which tells int32 from enums.
 * - `createBase<Msg>()`: `undefined` for a nullable sub-message, `X.fromPartial({})` for a
 *   gogoproto non-nullable one (the SDK's JSON then shows a zero struct instead of null).
 * - `encode()`: scalars guarded with `!== undefined` have presence (oneof members).
 * - `<Service>ClientImpl`: `this.rpc.request("<service>", "<Method>", data)` with the request
 *   and response codecs.
 * - The .d.ts doc comments usually start with the proto field name ("operator_address defines
 *   ..."), which confirms the snake_case name recovered from the camelCase property.
 * The proto file name is the module path (cosmjs-types mirrors the proto tree).
 *
 * Anything this script does not recognise makes it fail loudly, naming the file and the code.
 *
 * Usage: npx tsx scripts/gen-proto-schema.ts [--check]
 *   --check  exit 1 if the committed file differs from what would be generated.
 */
import { createRequire } from "node:module";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { SCALAR_TYPES } from "../proto/schema/types";

const requireHere = createRequire(__filename);
// cosmjs-types exports "./*" only, so locate its root through a module it certainly has.
const COSMJS_ROOT = dirname(requireHere.resolve("cosmjs-types/binary"));
const COSMJS_VERSION = (JSON.parse(readFileSync(join(COSMJS_ROOT, "package.json"), "utf8")) as { version: string }).version;
const OUT = resolve(__dirname, "../proto/generated/cosmjs-schema.ts");

/** Proto directories to include; ibc and cosmwasm are not served by plumed. */
const INCLUDE_DIRS = ["cosmos", "tendermint", "google/protobuf"];
/** Test-only SDK modules that no client queries. */
const EXCLUDE_PREFIXES = ["cosmos/benchmark/", "cosmos/counter/"];

type Loaded = Record<string, unknown>;

interface Module {
  readonly id: string; // "cosmos/bank/v1beta1/query"
  readonly exports: Loaded;
  readonly source: string;
  readonly dts: string;
  readonly pkg: string;
  /** local identifier ("coin_1") -> module id */
  readonly requires: ReadonlyMap<string, string>;
}

const modules = new Map<string, Module>();

function listModules(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".js")) out.push(relative(COSMJS_ROOT, p).replace(/\.js$/, ""));
    }
  };
  for (const d of INCLUDE_DIRS) walk(join(COSMJS_ROOT, d));
  return out.filter((id) => !EXCLUDE_PREFIXES.some((p) => id.startsWith(p)));
}

function loadModule(id: string): Module {
  const cached = modules.get(id);
  if (cached) return cached;
  const file = join(COSMJS_ROOT, `${id}.js`);
  const source = readFileSync(file, "utf8");
  let dts: string;
  try {
    dts = readFileSync(join(COSMJS_ROOT, `${id}.d.ts`), "utf8");
  } catch {
    dts = "";
  }
  const exports = requireHere(file) as Loaded;
  // Option-only files (e.g. cosmos/msg/textual/v1/textual) export nothing, not even a package.
  const pkg = typeof exports["protobufPackage"] === "string" ? exports["protobufPackage"] : "";
  const requires = new Map<string, string>();
  for (const m of source.matchAll(/const (\w+) = require\("([^"]+)"\);/g)) {
    const local = m[1];
    const target = m[2];
    if (local === undefined || target === undefined || !target.startsWith(".")) continue;
    const resolved = relative(COSMJS_ROOT, resolve(dirname(file), target));
    requires.set(local, resolved);
  }
  const mod: Module = { id, exports, source, dts, pkg, requires };
  modules.set(id, mod);
  return mod;
}

const isCodec = (v: unknown): v is { encode: (...a: unknown[]) => unknown; decode: (...a: unknown[]) => unknown; fromJSON: (...a: unknown[]) => unknown } =>
  typeof v === "object" && v !== null && typeof (v as { encode?: unknown }).encode === "function" && typeof (v as { decode?: unknown }).decode === "function";

const isEnumObject = (v: unknown): v is Record<string, string | number> =>
  typeof v === "object" && v !== null && (v as Record<string, unknown>)["UNRECOGNIZED"] === -1;

/**
 * The proto name of an export relative to its package: nested types are exported as
 * `Outer_Inner`, so each `_` that follows the name of another message or enum of the same module
 * is a nesting dot.
 */
function relativeName(mod: Module, exportName: string): string {
  const parts = exportName.split("_");
  let name = parts[0] ?? exportName;
  let exportPrefix = name;
  for (const part of parts.slice(1)) {
    if (isCodec(mod.exports[exportPrefix]) || isEnumObject(mod.exports[exportPrefix])) name = `${name}.${part}`;
    else name = `${name}_${part}`;
    exportPrefix = `${exportPrefix}_${part}`;
  }
  return name;
}

function fullNameOfRef(mod: Module, ref: string, context: string): string {
  const m = /^(?:(exports)|(\w+))\.(\w+)$/.exec(ref);
  if (!m || m[3] === undefined) throw new Error(`${context}: cannot resolve reference ${ref}`);
  const target = m[1] === "exports" ? mod : loadModule(resolveRequire(mod, m[2] ?? "", context));
  const exportName = m[3];
  if (!isCodec(target.exports[exportName]) && !isEnumObject(target.exports[exportName])) {
    throw new Error(`${context}: ${ref} is neither a message nor an enum of ${target.id}`);
  }
  return `${target.pkg}.${relativeName(target, exportName)}`;
}

function resolveRequire(mod: Module, local: string, context: string): string {
  const id = mod.requires.get(local);
  if (id === undefined) throw new Error(`${context}: ${local} is not a required module`);
  return id;
}

function snakeCase(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function camelCase(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Property -> the snake_case word its doc comment starts with, when that word camel-cases back to it. */
function docNames(mod: Module, exportName: string): Map<string, string> {
  const out = new Map<string, string>();
  const start = mod.dts.indexOf(`export interface ${exportName} {`);
  if (start < 0) return out;
  const end = mod.dts.indexOf("\n}", start);
  const body = mod.dts.slice(start, end);
  for (const m of body.matchAll(/\/\*\*\s*(?:\*\s*)?([a-z][a-z0-9_]*)[\s\S]*?\*\/\s*\n\s*(\w+)\??:/g)) {
    const word = m[1];
    const prop = m[2];
    if (word !== undefined && prop !== undefined && word.includes("_") && camelCase(word) === prop) out.set(prop, word);
  }
  return out;
}

// The BinaryReader methods cosmjs-types calls for scalars are named after the proto scalar types.
const SCALAR_READERS = SCALAR_TYPES;

interface RawField {
  readonly number: number;
  readonly prop: string;
  readonly type: string;
  readonly repeated: boolean;
  readonly isMessage: boolean;
}

function parseDecode(mod: Module, exportName: string, decodeSrc: string): RawField[] {
  const ctx = `${mod.id}.${exportName}.decode`;
  const fields: RawField[] = [];
  for (const m of decodeSrc.matchAll(/case (\d+):([\s\S]*?)break;/g)) {
    const number = Number(m[1]);
    const body = (m[2] ?? "").replace(/\s+/g, " ").trim();
    let r: RegExpExecArray | null;
    if ((r = /^message\.(\w+) = reader\.(\w+)\(\);$/.exec(body))) {
      fields.push({ number, prop: r[1] ?? "", type: scalar(r[2], ctx), repeated: false, isMessage: false });
    } else if ((r = /^message\.(\w+)\.push\(reader\.(\w+)\(\)\);$/.exec(body))) {
      fields.push({ number, prop: r[1] ?? "", type: scalar(r[2], ctx), repeated: true, isMessage: false });
    } else if (
      (r = /^if \(\(tag & 7\) === 2\) \{ const end2 = reader\.uint32\(\) \+ reader\.pos; while \(reader\.pos < end2\) \{ message\.(\w+)\.push\(reader\.(\w+)\(\)\); \} \} else \{ message\.\1\.push\(reader\.\2\(\)\); \}$/.exec(body))
    ) {
      fields.push({ number, prop: r[1] ?? "", type: scalar(r[2], ctx), repeated: true, isMessage: false });
    } else if ((r = /^message\.(\w+) = ([\w.]+)\.decode\(reader, reader\.uint32\(\)\);$/.exec(body))) {
      fields.push({ number, prop: r[1] ?? "", type: `m:${fullNameOfRef(mod, r[2] ?? "", ctx)}`, repeated: false, isMessage: true });
    } else if ((r = /^message\.(\w+)\.push\(([\w.]+)\.decode\(reader, reader\.uint32\(\)\)\);$/.exec(body))) {
      fields.push({ number, prop: r[1] ?? "", type: `m:${fullNameOfRef(mod, r[2] ?? "", ctx)}`, repeated: true, isMessage: true });
    } else {
      throw new Error(`${ctx}: unrecognised decode case ${number}: ${body}`);
    }
  }
  return fields;
}

function scalar(reader: string | undefined, ctx: string): string {
  if (reader === undefined || !SCALAR_READERS.has(reader)) throw new Error(`${ctx}: unknown reader ${String(reader)}`);
  return reader;
}

/** The enum an int32 property is converted with in fromJSON, if any. */
function enumOf(mod: Module, exportName: string, fromJsonSrc: string, prop: string): string | undefined {
  const esc = prop.replace(/[$]/g, "\\$");
  const single = new RegExp(`obj\\.${esc} = (?:\\(0, (\\w+)\\.)?(\\w+)FromJSON\\)?\\(object\\.${esc}\\)`).exec(fromJsonSrc);
  const repeated = new RegExp(`obj\\.${esc} = object\\.${esc}\\.map\\(\\(e\\) => (?:\\(0, (\\w+)\\.)?(\\w+)FromJSON\\)?\\(e\\)\\)`).exec(fromJsonSrc);
  const m = single ?? repeated;
  if (!m || m[2] === undefined) return undefined;
  const enumExport = m[2].charAt(0).toUpperCase() + m[2].slice(1);
  const ref = m[1] === undefined ? `exports.${enumExport}` : `${m[1]}.${enumExport}`;
  return fullNameOfRef(mod, ref, `${mod.id}.${exportName}.fromJSON`);
}

function createBaseBody(mod: Module, exportName: string): string {
  const start = mod.source.indexOf(`function createBase${exportName}() {`);
  if (start < 0) throw new Error(`${mod.id}: no createBase${exportName}`);
  const end = mod.source.indexOf("\n}", start);
  return mod.source.slice(start, end);
}

function messageFields(mod: Module, exportName: string, codec: { encode: unknown; decode: unknown; fromJSON: unknown }): string[][] {
  const ctx = `${mod.id}.${exportName}`;
  const decodeSrc = String(codec.decode);
  const encodeSrc = String(codec.encode);
  const fromJsonSrc = String(codec.fromJSON);
  const base = createBaseBody(mod, exportName);
  const docs = docNames(mod, exportName);
  const raw = parseDecode(mod, exportName, decodeSrc);
  // Declaration order is the order of the encoder's statements.
  const position = (prop: string): number => {
    const i = encodeSrc.indexOf(`message.${prop}`);
    if (i < 0) throw new Error(`${ctx}: ${prop} is never encoded`);
    return i;
  };
  raw.sort((a, b) => position(a.prop) - position(b.prop));
  return raw.map((f) => {
    let type = f.type;
    const flags: string[] = [];
    if (f.repeated) flags.push("r");
    if (f.isMessage && !f.repeated) {
      const init = new RegExp(`\\b${f.prop}: ([^,\\n]+),`).exec(base)?.[1];
      if (init === undefined) throw new Error(`${ctx}: ${f.prop} missing from createBase`);
      if (init !== "undefined") {
        if (!/\.fromPartial\(\{\}\)$/.test(init)) throw new Error(`${ctx}: unexpected initialiser for ${f.prop}: ${init}`);
        flags.push("n");
      }
    }
    if (f.type === "int32") {
      const e = enumOf(mod, exportName, fromJsonSrc, f.prop);
      if (e !== undefined) type = `e:${e}`;
    }
    if (!f.isMessage && !f.repeated && new RegExp(`if \\(message\\.${f.prop} !== undefined\\)`).test(encodeSrc)) flags.push("o");
    const fromCamel = snakeCase(f.prop);
    const fromDoc = docs.get(f.prop);
    const name = fromDoc ?? fromCamel;
    const out = [String(f.number), name, type];
    if (flags.length > 0) out.push(flags.join(""));
    return out;
  });
}

function enumValues(values: Record<string, string | number>): [string, number][] {
  const out: [string, number][] = [];
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === "number" && k !== "UNRECOGNIZED") out.push([k, v]);
  }
  return out;
}

function serviceMethods(mod: Module, exportName: string, cls: unknown): { service: string; methods: [string, string, string][] } {
  const ctx = `${mod.id}.${exportName}`;
  const src = String(cls);
  let service: string | undefined;
  const methods: [string, string, string][] = [];
  const re =
    /(\w+)\(request(?: = \{[\s\S]*?\})?\) \{\s*const data = ([\w.]+)\.encode\(request\)\.finish\(\);\s*const promise = this\.rpc\.request\("([\w.]+)", "(\w+)", data\);\s*return promise\.then\(\(data\) => ([\w.]+)\.decode\(/g;
  for (const m of src.matchAll(re)) {
    const [, jsName, reqRef, svc, method, resRef] = m;
    if (jsName === undefined || reqRef === undefined || svc === undefined || method === undefined || resRef === undefined) continue;
    if (service !== undefined && service !== svc) throw new Error(`${ctx}: two services in one client (${service}, ${svc})`);
    service = svc;
    methods.push([method, fullNameOfRef(mod, reqRef, ctx), fullNameOfRef(mod, resRef, ctx)]);
  }
  const declared = [...src.matchAll(/this\.(\w+) = this\.\1\.bind\(this\);/g)].length;
  if (declared !== methods.length) throw new Error(`${ctx}: parsed ${methods.length} of ${declared} methods (streaming or unknown shape)`);
  if (service === undefined) throw new Error(`${ctx}: no methods`);
  return { service, methods };
}

function generate(): string {
  const files: string[] = [];
  let messageCount = 0;
  for (const id of listModules()) {
    const mod = loadModule(id);
    const messages: string[] = [];
    const enums: string[] = [];
    const services: string[] = [];
    for (const [exportName, value] of Object.entries(mod.exports)) {
      if (isCodec(value)) {
        const fields = messageFields(mod, exportName, value);
        const fieldText = fields.map((f) => `[${f[0]}, ${JSON.stringify(f[1])}, ${JSON.stringify(f[2])}${f[3] !== undefined ? `, ${JSON.stringify(f[3])}` : ""}]`);
        messages.push(`[${JSON.stringify(relativeName(mod, exportName))}, [${fieldText.join(", ")}]]`);
        messageCount++;
      } else if (isEnumObject(value)) {
        enums.push(`[${JSON.stringify(relativeName(mod, exportName))}, ${JSON.stringify(enumValues(value))}]`);
      } else if (typeof value === "function" && /ClientImpl$/.test(exportName)) {
        const { service, methods } = serviceMethods(mod, exportName, value);
        if (!service.startsWith(`${mod.pkg}.`)) throw new Error(`${id}: service ${service} outside package ${mod.pkg}`);
        services.push(`[${JSON.stringify(service.slice(mod.pkg.length + 1))}, ${JSON.stringify(methods)}]`);
      }
    }
    if (messages.length === 0 && enums.length === 0 && services.length === 0) continue;
    files.push(
      [
        `  {`,
        `    file: ${JSON.stringify(`${id}.proto`)},`,
        `    package: ${JSON.stringify(mod.pkg)},`,
        `    messages: [${messages.map((m) => `\n      ${m},`).join("")}${messages.length > 0 ? "\n    " : ""}],`,
        `    enums: [${enums.map((e) => `\n      ${e},`).join("")}${enums.length > 0 ? "\n    " : ""}],`,
        `    services: [${services.map((s) => `\n      ${s},`).join("")}${services.length > 0 ? "\n    " : ""}],`,
        `  },`,
      ].join("\n"),
    );
  }
  process.stderr.write(`gen-proto-schema: ${files.length} files, ${messageCount} messages from cosmjs-types ${COSMJS_VERSION}\n`);
  return [
    `// Generated by scripts/gen-proto-schema.ts from cosmjs-types ${COSMJS_VERSION}. Do not edit; regenerate with`,
    `// \`npx tsx scripts/gen-proto-schema.ts\` after upgrading cosmjs-types.`,
    `import type { GeneratedFile } from "../schema/types";`,
    ``,
    `export const COSMJS_TYPES_VERSION = ${JSON.stringify(COSMJS_VERSION)};`,
    ``,
    `export const COSMJS_SCHEMA: readonly GeneratedFile[] = [`,
    ...files,
    `];`,
    ``,
  ].join("\n");
}

function main(): void {
  const text = generate();
  if (process.argv.includes("--check")) {
    let current: string;
    try {
      current = readFileSync(OUT, "utf8");
    } catch {
      current = "";
    }
    if (current !== text) {
      process.stderr.write(`${OUT} is out of date; run npx tsx scripts/gen-proto-schema.ts\n`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(OUT, text);
  process.stderr.write(`wrote ${relative(process.cwd(), OUT)}\n`);
}

main();
