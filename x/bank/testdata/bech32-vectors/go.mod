// The vector generator for x/bank/address-codec.test.ts; not part of the app. Regenerate with:
//   cd x/bank/testdata/bech32-vectors && go mod tidy && go run . < inputs.json
// where inputs.json is the list of "input" strings of ../bech32-go-vectors.json.
module plumed/x/bank/testdata/bech32-vectors

go 1.22

require github.com/cosmos/cosmos-sdk v0.50.15
