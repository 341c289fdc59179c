package i18n

import "testing"

// Every diagram label exists in every language, and none is empty.
func TestViewLabelsComplete(t *testing.T) {
	for _, lang := range []string{"en", "ru"} {
		table, ok := viewLabels[lang]
		if !ok {
			t.Fatalf("no view labels for %s", lang)
		}
		for key := range viewLabels["en"] {
			if table[key] == "" {
				t.Errorf("%s: view label %q missing", lang, key)
			}
		}
		for key := range table {
			if _, ok := viewLabels["en"][key]; !ok {
				t.Errorf("%s: view label %q has no English", lang, key)
			}
		}
	}
	if got := T("ru", "lane.goal"); got != "Цель" {
		t.Errorf(`T("ru", "lane.goal") = %q`, got)
	}
}
