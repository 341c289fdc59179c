// Command layoutcheck runs the layout checker (internal/layoutcheck) on
// SVG files that cjm wrote, for a developer changing a view: it prints
// every problem, grouped by check, and exits 1 when there is any.
//
// Usage:
//
//	go run ./cmd/layoutcheck [-page a3-landscape] FILE.svg...
//
// -page is the paper of the 7 pt rule (raster.ParsePage; default auto:
// the drawing's own size). The corpus test (go test -v -run TestCorpus
// ./internal/layoutcheck) runs the same checks on every example and
// stress map.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/cjm-dev/cjm/internal/layoutcheck"
	"github.com/cjm-dev/cjm/pkg/raster"
)

func main() {
	pageName := flag.String("page", "auto", "paper of the 7 pt rule: auto, a4, a3, letter or tabloid, optionally -landscape")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: layoutcheck [-page SIZE] FILE.svg...")
		os.Exit(2)
	}
	page, err := raster.ParsePage(*pageName)
	if err != nil {
		fmt.Fprintln(os.Stderr, "layoutcheck:", err)
		os.Exit(2)
	}
	found := false
	for _, file := range flag.Args() {
		n, err := check(file, page)
		if err != nil {
			fmt.Fprintf(os.Stderr, "layoutcheck: %s: %v\n", file, err)
			os.Exit(2)
		}
		found = found || n > 0
	}
	if found {
		os.Exit(1)
	}
}

// check prints the problems of one file and returns their number.
func check(file string, page raster.Page) (int, error) {
	svg, err := os.ReadFile(file)
	if err != nil {
		return 0, err
	}
	scale := 1.0
	if !page.Auto() {
		if scale, err = layoutcheck.PageScale(svg, page); err != nil {
			return 0, err
		}
	}
	problems, err := layoutcheck.Check(svg, layoutcheck.Options{Scale: scale})
	if err != nil {
		return 0, err
	}
	by := map[string]int{}
	for _, p := range problems {
		by[p.Check]++
	}
	for _, c := range layoutcheck.Checks {
		if by[c] > 0 {
			fmt.Printf("%s: %s: %d problem(s)\n", file, c, by[c])
		}
		for _, p := range problems {
			if p.Check == c {
				fmt.Printf("\t%s\n", p)
			}
		}
	}
	return len(problems), nil
}
