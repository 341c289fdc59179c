// Command cjm keeps customer journey maps as code: it validates, renders,
// diffs and formats journey YAML files. See docs/cli.md.
package main

import (
	"os"

	"github.com/cjm-dev/cjm/pkg/cmd/root"
)

func main() {
	os.Exit(root.Main())
}
