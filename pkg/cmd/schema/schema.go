package schema

import (
	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/schema"
)

// Options are the dependencies of `cjm schema`.
type Options struct {
	IO *iostreams.IOStreams
}

// NewCmdSchema builds `cjm schema`. runF replaces schemaRun in tests.
func NewCmdSchema(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the journey format",
		Long: `Print the JSON Schema (draft-07) of journey format 1 on stdout.

Editors with yaml-language-server (VS Code's YAML extension, Neovim, Helix,
JetBrains) use it to complete keys, show their help and flag mistakes as you
type. Save it next to your maps and point the files at it with a modeline:

    cjm schema > cjm.schema.json
    # yaml-language-server: $schema=cjm.schema.json

The schema catches unknown keys, bad ids, wrong types and values; cjm
validate also checks references, duplicates and includes. See docs/editors.md.`,
		Example: `  cjm schema > cjm.schema.json`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return schemaRun(opts)
		},
	}
	return cmd
}

func schemaRun(opts *Options) error {
	_, err := opts.IO.Out.Write(schema.JSON())
	return err
}
