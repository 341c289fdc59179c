package root

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	diffcmd "github.com/cjm-dev/cjm/pkg/cmd/diff"
	fmtcmd "github.com/cjm-dev/cjm/pkg/cmd/fmt"
	importcmd "github.com/cjm-dev/cjm/pkg/cmd/import"
	initcmd "github.com/cjm-dev/cjm/pkg/cmd/init"
	kpicmd "github.com/cjm-dev/cjm/pkg/cmd/kpi"
	"github.com/cjm-dev/cjm/pkg/cmd/render"
	schemacmd "github.com/cjm-dev/cjm/pkg/cmd/schema"
	servecmd "github.com/cjm-dev/cjm/pkg/cmd/serve"
	"github.com/cjm-dev/cjm/pkg/cmd/validate"
	"github.com/cjm-dev/cjm/pkg/cmd/version"
	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/iostreams"
)

// Main runs cjm with the process's arguments and streams and returns the
// exit code. cmd/cjm calls it; so do the end-to-end tests.
func Main() int {
	f := &cmdutil.Factory{IO: iostreams.System(), Version: version.FromBuildInfo()}
	return Run(f, os.Args[1:])
}

// Run executes the command tree with args and maps the outcome to an exit
// code; it is the one place where errors become exit codes and messages.
func Run(f *cmdutil.Factory, args []string) int {
	cmd := NewCmdRoot(f)
	cmd.SetArgs(args)
	executed, err := cmd.ExecuteC()
	if err == nil {
		return cmdutil.ExitOK
	}
	if executed == nil {
		executed = cmd
	}
	if isUsageError(err) {
		err = &cmdutil.FlagError{Err: err}
	}
	var flagErr *cmdutil.FlagError
	switch {
	case errors.Is(err, cmdutil.SilentError):
		// The command has already said what went wrong.
	case errors.As(err, &flagErr):
		fmt.Fprintf(f.IO.ErrOut, "cjm: %s\n", strings.TrimRight(err.Error(), "\n"))
		fmt.Fprintf(f.IO.ErrOut, "Run '%s --help' for usage.\n", executed.CommandPath())
	default:
		fmt.Fprintf(f.IO.ErrOut, "cjm: %s\n", strings.TrimRight(err.Error(), "\n"))
	}
	return cmdutil.ExitCode(err)
}

// isUsageError recognises the usage errors cobra returns without passing
// them through the flag-error hook or a command's Args (those are wrapped
// in NewCmdRoot and wrapArgs): chiefly an unknown command.
func isUsageError(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command ") ||
		strings.HasPrefix(msg, "unknown flag") ||
		strings.HasPrefix(msg, "unknown shorthand flag") ||
		strings.HasPrefix(msg, "if any flags in the group") // --config with --no-config
}

// NewCmdRoot builds the command tree. f.Root, f.IO.Quiet and f.IO.NoColor
// are bound to the global flags, so commands read them when they run.
func NewCmdRoot(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cjm <command> [flags]",
		Short: "Customer journey maps as code",
		Long: `cjm keeps customer journey maps as YAML: it validates them, renders
them as diagrams and reports, shows what changed between versions and keeps
the files in a canonical layout.

PATH arguments may be files or directories. A file named explicitly is
always read; a directory is walked recursively for *.yaml and *.yml files
with a top-level "cjm" key, skipping other YAML, hidden directories and
node_modules. Results come in sorted path order.

Diagnostics and progress go to stderr, results to stdout. Colour only on a
terminal, never with --no-color or a non-empty NO_COLOR.

Exit codes: 0 done, 1 the input has errors (or differences, stale outputs,
unformatted files), 2 the command could not run (bad flag, missing file).

Reference: docs/cli.md.`,
		Version:       f.Version,
		SilenceUsage:  true,
		SilenceErrors: true,
		// cobra's default for a bare "cjm": print help.
	}
	cmd.SetOut(f.IO.Out)
	cmd.SetErr(f.IO.ErrOut)
	cmd.SetVersionTemplate("cjm {{.Version}}\n")
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &cmdutil.FlagError{Err: err}
	})

	pf := cmd.PersistentFlags()
	pf.StringVar(&f.Root, "root", "", "`DIR` that include paths may not leave (default: top of the git work tree, else the working directory)")
	pf.StringVar(&f.Config, "config", "", "project configuration `FILE` for every map (default: the nearest .cjm.yaml of each map, up to --root)")
	pf.BoolVar(&f.NoConfig, "no-config", false, "read no project configuration (.cjm.yaml)")
	cmd.MarkFlagsMutuallyExclusive("config", "no-config")
	pf.BoolVarP(&f.IO.Quiet, "quiet", "q", false, "print no progress or summary lines")
	pf.BoolVar(&f.IO.NoColor, "no-color", f.IO.NoColor, "never colour the output (also set by NO_COLOR)")

	// One line per command (cjm help lists them sorted).
	cmd.AddCommand(diffcmd.NewCmdDiff(f, nil))
	cmd.AddCommand(fmtcmd.NewCmdFmt(f, nil))
	cmd.AddCommand(render.NewCmdRender(f, nil), render.NewCmdWorker(f))
	cmd.AddCommand(importcmd.NewCmdImport(f, nil))
	cmd.AddCommand(initcmd.NewCmdInit(f, nil))
	cmd.AddCommand(kpicmd.NewCmdKPI(f, nil))
	cmd.AddCommand(schemacmd.NewCmdSchema(f, nil))
	cmd.AddCommand(servecmd.NewCmdServe(f, nil))
	cmd.AddCommand(validate.NewCmdValidate(f, nil))
	cmd.AddCommand(version.NewCmdVersion(f))

	completion(cmd)
	wrapArgs(cmd)
	return cmd
}

// completion adds cobra's `completion bash|zsh|fish|powershell` now rather
// than when it runs, and makes `cjm completion` without a known shell a
// usage error (exit 2) instead of help with exit 0.
func completion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.RunE = func(*cobra.Command, []string) error {
				return cmdutil.FlagErrorf("name a shell: bash, zsh, fish or powershell")
			}
		}
	}
}

// wrapArgs turns every argument-count error of every command into a
// FlagError, so a bad command line always exits 2 with a usage hint.
func wrapArgs(c *cobra.Command) {
	if args := c.Args; args != nil {
		c.Args = func(cmd *cobra.Command, a []string) error {
			if err := args(cmd, a); err != nil {
				return &cmdutil.FlagError{Err: err}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		wrapArgs(sub)
	}
}
