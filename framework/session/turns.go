package session

import (
	"context"
	"sync"
)

// saveTurns orders the conditional saves of each session key within the
// process. It is process-wide on purpose, like a singleflight group: the
// requests of one session may reach different Configs of one store only
// in tests, and a turn costs two map operations under a mutex.
var saveTurns turns

// turns hands out one turn at a time per key: a request holding the turn
// of a key saves, reloads and saves again without another request of the
// same process writing the record in between, so a conflict can only come
// from another process. Without turns, n requests of one session saving
// at once would need up to n attempts each.
type turns struct {
	mu sync.Mutex
	m  map[string]*turn
}

// turn is a key's token (a channel holding at most one value) and the
// number of requests holding or waiting for it.
type turn struct {
	token   chan struct{}
	waiters int
}

// take waits for the turn of key, or for ctx to end, and returns the
// function that hands the turn back.
func (ts *turns) take(ctx context.Context, key string) (release func(), err error) {
	ts.mu.Lock()
	t := ts.m[key]
	if t == nil {
		if ts.m == nil {
			ts.m = make(map[string]*turn)
		}
		t = &turn{token: make(chan struct{}, 1)}
		ts.m[key] = t
	}
	t.waiters++
	ts.mu.Unlock()
	select {
	case t.token <- struct{}{}:
		return func() { <-t.token; ts.leave(key, t) }, nil
	case <-ctx.Done():
		ts.leave(key, t)
		return nil, ctx.Err()
	}
}

// leave drops one holder or waiter of t, and t itself with the last.
func (ts *turns) leave(key string, t *turn) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if t.waiters--; t.waiters == 0 {
		delete(ts.m, key)
	}
}
