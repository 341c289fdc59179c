package serve

import "sync"

// event tells pages that File (or, when File is empty, the list of files)
// has a new render.
type event struct {
	File    string `json:"file"`
	Version int    `json:"version"`
}

// hub fans events out to every open event stream. A slow client never
// blocks the others: its buffer keeps the newest events and drops the
// rest, which is safe because a page only needs to know that it must
// fetch again.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]struct{}
}

func newHub() *hub { return &hub{clients: map[chan event]struct{}{}} }

func (h *hub) subscribe() chan event {
	ch := make(chan event, 8)
	h.mu.Lock()
	h.clients[ch] = struct{}{}
	h.mu.Unlock()
	return ch
}

func (h *hub) unsubscribe(ch chan event) {
	h.mu.Lock()
	delete(h.clients, ch)
	h.mu.Unlock()
}

// clientCount returns the number of open streams.
func (h *hub) clientCount() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

func (h *hub) broadcast(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.clients {
		select {
		case ch <- ev:
		default:
			// Full: drop the oldest, keep the newest.
			select {
			case <-ch:
			default:
			}
			select {
			case ch <- ev:
			default:
			}
		}
	}
}
