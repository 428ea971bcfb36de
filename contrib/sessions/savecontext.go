package sessions

import (
	"context"
	"sync"
	"time"
)

// saveContext is the context of the save that follows a view: the
// request's values without its cancellation, so that a client that goes
// away cannot stop a save halfway, and a deadline SaveTimeout away. It
// is context.WithTimeout made lazy: the timer starts only when something
// waits on Done, so a save to a store that never waits (locmem, signed
// cookies, a merge with no other save of the session in flight) costs one
// allocation (WithoutCancel's: the saveContext lives in the middleware's
// responseWriter) instead of a timer and five.
type saveContext struct {
	context.Context // the request's, without its cancellation
	deadline        time.Time

	mu    sync.Mutex
	done  chan struct{} // made by the first Done
	timer *time.Timer   // started by the first Done
	err   error         // set once: DeadlineExceeded, or Canceled by cancel
}

// start makes c, a zero saveContext, parent's values with a deadline
// timeout away; c.cancel releases it (the CancelFunc of WithTimeout).
func (c *saveContext) start(parent context.Context, timeout time.Duration) {
	c.Context, c.deadline = context.WithoutCancel(parent), time.Now().Add(timeout)
}

// Deadline returns the save's deadline.
func (c *saveContext) Deadline() (time.Time, bool) { return c.deadline, true }

// Done returns a channel closed at the deadline or by cancel, starting
// the deadline's timer on the first call.
func (c *saveContext) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done != nil {
		return c.done
	}
	c.done = make(chan struct{})
	switch d := time.Until(c.deadline); {
	case c.err != nil:
		close(c.done)
	case d <= 0:
		c.endLocked(context.DeadlineExceeded)
	default:
		c.timer = time.AfterFunc(d, func() { c.end(context.DeadlineExceeded) })
	}
	return c.done
}

// Err returns nil until the deadline or cancel, then DeadlineExceeded or
// Canceled, whether or not Done was asked for.
func (c *saveContext) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil && !time.Now().Before(c.deadline) {
		c.endLocked(context.DeadlineExceeded)
	}
	return c.err
}

// cancel ends the context with Canceled, unless it has ended already,
// and stops its timer.
func (c *saveContext) cancel() { c.end(context.Canceled) }

func (c *saveContext) end(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.endLocked(err)
}

// endLocked ends the context with err unless it has ended already.
func (c *saveContext) endLocked(err error) {
	if c.err != nil {
		return
	}
	c.err = err
	if c.done != nil {
		close(c.done)
	}
	if c.timer != nil {
		c.timer.Stop()
	}
}
