/**
 * What the cosmjs-types output cannot tell us about the SDK's protos, kept by hand and checked
 * against the generated schema by proto/sdk-overlay.test.ts (every entry must name an existing
 * field of the right kind).
 *
 * Sources: the `(gogoproto.customtype)` and `oneof` declarations in cosmos-sdk v0.50's
 * proto/cosmos/** and cometbft v0.38's proto/tendermint/**.
 */

/**
 * Fields with `(gogoproto.customtype) = "cosmossdk.io/math.LegacyDec"`. On the wire the field
 * holds the atomic integer as a decimal string ("500000000000000000" for 0.5) — for `bytes` fields
 * the UTF-8 of that string; in the SDK's JSON it is the 18-decimal form ("0.500000000000000000").
 * gov v1 uses plain strings ("cosmos.Dec" scalar without customtype), which are NOT listed: their
 * proto value already is the decimal form.
 */
export const LEGACY_DEC_FIELDS: readonly string[] = [
  "cosmos.base.v1beta1.DecCoin.amount",
  "cosmos.base.v1beta1.DecProto.dec",
  // x/staking
  "cosmos.staking.v1beta1.CommissionRates.rate",
  "cosmos.staking.v1beta1.CommissionRates.max_rate",
  "cosmos.staking.v1beta1.CommissionRates.max_change_rate",
  "cosmos.staking.v1beta1.Validator.delegator_shares",
  "cosmos.staking.v1beta1.Delegation.shares",
  "cosmos.staking.v1beta1.RedelegationEntry.shares_dst",
  "cosmos.staking.v1beta1.Params.min_commission_rate",
  "cosmos.staking.v1beta1.MsgEditValidator.commission_rate",
  // x/distribution (DecCoins are covered by DecCoin.amount)
  "cosmos.distribution.v1beta1.Params.community_tax",
  "cosmos.distribution.v1beta1.Params.base_proposer_reward",
  "cosmos.distribution.v1beta1.Params.bonus_proposer_reward",
  "cosmos.distribution.v1beta1.ValidatorSlashEvent.fraction",
  "cosmos.distribution.v1beta1.DelegatorStartingInfo.stake",
  // x/mint
  "cosmos.mint.v1beta1.Minter.inflation",
  "cosmos.mint.v1beta1.Minter.annual_provisions",
  "cosmos.mint.v1beta1.Params.inflation_rate_change",
  "cosmos.mint.v1beta1.Params.inflation_max",
  "cosmos.mint.v1beta1.Params.inflation_min",
  "cosmos.mint.v1beta1.Params.goal_bonded",
  "cosmos.mint.v1beta1.QueryInflationResponse.inflation",
  "cosmos.mint.v1beta1.QueryAnnualProvisionsResponse.annual_provisions",
  // x/slashing (bytes)
  "cosmos.slashing.v1beta1.Params.min_signed_per_window",
  "cosmos.slashing.v1beta1.Params.slash_fraction_double_sign",
  "cosmos.slashing.v1beta1.Params.slash_fraction_downtime",
  // x/gov v1beta1
  "cosmos.gov.v1beta1.WeightedVoteOption.weight",
  "cosmos.gov.v1beta1.TallyParams.quorum",
  "cosmos.gov.v1beta1.TallyParams.threshold",
  "cosmos.gov.v1beta1.TallyParams.veto_threshold",
];

/**
 * Fields with `(gogoproto.customtype) = "cosmossdk.io/math.Int"`: same text on the wire and in
 * JSON, but an absent value is the zero Int, which the SDK's JSON shows as "0".
 */
