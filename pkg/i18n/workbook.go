package i18n

// workbookLabels are the sheet names and column headers only the XLSX
// workbook shows (`cjm render -f xlsx`, read back by `cjm import`); the
// terms it shares with the diagrams and reports come from the glossary and
// the report labels. Keys start with "xlsx.".
var workbookLabels = map[string]map[string]string{
	"en": {
		"xlsx.map":          "Map",
		"xlsx.field":        "Field",
		"xlsx.id":           "ID",
		"xlsx.name":         "Name",
		"xlsx.title":        "Title",
		"xlsx.description":  "Description",
		"xlsx.lang":         "Language",
		"xlsx.include":      "Include",
		"xlsx.measurements": "Measurements",
		"xlsx.kind":         "Kind",
		"xlsx.color":        "Colour",
		"xlsx.from":         "Included from",
		"xlsx.unit":         "Unit",
		"xlsx.label":        "Label",
		"xlsx.note":         "Note",
	},
	"ru": {
		"xlsx.map":          "Карта",
		"xlsx.field":        "Поле",
		"xlsx.id":           "ID",
		"xlsx.name":         "Название",
		"xlsx.title":        "Заголовок",
		"xlsx.description":  "Описание",
		"xlsx.lang":         "Язык",
		"xlsx.include":      "Подключаемые каталоги",
		"xlsx.measurements": "Измерения",
		"xlsx.kind":         "Тип",
		"xlsx.color":        "Цвет",
		"xlsx.from":         "Из каталога",
		"xlsx.unit":         "Единица",
		"xlsx.label":        "Подпись",
		"xlsx.note":         "Примечание",
	},
}
