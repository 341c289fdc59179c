package config

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/ruleset"
	"github.com/cjm-dev/cjm/pkg/suggest"
	"github.com/cjm-dev/cjm/pkg/validate"
)

// FileName is the name of the configuration file.
const FileName = ".cjm.yaml"

// Formats and Views are the values `render.formats` and `render.views`
// accept: the formats and views of `cjm render` (a test of pkg/cmd/root
// keeps them equal).
var (
	Formats = []string{"svg", "png", "pdf", "dot", "md", "html", "mermaid", "csv", "json", "xlsx"}
	Views   = []string{"flow", "kpi", "map"}
	// PageSizes are the paper sizes of `render.page-size` (each but auto
	// also with -landscape), the sizes of `cjm render --page` (a test of
	// pkg/cmd/render keeps them equal to raster.PageNames). Themes are the
	// built-in themes `render.theme` names; it also takes a theme file (a
	// test of pkg/theme keeps them equal to theme.Names).
	PageSizes = []string{"auto", "a4", "a3", "letter", "tabloid"}
	Themes    = []string{"default", "print"}
)

// Presets are the names `policy:` and `policy.preset` accept.
var Presets = []string{"b2b"}

// Config is one configuration file, as loaded.
type Config struct {
	// File is the path of the file; empty for the zero configuration (no
	// file applies, or --no-config).
	File string
	// Lang is the default `lang` of maps that do not set one; empty: en.
	Lang string
	// Preset is the policy preset (`b2b`) or empty.
	Preset string
	// Render holds the defaults of `cjm render`.
	Render Render
	// Set is what the file decides about rules, preset, policy
	// parameters and `rules:` merged; nil for the zero configuration.
	Set *ruleset.Set
}

// Render is the `render:` section. Formats, Views and Output are the
// defaults of `cjm render -f`, `--view` and `-o`; Output is relative to
// the configuration file's directory (Defaults joins it). PageSize, Theme
// and Fonts are the defaults of --page, --theme and --font (Paper gives
// them, file paths joined to the configuration file's directory).
type Render struct {
	Formats  []string
	Views    []string
	Output   string
	PageSize string
	Theme    string
	Fonts    []string
}

// Paper returns the defaults of `cjm render --page`, `--theme` and
// `--font`: the page size, the theme (a built-in name, or a theme file
// joined to the configuration file's directory) and the font files (joined
// likewise). Empty when the file does not set them; a nil Config has none.
func (c *Config) Paper() (page, theme string, fonts []string) {
	if c == nil {
		return "", "", nil
	}
	join := func(p string) string {
		if filepath.IsAbs(p) || c.File == "" {
			return p
		}
		return filepath.Join(filepath.Dir(c.File), p)
	}
	theme = c.Render.Theme
	if theme != "" && !slices.Contains(Themes, theme) {
		theme = join(theme)
	}
	for _, f := range c.Render.Fonts {
		fonts = append(fonts, join(f))
	}
	return c.Render.PageSize, theme, fonts
}

// Defaults returns the defaults `cjm render` takes for flags not given:
// formats, views, and the output directory (joined to the configuration
// file's directory; empty: next to each input). A nil Config has none.
func (c *Config) Defaults() (formats, views []string, outDir string) {
	if c == nil {
		return nil, nil, ""
	}
	outDir = c.Render.Output
	if outDir != "" && outDir != "-" && !filepath.IsAbs(outDir) && c.File != "" {
		outDir = filepath.Join(filepath.Dir(c.File), outDir)
	}
	return c.Render.Formats, c.Render.Views, outDir
}

// Rules returns the rule set of c (nil for a nil Config).
func (c *Config) Rules() *ruleset.Set {
	if c == nil {
		return nil
	}
	return c.Set
}

// Keys of the file, by section, in the order docs/config.md lists them.
var (
	topKeys    = []string{"lang", "rules", "policy", "render"}
	renderKeys = []string{"formats", "views", "output", "page-size", "theme", "font"}
	policyKeys = []string{"preset", "max-assumed", "max-evidence-age", "persona-fields", "feedback-metrics"}
)

