package xlsx

import "github.com/cjm-dev/cjm/pkg/i18n"

// Sheet keys: which sheet of the workbook holds what.
const (
	SheetMap          = "map"
	SheetPersonas     = "personas"
	SheetChannels     = "channels"
	SheetOwners       = "owners"
	SheetStages       = "stages"
	SheetTouchpoints  = "touchpoints"
	SheetMetrics      = "metrics"
	SheetTransitions  = "transitions"
	SheetMeasurements = "measurements"
)

// Column is one column of a sheet: Key names the field (the YAML key of
// format 1 where there is one), Label the pkg/i18n key of its header.
type Column struct {
	Key   string
	Label string
}

// Sheet is one sheet: Key, the pkg/i18n key of its name, and its columns
// in order. The map sheet has two columns, a field and its value, and one
// row per field (MapFields).
type Sheet struct {
	Key     string
	Label   string
	Columns []Column
}

// Name is the sheet's name in lang.
func (s Sheet) Name(lang string) string { return i18n.T(lang, s.Label) }

// Index returns the position of the column keyed key, or -1.
func (s Sheet) Index(key string) int {
	for i, c := range s.Columns {
		if c.Key == key {
			return i
		}
	}
	return -1
}

// MapFields are the rows of the map sheet, in order.
var MapFields = []Column{
	{"title", "xlsx.title"},
	{"description", "xlsx.description"},
	{"lang", "xlsx.lang"},
	{"scope", "report.scope"},
	{"include", "xlsx.include"},
	{"measurements", "xlsx.measurements"},
}

// Layout lists the sheets in workbook order.
var Layout = []Sheet{
	{SheetMap, "xlsx.map", []Column{{"field", "xlsx.field"}, {"value", "report.value"}}},
	{SheetPersonas, "personas", []Column{
		{"id", "xlsx.id"}, {"name", "xlsx.name"}, {"role", "report.role"}, {"goals", "report.goals"},
		{"needs", "report.needs"}, {"pains", "pains"}, {"quote", "report.quote"}, {"from", "xlsx.from"},
	}},
	{SheetChannels, "channels", []Column{
		{"id", "xlsx.id"}, {"name", "xlsx.name"}, {"kind", "xlsx.kind"}, {"color", "xlsx.color"}, {"from", "xlsx.from"},
	}},
	{SheetOwners, "owners", []Column{
		{"id", "xlsx.id"}, {"name", "xlsx.name"}, {"color", "xlsx.color"}, {"from", "xlsx.from"},
	}},
	{SheetStages, "report.stages", []Column{
		{"id", "xlsx.id"}, {"name", "xlsx.name"}, {"phase", "report.phase"}, {"goal", "goal"},
		{"actions", "actions"}, {"thoughts", "thoughts"}, {"feelings", "feelings"}, {"emotion", "emotion"},
		{"opportunities", "opportunities"}, {"strategies", "strategies"},
	}},
	{SheetTouchpoints, "touchpoints", []Column{
		{"stage", "report.stage"}, {"id", "xlsx.id"}, {"name", "xlsx.name"}, {"channel", "report.channel"},
		{"owner", "report.owner"}, {"personas", "personas"}, {"interactions", "report.interactions"},
		{"emotion", "emotion"}, {"pains", "pains"}, {"delights", "delights"}, {"moment_of_truth", "mot"},
		{"reason", "report.reason"}, {"next", "report.next"}, {"backstage", "backstage"},
		{"evidence", "evidence"}, {"source", "report.source"}, {"notes", "report.notes"},
	}},
	{SheetMetrics, "report.metrics", []Column{
		{"stage", "report.stage"}, {"touchpoint", "report.touchpoint"}, {"id", "xlsx.id"}, {"name", "xlsx.name"},
		{"value", "report.value"}, {"target", "report.target"}, {"unit", "xlsx.unit"}, {"better", "report.direction"},
	}},
	{SheetTransitions, "legend.transitions", []Column{
		{"from", "report.from"}, {"to", "report.to"}, {"label", "xlsx.label"},
	}},
	{SheetMeasurements, "xlsx.measurements", []Column{
		{"metric", "report.kpi"}, {"date", "report.date"}, {"value", "report.value"}, {"note", "xlsx.note"},
	}},
}

// Lookup returns the sheet keyed key (one of the constants above).
func Lookup(key string) Sheet {
	for _, s := range Layout {
		if s.Key == key {
			return s
		}
	}
	return Sheet{}
}
