package markdown

import (
	"bufio"
	"bytes"
	stdhtml "html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The map's description is CommonMark with GitHub's extensions (tables,
// strikethrough, task lists, autolinks). Both reports parse it with
// goldmark, drop the links whose target could run code (see SafeURL), and
// write it out escaped: the Markdown report re-emits the parsed tree as
// Markdown whose every text is escaped (Description), the HTML report
// renders it with goldmark's HTML renderer with raw HTML off
// (DescriptionHTML). In both, raw HTML shows as the text it is written as.

// gm is the parser (and, for DescriptionHTML, the renderer) of
// descriptions. No html.WithUnsafe: raw HTML is never passed through.
var gm = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(safeLinks{}, 100))),
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(htmlOverrides{}, 100))),
)

func parse(s string) ([]byte, ast.Node) {
	src := []byte(strings.ReplaceAll(s, "\r\n", "\n"))
	return src, gm.Parser().Parse(gtext.NewReader(src))
}

// SafeURL reports whether a link or image target in a description may be
// kept: a relative reference, a fragment, or an http, https, mailto or
// tel URL. It reads the target as a browser does: tabs and line breaks
// anywhere and leading control characters and spaces are ignored and the
// scheme is case-insensitive, so `JaVa&#x09;Script:` and ` javascript:`
// are javascript: URLs too (entities are already decoded by the parser).
func SafeURL(dest string) bool {
	var b strings.Builder
	for _, r := range dest {
		if r == '\t' || r == '\n' || r == '\r' {
			continue
		}
		b.WriteRune(r)
	}
	u := strings.ToLower(strings.TrimLeftFunc(b.String(), func(r rune) bool { return r <= ' ' }))
	colon := strings.IndexByte(u, ':')
	if colon < 0 || strings.ContainsAny(u[:colon], "/?#") {
		return true // no scheme: relative
	}
	scheme := u[:colon]
	for i := 0; i < len(scheme); i++ {
		c := scheme[i]
		if !(c >= 'a' && c <= 'z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			// Not a scheme (a browser reads "a b:c" as a relative path),
			// unless it is one of the three dangerous ones in disguise.
			squeezed := strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, u)
			return !strings.HasPrefix(squeezed, "javascript:") && !strings.HasPrefix(squeezed, "vbscript:") &&
				!strings.HasPrefix(squeezed, "data:")
		}
	}
	switch scheme {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}

// safeTarget reports whether a link's target as written (escapes and
// entities unresolved) is safe however it is read: as CommonMark resolves
// it, and as goldmark's HTML renderer does (escapes first, then entities,
// so `\&#58;` becomes a colon there).
func safeTarget(raw []byte) bool {
	return SafeURL(decode(raw)) &&
		SafeURL(string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(raw)))))
}

// safeLinks replaces every link, image and autolink whose target SafeURL
// refuses by its text.
type safeLinks struct{}

func (safeLinks) Transform(doc *ast.Document, reader gtext.Reader, _ parser.Context) {
	source := reader.Source()
	var unsafe []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if !safeTarget(n.Destination) {
				unsafe = append(unsafe, n)
			}
		case *ast.Image:
			if !safeTarget(n.Destination) {
				unsafe = append(unsafe, n)
			}
		case *ast.AutoLink:
			if !SafeURL(string(n.URL(source))) {
				unsafe = append(unsafe, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafe {
		parent := n.Parent()
		if a, ok := n.(*ast.AutoLink); ok {
			s := ast.NewString(a.Label(source))
			s.SetCode(true) // as written: no escapes or entities in an autolink
			parent.ReplaceChild(parent, n, s)
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// htmlOverrides changes three things in goldmark's HTML output: raw HTML
// shows as text (inline, and a block as preformatted text) instead of
// being omitted, as in the Markdown report; an image is a link to it
// (the HTML report fetches nothing).
type htmlOverrides struct{}

func (htmlOverrides) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := 0; i < segs.Len(); i++ {
				seg := segs.At(i)
				_, _ = w.Write(util.EscapeHTML(seg.Value(source)))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<pre><code>")
			code := strings.TrimSuffix(htmlBlockText(n.(*ast.HTMLBlock), source), "\n") + "\n"
			_, _ = w.Write(util.EscapeHTML([]byte(code)))
			_, _ = w.WriteString("</code></pre>\n")
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindImage, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<a href="`)
			_, _ = w.Write(util.EscapeHTML(util.URLEscape(n.(*ast.Image).Destination, true)))
			_, _ = w.WriteString(`">`)
		} else {
			_, _ = w.WriteString("</a>")
		}
		return ast.WalkContinue, nil
	})
}

// htmlBlockText is the text of an HTML block as written.
func htmlBlockText(n *ast.HTMLBlock, source []byte) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(source))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(source))
	}
	return b.String()
}