// File reads and loads the configuration file at path, reading at most
// limit bytes (0 or less: no limit). The Config is nil when the file has
// errors; the sources hold its bytes for the findings' source lines.
func File(path string, limit int64) (*Config, diag.Diagnostics, diag.Sources) {
	src, d := load.ReadFile(path, limit)
	if d != nil {
		return nil, diag.Diagnostics{d}, nil
	}
	c, ds := Bytes(path, src)
	return c, ds, diag.Sources{path: src}
}

// Bytes loads a configuration file whose content is src, named filename in
// findings. The Config is nil when there are errors.
func Bytes(filename string, src []byte) (*Config, diag.Diagnostics) {
	p := &parser{Walker: load.Walker{Name: filename, File: FileName}, cfg: &Config{File: filename}, rules: map[string]ruleset.Level{}}
	top := p.Document(src)
	if p.Diags.HasErrors() {
		return nil, p.Diags
	}
	if top != nil {
		p.top(top)
	}
	p.finish()
	if p.Diags.HasErrors() {
		return nil, p.Diags
	}
	return p.cfg, p.Diags
}

// parser reads the file with load.Walker's rules (positions, unknown and
// repeated keys, types).
type parser struct {
	load.Walker
	cfg *Config
	// rules are the levels `rules:` gives; policy holds the parameters.
	rules  map[string]ruleset.Level
	params ruleset.Set
	// given lists the parameters written, turning their rules on.
	given []string
}

func (p *parser) top(n *yaml.Node) {
	for _, kv := range p.Fields(n, FileName, topKeys) {
		k, v := kv[0], kv[1]
		switch k.Value {
		case "lang":
			p.cfg.Lang = p.Enum(v, "lang", journey.Languages)
		case "rules":
			p.rulesSection(v)
		case "policy":
			p.policy(v)
		case "render":
			p.render(v)
		}
	}
}

func (p *parser) rulesSection(v *yaml.Node) {
	for _, kv := range p.Fields(v, "`rules`", nil) {
		k, v := kv[0], kv[1]
		r, ok := validate.Lookup(k.Value)
		switch {
		case !ok:
			p.Errorf(k, validate.RuleUnknownRule, "unknown rule `%s`%s", k.Value, ruleHint(k.Value))
			continue
		case !r.Adjustable():
			p.Errorf(k, validate.RuleFixedRule, "`%s` is an error that cannot be changed; only warnings and policy rules can be set (docs/rules.md)", k.Value)
			continue
		}
		s := ""
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!bool" && (v.Value == "false" || v.Value == "off") {
			s = "off" // YAML 1.1 readers take `off` for false
		} else if s = p.Enum(v, k.Value, ruleset.Levels); s == "" {
			continue
		}
		l, _ := ruleset.ParseLevel(s)
		p.rules[k.Value] = l
	}
}

// ruleHint suggests the closest adjustable rule.
func ruleHint(name string) string {
	var names []string
	for _, r := range validate.Rules {
		names = append(names, r.Name)
	}
	if h := suggest.DidYouMean(name, names); h != "" {
		return h
	}
	return "; the rules are listed in docs/rules.md"
}

func (p *parser) policy(v *yaml.Node) {
	if v.Kind == yaml.ScalarNode {
		p.cfg.Preset = p.Enum(v, "policy", Presets)
		return
	}
	for _, kv := range p.Fields(v, "`policy`", policyKeys) {
		k, v := kv[0], kv[1]
		switch k.Value {
		case "preset":
			p.cfg.Preset = p.Enum(v, "preset", Presets)
		case "max-assumed":
			if x, ok := p.Number(v, k.Value, 0, 100); ok {
				p.params.MaxAssumed = x
				p.given = append(p.given, validate.RuleTooManyAssumed)
			}
		case "max-evidence-age":
			if x, ok := p.Number(v, k.Value, 1, 36500); ok {
				if x != math.Trunc(x) {
					p.Errorf(v, load.RuleWrongType, "`max-evidence-age` is a whole number of days, not %s", v.Value)
					continue
				}
				p.params.MaxEvidenceAge = int(x)
				p.given = append(p.given, validate.RuleStaleEvidence)
			}
		case "persona-fields":
			p.params.PersonaFields = p.List(v, k.Value, validate.PersonaFields)
			p.given = append(p.given, validate.RulePersonaNoField)
		case "feedback-metrics":
			p.params.FeedbackMetrics = p.List(v, k.Value, nil)
			p.given = append(p.given, validate.RuleNoFeedback)
		}
	}
}

