// Command gendocs writes cjm's command reference from the cobra command
// tree: Markdown pages into docs/commands and man pages into docs/man.
// `make docs` runs it; a test fails when the committed pages are stale.
//
// cobra's own doc package is not used: its man-page half needs
// github.com/cpuguy83/go-md2man/v2, which is not in go.sum. The generator
// here is small, and it writes no dates or versions, so the pages are the
// same on every machine. Man pages are plain ASCII: other characters are
// groff escapes (\[u2026]) with an ASCII fallback for the typographic ones,
// which go-md2man would not give either (it writes raw UTF-8).
//
// Usage:
//
//	go run ./cmd/gendocs [DIR]   (default: docs)
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cjm-dev/cjm/pkg/atomicfile"
	"github.com/cjm-dev/cjm/pkg/cmd/root"
	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/iostreams"
)

func main() {
	dir := "docs"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := write(dir); err != nil {
		fmt.Fprintf(os.Stderr, "gendocs: %v\n", err)
		os.Exit(1)
	}
}

// Subdirectories of the docs directory that gendocs owns entirely.
var owned = []string{"commands", "man"}

// write replaces the generated pages under dir: new and changed pages are
// written, pages of commands that no longer exist are removed.
func write(dir string) error {
	pages := generate(commandTree())
	for _, sub := range owned {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
		entries, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			return err
		}
		for _, e := range entries {
			name := sub + "/" + e.Name()
			if _, ok := pages[name]; !ok && !e.IsDir() {
				if err := os.Remove(filepath.Join(dir, sub, e.Name())); err != nil {
					return err
				}
			}
		}
	}
	for _, name := range sortedKeys(pages) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, pages[name]) {
			continue
		}
		if err := atomicfile.WriteFile(path, pages[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// commandTree builds cjm's command tree as `cjm help` sees it.
func commandTree() *cobra.Command {
	ios, _, _, _ := iostreams.Test()
	cmd := root.NewCmdRoot(&cmdutil.Factory{IO: ios, Version: "dev"})
	cmd.DisableAutoGenTag = true
	return cmd
}

// generate returns every page, by slash-separated path under the docs
// directory: commands/cjm_init.md, man/cjm-init.1 …
func generate(rootCmd *cobra.Command) map[string][]byte {
	pages := map[string][]byte{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if !shown(c) {
			return
		}
		pages["commands/"+mdName(c)] = markdown(c)
		pages["man/"+manName(c)] = man(c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(rootCmd)
	return pages
}

func shown(c *cobra.Command) bool {
	return c.IsAvailableCommand() || c == c.Root()
}

func children(c *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, sub := range c.Commands() {
		if shown(sub) {
			out = append(out, sub)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

func mdName(c *cobra.Command) string {
	return strings.ReplaceAll(c.CommandPath(), " ", "_") + ".md"
}

func manName(c *cobra.Command) string {
	return strings.ReplaceAll(c.CommandPath(), " ", "-") + ".1"
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func description(c *cobra.Command) string {
	if c.Long != "" {
		return strings.TrimSpace(c.Long)
	}
	return strings.TrimSpace(c.Short)
}

func flagUsages(fs *pflag.FlagSet) string {
	return strings.TrimRight(fs.FlagUsagesWrapped(0), "\n")
}

// markdown renders one command's page, in the layout of cobra's doc
// package (so existing tooling and habits apply).
func markdown(c *cobra.Command) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "## %s\n\n%s\n\n", c.CommandPath(), c.Short)
	fmt.Fprintf(&b, "### Synopsis\n\n%s\n\n", mdText(description(c)))
	if c.Runnable() {
		fmt.Fprintf(&b, "```\n%s\n```\n\n", c.UseLine())
	}
	if c.Example != "" {
		fmt.Fprintf(&b, "### Examples\n\n```\n%s\n```\n\n", strings.TrimRight(c.Example, "\n"))
	}
	if fl := c.NonInheritedFlags(); fl.HasAvailableFlags() {
		fmt.Fprintf(&b, "### Options\n\n```\n%s\n```\n\n", flagUsages(fl))
	}
	if fl := c.InheritedFlags(); fl.HasAvailableFlags() {
		fmt.Fprintf(&b, "### Options inherited from parent commands\n\n```\n%s\n```\n\n", flagUsages(fl))
	}
	var see []string
	if c.HasParent() {
		p := c.Parent()
		see = append(see, fmt.Sprintf("* [%s](%s)\t - %s", p.CommandPath(), mdName(p), p.Short))
	}
	for _, sub := range children(c) {
		see = append(see, fmt.Sprintf("* [%s](%s)\t - %s", sub.CommandPath(), mdName(sub), sub.Short))
	}
	if len(see) > 0 {
		fmt.Fprintf(&b, "### SEE ALSO\n\n%s\n", strings.Join(see, "\n"))
	}
	return append(bytes.TrimRight(b.Bytes(), "\n"), '\n')
}

// mdText keeps a help text readable as Markdown: runs of indented lines
// (commands, lists of choices) become code blocks, the rest is prose with
// Markdown's special characters escaped.
func mdText(s string) string {
	var out, blanks []string
	inCode := false
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			blanks = append(blanks, "")
			continue
		}
		indented := strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")
		switch {
		case indented && !inCode:
			out = append(out, blanks...)
			out = append(out, "```")
			inCode = true
		case !indented && inCode:
			out = append(out, "```")
			inCode = false
			out = append(out, blanks...)
		default:
			out = append(out, blanks...)
		}
		blanks = nil
		if !inCode {
			line = mdEscape(line)
		}
		out = append(out, line)
	}
	if inCode {
		out = append(out, "```")
	}
	return strings.Join(out, "\n")
}

// mdEscape keeps prose from turning into emphasis, links or HTML
// ("*.yaml and *.yml", "<base>.<ext>"); backticks stay code spans.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`)

func mdEscape(s string) string { return mdEscaper.Replace(s) }

// man renders one command's man page in section 1.
func man(c *cobra.Command) []byte {
	var b bytes.Buffer
	name := strings.ReplaceAll(c.CommandPath(), " ", "-")
	fmt.Fprintf(&b, ".TH %s 1 \"\" \"cjm\" \"cjm manual\"\n", roffQuote(strings.ToUpper(name)))
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", roff(name), roff(c.Short))
	fmt.Fprintf(&b, ".SH SYNOPSIS\n.B %s\n", roff(c.CommandPath()))
	if c.Runnable() {
		if rest := strings.TrimPrefix(c.UseLine(), c.CommandPath()); strings.TrimSpace(rest) != "" {
			fmt.Fprintf(&b, "%s\n", roff(strings.TrimSpace(rest)))
		}
	} else {
		b.WriteString("COMMAND [flags]\n")
	}
	fmt.Fprintf(&b, ".SH DESCRIPTION\n%s", roffText(description(c)))
	if fl := c.NonInheritedFlags(); fl.HasAvailableFlags() {
		b.WriteString(".SH OPTIONS\n")
		manFlags(&b, fl)
	}
	if fl := c.InheritedFlags(); fl.HasAvailableFlags() {
		b.WriteString(".SH OPTIONS INHERITED FROM PARENT COMMANDS\n")
		manFlags(&b, fl)
	}
	if c.Example != "" {
		fmt.Fprintf(&b, ".SH EXAMPLES\n.PP\n.RS\n.nf\n%s\n.fi\n.RE\n", roffLines(dedent(strings.TrimRight(c.Example, "\n"))))
	}
	var see []string
	if c.HasParent() {
		see = append(see, "\\fB"+roff(strings.ReplaceAll(c.Parent().CommandPath(), " ", "-"))+"\\fR(1)")
	}
	for _, sub := range children(c) {
		see = append(see, "\\fB"+roff(strings.ReplaceAll(sub.CommandPath(), " ", "-"))+"\\fR(1)")
	}
	if len(see) > 0 {
		fmt.Fprintf(&b, ".SH SEE ALSO\n%s\n", strings.Join(see, ", "))
	}
	page := b.String()
	th := strings.IndexByte(page, '\n') + 1
	return []byte(page[:th] + fallbacks(page) + page[th:])
}

func manFlags(b *bytes.Buffer, fs *pflag.FlagSet) {
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		varname, usage := pflag.UnquoteUsage(f)
		head := ""
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			head = "\\fB\\-" + roff(f.Shorthand) + "\\fR, "
		}
		head += "\\fB\\-\\-" + roff(f.Name) + "\\fR"
		if varname != "" {
			head += " \\fI" + roff(varname) + "\\fR"
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" && f.DefValue != "0" {
			usage += " (default " + f.DefValue + ")"
		}
		fmt.Fprintf(b, ".TP\n%s\n%s\n", head, roff(usage))
	})
}

// roff escapes text for a roff line: backslashes, hyphens, a leading dot
// or apostrophe that would start a request, and every non-ASCII character
// as a groff Unicode escape (\[u2026]), so a page is plain ASCII and reads
// the same whatever the reader's locale (see asciiFallbacks).
func roff(s string) string {
	s = strings.ReplaceAll(s, "\\", "\\e")
	// \- is the ASCII hyphen-minus, so flags copied from the page work.
	s = strings.ReplaceAll(s, "-", "\\-")
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = "\\&" + s
	}
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		b.WriteString(glyph(r))
	}
	return b.String()
}

