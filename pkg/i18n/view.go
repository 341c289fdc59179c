package i18n

// viewLabels are the labels of the map and flow diagrams.
var viewLabels = map[string]map[string]string{
	"en": {
		"lane.goal":          "Goal",
		"lane.actions":       "Actions",
		"lane.touchpoints":   "Touchpoints",
		"lane.thoughts":      "Thoughts",
		"lane.feelings":      "Feelings",
		"lane.emotions":      "Emotions",
		"lane.pains":         "Pain points",
		"lane.delights":      "Points of delight",
		"lane.backstage":     "Backstage",
		"lane.opportunities": "Opportunities",
		"lane.strategies":    "Strategies",
		"lane.kpis":          "KPIs",
		"lane.steps_back":    "Steps back",

		"phase.buying": "Buying",
		"phase.using":  "Using",

		"quote.open":  "“",
		"quote.close": "”",

		"step_back": "step back",

		"legend.title":           "Legend",
		"legend.channels":        "Channels",
		"legend.owners":          "Owners",
		"legend.personas":        "Personas",
		"legend.moment_of_truth": "moment of truth",
		"legend.evidence":        "Evidence",
		"legend.kpi_on":          "on target",
		"legend.kpi_off":         "off target",
		"legend.emotion":         "Emotion",
		"legend.pain":            "pain (below 0)",
		"legend.delight":         "delight (above 0)",
		"legend.stage_emotion":   "stage as a whole",
		"legend.step_back":       "step back",
		"legend.next":            "next touchpoint",
		"legend.no_channel":      "no channel",

		"evidence.observed": "observed",
		"evidence.reported": "reported",
		"evidence.inferred": "inferred",
		"evidence.assumed":  "assumed",

		"flow.truncated": "Too many touchpoints for a readable flow: laid out as a grid",

		"view.heading.map":  "Journey map",
		"view.heading.flow": "Touchpoint flow",
	},
	"ru": {
		"lane.goal":          "Цель",
		"lane.actions":       "Действия",
		"lane.touchpoints":   "Точки контакта",
		"lane.thoughts":      "Мысли",
		"lane.feelings":      "Чувства",
		"lane.emotions":      "Эмоции",
		"lane.pains":         "Боли",
		"lane.delights":      "Радости",
		"lane.backstage":     "Закулисье",
		"lane.opportunities": "Возможности",
		"lane.strategies":    "Стратегии",
		"lane.kpis":          "KPI",
		"lane.steps_back":    "Шаги назад",

		"phase.buying": "Покупка",
		"phase.using":  "Использование",

		"quote.open":  "«",
		"quote.close": "»",

		"step_back": "шаг назад",

		"legend.title":           "Обозначения",
		"legend.channels":        "Каналы",
		"legend.owners":          "Ответственные",
		"legend.personas":        "Персоны",
		"legend.moment_of_truth": "момент истины",
		"legend.evidence":        "Обоснованность",
		"legend.kpi_on":          "в цели",
		"legend.kpi_off":         "не в цели",
		"legend.emotion":         "Эмоция",
		"legend.pain":            "боль (ниже 0)",
		"legend.delight":         "радость (выше 0)",
		"legend.stage_emotion":   "этап в целом",
		"legend.step_back":       "шаг назад",
		"legend.next":            "следующая точка",
		"legend.no_channel":      "без канала",

		"evidence.observed": "наблюдали",
		"evidence.reported": "со слов клиента",
		"evidence.inferred": "вывод из данных",
		"evidence.assumed":  "гипотеза",

		"flow.truncated": "Слишком много точек контакта для читаемой схемы: раскладка сеткой",

		"view.heading.map":  "Карта пути",
		"view.heading.flow": "Поток точек контакта",
	},
}
