package diff

import (
	"math"
	"slices"
	"strconv"

	golcs "github.com/aymanbagabas/go-udiff/lcs"

	"github.com/cjm-dev/cjm/pkg/journey"
)

// Kind is what happened to an element.
type Kind string

// The kinds of change.
const (
	Added     Kind = "added"
	Removed   Kind = "removed"
	Renamed   Kind = "renamed"   // its name changed; Old and New hold the names
	Moved     Kind = "moved"     // a touchpoint went to another stage; Old and New hold the stage ids
	Reordered Kind = "reordered" // its place among its siblings changed (not just shifted by an insert or delete)
	Changed   Kind = "changed"   // Field changed; see Old/New or Added/Removed items
)

// Element is the kind of thing that changed.
type Element string

// The elements of a map.
const (
	MapElement        Element = "map"
	PersonaElement    Element = "persona"
	ChannelElement    Element = "channel"
	OwnerElement      Element = "owner"
	StageElement      Element = "stage"
	TouchpointElement Element = "touchpoint"
	MetricElement     Element = "metric"
	TransitionElement Element = "transition"
)

// Change is one difference between two maps.
type Change struct {
	Kind    Kind    `json:"kind"`
	Element Element `json:"element"`
	// ID is the element's id (empty for the map and for transitions).
	ID string `json:"id,omitempty"`
	// Name is the element's name in the new map (the old one when removed).
	Name string `json:"name,omitempty"`
	// Stage is the id of the stage that holds a touchpoint or a stage
	// metric (in the new map; in the old one for a removal).
	Stage string `json:"stage,omitempty"`
	// Touchpoint is the id of the touchpoint that holds a metric.
	Touchpoint string `json:"touchpoint,omitempty"`
	// From and To are a transition's stages.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Field is the key that changed (as written in the file), for Changed.
	Field string `json:"field,omitempty"`
	// Persona is set for a change of one persona's emotion.
	Persona string `json:"persona,omitempty"`
	// Old and New are the values before and after: a string, a number, a
	// bool (moment_of_truth without a reason) or null when absent.
	Old any `json:"old,omitempty"`
	New any `json:"new,omitempty"`
	// AddedItems and RemovedItems are the items of a list field that
	// appeared and disappeared (its order is not compared).
	AddedItems   []string `json:"added,omitempty"`
	RemovedItems []string `json:"removed,omitempty"`
	// Delta is New - Old for a number that changed.
	Delta *float64 `json:"delta,omitempty"`
	// Trend is "better" or "worse" for a metric value that moved,
	// according to the metric's `better`.
	Trend string `json:"trend,omitempty"`
	// Target is the metric's target (new map) when a value moved;
	// TowardTarget says whether the value got closer to it, and OnTarget
	// whether the new value meets it.
	Target       *float64 `json:"target,omitempty"`
	TowardTarget *bool    `json:"toward_target,omitempty"`
	OnTarget     *bool    `json:"on_target,omitempty"`
}

// Result is the outcome of a comparison.
type Result struct {
	// Old and New name the two sides as the user gave them.
	Old     string   `json:"old"`
	New     string   `json:"new"`
	Changes []Change `json:"changes"`
}

// Same reports whether there are no changes.
func (r *Result) Same() bool { return len(r.Changes) == 0 }

// Compare returns the changes from old to new. Neither may be nil.
func Compare(old, new *journey.Map) []Change {
	c := &comparer{old: old, new: new, oldIx: journey.NewIndex(old), newIx: journey.NewIndex(new)}
	c.mapFields()
	c.personas()
	c.channels()
	c.owners()
	c.stages()
	c.transitions()
	if c.out == nil {
		c.out = []Change{}
	}
	return c.out
}

type comparer struct {
	old, new     *journey.Map
	oldIx, newIx *journey.Index
	out          []Change
}

func (c *comparer) add(ch Change) { c.out = append(c.out, ch) }

// field records a change of a string field of an element when it differs.
func (c *comparer) field(base Change, field, old, new string) {
	if old == new {
		return
	}
	ch := base
	ch.Kind, ch.Field = Changed, field
	if old != "" {
		ch.Old = old
	}
	if new != "" {
		ch.New = new
	}
	c.add(ch)
}

// list records the items added to and removed from a list field.
func (c *comparer) list(base Change, field string, old, new []string) {
	added, removed := listDiff(old, new)
	if len(added) == 0 && len(removed) == 0 {
		return
	}
	ch := base
	ch.Kind, ch.Field, ch.AddedItems, ch.RemovedItems = Changed, field, added, removed
	c.add(ch)
}

