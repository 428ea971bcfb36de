package cachetest

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
)

var getCases = []testCase{
	{"Get reports a missing key as absent, not as an error", func(t *testing.T, c cache.Cache) {
		wantAbsent(t, c, newKey())
	}},
	{"Get returns the value Set stored", func(t *testing.T, c cache.Cache) {
		key := newKey()
		mustSet(t, c, key, "value", time.Hour)
		wantValue(t, c, key, "value")
	}},
	{"Get reports an empty value as present", func(t *testing.T, c cache.Cache) {
		key := newKey()
		mustSet(t, c, key, "", time.Hour)
		wantValue(t, c, key, "")
	}},
	{"Get returns every byte value unchanged", func(t *testing.T, c cache.Cache) {
		var b [256]byte
		for i := range b {
			b[i] = byte(i)
		}
		key := newKey()
		mustSet(t, c, key, string(b[:]), time.Hour)
		wantValue(t, c, key, string(b[:]))
	}},
	{"Get returns a 1 MiB value unchanged", func(t *testing.T, c cache.Cache) {
		key, v := newKey(), strings.Repeat("0123456789abcdef", 1<<16)
		mustSet(t, c, key, v, time.Hour)
		wantValue(t, c, key, v)
	}},
	{"Get tells apart keys that differ in one byte", func(t *testing.T, c cache.Cache) {
		key := newKey()
		mustSet(t, c, key+"a", "lower", time.Hour)
		mustSet(t, c, key+"A", "upper", time.Hour)
		mustSet(t, c, key+"a:1", "colon", time.Hour)
		wantValue(t, c, key+"a", "lower")
		wantValue(t, c, key+"A", "upper")
		wantValue(t, c, key+"a:1", "colon")
		wantAbsent(t, c, key)
	}},
}

var setCases = []testCase{
	{"Set replaces the value of a present key", func(t *testing.T, c cache.Cache) {
		key := newKey()
		mustSet(t, c, key, "first", time.Hour)
		mustSet(t, c, key, "second", time.Hour)
		wantValue(t, c, key, "second")
	}},
	{"Set replaces a longer value with a shorter one", func(t *testing.T, c cache.Cache) {
		key := newKey()
		mustSet(t, c, key, "a longer value", time.Hour)
		mustSet(t, c, key, "short", time.Hour)
		wantValue(t, c, key, "short")
	}},
	{"Set with ttl 0 stores the value", func(t *testing.T, c cache.Cache) {
		key := newKey()
		mustSet(t, c, key, "forever", 0)
		wantValue(t, c, key, "forever")
		mustDelete(t, c, key)
	}},
	{"Set with a negative ttl stores the value", func(t *testing.T, c cache.Cache) {
		key := newKey()
		mustSet(t, c, key, "forever", -time.Second)
		wantValue(t, c, key, "forever")
		mustDelete(t, c, key)
	}},
}

var addCases = []testCase{
	{"Add stores under an absent key and reports it", func(t *testing.T, c cache.Cache) {
		key := newKey()
		mustAdd(t, c, key, "added", time.Hour, true)
		wantValue(t, c, key, "added")
	}},
	{"Add leaves a present key untouched and reports it", func(t *testing.T, c cache.Cache) {
		key := newKey()
		mustSet(t, c, key, "first", time.Hour)
		mustAdd(t, c, key, "second", time.Hour, false)
		wantValue(t, c, key, "first")
	}},
	{"Add sees an entry another Add stored", func(t *testing.T, c cache.Cache) {
		key := newKey()
		mustAdd(t, c, key, "first", time.Hour, true)
		mustAdd(t, c, key, "second", time.Hour, false)
		wantValue(t, c, key, "first")
	}},
	{"Add stores again after Delete", func(t *testing.T, c cache.Cache) {
		key := newKey()
		mustAdd(t, c, key, "first", time.Hour, true)
		mustDelete(t, c, key)
		mustAdd(t, c, key, "second", time.Hour, true)
		wantValue(t, c, key, "second")
	}},
	{"Add with ttl 0 stores the value", func(t *testing.T, c cache.Cache) {
		key := newKey()
		mustAdd(t, c, key, "forever", 0, true)
		wantValue(t, c, key, "forever")
		mustDelete(t, c, key)
	}},
}

var deleteCases = []testCase{
	{"Delete removes the key", func(t *testing.T, c cache.Cache) {
		key := newKey()
		mustSet(t, c, key, "value", time.Hour)
		mustDelete(t, c, key)
		wantAbsent(t, c, key)
	}},
	{"Delete of a missing key is not an error", func(t *testing.T, c cache.Cache) {
		key := newKey()
		mustDelete(t, c, key)
		wantAbsent(t, c, key)
	}},
	{"Delete leaves other keys alone", func(t *testing.T, c cache.Cache) {
		gone, kept := newKey(), newKey()
		mustSet(t, c, gone, "gone", time.Hour)
		mustSet(t, c, kept, "kept", time.Hour)
		mustDelete(t, c, gone)
		wantValue(t, c, kept, "kept")
	}},
}

var copyCases = []testCase{
	{"changing the slice given to Set does not change the entry", func(t *testing.T, c cache.Cache) {
		key, in := newKey(), []byte("value")
		if err := c.Set(t.Context(), key, in, time.Hour); err != nil {
			t.Fatalf("Set: got error %v, want nil", err)
		}
		in[0] = 'X'
		wantValue(t, c, key, "value")
	}},
	{"changing the slice given to Add does not change the entry", func(t *testing.T, c cache.Cache) {
		key, in := newKey(), []byte("value")
		if _, err := c.Add(t.Context(), key, in, time.Hour); err != nil {
			t.Fatalf("Add: got error %v, want nil", err)
		}
		in[0] = 'X'
		wantValue(t, c, key, "value")
	}},
	{"changing the slice Get returned does not change the entry", func(t *testing.T, c cache.Cache) {
		key := newKey()
		mustSet(t, c, key, "value", time.Hour)
		out, _, err := c.Get(t.Context(), key)
		if err != nil || !bytes.Equal(out, []byte("value")) {
			t.Fatalf("Get: got %s, %v, want %q, nil", abbrev(out), err, "value")
		}
		out[0] = 'Y'
		wantValue(t, c, key, "value")
	}},
}

var pingerCases = []testCase{
	{"Ping of a working cache returns nil", func(t *testing.T, c cache.Cache) {
		p, ok := c.(cache.Pinger)
		if !ok {
			t.Skipf("%T does not implement cache.Pinger", c)
		}
		if err := p.Ping(t.Context()); err != nil {
			t.Errorf("Ping: got %v, want nil", err)
		}
	}},
}
