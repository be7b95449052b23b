// The vector generator for x/staking's SDK-parity tests; not part of the app. Regenerate with:
//   cd x/staking/testdata/sdk-vectors && go mod tidy && go run . > ../sdk-vectors.json
// (go.sum is left out on purpose; `go mod tidy` fetches it from the Go module proxy.)
module plumed/x/staking/testdata/sdk-vectors

go 1.22

require (
	cosmossdk.io/api v0.7.6
	cosmossdk.io/math v1.4.0
	cosmossdk.io/x/tx v0.13.7
	github.com/cosmos/cosmos-sdk v0.50.15
	google.golang.org/protobuf v1.36.5
)
