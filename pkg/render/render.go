package render

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/raster"
	"github.com/cjm-dev/cjm/pkg/view"
)

// Options are what Render is asked for.
type Options struct {
	// Views are the views to draw, in order; nil means the first view of
	// the registry ("map").
	Views []string
	// Formats are the formats to make, in order; nil means svg.
	Formats []string
	// File is the name of the map's file: it gives the output names and
	// the id prefix of the SVGs. Empty means m.File.
	File string
	// Renderer runs Graphviz; nil means graphviz.InProcess.
	Renderer graphviz.Renderer
	// Baseline, when set, is the version of the map to compare with: the
	// map view draws it under the current one (cjm render --baseline);
	// BaselineName says what it is ("HEAD~1").
	Baseline     *journey.Map
	BaselineName string
	// Missing, when set, collects the characters that no font could draw
	// in the PNG and PDF outputs (raster.Missing.Warning says what to do).
	Missing *raster.Missing
	// Paper is the paper of the PNG and PDF outputs; the zero value is
	// one page the drawing's size.
	Paper Paper
	// Personas, when set, draw the map view for those personas only
	// (view.Options.Personas, cjm render --persona); the outputs' names
	// say so (PersonaBase). An id the map lacks is an error.
	Personas []string
}

// Paper is the paper of the PNG and PDF outputs (`cjm render --page`,
// `--footer`).
type Paper struct {
	Page   raster.Page
	Footer string
}

// Output is one output of a map.
type Output struct {
	// Name is the output's file name, without a directory:
	// <base>.<ext> for the first view and for whole-map formats,
	// <base>.<view>.<ext> for the other views.
	Name string
	// Format and View made it; View is empty for whole-map formats.
	Format string
	View   string
	// Data is the output, or nil when Err says why it could not be made.
	Data []byte
	Err  error
}

// Render makes the outputs opts asks for of the loaded, valid map m. It
// returns them in plan order (formats, then views); the error joins the
// errors of the outputs that could not be made, or says what is wrong
// with the request.
func Render(ctx context.Context, m *journey.Map, opts Options) ([]Output, error) {
	if m == nil {
		return nil, errors.New("render: no map")
	}
	p, err := NewPlan(opts.Views, opts.Formats)
	if err != nil {
		return nil, err
	}
	file := opts.File
	if file == "" {
		file = m.File
	}
	p.Paper = opts.Paper
	p.Personas = opts.Personas
	if err := view.CheckPersonas(m, opts.Personas); err != nil {
		return nil, err
	}
	outs := p.RenderAgainst(ctx, m, Baseline{Map: opts.Baseline, Name: opts.BaselineName}, file, opts.Renderer, opts.Missing)
	var errs []error
	for _, o := range outs {
		if o.Err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", o.Name, o.Err))
		}
	}
	return outs, errors.Join(errs...)
}

// Plan is a checked request: the views and formats to make, each once, in
// the order asked.
type Plan struct {
	views   []View
	formats []Format
	// Paper is the paper of its PNG and PDF outputs.
	Paper Paper
	// Personas are the personas the map view is drawn for (nil: all);
	// they are part of every output's name (PersonaBase).
	Personas []string
}

// NewPlan checks the names of the views and formats asked for (nil views
// mean "map", nil formats "svg"); a name given twice counts once.
func NewPlan(viewNames, formatNames []string) (*Plan, error) {
	if viewNames == nil {
		viewNames = []string{views[0].Name}
	}
	if formatNames == nil {
		formatNames = []string{formats[0].Name}
	}
	p := &Plan{}
	for _, name := range viewNames {
		v, ok := LookupView(name)
		if !ok {
			return nil, fmt.Errorf("unknown view %q (want one of %s)", name, strings.Join(ViewNames(), ", "))
		}
		if !slices.ContainsFunc(p.views, func(w View) bool { return w.Name == name }) {
			p.views = append(p.views, v)
		}
	}
	for _, name := range formatNames {
		f, ok := LookupFormat(name)
		if !ok {
			return nil, fmt.Errorf("unknown format %q (want one of %s)", name, strings.Join(FormatNames(), ", "))
		}
		if !slices.ContainsFunc(p.formats, func(g Format) bool { return g.Name == name }) {
			p.formats = append(p.formats, f)
		}
	}
	if len(p.views) == 0 || len(p.formats) == 0 {
		return nil, errors.New("nothing to render: give at least one format and one view")
	}
	return p, nil
}

