package cachetest

import (
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
)

var replacerCases = []testCase{
	{"Replace stores over a present key and reports it", func(t *testing.T, c cache.Cache) {
		r, key := replacer(t, c), newKey()
		mustSet(t, c, key, "first", time.Hour)
		mustReplace(t, r, key, "second", time.Hour, true)
		wantValue(t, c, key, "second")
	}},
	{"Replace leaves a missing key absent and reports it", func(t *testing.T, c cache.Cache) {
		r, key := replacer(t, c), newKey()
		mustReplace(t, r, key, "value", time.Hour, false)
		wantAbsent(t, c, key)
	}},
	{"Replace after Delete leaves the key absent", func(t *testing.T, c cache.Cache) {
		r, key := replacer(t, c), newKey()
		mustSet(t, c, key, "first", time.Hour)
		mustDelete(t, c, key)
		mustReplace(t, r, key, "second", time.Hour, false)
		wantAbsent(t, c, key)
	}},
	{"Replace over an entry Add stored", func(t *testing.T, c cache.Cache) {
		r, key := replacer(t, c), newKey()
		mustAdd(t, c, key, "first", time.Hour, true)
		mustReplace(t, r, key, "second", time.Hour, true)
		wantValue(t, c, key, "second")
	}},
	{"changing the slice given to Replace does not change the entry", func(t *testing.T, c cache.Cache) {
		r, key := replacer(t, c), newKey()
		mustSet(t, c, key, "first", time.Hour)
		in := []byte("value")
		if _, err := r.Replace(t.Context(), key, in, time.Hour); err != nil {
			t.Fatalf("Replace: got error %v, want nil", err)
		}
		in[0] = 'X'
		wantValue(t, c, key, "value")
	}},
}

func replacer(t *testing.T, c cache.Cache) cache.Replacer {
	t.Helper()
	r, ok := c.(cache.Replacer)
	if !ok {
		t.Skipf("%T does not implement cache.Replacer", c)
	}
	return r
}

// mustReplace calls Replace and checks whether it stored.
func mustReplace(t *testing.T, r cache.Replacer, key, value string, ttl time.Duration, want bool) {
	t.Helper()
	replaced, err := r.Replace(t.Context(), key, []byte(value), ttl)
	if err != nil {
		t.Fatalf("Replace: got error %v, want nil", err)
	}
	if replaced != want {
		t.Errorf("Replace: got replaced %v, want %v", replaced, want)
	}
}
