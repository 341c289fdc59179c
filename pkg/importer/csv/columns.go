package csv

import (
	"strings"
	"unicode"
)

// A column is one kind of cell of a touchpoint row.
type column int

const (
	colNone column = iota
	colStageID
	colStage
	colPhase
	colTouchpointID
	colTouchpoint
	colChannel
	colOwner
	colPersonas
	colInteractions
	colEmotion
	colEmotionByPersona
	colPains
	colDelights
	colMomentOfTruth
	colBackstage
	colEvidence
	colSource
	colNotes
	colOpportunities
)

// columns lists the header names of each column: the name cjm writes
// first, then English and Russian variants of the workshop layout.
// Headers are compared after normalize.
var columns = []struct {
	col   column
	names []string
	ru    []string
}{
	{colStageID, []string{"stage_id", "stage id"}, []string{"id этапа"}},
	{colStage, []string{"stage", "stage name", "step"}, []string{"этап", "стадия", "шаг"}},
	{colPhase, []string{"phase"}, []string{"фаза"}},
	{colTouchpointID, []string{"touchpoint_id", "touchpoint id"}, []string{"id точки контакта"}},
	{colTouchpoint, []string{"touchpoint", "touchpoint name", "touch point"}, []string{"точка контакта", "точки контакта"}},
	{colChannel, []string{"channel"}, []string{"канал"}},
	{colOwner, []string{"owner", "team"}, []string{"владелец", "ответственный", "команда"}},
	{colPersonas, []string{"personas", "persona"}, []string{"персоны", "персона"}},
	{colInteractions, []string{"interactions", "interaction", "actions"}, []string{"действия", "взаимодействия"}},
	{colEmotion, []string{"emotion", "score"}, []string{"эмоция", "оценка"}},
	{colEmotionByPersona, []string{"emotion_by_persona", "emotion by persona"}, []string{"эмоция по персонам"}},
	{colPains, []string{"pains", "pain", "pain points"}, []string{"боли", "боль"}},
	{colDelights, []string{"delights", "delight", "gains"}, []string{"радости", "радость", "восторг"}},
	{colMomentOfTruth, []string{"moment_of_truth", "moment of truth"}, []string{"момент истины"}},
	{colBackstage, []string{"backstage"}, []string{"закулисье", "бэкстейдж"}},
	{colEvidence, []string{"evidence"}, []string{"доказательность", "подтверждение"}},
	{colSource, []string{"source"}, []string{"источник"}},
	{colNotes, []string{"notes", "note", "comment"}, []string{"заметки", "примечания", "комментарий"}},
	{colOpportunities, []string{"opportunities", "opportunity", "ideas"}, []string{"возможности", "возможность", "идеи"}},
}

// normalize makes header names comparable: lower case, `_` and `-` as
// spaces, runs of spaces as one, trimmed, a byte order mark dropped.
func normalize(h string) string {
	h = strings.TrimPrefix(h, "\ufeff")
	h = strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || unicode.IsSpace(r) {
			return ' '
		}
		return unicode.ToLower(r)
	}, h)
	return strings.Join(strings.Fields(h), " ")
}

// lookup returns the column a header names and whether the name is
// Russian.
func lookup(h string) (column, bool) {
	n := normalize(h)
	for _, c := range columns {
		for _, name := range c.names {
			if normalize(name) == n {
				return c.col, false
			}
		}
		for _, name := range c.ru {
			if normalize(name) == n {
				return c.col, true
			}
		}
	}
	return colNone, false
}

// knownHeaders lists the first English name of each column, for messages.
func knownHeaders() string {
	var names []string
	for _, c := range columns {
		names = append(names, c.names[0])
	}
	return strings.Join(names, ", ")
}

// evidenceWords maps the Russian words of the workshop layout to the
// evidence keywords.
var evidenceWords = map[string]string{
	"наблюдение": "observed", "наблюдали": "observed", "наблюдаемое": "observed",
	"со слов": "reported", "заявлено": "reported", "опрос": "reported",
	"вывод": "inferred", "выведено": "inferred",
	"предположение": "assumed", "гипотеза": "assumed",
}

// phaseWords maps workshop words to the phases.
var phaseWords = map[string]string{
	"до покупки": "buying", "покупка": "buying", "buyer": "buying",
	"после покупки": "using", "использование": "using", "customer": "using",
}

// truthy and falsy are the moment-of-truth cells that mean yes and no.
var (
	truthy = []string{"true", "yes", "y", "x", "да", "1", "✓", "✔"}
	falsy  = []string{"false", "no", "n", "нет", "0"}
)
