package session

import (
	"container/list"
	"encoding/json"
	"sync"

	"github.com/manouche-go/manouche/framework/signing"
)

// DecodeCacheBytes bounds the memory a [Codec] spends remembering verified
// decodes: the stored strings plus an estimate of their Dicts, 32 MiB.
// At 64 KiB a session that is some 250 sessions; a 4 KiB one, some 4,000.
const DecodeCacheBytes = 32 << 20

const (
	// decodeCacheMin is the smallest data remembered: below it, decoding
	// costs about what hashing the string and copying the Dict do.
	decodeCacheMin = 1 << 10
	// entryOverhead estimates the bookkeeping of one entry and of one
	// value in a Dict (map slot, interface, list element).
	entryOverhead = 64
)

// decodeCache maps exact stored strings that verified to their decoded
// Dicts, least recently used out once the total cost passes max. It
// holds only data that verified under the codec's keys: tampered or
// foreign data is decoded every time, and never kept. Each Dict is the
// cache's own copy, and get hands out copies, so a session changing its
// data never changes the cache. It is safe for concurrent use.
type decodeCache struct {
	mu    sync.Mutex
	max   int
	size  int
	order list.List // of *decodeEntry, most recently used first
	m     map[string]*list.Element
}

type decodeEntry struct {
	data string
	d    *signing.Dict
	cost int
}

func newDecodeCache(max int) *decodeCache {
	return &decodeCache{max: max, m: map[string]*list.Element{}}
}

// get returns a copy of the Dict remembered for data, or nil.
func (c *decodeCache) get(data string) *signing.Dict {
	c.mu.Lock()
	e, ok := c.m[data]
	if ok {
		c.order.MoveToFront(e)
	}
	c.mu.Unlock()
	if !ok {
		return nil
	}
	return e.Value.(*decodeEntry).d.Clone()
}

// add remembers a copy of d as the decoding of data, which verified. Data
// costing over an eighth of the budget is not kept. Even a 100-byte session
// is worth keeping: hashing it and copying its Dict cost a third of
// verifying and parsing it (BenchmarkSession_LoadGet).
func (c *decodeCache) add(data string, d *signing.Dict) {
	if data == "" || len(data) > c.max/8 {
		return
	}
	cost := len(data) + dictCost(d) + entryOverhead
	if cost > c.max/8 {
		return
	}
	e := &decodeEntry{data: data, d: d.Clone(), cost: cost}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[data]; ok {
		return
	}
	c.m[data] = c.order.PushFront(e)
	c.size += cost
	for c.size > c.max {
		last := c.order.Back()
		old := last.Value.(*decodeEntry)
		c.order.Remove(last)
		delete(c.m, old.data)
		c.size -= old.cost
	}
}

// dictCost estimates the bytes a decoded Dict holds.
func dictCost(d *signing.Dict) int {
	n := 0
	for k, v := range d.All() {
		n += len(k) + valueCost(v)
	}
	return n
}

func valueCost(v any) int {
	n := entryOverhead
	switch x := v.(type) {
	case string:
		n += len(x)
	case json.Number:
		n += len(x)
	case *signing.Dict:
		n += dictCost(x)
	case map[string]any:
		for k, e := range x {
			n += len(k) + valueCost(e)
		}
	case []any:
		for _, e := range x {
			n += valueCost(e)
		}
	}
	return n
}
