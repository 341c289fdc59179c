package mdtext

import (
	"strings"
	"testing"
)

func TestFirstParagraph(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Plain text.", "Plain text."},
		{"How a **committee** moves\nfrom *signal* to `advocacy`.\n\nSecond paragraph.", "How a committee moves from signal to advocacy."},
		{"## Context\n\nBuilt from [the review](https://x.org) and <https://y.org>.", "Built from the review and https://y.org."},
		{"# Only a heading\n\n- item one\n- item two", "Only a heading"},
		{"- item one\n- item two\n\nAfter the list.", "After the list."},
		{"- item one\n- item two", "item one"},
		{`Escaped \*stars\* &amp; R&D &#8212; ~~gone~~ ![alt text](x.png)`, "Escaped *stars* & R&D — gone alt text"},
		{"<b>raw</b> html", "<b>raw</b> html"},
		{"```\ncode only\n```", "code only"},
		{"Путь клиента 🚀\nвторая строка", "Путь клиента 🚀 вторая строка"},
	} {
		if got := FirstParagraph(tc.in); got != tc.want {
			t.Errorf("FirstParagraph(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzFirstParagraph: whatever the Markdown, the first paragraph is one
// line of text without runs of spaces, and nothing panics.
func FuzzFirstParagraph(f *testing.F) {
	for _, s := range []string{"# h\n\np", "- a\n- b", "<div>\nx\n</div>", "| a | b |\n|---|---|\n| 1 | 2 |", "[x](javascript:alert(1))", "`` ` ``", "&#0;&bogus;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := FirstParagraph(s)
		if strings.ContainsAny(got, "\n\r\t") || strings.Contains(got, "  ") || strings.TrimSpace(got) != got {
			t.Fatalf("FirstParagraph(%q) = %q", s, got)
		}
	})
}
