package validate_test

import (
	"os"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/validate"
)

// TestDocsListRules keeps docs/format.md's rule table in step with Rules.
func TestDocsListRules(t *testing.T) {
	doc, err := os.ReadFile("../../docs/format.md")
	if err != nil {
		t.Skip("docs/format.md:", err)
	}
	for _, r := range validate.Rules {
		row := "| `" + r.Name + "` | " + r.Severity.String() + " | " + r.Description + " |"
		if !strings.Contains(string(doc), row) {
			t.Errorf("docs/format.md lacks the row\n%s", row)
		}
	}
}