// glyph is groff's escape for a character: \[u2026], four to six upper-case
// hex digits.
func glyph(r rune) string { return fmt.Sprintf("\\[u%04X]", r) }

// asciiFallbacks are what an ASCII terminal shows for the typographic
// characters of the help texts: groff has no glyph for `…` on its ascii
// device (`LANG=C man` drops it with a warning), so each page that uses
// one defines it, for devices that lack it, as these characters.
var asciiFallbacks = map[rune]string{
	'…': "...", '—': "\\-\\-", '–': "\\-", '−': "\\-", '→': "\\->", '←': "<\\-", '“': "\\(dq", '”': "\\(dq",
	'‘': "'", '’': "'", '•': "*", '×': "x", '≤': "<=", '≥': ">=", '▲': "^", '▼': "v", '★': "*",
	'✓': "+", '✗': "x", '«': "<<", '»': ">>",
}

// fallbacks returns the .char requests that give the characters of a
// page (its \[uXXXX] escapes) an ASCII look where the output device has
// no glyph for them.
func fallbacks(page string) string {
	var used []rune
	for _, m := range glyphEscape.FindAllStringSubmatch(page, -1) {
		v, _ := strconv.ParseUint(m[1], 16, 32)
		r := rune(v)
		if _, ok := asciiFallbacks[r]; ok && !slices.Contains(used, r) {
			used = append(used, r)
		}
	}
	slices.Sort(used)
	var b strings.Builder
	for _, r := range used {
		fmt.Fprintf(&b, ".if !c%s .char %s %s\n", glyph(r), glyph(r), asciiFallbacks[r])
	}
	return b.String()
}

