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
	// Config is --config: the schema of .cjm.yaml instead of the map's.
	Config bool
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
validate also checks references, duplicates and includes. See docs/editors.md.

With --config it prints the schema of the project configuration, .cjm.yaml
(docs/config.md), for the modeline
    # yaml-language-server: $schema=cjm-config.schema.json`,
		Example: `  cjm schema > cjm.schema.json
  cjm schema --config > cjm-config.schema.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return schemaRun(opts)
		},
	}
	// Not the global --config FILE: a local flag of the same name, so
	// `cjm schema --config` reads as it is meant.
	cmd.Flags().BoolVar(&opts.Config, "config", false, "print the schema of the project configuration (.cjm.yaml)")
	return cmd
}

func schemaRun(opts *Options) error {
	out := schema.JSON()
	if opts.Config {
		out = schema.ConfigJSON()
	}
	_, err := opts.IO.Out.Write(out)
	return err
}