// DescriptionHTML returns the description as HTML: goldmark's rendering
// with raw HTML off, unsafe links dropped and raw HTML shown as text.
func DescriptionHTML(s string) string {
	src, doc := parse(s)
	var b bytes.Buffer
	if err := gm.Renderer().Render(&b, src, doc); err != nil {
		// goldmark's renderer fails only when its writer does; a
		// bytes.Buffer never does. Show the text rather than nothing.
		return "<p>" + stdhtml.EscapeString(s) + "</p>\n"
	}
	return b.String()
}

// Description returns the description as Markdown to place as blocks of
// the report: the same document, re-emitted from goldmark's parse with
// every text escaped as Escape does, code in fences longer than any run
// of backticks inside, links only to targets SafeURL accepts, and raw HTML
// as text (an HTML block as a code block). So it reads as the author wrote
// it, and no renderer can find raw HTML or an unclosed construct in it.
func Description(s string) string {
	src, doc := parse(s)
	e := &emitter{src: src}
	return strings.TrimRight(e.blocks(doc, "\n\n"), "\n")
}

type emitter struct {
	src []byte
}

// blocks renders the children of a container, separated by sep.
func (e *emitter) blocks(n ast.Node, sep string) string {
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if s := e.block(c); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}

func (e *emitter) block(n ast.Node) string {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return e.inlines(n, false)
	case *ast.Heading:
		return strings.Repeat("#", n.Level) + " " + e.inlines(n, false)
	case *ast.ThematicBreak:
		return "***"
	case *ast.CodeBlock:
		return fenced(e.lines(n), "")
	case *ast.FencedCodeBlock:
		return fenced(e.lines(n), string(n.Language(e.src)))
	case *ast.HTMLBlock:
		return fenced(htmlBlockText(n, e.src), "")
	case *ast.Blockquote:
		return prefixLines(e.blocks(n, "\n\n"), "> ", ">")
	case *ast.List:
		return e.list(n)
	case *east.Table:
		return e.table(n)
	}
	// Anything else (no GFM construct is left): its text, escaped.
	if n.Type() == ast.TypeBlock && n.HasChildren() {
		return e.blocks(n, "\n\n")
	}
	return e.inlines(n, false)
}

func (e *emitter) lines(n ast.Node) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(e.src))
	}
	return b.String()
}

// fenced writes code as a fenced block: a fence of backticks longer than
// any run of backticks in it, the language only when it is a plain word
// (so the info string has no backtick).
func fenced(code, lang string) string {
	fence := strings.Repeat("`", max(3, longestRun(code, '`')+1))
	if !plainWord(lang) {
		lang = ""
	}
	if code == "" {
		return fence + lang + "\n" + fence // no line at all
	}
	return fence + lang + "\n" + strings.TrimSuffix(code, "\n") + "\n" + fence
}

func plainWord(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_+.#-", c) >= 0) {
			return false
		}
	}
	return s != ""
}

func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// prefixLines puts first before the first line and rest before the
// others (blank lines get blank, trimmed of trailing spaces).
func prefixLines(s, first, rest string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		p := rest
		if i == 0 {
			p = first
		}
		if l == "" {
			lines[i] = strings.TrimRight(p, " ")
		} else {
			lines[i] = p + l
		}
	}
	return strings.Join(lines, "\n")
}

