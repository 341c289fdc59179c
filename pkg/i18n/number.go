package i18n

import (
	"math"
	"strconv"
	"strings"
)

// numberFormat is how a language writes numbers, after CLDR's (v44)
// decimal and percent patterns for it.
type numberFormat struct {
	decimal, group string
	// minGroup is CLDR's minimumGroupingDigits: the integer part is
	// grouped only when it has at least 3+minGroup digits.
	minGroup int
	// percent is what goes between the number and "%".
	percent string
}

var numberFormats = map[string]numberFormat{
	// en: "12,000.5", "1,000", "2.1%".
	"en": {decimal: ".", group: ",", minGroup: 1},
	// ru: "12 000,5", "1000" (grouping from five digits), "2,1 %", with
	// U+00A0 NO-BREAK SPACE as CLDR has it, so a number never breaks
	// across lines.
	"ru": {decimal: ",", group: "\u00a0", minGroup: 2, percent: "\u00a0"},
}

func formatOf(lang string) numberFormat {
	if f, ok := numberFormats[lang]; ok {
		return f
	}
	return numberFormats[Default]
}

// Number writes v as lang writes it, the one number formatter of every
// view and report: rounded to at most two decimals (half away from zero),
// no trailing zeros, the language's decimal and group separators, and a
// true minus sign (U+2212) for a negative value ("−0" is "0").
func Number(lang string, v float64) string {
	f := formatOf(lang)
	v = math.Round(v*100) / 100
	if v == 0 || math.IsNaN(v) {
		return "0"
	}
	neg := v < 0
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	if len(intPart) >= 3+f.minGroup {
		var b strings.Builder
		pre := len(intPart) % 3
		if pre > 0 {
			b.WriteString(intPart[:pre])
		}
		for i := pre; i < len(intPart); i += 3 {
			if b.Len() > 0 {
				b.WriteString(f.group)
			}
			b.WriteString(intPart[i : i+3])
		}
		intPart = b.String()
	}
	out := intPart
	if frac != "" {
		out += f.decimal + frac
	}
	if neg {
		out = "\u2212" + out
	}
	return out
}

// Signed writes v with its sign, as emotions are shown: "+1", "−0.5", "0".
func Signed(lang string, v float64) string {
	s := Number(lang, v)
	if s != "0" && !strings.HasPrefix(s, "\u2212") {
		return "+" + s
	}
	return s
}

// Quantity writes v with its unit: "12,000 visits/mo"; a percentage the
// language's way ("2.1%", "2,1 %").
func Quantity(lang string, v float64, unit string) string {
	s := Number(lang, v)
	switch unit {
	case "":
		return s
	case "%":
		return s + formatOf(lang).percent + "%"
	}
	return s + " " + unit
}

// SignedQuantity writes a change with its sign and unit: "+120 visits/mo",
// "−0.4%", "0%".
func SignedQuantity(lang string, v float64, unit string) string {
	s := Quantity(lang, v, unit)
	if Number(lang, v) != "0" && !strings.HasPrefix(s, "\u2212") {
		return "+" + s
	}
	return s
}
