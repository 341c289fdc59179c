package layoutcheck

import "testing"

// FuzzCheck: any input is an error or a list of problems, never a panic.
func FuzzCheck(f *testing.F) {
	f.Add(svg(card("m-tp-a", 10, -200, 200, -150, "") + text("m-tp-a-name", "start", 16, -185, 10, "Product demo")))
	f.Add(svg(`<g id="m-e" class="edge"><path stroke="#000" d="M1,2C3,4 5,6 7,8"/></g>` + text("m-lane-x", "end", 1e308, -1e308, 1e308, "…")))
	f.Add(svg(`<g id="m-legend-channel-a-mark" class="node"><polygon fill="#zzz" points="1,2 3"/></g><g id="m-header-corner" class="node"><rect x="0" y="0" width="-5" height="nan"/></g>`))
	f.Add([]byte(`<svg><g class="graph"><g class="node"><text>x</text></g></g></svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Check(data, Options{Scale: 0.5})
	})
}
