package journey

import (
	"strconv"
	"time"

	"github.com/cjm-dev/cjm/pkg/diag"
)

// Version is the only format version that exists.
const Version = 1

// Languages of the built-in labels, and the other enumerations of format 1,
// in the order the format lists them.
var (
	Languages     = []string{"en", "ru"}
	Scopes        = []string{"buyer", "customer", "full"}
	Phases        = []string{"buying", "using"}
	ChannelKinds  = []string{"digital", "human", "physical"}
	EvidenceKinds = []string{"observed", "reported", "inferred", "assumed"}
	Directions    = []string{"higher", "lower"}
)

// Source locates an element in its file: the element itself, and the value
// of each of its keys (and each item of its list values).
//
// An element has a handful of keys, so they are kept in small slices and
// searched in order: cheaper to build than maps for the thousands of
// elements of a large map, and as fast to read.
type Source struct {
	// Range is the element's own node (the mapping, or the scalar).
	Range diag.Range
	keys  []keyRange
	items []itemRanges
	// misspelt lists known keys that an unknown key of the element was
	// taken for ("touchpoint" for "touchpoints"): the loader reported the
	// typo, so checks that the key is missing stay quiet.
	misspelt []string
}

type keyRange struct {
	key string
	r   diag.Range
}

type itemRanges struct {
	key string
	rs  []diag.Range
}

// NewSource returns a Source for an element at r.
func NewSource(r diag.Range) Source { return Source{Range: r} }

// SetMisspelt records that an unknown key of the element is a near miss of
// the known key.
func (s *Source) SetMisspelt(key string) { s.misspelt = append(s.misspelt, key) }

// Misspelt reports whether an unknown key of the element was a near miss of
// key.
func (s Source) Misspelt(key string) bool {
	for _, k := range s.misspelt {
		if k == key {
			return true
		}
	}
	return false
}

// Grow makes room for n more keys, so recording them allocates once.
func (s *Source) Grow(n int) {
	if n > cap(s.keys)-len(s.keys) {
		keys := make([]keyRange, len(s.keys), len(s.keys)+n)
		copy(keys, s.keys)
		s.keys = keys
	}
}

// SetKey records where the value of key starts.
func (s *Source) SetKey(key string, r diag.Range) {
	for i := range s.keys {
		if s.keys[i].key == key {
			s.keys[i].r = r
			return
		}
	}
	s.keys = append(s.keys, keyRange{key, r})
}

// SetItems records where each item of the list value of key starts.
func (s *Source) SetItems(key string, rs []diag.Range) {
	for i := range s.items {
		if s.items[i].key == key {
			s.items[i].rs = rs
			return
		}
	}
	s.items = append(s.items, itemRanges{key, rs})
}

// Key returns where the value of key starts, or the element's own range
// when the key is absent.
func (s Source) Key(key string) diag.Range {
	for _, k := range s.keys {
		if k.key == key {
			return k.r
		}
	}
	return s.Range
}

// Has reports whether the element has the key.
func (s Source) Has(key string) bool {
	for _, k := range s.keys {
		if k.key == key {
			return true
		}
	}
	return false
}

// Item returns where item i of the list value of key starts, falling back
// to the key's value and then to the element.
func (s Source) Item(key string, i int) diag.Range {
	for _, it := range s.items {
		if it.key == key {
			if i >= 0 && i < len(it.rs) {
				return it.rs[i]
			}
			break
		}
	}
	return s.Key(key)
}

// Map is one journey file after its includes are merged.
type Map struct {
	// File is the path of the journey file as the user named it.
	File        string `json:"-"`
	Version     int    `json:"cjm"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	// Lang is "en" or "ru"; the loader fills in the default "en".
	Lang string `json:"lang"`
	// Scope is "buyer", "customer" or "full"; default "full".
	Scope string `json:"scope"`
	// Include lists the paths as written in the file.
	Include []string `json:"include,omitempty"`
	// Measurements lists the measurement files as written in the file.
	Measurements []string      `json:"measurements,omitempty"`
	Personas     []*Persona    `json:"personas,omitempty"`
	Channels     []*Channel    `json:"channels,omitempty"`
	Owners       []*Owner      `json:"owners,omitempty"`
	Stages       []*Stage      `json:"stages,omitempty"`
	Transitions  []*Transition `json:"transitions,omitempty"`
	// Catalogue is true for a file with no `stages` key: it only holds
	// personas, channels and owners for other maps to include.
	Catalogue bool `json:"-"`
	// Points are the rows of the measurement files, in file and row
	// order, unknown metric ids included (validate reports them); each
	// known metric's History holds its own.
	Points []*Measurement `json:"-"`
	Src    Source         `json:"-"`
}

// Origin says which file declared a catalogue entry. It is empty for an
// entry declared in the map itself and the included file's name otherwise.
type Origin struct {
	From string `json:"-"`
}

// Included reports whether the entry came from an included catalogue.
func (o Origin) Included() bool { return o.From != "" }

// Persona is someone who travels the path; B2B maps often list a buying
// committee.
type Persona struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Role  string   `json:"role,omitempty"`
	Goals []string `json:"goals,omitempty"`
	Needs []string `json:"needs,omitempty"`
	Pains []string `json:"pains,omitempty"`
	Quote string   `json:"quote,omitempty"`
	Origin
	Src Source `json:"-"`
}

// Channel is where a touchpoint happens.
type Channel struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Kind is "digital", "human" or "physical"; default "digital".
	Kind string `json:"kind"`
	// Color is "#rrggbb" or empty (then renderers pick from the palette).
	Color string `json:"color,omitempty"`
	Origin
	Src Source `json:"-"`
}

// Owner is a team responsible for touchpoints.
type Owner struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color,omitempty"`
	Origin
	Src Source `json:"-"`
}

