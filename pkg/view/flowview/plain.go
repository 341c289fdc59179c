package flowview

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// plainLayout is what the first pass needs from Graphviz's "plain" output:
// node centres and sizes, and edge routes, in points with y up.
type plainLayout struct {
	width, height float64
	nodes         map[string]plainNode
	edges         map[[2]string][]pt
}

type plainNode struct{ x, y, w, h float64 }

type pt struct{ x, y float64 }

// parsePlain reads Graphviz's plain format:
//
//	graph scale width height
//	node name x y width height label style shape color fillcolor
//	edge tail head n x1 y1 … xn yn [label xl yl] style color
//	stop
//
// Coordinates are in inches; names may be quoted.
func parsePlain(b []byte) (*plainLayout, error) {
	l := &plainLayout{nodes: map[string]plainNode{}, edges: map[[2]string][]pt{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	scale := 1.0
	line := 0
	for sc.Scan() {
		line++
		f, err := fields(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("plain line %d: %v", line, err)
		}
		if len(f) == 0 {
			continue
		}
		num := func(i int) (float64, error) {
			if i >= len(f) {
				return 0, fmt.Errorf("plain line %d: too few fields", line)
			}
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return 0, fmt.Errorf("plain line %d: %v", line, err)
			}
			return v, nil
		}
		switch f[0] {
		case "graph":
			s, err1 := num(1)
			w, err2 := num(2)
			h, err3 := num(3)
			if err := firstErr(err1, err2, err3); err != nil {
				return nil, err
			}
			if s > 0 {
				scale = s
			}
			l.width, l.height = w*72*scale, h*72*scale
		case "node":
			if len(f) < 6 {
				return nil, fmt.Errorf("plain line %d: short node", line)
			}
			x, err1 := num(2)
			y, err2 := num(3)
			w, err3 := num(4)
			h, err4 := num(5)
			if err := firstErr(err1, err2, err3, err4); err != nil {
				return nil, err
			}
			l.nodes[f[1]] = plainNode{x * 72 * scale, y * 72 * scale, w * 72, h * 72}
		case "edge":
			if len(f) < 4 {
				return nil, fmt.Errorf("plain line %d: short edge", line)
			}
			n, err := strconv.Atoi(f[3])
			if err != nil || n < 0 || 4+2*n > len(f) {
				return nil, fmt.Errorf("plain line %d: bad point count", line)
			}
			pts := make([]pt, n)
			for i := 0; i < n; i++ {
				x, err1 := num(4 + 2*i)
				y, err2 := num(5 + 2*i)
				if err := firstErr(err1, err2); err != nil {
					return nil, err
				}
				pts[i] = pt{x * 72 * scale, y * 72 * scale}
			}
			key := [2]string{f[1], f[2]}
			if _, dup := l.edges[key]; !dup {
				l.edges[key] = pts
			}
		case "stop":
			return l, nil
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return l, nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// fields splits a plain line into words; a double-quoted word may hold
// spaces and backslash-escaped quotes.
func fields(s string) ([]string, error) {
	var out []string
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return out, nil
		}
		if s[0] != '"' {
			i := strings.IndexAny(s, " \t")
			if i < 0 {
				i = len(s)
			}
			out = append(out, s[:i])
			s = s[i:]
			continue
		}
		var w strings.Builder
		i := 1
		for ; i < len(s); i++ {
			if s[i] == '\\' && i+1 < len(s) {
				i++
				w.WriteByte(s[i])
				continue
			}
			if s[i] == '"' {
				break
			}
			w.WriteByte(s[i])
		}
		if i >= len(s) {
			return nil, fmt.Errorf("unterminated quote")
		}
		out = append(out, w.String())
		s = s[i+1:]
	}
}