var glyphEscape = regexp.MustCompile(`\\\[u([0-9A-F]{4,6})\]`)

func roffQuote(s string) string {
	return "\"" + strings.ReplaceAll(roff(s), "\"", "\\(dq") + "\""
}

func roffLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = roff(l)
	}
	return strings.Join(lines, "\n")
}

// roffText turns a help text into paragraphs (.PP) and, for runs of
// indented lines, literal blocks (.nf … .fi) with the common indentation
// removed.
func roffText(s string) string {
	var b strings.Builder
	b.WriteString(".PP\n")
	var block []string
	flush := func() {
		for len(block) > 0 && strings.TrimSpace(block[len(block)-1]) == "" {
			block = block[:len(block)-1]
		}
		if len(block) == 0 {
			return
		}
		b.WriteString(".RS\n.nf\n" + roffLines(dedent(strings.Join(block, "\n"))) + "\n.fi\n.RE\n.PP\n")
		block = nil
	}
	for _, line := range strings.Split(s, "\n") {
		indented := strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")
		blank := strings.TrimSpace(line) == ""
		switch {
		case indented || (blank && len(block) > 0):
			block = append(block, line)
		case blank:
			b.WriteString(".PP\n")
		default:
			flush()
			b.WriteString(roff(line) + "\n")
		}
	}
	flush()
	out := strings.ReplaceAll(b.String(), ".PP\n.PP\n", ".PP\n")
	return strings.TrimSuffix(out, ".PP\n")
}

// dedent removes the indentation that every non-blank line shares.
func dedent(s string) string {
	lines := strings.Split(s, "\n")
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if common < 0 || n < common {
			common = n
		}
	}
	for i, l := range lines {
		if len(l) >= common && common > 0 {
			lines[i] = l[common:]
		}
	}
	return strings.Join(lines, "\n")
}
