import * as protobuf from "protobufjs";
import { addProtobufjsTypes } from "../../proto/schema/protobufjs";
import { defaultSchemaRegistry, SchemaRegistry } from "../../proto/schema/registry";
import { consumeFieldValue, consumeTag, consumeVarint, wireErrorText, wireTypeName } from "./proto-wire";
import { MAX_DEPTH, MessageTables, WireError, rejectUnknownFields, type TypeResolver } from "./unknown-fields";

const SOURCE = `
  syntax = "proto3";
  package google.protobuf;
  message Any { string type_url = 1; bytes value = 2; }
`;
const TEST_SOURCE = `
  syntax = "proto3";
  package test.v1;
  enum Kind { K0 = 0; K1 = 1; }
  message Scalars {
    int32 i32 = 1; sint64 s64 = 2; fixed32 f32 = 3; fixed64 f64 = 4; double d = 5; float fl = 6; bool b = 7;
    string s = 8; bytes by = 9; Kind e = 10; repeated uint64 packed = 11; sfixed32 sf32 = 12; sfixed64 sf64 = 13;
  }
  message Leaf { uint64 n = 1; }
  message Tree {
    string name = 1;
    repeated Tree children = 2;
    Leaf leaf = 3;
    google.protobuf.Any any = 4;
    map<string, Leaf> named = 5;
    Scalars scalars = 6;
    Leaf far = 3000;
  }
`;

const root = new protobuf.Root();
protobuf.parse(SOURCE, root, { keepCase: true });
protobuf.parse(TEST_SOURCE, root, { keepCase: true });
root.lookupType("google.protobuf.Any").filename = "google/protobuf/any.proto";
const registry = new SchemaRegistry();
addProtobufjsTypes(registry, root, "test/v1/test.proto");
const tables = new MessageTables(registry);
const TREE = tables.require("test.v1.Tree");
const Tree = root.lookupType("test.v1.Tree");
const Leaf = root.lookupType("test.v1.Leaf");
const resolve: TypeResolver = (url) => (url === "/test.v1.Leaf" || url === "/test.v1.Tree" ? tables.get(url) : undefined);

// ---- a tiny protobuf writer ----
function varint(n: number | bigint): number[] {
  const out: number[] = [];
  let v = BigInt(n);
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const tag = (num: number, wt: number): number[] => varint(num * 8 + wt);
const bytesField = (num: number, payload: readonly number[]): number[] => [...tag(num, 2), ...varint(payload.length), ...payload];
const varintField = (num: number, v: number | bigint): number[] => [...tag(num, 0), ...varint(v)];
const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];
const u8 = (...parts: number[][]): Uint8Array => Uint8Array.from(parts.flat());

function outcome(bytes: Uint8Array, allow = false): string {
  try {
    return `ok ${rejectUnknownFields(bytes, TREE, allow, resolve)}`;
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    return err.message;
  }
}

const full = (): Uint8Array =>
  Tree.encode(
    Tree.fromObject({
      name: "root",
      children: [{ name: "kid", leaf: { n: 3 }, children: [{ name: "grandkid" }] }],
      leaf: { n: 300 },
      any: { type_url: "/test.v1.Leaf", value: Leaf.encode({ n: 7 }).finish() },
      named: { a: { n: 1 }, b: {} },
      scalars: { i32: -1, s64: -5, f32: 9, f64: 10, d: 1.5, fl: 2.5, b: true, s: "é", by: [1, 2], e: 1, packed: [1, 200, 70000], sf32: -3, sf64: -4 },
      far: { n: 1 },
    }),
  ).finish();

