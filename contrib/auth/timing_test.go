package auth_test

import (
	"context"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/framework/settings"
)

// TestAuthenticate_timing checks that an unknown username costs what a
// wrong password costs (one hasher run each), so that response times do
// not tell which usernames exist: the medians of interleaved runs must be
// within 10 % of each other. Each run is timed by its thread's CPU clock
// (the work done, which is what an attacker's timings average to), so that
// other processes on a shared machine do not decide the result; a
// measurement is still taken up to three times.
func TestAuthenticate_timing(t *testing.T) {
	if testing.Short() {
		t.Skip("measures hashing times")
	}
	ts := newSite(t, func(s *settings.Settings) { s.PBKDF2Iterations = 10000 })
	ts.user(t, "alice", "pw-alice-1")
	backend := auth.ModelBackend{}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	measure := func(username string) time.Duration {
		start := threadCPU()
		u, err := backend.Authenticate(context.Background(), ts.cfg, username, "wrong-password")
		if u != nil || err != nil {
			t.Fatalf("Authenticate(%s) = %v, %v", username, u, err)
		}
		return threadCPU() - start
	}
	measure("alice") // warm the connection and the statement cache
	var ratio float64
	for attempt := 1; attempt <= 3; attempt++ {
		var known, unknown []time.Duration
		for range 31 {
			known = append(known, measure("alice"))
			unknown = append(unknown, measure("mallory"))
		}
		mk, mu := median(known), median(unknown)
		ratio = float64(mu) / float64(mk)
		t.Logf("attempt %d: wrong password %v, unknown user %v (ratio %.3f)", attempt, mk, mu, ratio)
		if ratio > 0.9 && ratio < 1.1 {
			return
		}
	}
	t.Errorf("unknown user / wrong password median ratio %.3f, want within 10 %%", ratio)
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
