package session

import (
	"container/list"
	"encoding/json"
	"hash/maphash"
	"sync"
	"sync/atomic"

	"github.com/manouche-go/manouche/framework/signing"
)

// DecodeCacheBytes bounds the memory a [Codec] spends remembering verified
// decodes: the stored strings plus an estimate of their Dicts, 32 MiB.
// At 64 KiB a session that is some 250 sessions; a 4 KiB one, some 4,000.
const DecodeCacheBytes = 32 << 20

const (
	// entryOverhead estimates the bookkeeping of one entry and of one
	// value in a Dict (map slot, interface, list element).
	entryOverhead = 64
	// doorSlots is the size of the table of strings decoded once.
	doorSlots = 1 << 12
)

// decodeCache maps exact stored strings that verified to their decoded
// Dicts, least recently used out once the total cost passes max. It
// holds only data that verified under the codec's keys: tampered or
// foreign data is decoded every time, and never kept. Each Dict is the
// cache's own copy, never changed, and get hands out shares of it, copied
// only when a session changes its data or reads a map or a slice from it:
// a session changing its data never changes the cache, and one read only
// for its strings and numbers costs no copy. It is safe for concurrent
// use.
//
// A string is kept the second time it is decoded, not the first: a
// session written on every request (a counter) is decoded once per
// stored value, and keeping each would fill the cache with entries never
// read again, whose upkeep (the garbage collector scanning 32 MiB of
// them) tripled the cost of a write. The first decodes are remembered
// by a hash in a fixed table (door), where a collision only costs a
// decode.
type decodeCache struct {
	mu    sync.Mutex
	max   int
	size  int
	order list.List // of *decodeEntry, most recently used first
	m     map[string]*list.Element
	seed  maphash.Seed
	door  [doorSlots]atomic.Uint64 // hashes of strings decoded once; outside mu
}

type decodeEntry struct {
	data string
	d    *signing.Dict
	cost int
}

func newDecodeCache(max int) *decodeCache {
	return &decodeCache{max: max, m: map[string]*list.Element{}, seed: maphash.MakeSeed()}
}

// get returns a share of the Dict remembered for data (copied only once
// changed: see [signing.Dict.Share]), or nil.
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
	return e.Value.(*decodeEntry).d.Share()
}

// add remembers a copy of d as the decoding of data, which verified, if
// data was decoded before (see [decodeCache]). Data costing over an
// eighth of the budget is not kept. Even a 100-byte session is worth
// keeping: hashing it and copying its Dict cost a third of verifying and
// parsing it (BenchmarkSession_LoadGet).
func (c *decodeCache) add(data string, d *signing.Dict) {
	if data == "" || len(data) > c.max/8 || !c.seenBefore(data) {
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

// seenBefore reports whether data's hash is in the door table, and puts
// it there when it is not. Two decodes racing on one slot can at worst
// cost one of them its keeping: no lock is needed.
func (c *decodeCache) seenBefore(data string) bool {
	h := maphash.String(c.seed, data)
	return c.door[h%doorSlots].Swap(h) == h
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
