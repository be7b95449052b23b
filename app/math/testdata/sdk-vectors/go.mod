// The vector generator for app/math/sdk-vectors.test.ts; not part of the app. Regenerate with:
//   cd app/math/testdata/sdk-vectors && go mod tidy && go run . > ../sdk-vectors.json
// (go.sum is left out on purpose; `go mod tidy` fetches it from the Go module proxy.)
module plumed/app/math/testdata/sdk-vectors

go 1.22

require (
	cosmossdk.io/math v1.4.0
	github.com/cosmos/cosmos-sdk v0.50.15
)