func (e *emitter) list(l *ast.List) string {
	// Two lists in a row differ in their marker, or they would merge.
	alt := false
	if prev, ok := l.PreviousSibling().(*ast.List); ok && prev.IsOrdered() == l.IsOrdered() {
		alt = true
	}
	sep, inner := "\n", "\n"
	if !l.IsTight {
		sep, inner = "\n\n", "\n\n"
	}
	var items []string
	num := l.Start
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		marker := "-"
		if alt {
			marker = "*"
		}
		if l.IsOrdered() {
			delim := "."
			if alt {
				delim = ")"
			}
			marker = strconv.Itoa(num) + delim
			num++
		}
		body := e.blocks(it, inner)
		pad := strings.Repeat(" ", len(marker)+1)
		if body == "" {
			items = append(items, marker)
			continue
		}
		items = append(items, prefixLines(body, marker+" ", pad))
	}
	return strings.Join(items, sep)
}

func (e *emitter) table(t *east.Table) string {
	var rows []string
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, e.inlines(c, true))
		}
		rows = append(rows, "| "+strings.Join(cells, " | ")+" |")
		if _, ok := r.(*east.TableHeader); ok {
			rule := make([]string, len(cells))
			for i := range rule {
				a := east.AlignNone
				if i < len(t.Alignments) {
					a = t.Alignments[i]
				}
				rule[i] = map[east.Alignment]string{east.AlignLeft: ":---", east.AlignRight: "---:", east.AlignCenter: ":---:"}[a]
				if rule[i] == "" {
					rule[i] = "---"
				}
			}
			rows = append(rows, "|"+strings.Join(rule, "|")+"|")
		}
	}
	return strings.Join(rows, "\n")
}

// inline is the state of one run of inline content.
type inline struct {
	e       *emitter
	b       bytes.Buffer
	inTable bool
	// bol: the next text starts a line, where `-`, `+`, `=` and `1.`
	// would start a block.
	bol bool
}

// inlines renders the inline content of a block on as many lines as it
// has (one in a heading or a table cell).
func (e *emitter) inlines(n ast.Node, inTable bool) string {
	in := &inline{e: e, inTable: inTable, bol: true}
	oneLine := inTable
	if _, ok := n.(*ast.Heading); ok {
		oneLine = true
	}
	in.children(n, oneLine)
	return strings.TrimRight(in.b.String(), " \n")
}

func (in *inline) children(n ast.Node, oneLine bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		in.node(c, oneLine)
	}
}

func (in *inline) write(s string) {
	if s != "" {
		in.b.WriteString(s)
		in.bol = false
	}
}

// text writes s (decoded text) escaped.
func (in *inline) text(s string) {
	s = escapeText(s)
	if in.bol {
		s = blockStart(s)
	}
	if s != "" && entityStart(s[0]) {
		in.escapeLast('&') // "&" + "amp;" would be an entity
	}
	in.write(s)
}

// escapeLast puts a backslash before the last byte written when it is c,
// not yet escaped: what is written next would make it markup.
func (in *inline) escapeLast(c byte) {
	b := in.b.Bytes()
	if len(b) == 0 || b[len(b)-1] != c {
		return
	}
	n := 0
	for n < len(b)-1 && b[len(b)-2-n] == '\\' {
		n++
	}
	if n%2 == 0 {
		in.b.Truncate(len(b) - 1)
		in.b.WriteByte('\\')
		in.b.WriteByte(c)
	}
}

func (in *inline) lineBreak(hard, oneLine bool) {
	// Trailing spaces would make a soft break hard.
	in.b.Truncate(len(bytes.TrimRight(in.b.Bytes(), " ")))
	switch {
	case oneLine:
		in.write(" ")
	case hard:
		in.b.WriteString("\\\n")
		in.bol = true
	default:
		in.b.WriteString("\n")
		in.bol = true
	}
}

