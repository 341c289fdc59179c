package cmdutil

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// CheckRoot returns an error when --root names something other than a
// directory; an empty root (not given) is fine.
func CheckRoot(root string) error {
	if root == "" {
		return nil
	}
	if info, err := os.Stat(root); err != nil || !info.IsDir() {
		return fmt.Errorf("--root %s: not a directory", root)
	}
	return nil
}

// CompleteJourneyFiles is the argument completion of the commands that
// take journey files: YAML files (and directories).
func CompleteJourneyFiles(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
}
