/**
 * x/evidence's storage layout (cosmossdk.io/x/evidence v0.1 keys.go and keeper.go): one
 * collections.Map, prefix 0x00, keyed by the evidence's hash (raw bytes, the sole key part), its
 * value the evidence as an Any (codec.CollInterfaceValue, i.e. MarshalInterface).
 *
 * | prefix | key          | value                                      |
 * |--------|--------------|--------------------------------------------|
 * | 0x00   | hash (32)    | Any{/cosmos.evidence.v1beta1.Equivocation} |
 */
import { Any } from "cosmjs-types/google/protobuf/any";
import { BytesKey, Collection, protoValue } from "../../app/collections";
import type { Bytes } from "../../app/store/types";

export const EVIDENCE_STORE = "evidence";

export const Evidences = new Collection<Bytes, Any>(Uint8Array.of(0x00), BytesKey, protoValue(Any));
