// The genesis JSON vector generator for plumed's genesis tests; not part of the app. Regenerate with:
//   cd x/genutil/testdata/sdk-genesis && go mod tidy && go run . > ../sdk-genesis.json
// (go.sum is left out on purpose; `go mod tidy` fetches it from the Go module proxy.)
module plumed/x/genutil/testdata/sdk-genesis

go 1.22

require (
	cosmossdk.io/math v1.4.0
	github.com/cosmos/cosmos-sdk v0.50.15
	github.com/cosmos/gogoproto v1.7.0
)
