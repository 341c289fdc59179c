package findings_test

import (
	"os"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/findings"
)

func ExampleWriteText() {
	src := diag.Sources{"maps/b2b.yaml": []byte("cjm: 1\ntitle: B2B\nlang: fr\n")}
	ds := diag.Diagnostics{diag.Errorf(
		diag.Range{Filename: "maps/b2b.yaml", Start: diag.Pos{Line: 3, Column: 7}, End: diag.Pos{Line: 3, Column: 9}},
		"bad-enum", "`lang` cannot be %q; use one of `en`, `ru`", "fr")}
	_ = findings.WriteText(os.Stdout, ds, src, findings.TextOptions{})
	_ = findings.WriteSummary(os.Stdout, ds, 1)
	// Output:
	// maps/b2b.yaml:3:7: error: `lang` cannot be "fr"; use one of `en`, `ru` [bad-enum]
	//  3 | lang: fr
	//    |       ^~
	// 1 error, 0 warnings in 1 file
}

// Check a journey file and print its findings as cjm validate does, or
// as SARIF for code scanning.
func Example_check() {
	res := check.File("maps/b2b.yaml", check.Options{})
	if len(res.Diags) > 0 {
		_ = findings.WriteText(os.Stderr, res.Diags, res.Sources, findings.TextOptions{})
		_ = findings.WriteSARIF(os.Stdout, res.Diags, findings.SARIFOptions{Root: "."})
	}
	if !res.Diags.HasErrors() {
		_ = res.Map // *journey.Map, ready to render
	}
}
