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

// turnPool recycles turns (with their channels) once no request holds or
// awaits them: a save then allocates nothing for its turn.
var turnPool = sync.Pool{New: func() any { return &turn{token: make(chan struct{}, 1)} }}

// take waits for the turn of key, or for ctx to end. The caller hands the
// turn back with give.
func (ts *turns) take(ctx context.Context, key string) (*turn, error) {
	ts.mu.Lock()
	t := ts.m[key]
	if t == nil {
		if ts.m == nil {
			ts.m = make(map[string]*turn)
		}
		t = turnPool.Get().(*turn)
		ts.m[key] = t
	}
	t.waiters++
	ts.mu.Unlock()
	select {
	case t.token <- struct{}{}: // a free turn, without making ctx's Done channel
		return t, nil
	default:
	}
	select {
	case t.token <- struct{}{}:
		return t, nil
	case <-ctx.Done():
		ts.leave(key, t)
		return nil, ctx.Err()
	}
}

// give hands back the turn of key that take returned.
func (ts *turns) give(key string, t *turn) {
	<-t.token
	ts.leave(key, t)
}

// leave drops one holder or waiter of t, and t itself with the last.
func (ts *turns) leave(key string, t *turn) {
	ts.mu.Lock()
	t.waiters--
	last := t.waiters == 0
	if last {
		delete(ts.m, key)
	}
	ts.mu.Unlock()
	if last {
		turnPool.Put(t)
	}
}
