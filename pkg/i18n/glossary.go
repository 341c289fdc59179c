package i18n

// glossary holds the terms of the concepts that both the diagrams and the
// reports name: one term per concept per language, so the map, the flow,
// the Markdown and the HTML report call a thing the same. A label table
// of one output (view.go, report.go) never holds a term of its own for a
// concept that is here; TestOneTermPerConcept checks it.
var glossary = map[string]map[string]string{
	"en": {
		"goal":          "Goal",
		"actions":       "Actions",
		"thoughts":      "Thoughts",
		"feelings":      "Feelings",
		"emotion":       "Emotion",
		"pains":         "Pain points",
		"delights":      "Points of delight",
		"backstage":     "Backstage",
		"opportunities": "Opportunities",
		"strategies":    "Strategies",
		"kpis":          "KPIs",
		"touchpoints":   "Touchpoints",
		"steps_back":    "Steps back",
		"skips_ahead":   "Skips ahead",
		"step_back":     "step back",
		"skip_ahead":    "skip ahead",
		"personas":      "Personas",
		"channels":      "Channels",
		"owners":        "Owners",
		"mot":           "Moment of truth",

		"phase.buying": "Buying",
		"phase.using":  "Using",

		"evidence":          "Evidence",
		"evidence.observed": "observed",
		"evidence.reported": "reported",
		"evidence.inferred": "inferred",
		"evidence.assumed":  "assumed",

		// A KPI's status (always with ▲ or ▼) and its direction (in words,
		// never a symbol: ▲/▼ mean on/off target everywhere).
		"kpi.on":     "on target",
		"kpi.off":    "off target",
		"kpi.higher": "higher is better",
		"kpi.lower":  "lower is better",
		// A KPI's target: a column heading in the reports and the
		// workbook, the kpi view's label, and after the value on the map
		// ("2.1% · target 3%"). Its key is the one the reports used
		// before it was shared.
		"report.target": "Target",
	},
	"ru": {
		"goal":          "Цель",
		"actions":       "Действия",
		"thoughts":      "Мысли",
		"feelings":      "Чувства",
		"emotion":       "Эмоция",
		"pains":         "Боли",
		"delights":      "Радости",
		"backstage":     "Закулисье",
		"opportunities": "Возможности",
		"strategies":    "Стратегии",
		"kpis":          "KPI",
		"touchpoints":   "Точки контакта",
		"steps_back":    "Шаги назад",
		"skips_ahead":   "Переходы вперёд",
		"step_back":     "шаг назад",
		"skip_ahead":    "переход вперёд",
		"personas":      "Персоны",
		"channels":      "Каналы",
		"owners":        "Ответственные",
		"mot":           "Момент истины",

		"phase.buying": "Покупка",
		"phase.using":  "Использование",

		"evidence":          "Доказательность",
		"evidence.observed": "наблюдение",
		"evidence.reported": "со слов клиента",
		"evidence.inferred": "вывод из данных",
		"evidence.assumed":  "гипотеза",

		"kpi.on":     "цель достигнута",
		"kpi.off":    "цель не достигнута",
		"kpi.higher": "чем больше, тем лучше",
		"kpi.lower":  "чем меньше, тем лучше",
		// As in «цель достигнута»; the same word as a stage's goal.
		"report.target": "Цель",
	},
}

// Status marks: ▲ on target, ▼ off target, in every view and report.
const (
	MarkOn  = "▲"
	MarkOff = "▼"
)
