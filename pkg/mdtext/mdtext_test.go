package mdtext

import (
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want, line string }{
		{"plain text", "plain text", ""},
		{"a|b", `a\|b`, ""},
		{"<script>", `\<script\>`, ""},
		{"*bold* _em_ ~~s~~", `\*bold\* \_em\_ \~\~s\~\~`, ""},
		{"[x](y)", `\[x\](y)`, ""},
		{"a & b &amp; R&D &#60;", `a & b \&amp; R\&D \&\#60;`, ""},
		{"C# $5 #42", `C\# \$5 \#42`, ""},
		{"back\\slash `code`", "back\\\\slash \\`code\\`", ""},
		{"two\nlines", "two<br>lines", "two lines"},
		{"crlf\r\nline\ttab", "crlf<br>line tab", "crlf line tab"},
		{"  trimmed  ", "trimmed", ""},
		{"Путь клиента 🚀", "Путь клиента 🚀", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := Escape(tc.in); got != tc.want {
				t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
			}
			line := tc.line
			if line == "" {
				line = tc.want
			}
			if got := EscapeLine(tc.in); got != line {
				t.Errorf("EscapeLine(%q) = %q, want %q", tc.in, got, line)
			}
		})
	}
}

// FuzzEscape: whatever the text, EscapeLine gives one line in which every
// Markdown special character is backslash-escaped (a `&` only where an
// entity could start).
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"<script>alert(1)</script>", "a|b", "**x**", "line\nbreak", "\\", "Путь", "$5 #42", "&amp;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := EscapeLine(s)
		if strings.ContainsAny(got, "\r\n") {
			t.Fatalf("EscapeLine(%q) = %q spans lines", s, got)
		}
		for i := 0; i < len(got); i++ {
			switch {
			case got[i] == '\\':
				i++
			case got[i] == '&' && (i+1 == len(got) || !EntityStart(got[i+1])):
			case strings.IndexByte(Special, got[i]) >= 0:
				t.Fatalf("EscapeLine(%q) = %q: unescaped %q", s, got, got[i])
			}
		}
	})
}
