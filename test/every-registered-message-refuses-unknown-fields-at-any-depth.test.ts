/**
 * Every message type the app registers, built generically from its protobuf schema: the tx
 * decoder accepts it as is, and refuses it with ErrTxDecode (sdk/2) when an unknown field sits in
 * the message itself (even a zero-valued one), in any sub-message at any depth, in an Any inside
 * it, or in the message an Any carries. A module added later is covered without touching this
 * test: the list comes from the app's MsgRouter.
 */
import { createKeepers, createModules, MODULE_ORDER } from "../chain/app";
import { DEFAULT_CHAIN_SETTINGS } from "../app/chain-config";
import { AppError } from "../app/errors";
import { ModuleManager } from "../app/module-manager";
import { MsgRouter } from "../app/msg-router";
import { TxDecoder } from "../app/tx/decode";
import { defaultSchemaRegistry } from "../proto/schema/registry";
import type { FieldSchema } from "../proto/schema/types";

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
const tag = (num: number, wireType: number): number[] => varint(num * 8 + wireType);
const lengthDelimited = (num: number, payload: readonly number[]): number[] => [...tag(num, 2), ...varint(payload.length), ...payload];
const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];

const registry = defaultSchemaRegistry();
const ANY = "google.protobuf.Any";
/** What an Any field carries in the samples: a registered type the decoder resolves. */
const ANY_TYPE_URL = "/cosmos.crypto.ed25519.PubKey";

/** A critical field number `fullName` does not declare: 99 unless taken. */
function unknownNumber(fullName: string): number {
  const taken = new Set(registry.requireMessage(fullName).fields.map((f) => f.number));
  let n = 99;
  while (taken.has(n) || (n & 1024) !== 0) n++;
  return n;
}

/** The Go name of a message as the SDK's errors print it, without the package ("ModeInfo_Single"). */
function goName(fullName: string): string {
  const file = registry.requireMessage(fullName).file;
  const pkg = registry.file(file)?.package ?? "";
  return fullName.slice(pkg.length + 1).replace(/\./g, "_");
}

function scalar(f: FieldSchema): number[] {
  switch (f.kind) {
    case "string":
      return lengthDelimited(f.number, utf8("1"));
    case "bytes":
      return lengthDelimited(f.number, [1]);
    case "fixed32":
    case "sfixed32":
    case "float":
      return [...tag(f.number, 5), 1, 0, 0, 0];
    case "fixed64":
    case "sfixed64":
    case "double":
      return [...tag(f.number, 1), 1, 0, 0, 0, 0, 0, 0, 0];
    case "sint32":
    case "sint64":
      return [...tag(f.number, 0), 2];
    default:
      return [...tag(f.number, 0), 1]; // ints, bool, enum
  }
}

/** Where a sample can carry a poisoned (unknown) field: a message, named by its path from the root. */
interface Site {
  readonly path: string;
  readonly fullName: string;
}

/**
 * A sample of `fullName` with every field set (declaration order, one element per repeated field,
 * recursive types cut off), listing every message inside it in `sites`. When `poison` names a
 * site, that message gets an unknown field appended.
 */
function sample(fullName: string, path: string, stack: readonly string[], sites: Site[], poison: string | undefined): number[] {
  sites.push({ path, fullName });
  const out: number[] = [];
  for (const f of registry.requireMessage(fullName).fields) {
    if (f.kind !== "message") {
      out.push(...scalar(f));
      continue;
    }
    const typeName = f.typeName as string;
    if (stack.includes(typeName)) continue;
    const sub = `${path}.${f.name}`;
    let payload: number[];
    if (typeName === ANY) {
      sites.push({ path: sub, fullName: ANY });
      const value = sample(ANY_TYPE_URL.slice(1), `${sub}@value`, [], sites, poison);
      payload = [...lengthDelimited(1, utf8(ANY_TYPE_URL)), ...lengthDelimited(2, value)];
      if (poison === sub) payload.push(...tag(unknownNumber(ANY), 0), 1);
    } else {
      payload = sample(typeName, sub, [...stack, fullName], sites, poison);
    }
    out.push(...lengthDelimited(f.number, payload));
  }
  if (poison === path) out.push(...tag(unknownNumber(fullName), 0), 1);
  return out;
}

function txWith(typeUrl: string, msg: readonly number[]): Uint8Array {
  const body = lengthDelimited(1, [...lengthDelimited(1, utf8(typeUrl)), ...lengthDelimited(2, msg)]);
  return Uint8Array.from(lengthDelimited(1, body));
}

function decodeError(decoder: TxDecoder, tx: Uint8Array): AppError | undefined {
  try {
    decoder.decode(tx);
    return undefined;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return err;
  }
}

describe("every registered message type", () => {
  const router = new MsgRouter();
  const modules = new ModuleManager(createModules(createKeepers(DEFAULT_CHAIN_SETTINGS), DEFAULT_CHAIN_SETTINGS), MODULE_ORDER);
  modules.registerServices({ registerMsg: (d) => router.register(d), registerQuery: () => undefined });
  const decoder = new TxDecoder(router);
  const typeUrls = router.typeUrls();

  it("is registered (the app has messages to check)", () => {
    expect(typeUrls).toEqual(expect.arrayContaining(["/cosmos.bank.v1beta1.MsgSend", "/cosmos.staking.v1beta1.MsgCreateValidator", "/plume.staking.v1.MsgUpdateParams"]));
  });

  describe.each(typeUrls.map((u) => [u]))("%s", (typeUrl) => {
    const fullName = typeUrl.slice(1);
    const sites: Site[] = [];
    const clean = sample(fullName, "", [], sites, undefined);

    it("decodes when it carries only declared fields, and its codec reads the schema's fields", () => {
      const tx = decoder.decode(txWith(typeUrl, clean));
      expect(tx.msgs.map((m) => m.typeUrl)).toEqual([typeUrl]);
      // The schema the check walks and the codec the handler decodes with know the same fields.
      const def = router.handler(typeUrl);
      expect([...def.codec.encode(def.codec.decode(Uint8Array.from(clean))).finish()]).toEqual(clean);
    });

    it("is refused with a zero-valued unknown field 99 at the top level", () => {
      const n = unknownNumber(fullName);
      const err = decodeError(decoder, txWith(typeUrl, [...clean, ...tag(n, 0), 0]));
      expect([err?.codespace, err?.code]).toEqual(["sdk", 2]);
      expect(err?.message).toContain(`.${goName(fullName)}": {TagNum: ${n}, WireType: "varint"}`);
    });

    const nested = sites.filter((s) => s.path !== "");
    const cases = nested.map((s) => [s.path, s] as const);
    if (cases.length > 0) {
      it.each(cases)("is refused with an unknown field in %s", (_path, site) => {
        const poisoned = sample(fullName, "", [], [], site.path);
        const err = decodeError(decoder, txWith(typeUrl, poisoned));
        expect([err?.codespace, err?.code]).toEqual(["sdk", 2]);
        expect(err?.message).toContain(`errUnknownField "*`);
        expect(err?.message).toContain(`.${goName(site.fullName)}": {TagNum: ${unknownNumber(site.fullName)}, WireType: "varint"}: tx parse error`);
      });
    }
  });
});