describe("rejectUnknownFields", () => {
  it("accepts every declared field: scalars of each wire type, packed repeated, maps, nested and far-numbered messages, Any", () => {
    const bytes = full();
    expect(outcome(bytes)).toBe("ok false");
    // Unpacked repeated varints are fine too, and an empty message is.
    expect(outcome(u8(bytesField(6, [...varintField(11, 1), ...varintField(11, 2)])))).toBe("ok false");
    expect(outcome(new Uint8Array())).toBe("ok false");
  });

  it("refuses an unknown field at any depth, even a zero-valued one, naming the message", () => {
    expect(outcome(u8(varintField(99, 0)))).toBe('errUnknownField "*types.Tree": {TagNum: 99, WireType: "varint"}');
    expect(outcome(u8(bytesField(99, [])))).toBe('errUnknownField "*types.Tree": {TagNum: 99, WireType: "bytes"}');
    const deepLeaf = bytesField(2, bytesField(2, bytesField(3, [...varintField(1, 1), ...varintField(5, 0)])));
    expect(outcome(u8(deepLeaf))).toBe('errUnknownField "*types.Leaf": {TagNum: 5, WireType: "varint"}');
    const inMapValue = bytesField(5, [...bytesField(1, utf8("k")), ...bytesField(2, [...tag(7, 5), 0, 0, 0, 0])]);
    expect(outcome(u8(inMapValue))).toBe('errUnknownField "*types.Leaf": {TagNum: 7, WireType: "fixed32"}');
    const inScalars = bytesField(6, [...tag(14, 1), 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(outcome(u8(inScalars))).toBe('errUnknownField "*types.Scalars": {TagNum: 14, WireType: "fixed64"}');
    const inFar = bytesField(3000, varintField(2, 1));
    expect(outcome(u8(inFar))).toBe('errUnknownField "*types.Leaf": {TagNum: 2, WireType: "varint"}');
  });

  it("lets non-critical fields (bit 11) through only when allowed, at every depth, and reports them", () => {
    const nested = u8(bytesField(2, bytesField(3, varintField(1025, 0))));
    expect(outcome(nested, true)).toBe("ok true");
    expect(outcome(nested, false)).toBe('errUnknownField "*types.Leaf": {TagNum: 1025, WireType: "varint"}');
    // 2050 has bit 11 clear: critical although large.
    expect(outcome(u8(varintField(2050, 1)), true)).toBe('errUnknownField "*types.Tree": {TagNum: 2050, WireType: "varint"}');
    expect(outcome(u8(varintField(3072, 1)), true)).toBe("ok true");
  });

  it("refuses wire types that cannot encode the declared type, as canEncodeType does", () => {
    const scalars = (...fields: number[][]): Uint8Array => u8(bytesField(6, fields.flat()));
    expect(outcome(scalars(varintField(3, 1)))).toBe('Mismatched "*types.Scalars": {TagNum: 3, GotWireType: "varint" != WantWireType: "fixed32"}');
    expect(outcome(scalars([...tag(5, 5), 0, 0, 0, 0]))).toBe('Mismatched "*types.Scalars": {TagNum: 5, GotWireType: "fixed32" != WantWireType: "fixed64"}');
    expect(outcome(scalars([...tag(1, 1), 0, 0, 0, 0, 0, 0, 0, 0]))).toBe('Mismatched "*types.Scalars": {TagNum: 1, GotWireType: "fixed64" != WantWireType: "varint"}');
    expect(outcome(scalars(varintField(8, 1)))).toBe('Mismatched "*types.Scalars": {TagNum: 8, GotWireType: "varint" != WantWireType: "bytes"}');
    expect(outcome(u8(varintField(3, 1)))).toBe('Mismatched "*types.Tree": {TagNum: 3, GotWireType: "varint" != WantWireType: "bytes"}');
    expect(outcome(u8(bytesField(4, varintField(2, 1))))).toBe('Mismatched "*types.Any": {TagNum: 2, GotWireType: "varint" != WantWireType: "bytes"}');
    // Packed (BYTES) is fine for every numeric kind, fixed ones included.
    expect(outcome(scalars(bytesField(3, [1, 0, 0, 0]), bytesField(5, [0, 0, 0, 0, 0, 0, 0, 0]), bytesField(10, [1])))).toBe("ok false");
  });

  it("checks an Any as an Any, then its value as the type its URL resolves to (the last URL wins)", () => {
    const leaf = (n: number[]): number[] => [...bytesField(1, utf8("/test.v1.Leaf")), ...bytesField(2, n)];
    expect(outcome(u8(bytesField(4, [...leaf([]), ...varintField(3, 0)])))).toBe('errUnknownField "*types.Any": {TagNum: 3, WireType: "varint"}');
    expect(outcome(u8(bytesField(4, leaf(varintField(9, 1)))))).toBe('errUnknownField "*types.Leaf": {TagNum: 9, WireType: "varint"}');
    expect(outcome(u8(bytesField(4, [...bytesField(1, utf8("/nope.Type")), ...bytesField(2, [1])])))).toBe("unable to resolve type URL /nope.Type");
    expect(outcome(u8(bytesField(4, [])))).toBe("unable to resolve type URL ");
    // The URL that counts is the last one: here Tree, in which field 9 is unknown too, but named as Tree's.
    const twoUrls = [...bytesField(1, utf8("/test.v1.Leaf")), ...bytesField(2, varintField(9, 1)), ...bytesField(1, utf8("/test.v1.Tree"))];
    expect(outcome(u8(bytesField(4, twoUrls)))).toBe('errUnknownField "*types.Tree": {TagNum: 9, WireType: "varint"}');
    expect(outcome(u8(bytesField(4, leaf(varintField(1, 5)))))).toBe("ok false");
  });

  it("bounds recursion deterministically, through messages and through Anys", () => {
    const nest = (levels: number): number[] => {
      let inner = varintField(1, 1); // a Leaf's n, wrapped as Tree.leaf at the bottom
      inner = bytesField(3, inner);
      for (let i = 0; i < levels; i++) inner = bytesField(2, inner);
      return inner;
    };
    expect(outcome(u8(nest(MAX_DEPTH - 2)))).toBe("ok false");
    expect(outcome(u8(nest(MAX_DEPTH + 50)))).toBe("recursion limit reached");
    let viaAny = varintField(1, 1);
    for (let i = 0; i < MAX_DEPTH; i++) viaAny = bytesField(4, [...bytesField(1, utf8("/test.v1.Tree")), ...bytesField(2, viaAny)]);
    expect(outcome(u8(viaAny))).toBe("recursion limit reached");
  });

  it("reports malformed input with protowire's texts", () => {
    expect(outcome(u8([0x80]))).toBe("invalid length");
    expect(outcome(u8([0x00]))).toBe("invalid length"); // field number 0
    expect(outcome(u8(tag(1, 2), [5, 1]))).toBe('could not consume field value for tagNum: 1, wireType: "bytes"; unexpected EOF');
    expect(outcome(u8(tag(1026, 0), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02]), true)).toBe(
      'could not consume field value for tagNum: 1026, wireType: "varint"; variable length integer overflow',
    );
    expect(outcome(u8(tag(1026, 6)), true)).toBe('could not consume field value for tagNum: 1026, wireType: "unknown type: 6"; cannot parse reserved wire type');
    // A group in a non-critical field is skipped whole.
    expect(outcome(u8(tag(1026, 3), varintField(1, 1), tag(1026, 4)), true)).toBe("ok true");
  });

  it("agrees with a literal transcription of the SDK's loop on thousands of mutated inputs", () => {
    const base = full();
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 4000; i++) {
      const bytes = Array.from(base);
      for (let m = 1 + rand(3); m > 0; m--) {
        const at = rand(bytes.length);
        const op = rand(3);
        if (op === 0) bytes[at] = rand(256);
        else if (op === 1) bytes.splice(at, 1);
        else bytes.splice(at, 0, rand(256));
      }
      const input = Uint8Array.from(bytes);
      const allow = rand(2) === 0;
      expect([i, outcome(input, allow)]).toEqual([i, reference(input, "test.v1.Tree", allow)]);
    }
  });
});

