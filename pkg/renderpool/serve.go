package renderpool

import (
	"bufio"
	"context"
	"encoding/gob"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/graphviz"
)

// Serve is the worker's loop: it reads requests from r, lays each out with
// pkg/graphviz and writes the result to w, until r ends. It returns after
// a layout that broke the Graphviz instance, having reported it.
func Serve(r io.Reader, w io.Writer) error {
	return serve(r, w, graphviz.Render)
}

// serve is Serve with the layout function injected (tests fake failures).
func serve(r io.Reader, w io.Writer, layout func(ctx context.Context, dot []byte, engine, format string) ([]byte, error)) error {
	dec := gob.NewDecoder(bufio.NewReader(r))
	bw := bufio.NewWriter(w)
	enc := gob.NewEncoder(bw)
	for {
		var req request
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		var resp response
		data, err := layout(context.Background(), req.DOT, req.Engine, req.Format)
		resp.Data = data
		if err != nil {
			resp.Err = err.Error()
			resp.Kind = kindOf(err)
			resp.Broken = errors.Is(err, graphviz.ErrBroken)
		}
		resp.RSS = rss()
		if err := enc.Encode(&resp); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		if resp.Broken {
			return nil
		}
	}
}

// rss returns this process's resident memory in bytes, from /proc where
// there is one, else 0.
func rss() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}