// listDiff compares two lists as multisets and returns what new has more
// and what old had more, each in its list's order.
func listDiff(old, new []string) (added, removed []string) {
	count := map[string]int{}
	for _, s := range old {
		count[s]++
	}
	for _, s := range new {
		if count[s] > 0 {
			count[s]--
		} else {
			added = append(added, s)
		}
	}
	count = map[string]int{}
	for _, s := range new {
		count[s]++
	}
	for _, s := range old {
		if count[s] > 0 {
			count[s]--
		} else {
			removed = append(removed, s)
		}
	}
	return added, removed
}

// number records a change of an optional number.
func (c *comparer) number(base Change, field string, old, new *float64) *Change {
	if old == nil && new == nil || old != nil && new != nil && *old == *new {
		return nil
	}
	ch := base
	ch.Kind, ch.Field = Changed, field
	if old != nil {
		ch.Old = *old
	}
	if new != nil {
		ch.New = *new
	}
	if old != nil && new != nil {
		d := round(*new - *old)
		ch.Delta = &d
	}
	c.add(ch)
	return &c.out[len(c.out)-1]
}

// round drops the noise of float subtraction (0.1+0.2) from a delta.
func round(f float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 12, 64), 64)
	if err != nil || math.IsInf(r, 0) {
		return f
	}
	return r
}

func (c *comparer) mapFields() {
	base := Change{Element: MapElement}
	c.field(base, "title", c.old.Title, c.new.Title)
	c.field(base, "description", c.old.Description, c.new.Description)
	c.field(base, "lang", c.old.Lang, c.new.Lang)
	c.field(base, "scope", c.old.Scope, c.new.Scope)
	c.list(base, "include", c.old.Include, c.new.Include)
	c.list(base, "measurements", c.old.Measurements, c.new.Measurements)
}

// catalogue compares one kind of catalogue entry: those of the new map in
// its order (added, renamed, changed), then the removed ones in the old
// map's order.
func catalogue[T any](c *comparer, el Element, old, new []T, id func(T) string, name func(T) string, fields func(base Change, o, n T)) {
	oldByID := map[string]T{}
	for _, o := range old {
		if _, dup := oldByID[id(o)]; !dup {
			oldByID[id(o)] = o
		}
	}
	newIDs := map[string]bool{}
	for _, n := range new {
		if newIDs[id(n)] {
			continue
		}
		newIDs[id(n)] = true
		base := Change{Element: el, ID: id(n), Name: name(n)}
		o, ok := oldByID[id(n)]
		if !ok {
			ch := base
			ch.Kind = Added
			c.add(ch)
			continue
		}
		if name(o) != name(n) {
			ch := base
			ch.Kind, ch.Old, ch.New = Renamed, name(o), name(n)
			c.add(ch)
		}
		fields(base, o, n)
	}
	seen := map[string]bool{}
	for _, o := range old {
		if newIDs[id(o)] || seen[id(o)] {
			continue
		}
		seen[id(o)] = true
		c.add(Change{Kind: Removed, Element: el, ID: id(o), Name: name(o)})
	}
}

func (c *comparer) personas() {
	catalogue(c, PersonaElement, c.old.Personas, c.new.Personas,
		func(p *journey.Persona) string { return p.ID }, func(p *journey.Persona) string { return p.Name },
		func(base Change, o, n *journey.Persona) {
			c.field(base, "role", o.Role, n.Role)
			c.list(base, "goals", o.Goals, n.Goals)
			c.list(base, "needs", o.Needs, n.Needs)
			c.list(base, "pains", o.Pains, n.Pains)
			c.field(base, "quote", o.Quote, n.Quote)
		})
}

func (c *comparer) channels() {
	catalogue(c, ChannelElement, c.old.Channels, c.new.Channels,
		func(ch *journey.Channel) string { return ch.ID }, func(ch *journey.Channel) string { return ch.Name },
		func(base Change, o, n *journey.Channel) {
			c.field(base, "kind", o.Kind, n.Kind)
			c.field(base, "color", o.Color, n.Color)
		})
}

func (c *comparer) owners() {
	catalogue(c, OwnerElement, c.old.Owners, c.new.Owners,
		func(o *journey.Owner) string { return o.ID }, func(o *journey.Owner) string { return o.Name },
		func(base Change, o, n *journey.Owner) {
			c.field(base, "color", o.Color, n.Color)
		})
}

