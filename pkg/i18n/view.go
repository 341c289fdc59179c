package i18n

// viewLabels are the labels of the map and flow diagrams.
var viewLabels = map[string]map[string]string{
	"en": {},
	"ru": {},
}
