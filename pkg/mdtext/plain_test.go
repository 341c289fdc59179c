package mdtext

import "testing"

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
