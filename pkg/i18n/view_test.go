package i18n

import (
	"strings"
	"testing"
)

// Every label exists in every language, and none is empty.
func TestLabelsComplete(t *testing.T) {
	for i, tbl := range tables {
		for _, lang := range []string{"en", "ru"} {
			table, ok := tbl[lang]
			if !ok {
				t.Fatalf("table %d: no labels for %s", i, lang)
			}
			for key := range tbl["en"] {
				if table[key] == "" {
					t.Errorf("table %d, %s: label %q missing", i, lang, key)
				}
			}
			for key := range table {
				if _, ok := tbl["en"][key]; !ok {
					t.Errorf("table %d, %s: label %q has no English", i, lang, key)
				}
			}
		}
	}
	if got := T("ru", "goal"); got != "Цель" {
		t.Errorf(`T("ru", "goal") = %q`, got)
	}
}

// One term per concept: no key is in two tables, and no two keys of a
// language carry the same term (case aside), so a concept cannot get a
// second name in one output (issue 10: the evidence heading was
// "Обоснованность" on the map and "Доказательность" in the report). The
// only terms shared are listed, with why.
func TestOneTermPerConcept(t *testing.T) {
	shared := map[string]bool{
		"ru:kpi": true, // "KPI" is both the singular and the plural in Russian
		// Russian names a stage's goal and a KPI's target with one word
		// (цель; the glossary's «цель достигнута» is "on target").
		"ru:цель": true,
	}
	for _, lang := range []string{"en", "ru"} {
		seen := map[string]string{}
		for i, tbl := range tables {
			for key, label := range tbl[lang] {
				for j, other := range tables {
					if j != i {
						if _, dup := other[lang][key]; dup {
							t.Errorf("%s: key %q is in tables %d and %d", lang, key, i, j)
						}
					}
				}
				norm := strings.ToLower(strings.TrimSpace(label))
				if prev, dup := seen[norm]; dup && !shared[lang+":"+norm] {
					t.Errorf("%s: %q and %q are both %q: use one key", lang, prev, key, label)
				}
				seen[norm] = key
			}
		}
	}
}
