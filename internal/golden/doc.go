// Package golden compares test output with golden files under a package's
// testdata/. It registers the -update flag once for every test binary that
// imports it: `go test ./... -update` (and `make update`) accepts the
// output as the new golden files. Only tests import it.
package golden
