package csv

import (
	"testing"

	"github.com/cjm-dev/cjm/pkg/report/reporttest"
)

// TestMinimal renders maps at the edges of the format without failing or
// panicking, and deterministically.
func TestMinimal(t *testing.T) {
	reporttest.RunMinimal(t, Render)
}