// stages walks the stages of the new map in order, each followed by its
// touchpoints, then the removed stages.
func (c *comparer) stages() {
	oldStage := map[string]*journey.Stage{}
	var oldOrder []string
	for _, s := range c.old.Stages {
		if _, dup := oldStage[s.ID]; !dup {
			oldStage[s.ID] = s
			oldOrder = append(oldOrder, s.ID)
		}
	}
	newStage := map[string]*journey.Stage{}
	var newOrder []string
	for _, s := range c.new.Stages {
		if _, dup := newStage[s.ID]; !dup {
			newStage[s.ID] = s
			newOrder = append(newOrder, s.ID)
		}
	}
	reordered := outOfOrder(oldOrder, newOrder)
	for _, id := range newOrder {
		n := newStage[id]
		base := Change{Element: StageElement, ID: id, Name: n.Name}
		o, ok := oldStage[id]
		if !ok {
			ch := base
			ch.Kind = Added
			c.add(ch)
			c.touchpoints(n, nil)
			c.metrics(Change{Element: MetricElement, Stage: id}, nil, n.Metrics)
			continue
		}
		if o.Name != n.Name {
			ch := base
			ch.Kind, ch.Old, ch.New = Renamed, o.Name, n.Name
			c.add(ch)
		}
		if reordered[id] {
			ch := base
			ch.Kind = Reordered
			ch.Old, ch.New = position(oldOrder, id), position(newOrder, id)
			c.add(ch)
		}
		c.field(base, "phase", o.Phase, n.Phase)
		c.field(base, "goal", o.Goal, n.Goal)
		c.list(base, "actions", o.Actions, n.Actions)
		c.list(base, "thoughts", o.Thoughts, n.Thoughts)
		c.list(base, "feelings", o.Feelings, n.Feelings)
		c.emotion(base, o.Emotion, n.Emotion)
		c.list(base, "opportunities", o.Opportunities, n.Opportunities)
		c.list(base, "strategies", o.Strategies, n.Strategies)
		c.metrics(Change{Element: MetricElement, Stage: id}, o.Metrics, n.Metrics)
		c.touchpoints(n, o)
	}
	for _, id := range oldOrder {
		if _, ok := newStage[id]; ok {
			continue
		}
		o := oldStage[id]
		c.add(Change{Kind: Removed, Element: StageElement, ID: id, Name: o.Name})
		c.removedTouchpoints(o)
	}
}

// position is the 1-based place of id in order.
func position(order []string, id string) float64 {
	return float64(slices.Index(order, id) + 1)
}

// outOfOrder returns the ids present in both lists whose relative order
// changed: those outside a longest common subsequence of the two lists
// restricted to their common ids. An insertion or deletion shifts
// positions but reorders nothing.
func outOfOrder(old, new []string) map[string]bool {
	inNew := map[string]bool{}
	for _, s := range new {
		inNew[s] = true
	}
	inOld := map[string]bool{}
	var a, b []string
	for _, s := range old {
		inOld[s] = true
		if inNew[s] {
			a = append(a, s)
		}
	}
	for _, s := range new {
		if inOld[s] {
			b = append(b, s)
		}
	}
	keep := lcs(a, b)
	out := map[string]bool{}
	for _, s := range b {
		if !keep[s] {
			out[s] = true
		}
	}
	return out
}

// lcs returns the members of a longest common subsequence of a and b
// (lists of distinct ids), computed by go-udiff's lcs package (Myers'
// algorithm, x/tools' implementation): each id becomes one rune, and what
// no edit touches is common. Its search is bounded, so on a wholesale
// reshuffle the subsequence may be shorter than the longest (more ids
// reported as reordered, never a wrong order); the same lists always give
// the same answer.
func lcs(a, b []string) map[string]bool {
	code := make(map[string]rune, len(a))
	ra := make([]rune, len(a))
	for i, s := range a {
		code[s] = rune(i)
		ra[i] = rune(i)
	}
	rb := make([]rune, len(b))
	for i, s := range b {
		r, ok := code[s]
		if !ok {
			r = -1 - rune(i) // in b only: matches nothing in a
		}
		rb[i] = r
	}
	keep := map[string]bool{}
	at := 0
	for _, d := range golcs.DiffRunes(ra, rb) {
		for _, s := range a[at:d.Start] {
			keep[s] = true
		}
		at = d.End
	}
	for _, s := range a[at:] {
		keep[s] = true
	}
	return keep
}