func (p *parser) render(v *yaml.Node) {
	r := &p.cfg.Render
	for _, kv := range p.Fields(v, "`render`", renderKeys) {
		k, v := kv[0], kv[1]
		switch k.Value {
		case "formats":
			r.Formats = p.List(v, "formats", Formats)
		case "views":
			r.Views = p.List(v, "views", Views)
		case "output":
			if s, ok := p.Text(v, "output"); ok {
				switch {
				case strings.TrimSpace(s) == "":
					p.Errorf(v, load.RuleMissingKey, "`output` is empty; name a directory, or remove the key to write next to each input")
				case s == "-":
					p.Errorf(v, load.RuleBadEnum, "`output: -` would send every render to stdout; name a directory (`render -o -` remains a command-line choice)")
				}
				r.Output = s
			}
		case "page-size":
			if s, ok := p.Text(v, "page-size"); ok {
				if base, land := strings.CutSuffix(s, "-landscape"); slices.Contains(PageSizes, base) && !(land && base == "auto") {
					r.PageSize = s
				} else {
					p.Errorf(v, load.RuleBadEnum, "`page-size: %s` is not allowed%s, each but auto optionally with -landscape (a3-landscape)", s, load.Hint(base, PageSizes))
				}
			}
		case "theme":
			r.Theme = p.theme(v)
		case "font":
			for _, it := range p.Items(v) {
				if s, ok := p.Text(it, "font"); ok {
					if p.exists(s) {
						r.Fonts = append(r.Fonts, s)
					} else {
						p.Errorf(it, load.RuleReadError, "`font: %s`: no such file next to %s; name a TrueType or OpenType font file, relative to this file", s, FileName)
					}
				}
			}
		}
	}
}

// theme checks `render.theme`: a built-in theme, or a theme file (YAML)
// that exists, relative to the configuration file. The theme file itself
// is read by `cjm render`, which reports its findings at their lines.
func (p *parser) theme(v *yaml.Node) string {
	s, ok := p.Text(v, "theme")
	if !ok {
		return ""
	}
	if slices.Contains(Themes, s) {
		return s
	}
	if ext := strings.ToLower(filepath.Ext(s)); ext != ".yaml" && ext != ".yml" {
		p.Errorf(v, load.RuleBadEnum, "`theme: %s` is not a built-in theme nor a theme file (.yaml)%s", s, load.Hint(s, Themes))
		return ""
	}
	if !p.exists(s) {
		p.Errorf(v, load.RuleReadError, "`theme: %s`: no such file next to %s; the path is relative to this file", s, FileName)
		return ""
	}
	return s
}

// exists reports whether the regular file path (relative to the
// configuration file's directory) exists.
func (p *parser) exists(path string) bool {
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(p.Name), path)
	}
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// finish merges the preset, the parameters given and `rules:` into the
// rule set: the preset first, then each parameter given turns its rule on
// (as a warning), then `rules:` has the last word.
func (p *parser) finish() {
	set := &ruleset.Set{Rules: map[string]ruleset.Level{}, Lang: p.cfg.Lang,
		MaxAssumed: ruleset.DefaultMaxAssumed, MaxEvidenceAge: ruleset.DefaultMaxEvidenceAge}
	if pr, ok := presets[p.cfg.Preset]; ok {
		for r, l := range pr.rules {
			set.Rules[r] = l
		}
		pr.params(set)
	}
	if p.params.MaxAssumed != 0 || slices.Contains(p.given, validate.RuleTooManyAssumed) {
		set.MaxAssumed = p.params.MaxAssumed
	}
	if p.params.MaxEvidenceAge != 0 {
		set.MaxEvidenceAge = p.params.MaxEvidenceAge
	}
	if p.params.PersonaFields != nil {
		set.PersonaFields = p.params.PersonaFields
	}
	if p.params.FeedbackMetrics != nil {
		set.FeedbackMetrics = p.params.FeedbackMetrics
	}
	for _, r := range p.given {
		if set.Rules[r] == ruleset.Default {
			set.Rules[r] = ruleset.Warning
		}
	}
	for r, l := range p.rules {
		set.Rules[r] = l
	}
	p.cfg.Set = set
}