// Views returns the names of the views of the plan, in order.
func (p *Plan) Views() []string {
	names := make([]string, len(p.views))
	for i, v := range p.views {
		names[i] = v.Name
	}
	return names
}

// Outputs lists the outputs of the map read from file, without making
// them: Data and Err are unset.
func (p *Plan) Outputs(file string) []Output {
	base := PersonaBase(baseName(file), p.Personas)
	var outs []Output
	for _, f := range p.formats {
		if f.Whole {
			outs = append(outs, Output{Name: outputName(base, "", f.Ext), Format: f.Name})
			continue
		}
		for _, v := range p.views {
			outs = append(outs, Output{Name: outputName(base, v.Name, f.Ext), Format: f.Name, View: v.Name})
		}
	}
	return outs
}

// Layouts is the number of Graphviz layouts the plan costs per map: each
// view drawn once, whatever number of formats use it (the flow view costs
// its own layout besides the drawing; the DOT of the map view costs none;
// formats made from the model alone cost nothing).
func (p *Plan) Layouts() int {
	need := map[string]Draws{}
	for _, f := range p.formats {
		switch {
		case f.Whole && f.AllViews:
			for _, v := range views {
				need[v.Name] = max(need[v.Name], f.Draws)
			}
		case !f.Whole:
			for _, v := range p.views {
				need[v.Name] = max(need[v.Name], f.Draws)
			}
		}
	}
	n := 0
	for _, v := range views {
		switch need[v.Name] {
		case DrawsDOT:
			n += v.BuildLayouts
		case DrawsSVG:
			n += v.BuildLayouts + 1
		}
	}
	return n
}

// Render makes every output of the plan for the loaded, valid map m read
// from file, with Graphviz running in r (nil: graphviz.InProcess). Each
// view is built and drawn at most once. An output that cannot be made has
// Err set; a panic in a format becomes such an error. missing, when not
// nil, collects the characters no font drew in PNG and PDF outputs.
func (p *Plan) Render(ctx context.Context, m *journey.Map, file string, r graphviz.Renderer, missing *raster.Missing) []Output {
	return p.RenderAgainst(ctx, m, Baseline{}, file, r, missing)
}

// Baseline is the version of a map to compare it with; the zero value is
// none.
type Baseline struct {
	Map *journey.Map
	// Name says what it is: "HEAD~1", "main:maps/b2b.yaml", "old.yaml".
	Name string
}

// RenderAgainst is Render with a baseline, which the map view draws under
// the current map (its emotion curves, the touchpoints added and removed,
// each KPI's change).
func (p *Plan) RenderAgainst(ctx context.Context, m *journey.Map, base Baseline, file string, r graphviz.Renderer, missing *raster.Missing) []Output {
	if r == nil {
		r = graphviz.InProcess
	}
	c := &cache{renderer: r, file: file, views: map[string]*viewResult{}, missing: missing, baseline: base, paper: p.Paper, personas: p.Personas}
	outs := p.Outputs(file)
	viewNames := p.Views()
	for i := range outs {
		o := &outs[i]
		f, _ := LookupFormat(o.Format)
		job := &Job{Map: m, File: file, View: o.View, Views: viewNames, cache: c}
		o.Data, o.Err = run(ctx, f, job)
	}
	return outs
}

// run makes one output, turning a panic in a format into an error so that
// one bad map cannot take a batch or a server down.
func run(ctx context.Context, f Format, job *Job) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			data, err = nil, fmt.Errorf("internal error in the %s renderer: %v; please report this with the file that caused it", f.Name, r)
		}
	}()
	return f.Render(ctx, job)
}

// baseName is the output base of file: its name without directory and
// extension ("maps/b2b.yaml" gives "b2b"); "journey" when there is none.
func baseName(file string) string {
	if file == "" || file == "-" {
		return "journey"
	}
	return strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
}

