// Prints, for each input address, what the SDK v0.50 address codec and sdk.AccAddressFromBech32
// return (hex bytes or "ERR <text>"), as the vectors of x/bank/address-codec.test.ts.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

func main() {
	var inputs []string
	_ = json.NewDecoder(os.Stdin).Decode(&inputs)
	codec := address.NewBech32Codec("cosmos")
	type out struct {
		Codec  string `json:"codec"`
		Legacy string `json:"legacy"`
		Coins  string `json:"coins"`
	}
	var outs []out
	for _, in := range inputs {
		o := out{}
		if bz, err := codec.StringToBytes(in); err != nil {
			o.Codec = "ERR " + err.Error()
		} else {
			o.Codec = fmt.Sprintf("%x", bz)
		}
		if bz, err := sdk.AccAddressFromBech32(in); err != nil {
			o.Legacy = "ERR " + err.Error()
		} else {
			o.Legacy = fmt.Sprintf("%x", bz)
		}
		outs = append(outs, o)
	}
	_ = json.NewEncoder(os.Stdout).Encode(outs)
}
