// Command sdk-vectors prints JSON test vectors computed by Cosmos SDK v0.50.15's own x/staking
// code: share math, commission text, store keys, genesis JSON and amino JSON sign bytes. plumed's
// tests (x/staking/sdk-vectors.test.ts) check that the TypeScript implementation agrees.
package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"time"

	stakingv1beta1 "cosmossdk.io/api/cosmos/staking/v1beta1"
	sdkmath "cosmossdk.io/math"
	"cosmossdk.io/x/tx/signing/aminojson"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	"github.com/cosmos/cosmos-sdk/x/staking"
	"github.com/cosmos/cosmos-sdk/x/staking/types"
)

type shareCase struct {
	Tokens          string `json:"tokens"`
	Shares          string `json:"shares"`
	Amount          string `json:"amount"`
	DelShares       string `json:"del_shares"`
	SharesFromToks  string `json:"shares_from_tokens"`
	SharesFromTrunc string `json:"shares_from_tokens_truncated"`
	TokFromShares   string `json:"tokens_from_shares"`
	TokFromTrunc    string `json:"tokens_from_shares_truncated"`
	TokFromRoundUp  string `json:"tokens_from_shares_round_up"`
	AddTokens       string `json:"add_tokens"`
	AddShares       string `json:"add_shares"`
	AddIssued       string `json:"add_issued"`
	RemoveTokens    string `json:"remove_tokens"`
	RemoveShares    string `json:"remove_shares"`
	RemoveIssued    string `json:"remove_issued"`
}

// lcg is a fixed pseudo-random sequence so that the vectors never change between runs.
type lcg struct{ s uint64 }

func (l *lcg) next() uint64 { l.s = l.s*6364136223846793005 + 1442695040888963407; return l.s >> 11 }

func valWith(tokens sdkmath.Int, shares sdkmath.LegacyDec) types.Validator {
	return types.Validator{Tokens: tokens, DelegatorShares: shares, Status: types.Bonded}
}

func shareCases() []shareCase {
	r := &lcg{s: 42}
	out := []shareCase{}
	for i := 0; i < 60; i++ {
		tokens := sdkmath.NewIntFromUint64(r.next()%1_000_000_000_000 + 1)
		// shares = tokens * rate, with a rate that is not a round number (slashes, rewards)
		rate := sdkmath.LegacyNewDecWithPrec(int64(r.next()%3_000_000_000_000_000_000+1), 18)
		if i%7 == 0 {
			rate = sdkmath.LegacyOneDec()
		}
		shares := rate.MulInt(tokens)
		if shares.IsZero() {
			shares = sdkmath.LegacyNewDecWithPrec(1, 18)
		}
		amount := sdkmath.NewIntFromUint64(r.next()%(tokens.Uint64()+1) + 1)
		delShares := shares.Mul(sdkmath.LegacyNewDecWithPrec(int64(r.next()%1_000_000), 6))
		if delShares.IsZero() || delShares.GT(shares) {
			delShares = shares
		}
		if i%11 == 0 {
			delShares = shares // the last shares take every token
		}
		v := valWith(tokens, shares)
		c := shareCase{Tokens: tokens.String(), Shares: shares.String(), Amount: amount.String(), DelShares: delShares.String()}
		sft, _ := v.SharesFromTokens(amount)
		sftt, _ := v.SharesFromTokensTruncated(amount)
		c.SharesFromToks, c.SharesFromTrunc = sft.String(), sftt.String()
		c.TokFromShares = v.TokensFromShares(delShares).String()
		c.TokFromTrunc = v.TokensFromSharesTruncated(delShares).String()
		c.TokFromRoundUp = v.TokensFromSharesRoundUp(delShares).String()
		added, issued := v.AddTokensFromDel(amount)
		c.AddTokens, c.AddShares, c.AddIssued = added.Tokens.String(), added.DelegatorShares.String(), issued.String()
		removed, got := v.RemoveDelShares(delShares)
		c.RemoveTokens, c.RemoveShares, c.RemoveIssued = removed.Tokens.String(), removed.DelegatorShares.String(), got.String()
		out = append(out, c)
	}
	return out
}

type commissionCase struct {
	Rate, MaxRate, MaxChangeRate string
	Seconds                      int64
	Nanos                        int64
	Text                         string
}

func commissionCases() []commissionCase {
	out := []commissionCase{}
	for _, c := range []struct {
		r, m, x string
		s, n    int64
	}{{"0.1", "0.2", "0.01", 1700000000, 5}, {"0", "0", "0", 0, 0}, {"0.05", "1", "0.5", 1700000000, 0}, {"1", "1", "1", 0, 7}} {
		com := types.NewCommissionWithTime(sdkmath.LegacyMustNewDecFromStr(c.r), sdkmath.LegacyMustNewDecFromStr(c.m), sdkmath.LegacyMustNewDecFromStr(c.x), time.Unix(c.s, c.n).UTC())
		v := types.Validator{Commission: com}
		out = append(out, commissionCase{com.Rate.BigInt().String(), com.MaxRate.BigInt().String(), com.MaxChangeRate.BigInt().String(), c.s, c.n, v.Commission.String()})
	}
	return out
}

type keyCase struct {
	Name string `json:"name"`
	Hex  string `json:"hex"`
}

