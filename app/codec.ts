import type { BinaryReader, BinaryWriter } from "cosmjs-types/binary";

/**
 * The shape of every protobuf message codec that cosmjs-types (and our own generated code under
 * proto/) exports: binary encode/decode plus proto3 JSON.
 */
export interface ProtoCodec<T> {
  encode(message: T, writer?: BinaryWriter): BinaryWriter;
  decode(input: BinaryReader | Uint8Array, length?: number): T;
  fromPartial(object: never): T;
  fromJSON(object: unknown): T;
  toJSON(message: T): unknown;
}

/** A message codec that knows its Any type URL (e.g. "/cosmos.bank.v1beta1.MsgSend"). */
export interface TypedCodec<T> extends ProtoCodec<T> {
  readonly typeUrl: string;
}

export function typed<T>(typeUrl: string, codec: ProtoCodec<T>): TypedCodec<T> {
  return Object.assign(Object.create(codec) as ProtoCodec<T>, { typeUrl });
}

export function encodeProto<T>(codec: ProtoCodec<T>, message: T): Uint8Array {
  return codec.encode(message).finish();
}