// Stage is a phase of the path: a column of the map.
type Stage struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Phase is "buying", "using" or empty.
	Phase         string        `json:"phase,omitempty"`
	Goal          string        `json:"goal,omitempty"`
	Actions       []string      `json:"actions,omitempty"`
	Thoughts      []string      `json:"thoughts,omitempty"`
	Feelings      []string      `json:"feelings,omitempty"`
	Emotion       *Emotion      `json:"emotion,omitempty"`
	Metrics       []*Metric     `json:"metrics,omitempty"`
	Opportunities []string      `json:"opportunities,omitempty"`
	Strategies    []string      `json:"strategies,omitempty"`
	Touchpoints   []*Touchpoint `json:"touchpoints,omitempty"`
	Src           Source        `json:"-"`
}

// Touchpoint is a moment of contact between the customer and the company.
type Touchpoint struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Channel      string   `json:"channel,omitempty"`
	Owner        string   `json:"owner,omitempty"`
	Personas     []string `json:"personas,omitempty"`
	Interactions []string `json:"interactions,omitempty"`
	Emotion      *Emotion `json:"emotion,omitempty"`
	Pains        []string `json:"pains,omitempty"`
	Delights     []string `json:"delights,omitempty"`
	// MomentOfTruth is nil unless the touchpoint is a moment of truth.
	MomentOfTruth *MomentOfTruth `json:"moment_of_truth,omitempty"`
	Next          []string       `json:"next,omitempty"`
	Backstage     []string       `json:"backstage,omitempty"`
	Evidence      string         `json:"evidence,omitempty"`
	Source        string         `json:"source,omitempty"`
	Metrics       []*Metric      `json:"metrics,omitempty"`
	Notes         string         `json:"notes,omitempty"`
	Src           Source         `json:"-"`
}

// MomentOfTruth marks a touchpoint that decides whether the customer stays
// or leaves. Reason is empty when the file says just `true`.
type MomentOfTruth struct {
	Reason string `json:"reason,omitempty"`
}

// Metric is a KPI of a stage or a measure of a touchpoint.
type Metric struct {
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	Value  *float64 `json:"value,omitempty"`
	Target *float64 `json:"target,omitempty"`
	Unit   string   `json:"unit,omitempty"`
	// Better is "higher" or "lower"; the loader fills in "higher".
	Better string `json:"better"`
	// Stated is the `value` the file wrote (nil when none). Value is the
	// same unless the metric has measurements: then Value is the latest
	// of them, and History all of them in date order.
	Stated  *float64       `json:"-"`
	History []*Measurement `json:"-"`
	Src     Source         `json:"-"`
}

// Measurement is one dated value of a metric, a row of a measurement file.
type Measurement struct {
	Metric string
	// Date is the date as written (`2026-11`, `2026-11-30`, or a full
	// timestamp); Time is when it starts, in UTC.
	Date  string
	Time  time.Time
	Value float64
	Note  string
	// File is the measurement file's name (as findings name it) and Line
	// the row's line in it; MetricAt, DateAt and ValueAt locate its cells.
	File                      string
	Line                      int
	MetricAt, DateAt, ValueAt diag.Range
}

// Where names the row as "file:line".
func (m *Measurement) Where() string { return m.File + ":" + strconv.Itoa(m.Line) }

// Transition is a non-linear move between stages.
type Transition struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label,omitempty"`
	Src   Source `json:"-"`
}

// Emotion is how something feels, from -2 (very negative) to +2 (delight):
// one value for everyone, or one value per persona.
type Emotion struct {
	// Value is the single value; meaningful when PerPersona is nil.
	Value float64 `json:"value"`
	// PerPersona gives each member of a buying committee a value, in
	// source order.
	PerPersona []PersonaEmotion `json:"per_persona,omitempty"`
	Src        Source           `json:"-"`
}

// PersonaEmotion is one persona's value in an Emotion mapping.
type PersonaEmotion struct {
	Persona string     `json:"persona"`
	Value   float64    `json:"value"`
	Src     diag.Range `json:"-"`
}
