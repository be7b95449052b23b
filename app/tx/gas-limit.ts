/**
 * A tx's declared gas limit read straight off the wire (TxRaw.auth_info_bytes -> AuthInfo.fee ->
 * Fee.gas_limit), without decoding the tx: proposal building and checking need only this number
 * for every tx in the mempool, and a full decode there would cost as much as CheckTx's.
 */
import { bytesPayload, consumeVarint, readFields, WIRE_BYTES, WIRE_VARINT, type WireField } from "./proto-wire";

const TX_RAW_AUTH_INFO = 2;
// deterministic: a proto field number (AuthInfo.fee), not an amount
const AUTH_INFO_FEE = 2;
const FEE_GAS_LIMIT = 2;

/** The last occurrence of a field wins, as protobuf's merge semantics say for singular fields. */
function lastField(fields: readonly WireField[], num: number, wireType: number): WireField | undefined {
  let found: WireField | undefined;
  for (const f of fields) if (f.num === num && f.wireType === wireType) found = f;
  return found;
}

/**
 * The gas limit of a TxRaw's fee (0 when absent), or undefined when the bytes are not a
 * well-formed TxRaw/AuthInfo/Fee at the wire level.
 */
export function txGasLimit(txBytes: Uint8Array): bigint | undefined {
  try {
    const authInfoField = lastField(readFields(txBytes), TX_RAW_AUTH_INFO, WIRE_BYTES);
    if (authInfoField === undefined) return 0n;
    const authInfo = bytesPayload(txBytes, authInfoField);
    const feeField = lastField(readFields(authInfo), AUTH_INFO_FEE, WIRE_BYTES);
    if (feeField === undefined) return 0n;
    const fee = bytesPayload(authInfo, feeField);
    const gasField = lastField(readFields(fee), FEE_GAS_LIMIT, WIRE_VARINT);
    if (gasField === undefined) return 0n;
    return consumeVarint(fee, gasField.valueStart, gasField.valueEnd).value;
  } catch {
    return undefined;
  }
}
