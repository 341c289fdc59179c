package textmeasure

import "unicode"

// rtlScripts are the scripts written right to left that Unicode encodes
// (their letters are bidi class R or AL).
var rtlScripts = []*unicode.RangeTable{
	unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko,
	unicode.Samaritan, unicode.Mandaic, unicode.Adlam, unicode.Hanifi_Rohingya,
	unicode.Mende_Kikakui, unicode.Old_South_Arabian, unicode.Imperial_Aramaic,
	unicode.Phoenician, unicode.Avestan, unicode.Kharoshthi, unicode.Yezidi,
}

// RightToLeft reports whether a paragraph of s is written right to left:
// its first strong character (a letter, as the Unicode bidi algorithm's
// rule P2 finds it, digits, punctuation, symbols and emoji skipped) is of a
// right-to-left script, Hebrew or Arabic for instance. Text without a
// letter is left to right. The views right-align such paragraphs.
func RightToLeft(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		return unicode.In(r, rtlScripts...)
	}
	return false
}