export const INT_FIELDS: readonly string[] = [
  "cosmos.base.v1beta1.Coin.amount",
  "cosmos.base.v1beta1.IntProto.int",
  "cosmos.staking.v1beta1.GenesisState.last_total_power",
  "cosmos.staking.v1beta1.Validator.tokens",
  "cosmos.staking.v1beta1.Validator.min_self_delegation",
  "cosmos.staking.v1beta1.UnbondingDelegationEntry.initial_balance",
  "cosmos.staking.v1beta1.UnbondingDelegationEntry.balance",
  "cosmos.staking.v1beta1.RedelegationEntry.initial_balance",
  "cosmos.staking.v1beta1.RedelegationEntryResponse.balance",
  "cosmos.staking.v1beta1.Pool.not_bonded_tokens",
  "cosmos.staking.v1beta1.Pool.bonded_tokens",
  "cosmos.staking.v1beta1.MsgCreateValidator.min_self_delegation",
  "cosmos.staking.v1beta1.MsgEditValidator.min_self_delegation",
  "cosmos.gov.v1beta1.TallyResult.yes",
  "cosmos.gov.v1beta1.TallyResult.abstain",
  "cosmos.gov.v1beta1.TallyResult.no",
  "cosmos.gov.v1beta1.TallyResult.no_with_veto",
];

/**
 * bytes fields with `(gogoproto.casttype) = "encoding/json.RawMessage"`: the wire holds JSON
 * text, which the SDK's JSON embeds as it is (jsonpb hands the field to encoding/json).
 */
export const RAW_JSON_FIELDS: readonly string[] = ["cosmos.genutil.v1beta1.GenesisState.gen_txs"];

/** Customtype fields declared nullable (a pointer in Go): absent means JSON null, not zero. */
export const NULLABLE_CUSTOM_FIELDS: readonly string[] = [
  "cosmos.staking.v1beta1.MsgEditValidator.commission_rate",
  "cosmos.staking.v1beta1.MsgEditValidator.min_self_delegation",
];

/**
 * oneof groups: message -> oneof name -> member fields. A member is in the SDK's JSON only when
 * it is the one set (gogo jsonpb skips unset oneofs instead of writing null).
 */
export const ONEOFS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  "tendermint.crypto.PublicKey": { sum: ["ed25519", "secp256k1"] },
  "tendermint.types.Evidence": { sum: ["duplicate_vote_evidence", "light_client_attack_evidence"] },
  "tendermint.abci.Request": {
    value: [
      "echo",
      "flush",
      "info",
      "init_chain",
      "query",
      "check_tx",
      "commit",
      "list_snapshots",
      "offer_snapshot",
      "load_snapshot_chunk",
      "apply_snapshot_chunk",
      "prepare_proposal",
      "process_proposal",
      "extend_vote",
      "verify_vote_extension",
      "finalize_block",
    ],
  },
  "tendermint.abci.Response": {
    value: [
      "exception",
      "echo",
      "flush",
      "info",
      "init_chain",
      "query",
      "check_tx",
      "commit",
      "list_snapshots",
      "offer_snapshot",
      "load_snapshot_chunk",
      "apply_snapshot_chunk",
      "prepare_proposal",
      "process_proposal",
      "extend_vote",
      "verify_vote_extension",
      "finalize_block",
    ],
  },
  "cosmos.tx.v1beta1.ModeInfo": { sum: ["single", "multi"] },
  "cosmos.tx.signing.v1beta1.SignatureDescriptor.Data": { sum: ["single", "multi"] },
  "cosmos.staking.v1beta1.StakeAuthorization": { validators: ["allow_list", "deny_list"] },
  "cosmos.crypto.keyring.v1.Record": { item: ["local", "ledger", "multi", "offline"] },
  "cosmos.ics23.v1.CommitmentProof": { proof: ["exist", "nonexist", "batch", "compressed"] },
  "cosmos.ics23.v1.BatchEntry": { proof: ["exist", "nonexist"] },
  "cosmos.ics23.v1.CompressedBatchEntry": { proof: ["exist", "nonexist"] },
  "cosmos.store.snapshots.v1.SnapshotItem": { item: ["store", "iavl", "extension", "extension_payload"] },
};
