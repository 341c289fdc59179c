package i18n

// reportLabels are the headings and labels of the Markdown and HTML
// reports and the exports.
var reportLabels = map[string]map[string]string{
	"en": {},
	"ru": {},
}
