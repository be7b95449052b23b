import type { JsonValue } from "./module";

/**
 * A message's legacy amino JSON form, for SIGN_MODE_LEGACY_AMINO_JSON sign docs. The output of
 * `toAmino` MUST be byte-identical (after the sign doc's key sorting) to what @cosmjs/stargate's
 * amino converters produce for the same message, and to the SDK's x/tx aminojson encoder: amino
 * type name, snake_case field names, int64/uint64 as strings, the SDK's omitempty rules (fields
 * with `(amino.dont_omitempty)` always present), `(amino.encoding) = "legacy_coins"` (empty coins
 * as []), Dec fields in their 18-decimal string form where the SDK prints them so.
 */
export interface AminoConverter<M> {
  /** e.g. "cosmos-sdk/MsgSend". */
  readonly aminoType: string;
  toAmino(msg: M): JsonValue;
}