// touchpoints reports the touchpoints of the new stage n (o is the same
// stage in the old map, or nil when the stage is new): added, moved here,
// renamed, reordered, changed; then those removed from it.
func (c *comparer) touchpoints(n, o *journey.Stage) {
	var oldHere, newHere []string
	if o != nil {
		for _, t := range o.Touchpoints {
			if c.newIx.StageOf(t.ID) >= 0 && c.new.Stages[c.newIx.StageOf(t.ID)].ID == n.ID {
				oldHere = append(oldHere, t.ID)
			}
		}
	}
	seen := map[string]bool{}
	for _, t := range n.Touchpoints {
		if !seen[t.ID] && c.newIx.Touchpoint(t.ID) == t {
			seen[t.ID] = true
			newHere = append(newHere, t.ID)
		}
	}
	reordered := outOfOrder(oldHere, newHere)
	for _, id := range newHere {
		t := c.newIx.Touchpoint(id)
		base := Change{Element: TouchpointElement, ID: id, Name: t.Name, Stage: n.ID}
		ot := c.oldIx.Touchpoint(id)
		if ot == nil {
			ch := base
			ch.Kind = Added
			c.add(ch)
			c.metrics(Change{Element: MetricElement, Stage: n.ID, Touchpoint: id}, nil, t.Metrics)
			continue
		}
		if from := c.old.Stages[c.oldIx.StageOf(id)].ID; from != n.ID {
			ch := base
			ch.Kind, ch.Old, ch.New = Moved, from, n.ID
			c.add(ch)
		}
		if ot.Name != t.Name {
			ch := base
			ch.Kind, ch.Old, ch.New = Renamed, ot.Name, t.Name
			c.add(ch)
		}
		if reordered[id] {
			ch := base
			ch.Kind = Reordered
			ch.Old, ch.New = position(oldHere, id), position(newHere, id)
			c.add(ch)
		}
		c.touchpointFields(base, ot, t)
	}
	if o != nil {
		c.removedTouchpoints(o)
	}
}

// removedTouchpoints reports the touchpoints of old stage o that the new
// map no longer has anywhere.
func (c *comparer) removedTouchpoints(o *journey.Stage) {
	for _, t := range o.Touchpoints {
		if c.oldIx.Touchpoint(t.ID) != t || c.newIx.Touchpoint(t.ID) != nil {
			continue
		}
		c.add(Change{Kind: Removed, Element: TouchpointElement, ID: t.ID, Name: t.Name, Stage: o.ID})
	}
}

func (c *comparer) touchpointFields(base Change, o, n *journey.Touchpoint) {
	c.field(base, "channel", o.Channel, n.Channel)
	c.field(base, "owner", o.Owner, n.Owner)
	c.list(base, "personas", o.Personas, n.Personas)
	c.list(base, "interactions", o.Interactions, n.Interactions)
	c.emotion(base, o.Emotion, n.Emotion)
	c.list(base, "pains", o.Pains, n.Pains)
	c.list(base, "delights", o.Delights, n.Delights)
	c.momentOfTruth(base, o.MomentOfTruth, n.MomentOfTruth)
	c.list(base, "next", o.Next, n.Next)
	c.list(base, "backstage", o.Backstage, n.Backstage)
	c.field(base, "evidence", o.Evidence, n.Evidence)
	c.field(base, "source", o.Source, n.Source)
	c.metrics(Change{Element: MetricElement, Stage: base.Stage, Touchpoint: base.ID}, o.Metrics, n.Metrics)
	c.field(base, "notes", o.Notes, n.Notes)
}

// motValue is how a moment of truth shows in a change: false (none), true
// (no reason given) or the reason.
func motValue(m *journey.MomentOfTruth) any {
	switch {
	case m == nil:
		return false
	case m.Reason == "":
		return true
	default:
		return m.Reason
	}
}

func (c *comparer) momentOfTruth(base Change, o, n *journey.MomentOfTruth) {
	ov, nv := motValue(o), motValue(n)
	if ov == nv {
		return
	}
	ch := base
	ch.Kind, ch.Field, ch.Old, ch.New = Changed, "moment_of_truth", ov, nv
	c.add(ch)
}

