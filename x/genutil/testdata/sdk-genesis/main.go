// Command sdk-genesis prints how Cosmos SDK v0.50.15's own codec (codec.ProtoCodec, the one every
// module's genesis goes through) reads and writes the genesis sections plumed implements: for each
// case the JSON InitChain would read and what an export would then write, or the error reading it.
// plumed's genesis tests (x/{auth,bank,staking,genutil}/genesis.test.ts) check that their readers
// and writers give the same bytes and refuse the same input. Not part of the app. Regenerate with:
//
//	cd x/genutil/testdata/sdk-genesis && go mod tidy && go run . > ../sdk-genesis.json
//
// (go.sum is left out on purpose; `go mod tidy` fetches it from the Go module proxy.)
package main

import (
	"encoding/json"
	"fmt"
	"os"

	sdkmath "cosmossdk.io/math"
	"github.com/cosmos/gogoproto/proto"

	"github.com/cosmos/cosmos-sdk/codec"
	kmultisig "github.com/cosmos/cosmos-sdk/crypto/keys/multisig"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	"github.com/cosmos/cosmos-sdk/x/auth"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/bank"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/cosmos/cosmos-sdk/x/staking"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

type genesisCase struct {
	Name   string `json:"name"`
	Input  string `json:"input"`
	Output string `json:"output,omitempty"`
	Error  string `json:"error,omitempty"`
}

var cdc codec.Codec

// bech32Of: the address of 20 bytes `n` with prefix `hrp`.
func bech32Of(hrp string, n byte) string {
	b := make([]byte, 20)
	for i := range b {
		b[i] = n
	}
	s, err := bech32.ConvertAndEncode(hrp, b)
	if err != nil {
		panic(err)
	}
	return s
}

func addr(n byte) string    { return bech32Of("plume", n) }
func valoper(n byte) string { return bech32Of("plumevaloper", n) }

// written: a state built in Go, as MarshalJSON writes it (input and output are the same bytes).
func written(name string, m proto.Message) genesisCase {
	bz, err := cdc.MarshalJSON(m)
	if err != nil {
		panic(err)
	}
	return genesisCase{Name: name, Input: string(bz), Output: string(bz)}
}

// read: JSON given to UnmarshalJSON (as InitChain reads a genesis section), then stored and read
// back as protobuf (as the state holds it), then what MarshalJSON writes (as an export does); or the
// error (or panic) reading it.
func read[T any, PT interface {
	*T
	codec.ProtoMarshaler
}](name, input string) (c genesisCase) {
	defer func() {
		if r := recover(); r != nil {
			c = genesisCase{Name: name, Input: input, Error: fmt.Sprintf("panic: %v", r)}
		}
	}()
	var m T
	if err := cdc.UnmarshalJSON([]byte(input), PT(&m)); err != nil {
		return genesisCase{Name: name, Input: input, Error: err.Error()}
	}
	bz, err := cdc.Marshal(PT(&m))
	if err != nil {
		return genesisCase{Name: name, Input: input, Error: "marshal: " + err.Error()}
	}
	var stored T
	if err := cdc.Unmarshal(bz, PT(&stored)); err != nil {
		return genesisCase{Name: name, Input: input, Error: "unmarshal: " + err.Error()}
	}
	out, err := cdc.MarshalJSON(PT(&stored))
	if err != nil {
		return genesisCase{Name: name, Input: input, Error: "marshal json: " + err.Error()}
	}
	return genesisCase{Name: name, Input: input, Output: string(out)}
}

func authCases() []genesisCase {
	secp := secp256k1.PrivKey{Key: make([]byte, 32)}
	for i := range secp.Key {
		secp.Key[i] = byte(i + 1)
	}
	secp2 := secp256k1.PrivKey{Key: make([]byte, 32)}
	for i := range secp2.Key {
		secp2.Key[i] = byte(i + 2)
	}
	multi := kmultisig.NewLegacyAminoPubKey(2, []cryptotypes.PubKey{secp.PubKey(), secp2.PubKey()})
	b1 := authtypes.NewBaseAccount(sdk.MustAccAddressFromBech32(addr(1)), nil, 0, 0)
	b2 := authtypes.NewBaseAccount(sdk.MustAccAddressFromBech32(addr(2)), secp.PubKey(), 1, 7)
	b3 := authtypes.NewBaseAccount(sdk.MustAccAddressFromBech32(addr(3)), multi, 2, 1)
	mod := authtypes.NewEmptyModuleAccount("bonded_tokens_pool", authtypes.Burner, authtypes.Staking)
	mod.AccountNumber = 3
	accounts := authtypes.GenesisAccounts{b1, b2, b3, mod}
	return []genesisCase{
		written("default", authtypes.DefaultGenesisState()),
		written("base, keyed, multisig and module accounts", authtypes.NewGenesisState(authtypes.DefaultParams(), accounts)),
		read[authtypes.GenesisState]("missing fields are zero values", `{"accounts":[{"@type":"/cosmos.auth.v1beta1.BaseAccount","address":"`+addr(4)+`"},{"@type":"/cosmos.auth.v1beta1.ModuleAccount","base_account":{"address":"`+addr(5)+`"},"name":"x"}]}`),
		read[authtypes.GenesisState]("a module account without its base account", `{"accounts":[{"@type":"/cosmos.auth.v1beta1.ModuleAccount","name":"x"}]}`),
		read[authtypes.GenesisState]("an account type that is not registered", `{"accounts":[{"@type":"/cosmos.bank.v1beta1.MsgSend"}]}`),
		read[authtypes.GenesisState]("camelCase names and numbers for uint64", `{"params":{"maxMemoCharacters":256,"tx_sig_limit":"7"},"accounts":[{"@type":"/cosmos.auth.v1beta1.BaseAccount","address":"`+addr(4)+`","accountNumber":5}]}`),
		read[authtypes.GenesisState]("an unknown field at the top", `{"params":{},"accounts":[],"extra":1}`),
		read[authtypes.GenesisState]("an unknown field in an account", `{"accounts":[{"@type":"/cosmos.auth.v1beta1.BaseAccount","address":"`+addr(4)+`","balance":"1"}]}`),
		read[authtypes.GenesisState]("an unknown field in a public key", `{"accounts":[{"@type":"/cosmos.auth.v1beta1.BaseAccount","address":"`+addr(4)+`","pub_key":{"@type":"/cosmos.crypto.secp256k1.PubKey","key":"AwAA","x":1}}]}`),
	}
}

func bankCases() []genesisCase {
	full := banktypes.GenesisState{
		Params: banktypes.DefaultParams(),
		Balances: []banktypes.Balance{
			{Address: addr(1), Coins: sdk.NewCoins(sdk.NewInt64Coin("stake", 100), sdk.NewInt64Coin("uatom", 7))},
			{Address: addr(2), Coins: sdk.NewCoins(sdk.NewCoin("stake", sdkmath.NewIntFromUint64(1<<63)))},
		},
		Supply: sdk.NewCoins(sdk.NewCoin("stake", sdkmath.NewIntFromUint64(1<<63).AddRaw(100)), sdk.NewInt64Coin("uatom", 7)),
		DenomMetadata: []banktypes.Metadata{{
			Description: "the staking token <&>",
			DenomUnits:  []*banktypes.DenomUnit{{Denom: "stake", Exponent: 0, Aliases: []string{"microstake"}}, {Denom: "STAKE", Exponent: 6}},
			Base:        "stake", Display: "STAKE", Name: "Stake", Symbol: "STK", URI: "https://x.y/z", URIHash: "ab",
		}},
		SendEnabled: []banktypes.SendEnabled{{Denom: "stake", Enabled: true}, {Denom: "uatom", Enabled: false}},
	}
	return []genesisCase{
		written("default", banktypes.DefaultGenesisState()),
		written("balances, supply, metadata and send-enabled entries", &full),
		read[banktypes.GenesisState]("missing fields are zero values", `{"balances":[{"address":"`+addr(1)+`","coins":[{"denom":"stake"}]}],"denom_metadata":[{"denom_units":[{}]}]}`),
		read[banktypes.GenesisState]("amounts in big.Int's syntax", `{"balances":[{"address":"`+addr(1)+`","coins":[{"denom":"a","amount":"0x10"},{"denom":"b","amount":"1_000"},{"denom":"c","amount":"+5"},{"denom":"d","amount":"010"}]}]}`),
		read[banktypes.GenesisState]("an amount beyond 256 bits", `{"supply":[{"denom":"stake","amount":"115792089237316195423570985008687907853269984665640564039457584007913129639936"}]}`),
		read[banktypes.GenesisState]("an amount that is a JSON number", `{"supply":[{"denom":"stake","amount":5}]}`),
		read[banktypes.GenesisState]("an unknown field in a coin", `{"balances":[{"address":"`+addr(1)+`","coins":[{"denom":"stake","amount":"1","extra":true}]}]}`),
		read[banktypes.GenesisState]("an unknown field at the top", `{"suply":[]}`),
	}
}

func stakingCases() []genesisCase {
	return []genesisCase{
		written("default", stakingtypes.DefaultGenesisState()),
		read[stakingtypes.GenesisState]("missing fields are zero values (a zero time is year 1)", `{"validators":[{"operator_address":"`+valoper(1)+`"}],"unbonding_delegations":[{"entries":[{}]}]}`),
		read[stakingtypes.GenesisState]("durations as time.ParseDuration reads them", `{"params":{"unbonding_time":"504h","max_validators":"100","bond_denom":"stake","min_commission_rate":"0.05"},"last_total_power":"12"}`),
		read[stakingtypes.GenesisState]("a bad duration", `{"params":{"unbonding_time":"soon"}}`),
		read[stakingtypes.GenesisState]("an unknown field in a validator", `{"validators":[{"operator_address":"`+valoper(1)+`","power":"1"}]}`),
	}
}

func genutilCases() []genesisCase {
	tx := `{"body": {"messages": [], "memo": "a<b & c>d"},   "auth_info": {"signer_infos": []}, "signatures": []}`
	return []genesisCase{
		written("default", genutiltypes.DefaultGenesisState()),
		read[genutiltypes.GenesisState]("gentxs are embedded JSON, compacted and HTML-escaped", `{"gen_txs":[`+tx+`]}`),
		read[genutiltypes.GenesisState]("an unknown field", `{"gen_txs":[],"gentxs":[]}`),
	}
}

func main() {
	cfg := sdk.GetConfig()
	cfg.SetBech32PrefixForAccount("plume", "plumepub")
	cfg.SetBech32PrefixForValidator("plumevaloper", "plumevaloperpub")
	cfg.SetBech32PrefixForConsensusNode("plumevalcons", "plumevalconspub")
	enc := moduletestutil.MakeTestEncodingConfig(auth.AppModuleBasic{}, bank.AppModuleBasic{}, staking.AppModuleBasic{}, genutil.AppModuleBasic{})
	cdc = enc.Codec
	out := map[string]interface{}{
		"auth":    authCases(),
		"bank":    bankCases(),
		"staking": stakingCases(),
		"genutil": genutilCases(),
	}
	e := json.NewEncoder(os.Stdout)
	e.SetEscapeHTML(false)
	e.SetIndent("", "  ")
	if err := e.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