func keyCases() []keyCase {
	ac := address.NewBech32Codec("plumevaloper")
	op := make([]byte, 20)
	for i := range op {
		op[i] = byte(i * 13)
	}
	opStr, _ := ac.BytesToString(op)
	v := types.Validator{OperatorAddress: opStr, Tokens: sdkmath.NewInt(123_456_789_012)}
	t := time.Unix(1700000000, 123456789).UTC()
	del := make([]byte, 20)
	for i := range del {
		del[i] = byte(255 - i)
	}
	return []keyCase{
		{"power_index", hex.EncodeToString(types.GetValidatorsByPowerIndexKey(v, sdk.DefaultPowerReduction, ac))},
		{"validator_queue", hex.EncodeToString(types.GetValidatorQueueKey(t, 42))},
		{"ubd_queue", hex.EncodeToString(types.GetUnbondingDelegationTimeKey(t))},
		{"red_queue", hex.EncodeToString(types.GetRedelegationTimeKey(time.Unix(0, 0).UTC()))},
		{"delegation", hex.EncodeToString(types.GetDelegationKey(del, op))},
		{"delegation_by_val", hex.EncodeToString(types.GetDelegationsByValKey(op, del))},
		{"ubd", hex.EncodeToString(types.GetUBDKey(del, op))},
		{"ubd_by_val", hex.EncodeToString(types.GetUBDByValIndexKey(del, op))},
		{"red", hex.EncodeToString(types.GetREDKey(del, op, del))},
		{"red_by_src", hex.EncodeToString(types.GetREDByValSrcIndexKey(del, op, del))},
		{"red_by_dst", hex.EncodeToString(types.GetREDByValDstIndexKey(del, op, del))},
		{"historical", hex.EncodeToString(types.GetHistoricalInfoKey(77))},
		{"last_power", hex.EncodeToString(types.GetLastValidatorPowerKey(op))},
		{"validator", hex.EncodeToString(types.GetValidatorKey(op))},
	}
}

func genesisJSON() json.RawMessage {
	enc := moduletestutil.MakeTestEncodingConfig(staking.AppModuleBasic{})
	pk := ed25519.PrivKey{Key: make([]byte, 64)}
	for i := range pk.Key {
		pk.Key[i] = byte(i)
	}
	pkAny, err := codectypes.NewAnyWithValue(pk.PubKey())
	if err != nil {
		panic(err)
	}
	t := time.Unix(1700000000, 120000000).UTC()
	val := types.Validator{
		OperatorAddress:   "plumevaloper1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnhhd9l4",
		ConsensusPubkey:   pkAny,
		Status:            types.Bonded,
		Tokens:            sdkmath.NewInt(1_000_000),
		DelegatorShares:   sdkmath.LegacyNewDec(1_000_000),
		Description:       types.Description{Moniker: "v0", Details: "d"},
		UnbondingTime:     time.Unix(0, 0).UTC(),
		Commission:        types.NewCommissionWithTime(sdkmath.LegacyNewDecWithPrec(1, 1), sdkmath.LegacyNewDecWithPrec(2, 1), sdkmath.LegacyNewDecWithPrec(1, 2), t),
		MinSelfDelegation: sdkmath.OneInt(),
		UnbondingIds:      []uint64{3, 4},
	}
	gs := types.GenesisState{
		Params:              types.DefaultParams(),
		LastTotalPower:      sdkmath.NewInt(1),
		LastValidatorPowers: []types.LastValidatorPower{{Address: val.OperatorAddress, Power: 1}},
		Validators:          []types.Validator{val},
		Delegations:         []types.Delegation{{DelegatorAddress: "plume1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnc9kvmu", ValidatorAddress: val.OperatorAddress, Shares: sdkmath.LegacyNewDec(1_000_000)}},
		UnbondingDelegations: []types.UnbondingDelegation{{
			DelegatorAddress: "plume1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnc9kvmu", ValidatorAddress: val.OperatorAddress,
			Entries: []types.UnbondingDelegationEntry{types.NewUnbondingDelegationEntry(5, t.Add(time.Hour), sdkmath.NewInt(10), 1)},
		}},
		Redelegations: []types.Redelegation{{
			DelegatorAddress: "plume1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnc9kvmu", ValidatorSrcAddress: val.OperatorAddress, ValidatorDstAddress: val.OperatorAddress,
			Entries: []types.RedelegationEntry{types.NewRedelegationEntry(6, t.Add(time.Nanosecond), sdkmath.NewInt(7), sdkmath.LegacyNewDecWithPrec(75, 1), 2)},
		}},
		Exported: true,
	}
	bz, err := enc.Codec.MarshalJSON(&gs)
	if err != nil {
		panic(err)
	}
	return bz
}

func aminoUpdateParams() string {
	msg := &stakingv1beta1.MsgUpdateParams{
		Authority: "plume10d07y265gmmuvt4z0w9aw880jnsr700jlh7295",
		Params: &stakingv1beta1.Params{
			UnbondingTime:     durationpb.New(21 * 24 * time.Hour),
			MaxValidators:     100,
			MaxEntries:        7,
			HistoricalEntries: 0,
			BondDenom:         "uplume",
			MinCommissionRate: "50000000000000000",
		},
	}
	enc := aminojson.NewEncoder(aminojson.EncoderOptions{})
	bz, err := enc.Marshal(msg)
	if err != nil {
		panic(err)
	}
	return string(bz)
}

func main() {
	out := map[string]interface{}{
		"share_math":           shareCases(),
		"commission_text":      commissionCases(),
		"keys":                 keyCases(),
		"genesis_json":         genesisJSON(),
		"amino_update_params":  aminoUpdateParams(),
		"unix_zero_rfc3339":    time.Unix(0, 0).UTC().Format(time.RFC3339),
		"go_zero_time_rfc3339": time.Time{}.Format(time.RFC3339),
		"go_zero_time_unix":    time.Time{}.Unix(),
	}
	e := json.NewEncoder(os.Stdout)
	e.SetIndent("", "  ")
	if err := e.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
