package markdown

import (
	"testing"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"
)

// TestMinimal renders maps at the edges of the format without failing or
// panicking, and deterministically.
func TestMinimal(t *testing.T) {
	reporttest.RunMinimal(t, func(m *journey.Map) ([]byte, error) {
		return Render(m, Options{SVGLinks: map[string]string{"map": "x.svg"}, Views: testViews("en")})
	})
}