/** codec/unknownproto's doRejectUnknownFields written out plainly over the schema registry (no fast paths). */
function reference(bz: Uint8Array, fullName: string, allow: boolean, limit = MAX_DEPTH): string {
  const goName = (name: string): string => `*types.${name.slice(name.indexOf(".", name.indexOf(".") + 1) + 1).replace(/\./g, "_")}`;
  const run = (buf: Uint8Array, name: string, depth: number): boolean => {
    if (buf.length === 0) return false;
    if (depth >= limit) throw new WireError("recursion limit reached");
    const fields = new Map(registry.requireMessage(name).fields.map((f) => [f.number, f]));
    const goType = name === "google.protobuf.Any" ? "*types.Any" : goName(name);
    let nonCritical = false;
    let pos = 0;
    while (pos < buf.length) {
      const t = consumeTag(buf, pos, buf.length);
      if (t.n < 0) throw new WireError("invalid length");
      const f = fields.get(t.num);
      if (f !== undefined) {
        const want = f.kind === "message" || f.kind === "string" || f.kind === "bytes" ? 2 : ["fixed64", "sfixed64", "double"].includes(f.kind) ? 1 : ["fixed32", "sfixed32", "float"].includes(f.kind) ? 5 : 0;
        if (t.wireType !== want && !(t.wireType === 2 && f.kind !== "message")) {
          throw new WireError(`Mismatched "${goType}": {TagNum: ${t.num}, GotWireType: "${wireTypeName(t.wireType)}" != WantWireType: "${wireTypeName(want)}"}`);
        }
      } else {
        const critical = (t.num & 1024) === 0;
        if (!critical) nonCritical = true;
        if (critical || !allow) throw new WireError(`errUnknownField "${goType}": {TagNum: ${t.num}, WireType: "${wireTypeName(t.wireType)}"}`);
      }
      pos += t.n;
      const n = consumeFieldValue(t.num, t.wireType, buf, pos, buf.length);
      if (n < 0) throw new WireError(`could not consume field value for tagNum: ${t.num}, wireType: "${wireTypeName(t.wireType)}"; ${wireErrorText(n)}`);
      const fieldBytes = buf.subarray(pos, pos + n);
      pos += n;
      if (f === undefined || f.kind !== "message") continue;
      const payload = fieldBytes.subarray(consumeVarint(fieldBytes, 0, fieldBytes.length).n);
      if (f.typeName === "google.protobuf.Any") {
        if (run(payload, "google.protobuf.Any", depth + 1)) nonCritical = true;
        const any: { type_url: string; value: Uint8Array } = { type_url: "", value: new Uint8Array() };
        for (let p = 0; p < payload.length; ) {
          const t = consumeTag(payload, p, payload.length);
          const len = consumeFieldValue(t.num, t.wireType, payload, p + t.n, payload.length);
          const value = payload.subarray(p + t.n + consumeVarint(payload, p + t.n, payload.length).n, p + t.n + len);
          if (t.num === 1) any.type_url = new TextDecoder().decode(value);
          else if (t.num === 2) any.value = value;
          p += t.n + len;
        }
        const table = resolve(any.type_url);
        if (table === undefined) throw new WireError(`unable to resolve type URL ${any.type_url}`);
        if (run(any.value, table.fullName, depth + 1)) nonCritical = true;
      } else if (run(payload, f.typeName as string, depth + 1)) {
        nonCritical = true;
      }
    }
    return nonCritical;
  };
  try {
    return `ok ${run(bz, fullName, 0)}`;
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    return err.message;
  }
}

