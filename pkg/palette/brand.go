package palette

import "fmt"

// Print is the candidate set of the print theme: eight greys from L* 20
// to 83, nine apart, which a black-and-white printer or copier keeps
// apart; ordered so that few entries of a kind are far apart (the first
// three differ by 27 or more) and the darkest comes first (a persona's
// curve). Each takes black or white text at a WCAG contrast of 4.5 or more.
// Meaning never rests on them alone: the names are written in the bars,
// and ★, ▲/▼ and the evidence dots are symbols.
var Print = []string{
	"#303030", // L* 20
	"#868686", // 56
	"#CFCFCF", // 83
	"#595959", // 38
	"#B6B6B6", // 74
	"#444444", // 29
	"#9E9E9E", // 65
	"#6F6F6F", // 47
}

// MinDeltaL is the lightness difference (CIELAB L*) a Greyscale scheme
// keeps between two entries of a kind while it can: Print's step.
const MinDeltaL = 9.0

// Brand returns the candidate set of a theme with brand colours: the brand
// colours that keep the palette's rules, in their order, then Set. A brand
// colour is left out, with a reason in reasons (same index as brand; ""
// for one kept), when it is not a "#rrggbb" or "#rgb" colour, when
// neither black nor white text reaches a WCAG contrast of 4.5 on it, when
// it stands out from white at less than 3, or when it is nearer than
// MinDeltaE (or MinDeltaEDeutan as a deuteranope sees it) to a brand
// colour kept before it.
func Brand(brand []string) (set []string, reasons []string) {
	reasons = make([]string, len(brand))
	white, _ := Parse(TextLight)
	black, _ := Parse(Text)
	var kept []RGB
	for i, h := range brand {
		c, ok := Parse(h)
		if !ok {
			reasons[i] = fmt.Sprintf("%q is not a colour; write #rrggbb", h)
			continue
		}
		if max(Contrast(c, white), Contrast(c, black)) < 4.5 {
			reasons[i] = fmt.Sprintf("%s takes neither black nor white text at a contrast of 4.5 (WCAG AA); make it lighter or darker", c.Hex())
			continue
		}
		if x := Contrast(c, white); x < 3 {
			reasons[i] = fmt.Sprintf("%s stands out from the white page at a contrast of %.1f, under 3: a line or marker in it would be hard to see; use a darker shade", c.Hex(), x)
			continue
		}
		near := ""
		for _, k := range kept {
			d, dd := Distance(c, k)
			if d < MinDeltaE {
				near = fmt.Sprintf("%s is %.0f ΔE (CIEDE2000) from the brand colour %s, under %g: the two would look alike; drop one or pick a more different shade", c.Hex(), d, k.Hex(), MinDeltaE)
				break
			}
			if dd < MinDeltaEDeutan {
				near = fmt.Sprintf("%s is %.0f ΔE from the brand colour %s as a deuteranope sees it, under %g; pick a shade that differs in lightness", c.Hex(), dd, k.Hex(), MinDeltaEDeutan)
				break
			}
		}
		if near != "" {
			reasons[i] = near
			continue
		}
		kept = append(kept, c)
		set = append(set, c.Hex())
	}
	return append(set, Set...), reasons
}