// emotion compares two emotions. When both are single values, one change;
// when either gives values per persona, one change per persona whose value
// differs (a single value counts for every persona).
func (c *comparer) emotion(base Change, o, n *journey.Emotion) {
	if !o.IsPerPersona() && !n.IsPerPersona() {
		var ov, nv *float64
		if o != nil {
			ov = &o.Value
		}
		if n != nil {
			nv = &n.Value
		}
		c.number(base, "emotion", ov, nv)
		return
	}
	var personas []string
	seen := map[string]bool{}
	for _, e := range []*journey.Emotion{n, o} {
		if e.IsPerPersona() {
			for _, pe := range e.PerPersona {
				if !seen[pe.Persona] {
					seen[pe.Persona] = true
					personas = append(personas, pe.Persona)
				}
			}
		}
	}
	for _, p := range personas {
		var ov, nv *float64
		if v, ok := o.For(p); ok {
			ov = &v
		}
		if v, ok := n.For(p); ok {
			nv = &v
		}
		ch := base
		ch.Persona = p
		c.number(ch, "emotion", ov, nv)
	}
}

// metrics compares the metrics of one stage or touchpoint, matched by id.
func (c *comparer) metrics(base Change, old, new []*journey.Metric) {
	oldByID := map[string]*journey.Metric{}
	for _, m := range old {
		if _, dup := oldByID[m.ID]; !dup {
			oldByID[m.ID] = m
		}
	}
	newIDs := map[string]bool{}
	for _, n := range new {
		if newIDs[n.ID] {
			continue
		}
		newIDs[n.ID] = true
		b := base
		b.ID, b.Name = n.ID, n.Name
		o, ok := oldByID[n.ID]
		if !ok {
			ch := b
			ch.Kind = Added
			if n.Value != nil {
				ch.New = *n.Value
			}
			ch.Target = n.Target
			c.add(ch)
			continue
		}
		if o.Name != n.Name {
			ch := b
			ch.Kind, ch.Old, ch.New = Renamed, o.Name, n.Name
			c.add(ch)
		}
		if ch := c.number(b, "value", o.Value, n.Value); ch != nil {
			trend(ch, o, n)
		}
		c.number(b, "target", o.Target, n.Target)
		c.field(b, "unit", o.Unit, n.Unit)
		c.field(b, "better", o.Better, n.Better)
	}
	seen := map[string]bool{}
	for _, o := range old {
		if newIDs[o.ID] || seen[o.ID] {
			continue
		}
		seen[o.ID] = true
		b := base
		b.Kind, b.ID, b.Name = Removed, o.ID, o.Name
		c.add(b)
	}
}

// trend says whether a metric's value moved the right way and toward its
// target, judged by the new map's `better` and target.
func trend(ch *Change, o, n *journey.Metric) {
	ch.Target = n.Target
	if o.Value == nil || n.Value == nil {
		return
	}
	up := *n.Value > *o.Value
	if up != n.LowerIsBetter() {
		ch.Trend = "better"
	} else {
		ch.Trend = "worse"
	}
	if n.Target == nil {
		return
	}
	t := *n.Target
	toward := math.Abs(*n.Value-t) < math.Abs(*o.Value-t)
	ch.TowardTarget = &toward
	on := !n.OffTarget()
	ch.OnTarget = &on
}

// transitions matches transitions by their stages (from, to); a changed
// label is a change, the rest are additions and removals.
func (c *comparer) transitions() {
	type key struct{ from, to string }
	oldBy := map[key][]*journey.Transition{}
	for _, t := range c.old.Transitions {
		k := key{t.From, t.To}
		oldBy[k] = append(oldBy[k], t)
	}
	used := map[*journey.Transition]bool{}
	for _, t := range c.new.Transitions {
		base := Change{Element: TransitionElement, From: t.From, To: t.To, Name: t.Label}
		k := key{t.From, t.To}
		var match *journey.Transition
		for _, o := range oldBy[k] { // an unchanged label first
			if !used[o] && o.Label == t.Label {
				match = o
				break
			}
		}
		if match == nil {
			for _, o := range oldBy[k] {
				if !used[o] {
					match = o
					break
				}
			}
		}
		if match == nil {
			ch := base
			ch.Kind = Added
			c.add(ch)
			continue
		}
		used[match] = true
		c.field(base, "label", match.Label, t.Label)
	}
	for _, o := range c.old.Transitions {
		if !used[o] {
			c.add(Change{Kind: Removed, Element: TransitionElement, From: o.From, To: o.To, Name: o.Label})
		}
	}
}
