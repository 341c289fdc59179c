package i18n

// viewLabels are the labels only the map and flow diagrams show; the
// terms they share with the reports are in the glossary.
var viewLabels = map[string]map[string]string{
	"en": {
		"lane.emotions":    "Emotions",
		"lane.transitions": "Steps back and skips ahead",

		"quote.open":  "“",
		"quote.close": "”",

		"legend.title":         "Legend",
		"legend.pain":          "pain (below 0)",
		"legend.delight":       "delight (above 0)",
		"legend.stage_emotion": "stage as a whole",
		"legend.transitions":   "Transitions",
		"legend.next":          "next touchpoint",
		"legend.no_channel":    "no channel",
		"legend.neutral":       "neutral (0)",
		"legend.links":         "Links",
		"legend.sequence":      "order of the file, not a customer path",

		"flow.truncated":    "Too many touchpoints for a readable flow: laid out as a grid",
		"flow.aggregated":   "Too many links for a readable flow (%s): drawn per pair of stages, with their number (× n)",
		"flow.not_drawn":    "%s more pairs of stages not drawn",
		"flow.within":       "× %s within the stage",
		"legend.fwd_pairs":  "links to a later stage (× n)",
		"legend.back_pairs": "links back (× n)",

		"view.heading.flow": "Touchpoint flow",

		"baseline.note":      "Compared with %s: its emotion curves are drawn dashed in grey",
		"baseline.removed":   "Touchpoints removed since the baseline",
		"baseline.added":     "new",
		"baseline.added_tip": "Added since the baseline",
		"baseline.vs":        "vs the baseline",
		"baseline.curve":     "the baseline's emotion",

		"footnotes.title": "Footnotes",
		"persona.note":    "Drawn for %s: only the touchpoints they meet (%s of %s)",
	},
	"ru": {
		"lane.emotions":    "Эмоции",
		"lane.transitions": "Шаги назад и вперёд",

		"quote.open":  "«",
		"quote.close": "»",

		"legend.title":         "Обозначения",
		"legend.pain":          "боль (ниже 0)",
		"legend.delight":       "радость (выше 0)",
		"legend.stage_emotion": "этап в целом",
		"legend.transitions":   "Переходы",
		"legend.next":          "следующая точка контакта",
		"legend.no_channel":    "без канала",
		"legend.neutral":       "нейтрально (0)",
		"legend.links":         "Связи",
		"legend.sequence":      "порядок в файле, не путь клиента",

		"flow.truncated":    "Слишком много точек контакта для читаемой схемы: раскладка сеткой",
		"flow.aggregated":   "Слишком много связей для читаемой схемы (%s): показаны по парам этапов, с их числом (× n)",
		"flow.not_drawn":    "ещё пар этапов не показано: %s",
		"flow.within":       "× %s внутри этапа",
		"legend.fwd_pairs":  "связи с последующим этапом (× n)",
		"legend.back_pairs": "связи назад (× n)",

		"view.heading.flow": "Поток точек контакта",

		"baseline.note":      "Сравнение с %s: кривые эмоций базовой версии — серым пунктиром",
		"baseline.removed":   "Точки контакта, удалённые с базовой версии",
		"baseline.added":     "новая",
		"baseline.added_tip": "Добавлена с базовой версии",
		"baseline.vs":        "к базовой версии",
		"baseline.curve":     "эмоция в базовой версии",

		"footnotes.title": "Примечания",
		"persona.note":    "Карта для персон: %s — только их точки контакта (%s из %s)",
	},
}
