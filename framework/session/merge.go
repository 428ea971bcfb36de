package session

// This file holds what lets concurrent requests of one session merge:
// the request's change log, Incr, and the save that compares the stored
// data with what the request loaded.

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/manouche-go/manouche/framework/signing"
)

// maxMergeAttempts bounds the conditional saves of one [Session.Save]:
// after that many conflicts in a row the session is saved unconditionally
// (last writer wins, as in Django) with one warning. Within a process the
// saves of a session take turns, so conflicts come from other processes;
// with 5 attempts, two servers sharing PostgreSQL and saving one session
// 50 times each at once gave up 5 times in 100 (examples/scaleout).
const maxMergeAttempts = 10

// op is the kind of one change a request made to its session.
type op uint8

const (
	opSet    op = iota // key = value
	opDelete           // key removed
	opClear            // every key removed
	opIncr             // key += delta
	opAll              // MarkModified: every key as this request holds it
)

// change is one entry of a session's change log.
type change struct {
	op    op
	key   string
	value any
	delta int64
}

// record appends c to the change log. A change that follows one of the
// same key replaces it (set, delete) or adds to it (incr), so a loop of
// writes keeps one entry; a Clear makes the earlier entries moot.
func (s *Session) record(c change) {
	if s.changes == nil {
		s.changes = s.first[:0]
	}
	if c.op == opClear {
		s.changes = append(s.changes[:0], c)
		return
	}
	if n := len(s.changes); n > 0 {
		last := &s.changes[n-1]
		switch {
		case c.op == opAll || last.key != c.key || last.op == opClear || last.op == opAll:
		case c.op == opIncr && last.op == opIncr:
			if sum, ok := addInt64(last.delta, c.delta); ok {
				last.delta = sum
				return
			}
		case c.op != opIncr:
			*last = c
			return
		}
	}
	s.changes = append(s.changes, c)
}

// ErrNotInteger is returned by [Session.Incr] when the key holds a value
// that is not an integer, or when the sum does not fit an int64.
var ErrNotInteger = errors.New("session: not an integer")

// Incr adds delta to the integer stored under k and returns the new
// value; a missing key counts as 0. The value is stored as a JSON number,
// as Django stores ints, so Django reads it as an int. It marks the
// session accessed and modified.
//
// Unlike Get then Set, Incr merges as an add: when concurrent requests of
// one session increment k, the stored value ends up with every delta (see
// the package doc, "Concurrent requests"). It returns an error wrapping
// [ErrNotInteger], and changes nothing, when k holds a value that is not
// an integer (see [Session.GetInt]) or the sum overflows, and the load
// error when the session could not be loaded (see [Session.Err]).
func (s *Session) Incr(k string, delta int64) (int64, error) {
	d := s.dict()
	if s.err != nil {
		return 0, fmt.Errorf("session: incr %q: %w", k, s.err)
	}
	var n int64
	if v, ok := d.Get(k); ok {
		if n, ok = toInt64(v); !ok {
			return 0, fmt.Errorf("session: incr %q: holds a %T: %w", k, v, ErrNotInteger)
		}
	}
	sum, ok := addInt64(n, delta)
	if !ok {
		return 0, fmt.Errorf("session: incr %q: %d%+d overflows: %w", k, n, delta, ErrNotInteger)
	}
	d.Set(k, sum)
	s.modified = true
	s.record(change{op: opIncr, key: k, delta: delta})
	return sum, nil
}

// addInt64 returns a+b and whether it did not overflow.
func addInt64(a, b int64) (int64, bool) {
	if (b > 0 && a > math.MaxInt64-b) || (b < 0 && a < math.MinInt64-b) {
		return 0, false
	}
	return a + b, true
}