describe("MessageTables over the app's schema registry", () => {
  const app = new MessageTables(defaultSchemaRegistry());

  it("names types as Go's %T does, for the SDK's error texts", () => {
    expect(app.require("cosmos.base.v1beta1.Coin").goType).toBe("*types.Coin");
    expect(app.require("/cosmos.bank.v1beta1.MsgSend").goType).toBe("*types.MsgSend");
    expect(app.require("cosmos.tx.v1beta1.ModeInfo.Single").goType).toBe("*tx.ModeInfo_Single");
    expect(app.require("/cosmos.crypto.secp256k1.PubKey").goType).toBe("*secp256k1.PubKey");
    expect(app.require("/cosmos.crypto.multisig.LegacyAminoPubKey").goType).toBe("*multisig.LegacyAminoPubKey");
    expect(app.require("cosmos.crypto.multisig.v1beta1.CompactBitArray").goType).toBe("*types.CompactBitArray");
    expect(app.require("/plume.staking.v1.MsgUpdateParams").goType).toBe("*types.MsgUpdateParams");
    expect(app.get("/nope.v1.Nothing")).toBeUndefined();
  });

  it("keeps TxBody to SDK v0.50's fields (cosmjs-types also knows v0.53's unordered and timeout_timestamp)", () => {
    const body = app.require("cosmos.tx.v1beta1.TxBody");
    const declared = [...body.dense.keys()].filter((n) => body.dense[n] !== undefined);
    expect([...declared, ...body.sparse.keys()]).toEqual([1, 2, 3, 1023, 2047]);
  });

  it("compiles recursive types once (ModeInfo -> Multi -> ModeInfo)", () => {
    const modeInfo = app.require("cosmos.tx.v1beta1.ModeInfo");
    expect(modeInfo.dense[2]?.child?.dense[2]?.child).toBe(modeInfo);
  });
});
