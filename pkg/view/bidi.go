package view

import "unicode"

// rtlScripts are the scripts written right to left that journeys are
// written in (format.md: every language).
var rtlScripts = []*unicode.RangeTable{
	unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko,
	unicode.Samaritan, unicode.Mandaic, unicode.Adlam,
}

// IsRTL reports whether s is a right-to-left paragraph: its first strong
// character (a letter; digits, punctuation, symbols and emoji are weak or
// neutral) belongs to a right-to-left script, as the Unicode bidi
// algorithm decides a paragraph's direction (rules P2, P3). The views
// right-align such text.
func IsRTL(s string) bool {
	for _, r := range s {
		if unicode.In(r, rtlScripts...) && !unicode.IsDigit(r) && !unicode.IsPunct(r) && !unicode.IsMark(r) {
			return true
		}
		if unicode.IsLetter(r) {
			return false
		}
	}
	return false
}
