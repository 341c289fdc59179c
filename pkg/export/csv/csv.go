package csv

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/journey"
)

// Header is the first row: the column names, stable across releases.
var Header = []string{
	"stage_id", "stage", "touchpoint_id", "touchpoint", "channel", "owner", "personas",
	"emotion", "emotion_by_persona", "pains", "delights", "moment_of_truth", "evidence", "source",
	"number",
}

// Separator joins the items of a list cell (personas, pains, delights,
// per-persona emotions): one item per line inside the quoted cell.
const Separator = "\n"

// Render returns the CSV inventory of m's touchpoints.
func Render(m *journey.Map) ([]byte, error) {
	if m == nil {
		return nil, fmt.Errorf("csv: no map")
	}
	ix := journey.NewIndex(m)
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	if err := w.Write(Header); err != nil {
		return nil, err
	}
	for si, s := range m.Stages {
		for ti, t := range s.Touchpoints {
			if err := w.Write(row(m, ix, s, t, journey.Ref(si, ti))); err != nil {
				return nil, err
			}
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// row is a touchpoint's record; ref is its number ("2.1", journey.Ref),
// the same as on the map and in the reports.
func row(m *journey.Map, ix *journey.Index, s *journey.Stage, t *journey.Touchpoint, ref string) []string {
	channel := t.Channel
	if c := ix.Channel(t.Channel); c != nil {
		channel = c.Name
	}
	owner := t.Owner
	if o := ix.Owner(t.Owner); o != nil {
		owner = o.Name
	}
	personaName := func(id string) string {
		if p := ix.Persona(id); p != nil {
			return p.Name
		}
		return id
	}
	var personas []string
	for _, p := range m.Personas {
		if t.Meets(p.ID) {
			personas = append(personas, p.Name)
		}
	}
	emotion, byPersona := "", []string{}
	if v, ok := t.Emotion.Mean(); ok {
		emotion = Number(v)
	}
	if t.Emotion.IsPerPersona() {
		for _, pe := range t.Emotion.PerPersona {
			byPersona = append(byPersona, personaName(pe.Persona)+": "+Number(pe.Value))
		}
	}
	mot := ""
	if t.MomentOfTruth != nil {
		mot = t.MomentOfTruth.Reason
		if mot == "" {
			mot = "true"
		}
	}
	cells := []string{
		s.ID, s.Name, t.ID, t.Name, channel, owner, strings.Join(personas, Separator),
		emotion, strings.Join(byPersona, Separator), strings.Join(t.Pains, Separator),
		strings.Join(t.Delights, Separator), mot, t.Evidence, t.Source, ref,
	}
	for i, c := range cells {
		cells[i] = Neutralise(c)
	}
	return cells
}

// Number formats an emotion for a cell: plain ASCII, at most two
// decimals, so that a spreadsheet reads it as a number.
func Number(v float64) string {
	v = float64(int64(v*100+sign(v)*0.5)) / 100
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

var number = regexp.MustCompile(`^[-+]?[0-9]+(\.[0-9]+)?$`)

// Neutralise defuses spreadsheet formula injection: a cell that starts
// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
// which spreadsheets read as "this is text". A plain number such as `-1`
// is not a formula and is left alone.
func Neutralise(cell string) string {
	if cell == "" || number.MatchString(cell) {
		return cell
	}
	switch cell[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + cell
	}
	return cell
}
