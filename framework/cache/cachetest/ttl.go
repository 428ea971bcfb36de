package cachetest

import (
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
)

// shortTTL is the time to live of the entries meant to expire during the
// suite's one wait. It is long enough for the set-up to finish well before
// it ends on a loaded machine, and whole milliseconds, the precision of
// network caches.
const shortTTL = time.Second

var ttlCases = []testCase{
	{"entries expire after their ttl", testTTLWaiting},
}

// ttlKeys are the keys of the expiry checks, set up before the wait.
type ttlKeys struct {
	set, tiny, add, never, negative, setLater, setSooner, failedAdd, addAfter string
	replaceLater, replaceSooner, replaceExpired                               string
}

// testTTLWaiting sets entries up, waits once past shortTTL, then checks
// every expiry sentence of the contract.
func testTTLWaiting(t *testing.T, c cache.Cache) {
	k := ttlKeys{newKey(), newKey(), newKey(), newKey(), newKey(), newKey(), newKey(), newKey(), newKey(), newKey(), newKey(), newKey()}
	start := time.Now()
	mustSet(t, c, k.set, "set", shortTTL)
	mustSet(t, c, k.tiny, "tiny", time.Nanosecond)
	mustAdd(t, c, k.add, "add", shortTTL, true)
	mustSet(t, c, k.never, "never", 0)
	mustSet(t, c, k.negative, "negative", -time.Second)
	mustSet(t, c, k.setLater, "set later", shortTTL)
	mustSet(t, c, k.setLater, "set later", time.Hour)
	mustSet(t, c, k.setSooner, "set sooner", 0)
	mustSet(t, c, k.setSooner, "set sooner", shortTTL)
	mustSet(t, c, k.failedAdd, "failed add", shortTTL)
	mustAdd(t, c, k.failedAdd, "failed add", time.Hour, false)
	mustSet(t, c, k.addAfter, "add after", shortTTL)
	r, replaces := c.(cache.Replacer)
	if replaces {
		mustSet(t, c, k.replaceLater, "replace later", shortTTL)
		mustReplace(t, r, k.replaceLater, "replace later", time.Hour, true)
		mustSet(t, c, k.replaceSooner, "replace sooner", time.Hour)
		mustReplace(t, r, k.replaceSooner, "replace sooner", shortTTL, true)
		mustSet(t, c, k.replaceExpired, "replace expired", shortTTL)
	}
	t.Cleanup(func() {
		for _, key := range []string{k.never, k.negative, k.setLater, k.addAfter, k.replaceLater} {
			c.Delete(t.Context(), key)
		}
	})
	t.Run("entry is present before its ttl ends", func(t *testing.T) {
		if time.Since(start) > shortTTL/2 {
			t.Skipf("the set-up took %v, too close to the ttl of %v to check", time.Since(start), shortTTL)
		}
		wantValue(t, c, k.set, "set")
		wantValue(t, c, k.add, "add")
	})
	time.Sleep(time.Until(start.Add(shortTTL + 250*time.Millisecond)))
	checkExpired(t, c, k, replaces)
}

func checkExpired(t *testing.T, c cache.Cache, k ttlKeys, replaces bool) {
	for _, tc := range []struct {
		name, key, value string // value "" = absent
	}{
		{"Set's entry expires after its ttl", k.set, ""},
		{"a positive ttl under a millisecond still expires", k.tiny, ""},
		{"Add's entry expires after its ttl", k.add, ""},
		{"ttl 0 means no expiry", k.never, "never"},
		{"a negative ttl means no expiry", k.negative, "negative"},
		{"Set moves the expiry later", k.setLater, "set later"},
		{"Set replaces no expiry with a ttl", k.setSooner, ""},
		{"a failed Add leaves the expiry alone", k.failedAdd, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.value == "" {
				wantAbsent(t, c, tc.key)
			} else {
				wantValue(t, c, tc.key, tc.value)
			}
		})
	}
	t.Run("Add stores over an expired entry", func(t *testing.T) {
		mustAdd(t, c, k.addAfter, "added", time.Hour, true)
		wantValue(t, c, k.addAfter, "added")
	})
	t.Run("Replace moves the expiry", func(t *testing.T) {
		if !replaces {
			t.Skipf("%T does not implement cache.Replacer", c)
		}
		wantValue(t, c, k.replaceLater, "replace later")
		wantAbsent(t, c, k.replaceSooner)
	})
	t.Run("Replace leaves an expired entry absent", func(t *testing.T) {
		if !replaces {
			t.Skipf("%T does not implement cache.Replacer", c)
		}
		mustReplace(t, c.(cache.Replacer), k.replaceExpired, "again", time.Hour, false)
		wantAbsent(t, c, k.replaceExpired)
	})
}
