import type { MsgUnjail } from "cosmjs-types/cosmos/slashing/v1beta1/tx";

/**
 * The amino converter for MsgUnjail that @cosmjs/stargate lacks (its createSlashingAminoConverters
 * throws "Not implemented"), in the SDK's form: `cosmos-sdk/MsgUnjail` with the field `address`
 * (x/slashing/amino.ts, which a Go node and plumed verify against). A cosmjs client that signs
 * MsgUnjail in amino mode adds this to its AminoTypes.
 */
export const unjailAminoConverter = {
  "/cosmos.slashing.v1beta1.MsgUnjail": {
    aminoType: "cosmos-sdk/MsgUnjail",
    toAmino: ({ validatorAddr }: MsgUnjail): { address: string } => ({ address: validatorAddr }),
    fromAmino: ({ address }: { address: string }): MsgUnjail => ({ validatorAddr: address }),
  },
};