func (in *inline) node(n ast.Node, oneLine bool) {
	src := in.e.src
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(src)
		if n.IsRaw() {
			in.text(string(v))
		} else {
			in.text(decode(v))
		}
		if n.HardLineBreak() || n.SoftLineBreak() {
			in.lineBreak(n.HardLineBreak(), oneLine)
		}
	case *ast.String:
		if n.IsCode() || n.IsRaw() {
			in.text(string(n.Value))
		} else {
			in.text(decode(n.Value))
		}
	case *ast.CodeSpan:
		var b strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(src))
			case *ast.String:
				b.Write(c.Value)
			}
		}
		in.write(codeSpan(strings.ReplaceAll(b.String(), "\n", " "), in.inTable))
	case *ast.Emphasis:
		mark := strings.Repeat("*", n.Level)
		in.write(mark)
		in.children(n, oneLine)
		in.write(mark)
	case *east.Strikethrough:
		in.write("~~")
		in.children(n, oneLine)
		in.write("~~")
	case *ast.Link:
		in.escapeLast('!') // "!" + "[x](y)" would be an image
		in.write("[")
		in.children(n, oneLine)
		in.write("](" + destination(decode(n.Destination)) + title(decode(n.Title)) + ")")
	case *ast.Image:
		in.write("![")
		in.children(n, oneLine)
		in.write("](" + destination(decode(n.Destination)) + title(decode(n.Title)) + ")")
	case *ast.AutoLink:
		in.escapeLast('!')
		url := string(n.URL(src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
			url = "mailto:" + url
		}
		in.write("[")
		in.text(string(n.Label(src)))
		in.write("](" + destination(url) + ")")
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			s := string(seg.Value(src))
			// Raw HTML may span lines; each line goes out as text.
			for j, line := range strings.Split(s, "\n") {
				if j > 0 {
					in.lineBreak(false, oneLine)
					line = strings.TrimLeft(line, " \t")
				}
				in.text(line)
			}
		}
	case *east.TaskCheckBox:
		if n.IsChecked {
			in.write("[x] ")
		} else {
			in.write("[ ] ")
		}
	default:
		// No other inline node is left with GFM; its content, if any.
		in.children(n, oneLine)
	}
}

// decode resolves the backslash escapes, entities and character
// references of Markdown text, as goldmark's HTML writer does (it is the
// writer, and the HTML it writes is unescaped again).
func decode(v []byte) string {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	ghtml.DefaultWriter.Write(w, v)
	_ = w.Flush()
	return stdhtml.UnescapeString(b.String())
}

// blockStart escapes what, at the start of a line of text, would start a
// block: a list item (`-`, `+`, `1.`, `1)`), a setext underline (`=`,
// `-`). The other block starters (`#`, `>`, `*`, `_`, `<`, backticks,
// tildes, `|`) are escaped everywhere.
func blockStart(s string) string {
	if s == "" {
		return s
	}
	if s[0] == ' ' {
		// Leading spaces (from `&#32;`) would indent the line into code.
		t := strings.TrimLeft(s, " ")
		return strings.Repeat("&#32;", len(s)-len(t)) + blockStart(t)
	}
	if strings.IndexByte("-+=", s[0]) >= 0 {
		return `\` + s
	}
	i := 0
	for i < len(s) && i < 10 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// codeSpan writes code as a code span: backticks one longer than any run
// inside, padded with a space when the code starts or ends with a backtick
// or a space (CommonMark strips one from each side). In a table cell a `|`
// is escaped (GFM splits cells first).
func codeSpan(code string, inTable bool) string {
	if inTable {
		code = strings.ReplaceAll(code, "|", `\|`)
	}
	ticks := strings.Repeat("`", longestRun(code, '`')+1)
	if strings.Trim(code, " ") != "" && (strings.HasPrefix(code, "`") || strings.HasSuffix(code, "`") ||
		strings.HasPrefix(code, " ") || strings.HasSuffix(code, " ")) {
		code = " " + code + " "
	}
	return ticks + code + ticks
}

// destination writes a link target (decoded): percent-encoded where
// Markdown or a table could read a character as syntax, so that every
// reader takes it as exactly these characters: no backslash escapes, and
// no `&` that could start an entity.
func destination(dest string) string {
	var b strings.Builder
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		if c <= ' ' || c == 0x7f || strings.IndexByte("<>()\\`|\"'[]", c) >= 0 || c == '&' && entityAt(dest[i:]) {
			b.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(c)|0x100, 16)[1:]))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// entityAt reports whether s starts with something a reader could take
// for an entity or a character reference: `&#`, or `&name;`.
func entityAt(s string) bool {
	if len(s) > 1 && s[1] == '#' {
		return true
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if c == ';' {
			return i > 1
		}
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return false
}

// title writes a link title in double quotes, every ASCII punctuation
// character backslash-escaped.
func title(t string) string {
	if t == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(` "`)
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '\n' || c == '\r' || c == '\t':
			b.WriteByte(' ')
		case c > ' ' && c < 0x7f && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'):
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