// PersonaBase is the output base of a render for some personas: the
// base, ".persona-" and their ids in sorted order joined by "+"
// ("b2b.persona-analyst+cio"),
// so that the map drawn for a persona never replaces the whole map (nor
// a view: a persona may be called "flow"). No personas: the base.
func PersonaBase(base string, personas []string) string {
	if len(personas) == 0 {
		return base
	}
	ids := slices.Clone(personas)
	slices.Sort(ids)
	return base + ".persona-" + strings.Join(slices.Compact(ids), "+")
}

// outputName names an output: the first view of the registry and the
// whole-map formats take no view suffix.
func outputName(base, view, ext string) string {
	if view == "" || view == views[0].Name {
		return base + "." + ext
	}
	return base + "." + view + "." + ext
}

// Job is one map on its way to one output. Its DOT and SVG are made once
// per view, whatever number of formats use them, and safely from several
// goroutines.
type Job struct {
	// Map is the loaded, valid map.
	Map *journey.Map
	// File is the name of the map's file.
	File string
	// View is the view of the current output; empty for whole-map formats.
	View string
	// Views are the views asked for, in order.
	Views []string

	cache *cache
}

// rasterOptions are the PNG and PDF options of the job: the paper, the
// missing-character collector and the PDF's metadata (the map's title and
// language, the first line of its description).
func (j *Job) rasterOptions() raster.Options {
	subject, _, _ := strings.Cut(strings.TrimSpace(j.Map.Description), "\n")
	return raster.Options{
		Missing: j.cache.missing,
		Page:    j.cache.paper.Page,
		Footer:  j.cache.paper.Footer,
		Title:   j.Map.Title,
		Lang:    j.Map.Lang,
		Subject: strings.TrimSpace(strings.TrimLeft(subject, "# ")),
	}
}

// Lang is the map's language ("en", "ru"; empty means pkg/i18n's default).
func (j *Job) Lang() string { return j.Map.Lang }

// OutputName is the file name a view's output in format ext gets: the
// reports use it to link the SVGs written beside them.
func (j *Job) OutputName(view, ext string) string {
	return outputName(PersonaBase(baseName(j.File), j.cache.personas), view, ext)
}

type cache struct {
	renderer graphviz.Renderer
	file     string
	missing  *raster.Missing
	baseline Baseline
	paper    Paper
	personas []string
	mu       sync.Mutex
	views    map[string]*viewResult
}

type viewResult struct {
	dotOnce sync.Once
	dot     []byte
	engine  string
	dotErr  error

	svgOnce sync.Once
	svg     []byte
	svgErr  error
}

func (j *Job) result(name string) *viewResult {
	c := j.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.views[name]
	if r == nil {
		r = &viewResult{}
		c.views[name] = r
	}
	return r
}

// DOT returns the DOT of a view as handed to Graphviz for the drawing
// (positions pinned where the view pins them). It is built once.
func (j *Job) DOT(ctx context.Context, name string) ([]byte, error) {
	r := j.result(name)
	r.dotOnce.Do(func() {
		v, ok := LookupView(name)
		if !ok {
			r.dotErr = fmt.Errorf("unknown view %q", name)
			return
		}
		opts := view.Options{IDPrefix: IDPrefix(j.cache.file, name), Baseline: j.cache.baseline.Map, BaselineName: j.cache.baseline.Name,
			Personas: j.cache.personas}
		r.dot, r.engine, r.dotErr = v.buildDOT(ctx, j.Map, j.cache.renderer, opts)
	})
	return r.dot, r.dotErr
}

// SVG returns the normalised SVG of a view with its ids prefixed
// (IDPrefix). It is drawn once, from the DOT that DOT returns.
func (j *Job) SVG(ctx context.Context, name string) ([]byte, error) {
	dot, err := j.DOT(ctx, name)
	if err != nil {
		return nil, err
	}
	r := j.result(name)
	r.svgOnce.Do(func() {
		v, _ := LookupView(name)
		r.svg, r.svgErr = v.drawSVG(ctx, dot, r.engine, j.cache.renderer, IDPrefix(j.cache.file, name))
	})
	return r.svg, r.svgErr
}
