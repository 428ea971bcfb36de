package sessions

import (
	"context"
	"errors"
	"testing"
	"time"
)

type ctxKey struct{}

func newSaveContext(parent context.Context, timeout time.Duration) *saveContext {
	c := new(saveContext)
	c.start(parent, timeout)
	return c
}

func TestSaveContext_valuesWithoutCancellation(t *testing.T) {
	parent, stop := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "v"))
	ctx := newSaveContext(parent, time.Hour)
	defer ctx.cancel()
	stop() // the client went away
	if got := ctx.Value(ctxKey{}); got != "v" {
		t.Errorf("Value = %v, want the request's v", got)
	}
	if err := ctx.Err(); err != nil {
		t.Errorf("Err after the request's cancellation = %v, want nil", err)
	}
	select {
	case <-ctx.Done():
		t.Error("Done closed by the request's cancellation")
	default:
	}
	if err := context.Cause(ctx); err != nil {
		t.Errorf("Cause = %v, want nil (not the request's)", err)
	}
	if dl, ok := ctx.Deadline(); !ok || time.Until(dl) < 59*time.Minute {
		t.Errorf("Deadline = %v, %v; want an hour away", dl, ok)
	}
}

func TestSaveContext_deadline(t *testing.T) {
	t.Run("Err without Done", func(t *testing.T) {
		ctx := newSaveContext(context.Background(), 20*time.Millisecond)
		defer ctx.cancel()
		if err := ctx.Err(); err != nil {
			t.Fatalf("Err before the deadline = %v", err)
		}
		time.Sleep(30 * time.Millisecond)
		if err := ctx.Err(); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Err after the deadline = %v, want DeadlineExceeded", err)
		}
		select {
		case <-ctx.Done():
		default:
			t.Fatal("Done asked for after the deadline is not closed")
		}
		ctx.cancel()
		if err := ctx.Err(); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Err after a late cancel = %v, want DeadlineExceeded still", err)
		}
	})
	t.Run("Done, and a context derived from it", func(t *testing.T) {
		ctx := newSaveContext(context.Background(), 20*time.Millisecond)
		defer ctx.cancel()
		child, stop := context.WithCancel(ctx)
		defer stop()
		select {
		case <-child.Done():
		case <-time.After(5 * time.Second):
			t.Fatal("the derived context was not ended by the deadline")
		}
		if err := child.Err(); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("derived Err = %v, want DeadlineExceeded", err)
		}
	})
}

func TestSaveContext_cancel(t *testing.T) {
	ctx := newSaveContext(context.Background(), time.Hour)
	done := ctx.Done() // starts the timer, which cancel must stop
	ctx.cancel()
	select {
	case <-done:
	default:
		t.Fatal("Done not closed by cancel")
	}
	if err := ctx.Err(); !errors.Is(err, context.Canceled) {
		t.Fatalf("Err = %v, want Canceled", err)
	}
	if ctx.timer.Stop() {
		t.Error("the deadline's timer still runs after cancel")
	}
	ctx.cancel() // twice is harmless

	ctx2 := newSaveContext(context.Background(), time.Hour)
	ctx2.cancel()
	select {
	case <-ctx2.Done(): // asked for after cancel: closed already
	default:
		t.Fatal("Done asked for after cancel is not closed")
	}
}

// TestSaveContext_allocs: a save that never waits on Done costs one
// allocation, WithoutCancel's, as the saveContext lives in the middleware's
// responseWriter (context.WithTimeout: five and a timer).
func TestSaveContext_allocs(t *testing.T) {
	parent := context.Background()
	c := new(saveContext)
	n := testing.AllocsPerRun(100, func() {
		*c = saveContext{}
		c.start(parent, time.Minute)
		_ = c.Err()
		c.cancel()
	})
	if n > 1 {
		t.Errorf("%v allocations, want at most 1", n)
	}
}
