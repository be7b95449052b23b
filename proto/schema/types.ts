/**
 * The protobuf schema model plumed serves from: enough of each message, enum and service to
 * write the Cosmos SDK's JSON (names, numbers, kinds, nesting) and to build the
 * FileDescriptorProtos that gRPC reflection hands to grpcurl.
 *
 * Two sources feed it: tables generated from cosmjs-types (proto/generated/, see
 * scripts/gen-proto-schema.ts) and protobufjs reflection roots for plumed's own types
 * (proto/schema/protobufjs.ts). Knowledge neither source carries (gogoproto customtypes such as
 * LegacyDec, oneof groups) comes from the hand-kept overlay in proto/sdk-overlay.ts.
 */

export type ScalarType =
  | "double"
  | "float"
  | "int64"
  | "uint64"
  | "int32"
  | "fixed64"
  | "fixed32"
  | "bool"
  | "string"
  | "bytes"
  | "uint32"
  | "sfixed32"
  | "sfixed64"
  | "sint32"
  | "sint64";

export const SCALAR_TYPES: ReadonlySet<string> = new Set<ScalarType>([
  "double",
  "float",
  "int64",
  "uint64",
  "int32",
  "fixed64",
  "fixed32",
  "bool",
  "string",
  "bytes",
  "uint32",
  "sfixed32",
  "sfixed64",
  "sint32",
  "sint64",
]);

export function isScalarType(t: string): t is ScalarType {
  return SCALAR_TYPES.has(t);
}

/**
 * What a gogoproto `customtype` turns a string/bytes field into, as far as JSON cares:
 * - `LegacyDec`: the wire holds the atomic integer ("500000000000000000"), JSON shows
 *   "0.500000000000000000"; an absent value is the zero Dec.
 * - `Int`: the wire and JSON hold the same decimal integer; an absent value is "0".
 * - `RawJson` (gogoproto `casttype` encoding/json.RawMessage on a bytes field): the wire holds
 *   JSON text, and the SDK's JSON shows that JSON itself, not base64 (genutil's gen_txs).
 */
export type CustomType = "LegacyDec" | "Int" | "RawJson";

export interface FieldSchema {
  /** The proto field name (snake_case), which the SDK's JSON uses (jsonpb OrigName). */
  readonly name: string;
  readonly number: number;
  /** A scalar, or "message"/"enum" with `typeName`. */
  readonly kind: ScalarType | "message" | "enum";
  /** Fully qualified name without the leading dot, for messages and enums. */
  readonly typeName?: string;
  readonly repeated: boolean;
  /**
   * Message fields only: gogoproto `nullable`. A nullable sub-message that is absent is `null` in
   * the SDK's JSON; a non-nullable one is a Go struct and shows its zero value.
   */
  readonly nullable: boolean;
  /** Scalars with explicit presence (oneof members, proto3 `optional`): emitted only when set. */
  readonly presence: boolean;
  readonly oneof?: string;
  readonly customType?: CustomType;
  /** Map fields: the entry's key and value (the field itself is then `repeated` of the entry). */
  readonly map?: { readonly key: ScalarType; readonly value: FieldSchema };
}

export interface MessageSchema {
  readonly fullName: string;
  /** The .proto file declaring it, e.g. "cosmos/bank/v1beta1/bank.proto". */
  readonly file: string;
  /** Fields in declaration order (the order the SDK's JSON lists them). */
  readonly fields: readonly FieldSchema[];
  readonly oneofs: readonly string[];
  /** Set for synthetic map entry messages. */
  readonly mapEntry?: boolean;
}

export interface EnumSchema {
  readonly fullName: string;
  readonly file: string;
  readonly values: readonly { readonly name: string; readonly number: number }[];
}

export interface MethodSchema {
  readonly name: string;
  /** Fully qualified request and response message names. */
  readonly input: string;
  readonly output: string;
  readonly clientStreaming: boolean;
  readonly serverStreaming: boolean;
}

export interface ServiceSchema {
  readonly fullName: string;
  readonly file: string;
  readonly methods: readonly MethodSchema[];
}

export interface FileSchema {
  readonly name: string;
  readonly package: string;
}

// ---- The compact form the generator writes (proto/generated/*.ts) ----

/**
 * `[number, name, type, flags?]`. `type` is a scalar name, `m:<full name>` for a message or
 * `e:<full name>` for an enum. Flags: `r` repeated, `n` non-nullable message (gogoproto
 * nullable=false), `o` scalar with presence (oneof member or proto3 optional).
 */
export type GeneratedField = readonly [number, string, string, string?];

/** `[name relative to the package ("ModeInfo.Single"), fields]`. */
export type GeneratedMessage = readonly [string, readonly GeneratedField[]];

/** `[relative name, [[value name, number], ...]]`. */
export type GeneratedEnum = readonly [string, readonly (readonly [string, number])[]];

/** `[service name relative to the package, [[method, full input name, full output name], ...]]`. */
export type GeneratedService = readonly [string, readonly (readonly [string, string, string])[]];

export interface GeneratedFile {
  /** The .proto path; the cosmjs-types module is the same path without ".proto". */
  readonly file: string;
  readonly package: string;
  readonly messages: readonly GeneratedMessage[];
  readonly enums: readonly GeneratedEnum[];
  readonly services: readonly GeneratedService[];
}