// replay applies the request's changes, in order, to fresh: the data
// another request saved meanwhile. Sets overwrite, deletes delete, Clear
// clears and Incr adds its delta to the fresh value (a key holding no
// integer there counts as 0). After MarkModified, every key this request
// holds is written as it holds it (last writer wins on those keys).
func (s *Session) replay(fresh *signing.Dict) *signing.Dict {
	all := false
	for _, c := range s.changes {
		switch c.op {
		case opSet:
			fresh.Set(c.key, c.value)
		case opDelete:
			fresh.Delete(c.key)
		case opClear:
			fresh = signing.NewDict()
		case opIncr:
			v, _ := fresh.Get(c.key)
			n, _ := toInt64(v)
			if sum, ok := addInt64(n, c.delta); ok {
				fresh.Set(c.key, sum)
			}
		case opAll:
			all = true
		}
	}
	if all {
		for k, v := range s.data.All() {
			fresh.Set(k, v)
		}
	}
	return fresh
}

// saveStored writes d over the session's existing record. When the store
// is a [ConditionalSaver] and the request loaded the record, the write
// happens only if the record still holds what was loaded; on a conflict
// the record is read again, the request's changes are replayed onto it,
// and the save is tried again, up to [maxMergeAttempts] times, before a
// plain Save (last writer wins) with one warning.
//
// Conditional saves of one key take turns within the process (see
// [turns]), so only requests served by other processes can make one fail
// more than once.
func (s *Session) saveStored(ctx context.Context, d *signing.Dict, now, expiry time.Time) error {
	cs, ok := s.cfg.Store.(ConditionalSaver)
	if !ok || !s.based {
		return s.plainSave(ctx, d, now, expiry)
	}
	turn, err := saveTurns.take(ctx, s.key)
	if err != nil {
		return fmt.Errorf("session: save: %w", err)
	}
	defer saveTurns.give(s.key, turn)
	for attempt := range maxMergeAttempts {
		raw, err := s.cfg.Codec.Encode(d, now)
		if err != nil {
			return fmt.Errorf("session: save: %w", err)
		}
		err = cs.SaveIf(ctx, s.key, s.base, raw, expiry)
		if !errors.Is(err, ErrConflict) {
			if err == nil {
				s.saved(d, raw)
			}
			return saveErr(err)
		}
		if err := backoff(ctx, attempt); err != nil {
			return fmt.Errorf("session: save: %w", err)
		}
		fresh, err := s.cfg.Store.Load(ctx, s.key)
		if err != nil {
			return saveErr(err)
		}
		s.base = fresh
		d = s.replay(s.cfg.Codec.Decode(fresh))
		s.stamp(now, d)
		expiry = s.expiryDate(now, d) // the other request may have set _session_expiry
	}
	s.cfg.logger().Warn("session: concurrent requests kept changing the session; saving this request's data over theirs",
		"attempts", maxMergeAttempts)
	return s.plainSave(ctx, d, now, expiry)
}

// backoff waits before the reload that follows conflict number attempt
// (from 0): not at all after the first, which a request that waited for
// its turn meets as a rule, then a random time below 1, 2, 4, 8, then 16
// ms, so that processes saving one session stop colliding.
func backoff(ctx context.Context, attempt int) error {
	if attempt == 0 {
		return nil
	}
	t := time.NewTimer(rand.N(time.Millisecond << min(attempt-1, 4)))
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// plainSave writes d with Store.Save, whatever the record holds.
func (s *Session) plainSave(ctx context.Context, d *signing.Dict, now, expiry time.Time) error {
	raw, err := s.cfg.Codec.Encode(d, now)
	if err != nil {
		return fmt.Errorf("session: save: %w", err)
	}
	err = s.cfg.Store.Save(ctx, s.key, raw, expiry)
	if err == nil {
		s.saved(d, raw)
	}
	return saveErr(err)
}

// saved records that raw, the encoding of d, is now the stored data: the
// base of the next conditional save, with an empty change log.
func (s *Session) saved(d *signing.Dict, raw string) {
	s.data, s.base, s.based = d, raw, true
	s.changes = s.changes[:0]
}

// saveErr maps a store's save error to Save's: a vanished record is
// ErrInterrupted.
func saveErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrNotFound):
		return ErrInterrupted
	}
	return fmt.Errorf("session: save: %w", err)
}
