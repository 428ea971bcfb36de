package dbstore

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"gorm.io/gorm"
)

// groupCommit runs the writes that reach a SQLite store at the same time
// in one transaction (group commit): the first writer to arrive leads a
// batch of every write that queued while the previous batch ran, then
// hands the lead to the next writer waiting, if any. SQLite has one
// writer at a time, and a write on its own pays for a whole transaction
// (the write lock, the WAL frames of its pages, the commit); in one
// transaction the writes share all of that. Measured on a 1,024-row
// django_session table: an UPDATE alone costs 53 µs, in batches of 32
// 8 µs each; over HTTP (make loadtest), /incr went from 8,600 to 15,200
// requests/s at 32 connections.
//
// A write in a batch sees exactly what it would see alone: each is one
// statement, a duplicate key (Create) fails that statement only, as
// SQLite's default ABORT rule backs out the statement and keeps the
// transaction; any other failure (beginning the transaction, a statement,
// the commit) rolls the batch back and runs its writes again one by one,
// so that each gets its own outcome and none is lost. A lone write runs
// as before, without BEGIN and COMMIT.
type groupCommit struct {
	queue     queue            // the store's: a batch holds one connection
	duplicate func(error) bool // a duplicate key: the statement failed, not the batch
	// begin starts a batch's transaction (db.BeginTx; tests replace it).
	begin func(context.Context) (*sql.Tx, error)
	// alone runs one write outside a batch: the store's statement path.
	alone func(*write)

	mu      sync.Mutex
	waiting []*write // in arrival order; not empty only while leading
	leading bool

	batches, batched atomic.Int64 // transactions run and writes in them
}

// maxBatch bounds a batch, and so the wait of its first write (at 5 µs a
// write in a batch, 5 ms).
const maxBatch = 1024

// write is one statement handed to a groupCommit, and its outcome.
type write struct {
	ctx  context.Context
	st   *sql.Stmt
	args []any
	n    int64 // rows affected
	err  error
	wake chan bool // true: lead the next batch; false: n and err are set
}

// newGroupCommit returns the group commit of db's SQLite pool, or nil
// when db is not a pool of its own (a transaction).
func newGroupCommit(db *gorm.DB, q queue, alone func(*write)) *groupCommit {
	sqlDB, err := db.DB()
	if err != nil {
		return nil
	}
	g := &groupCommit{queue: q, alone: alone,
		duplicate: func(err error) bool { return duplicate(db.Dialector, err) }}
	g.begin = func(ctx context.Context) (*sql.Tx, error) { return sqlDB.BeginTx(ctx, nil) }
	return g
}

// exec runs w in the next batch and returns when its outcome is set.
func (g *groupCommit) exec(w *write) {
	g.mu.Lock()
	g.waiting = append(g.waiting, w)
	if g.leading {
		w.wake = make(chan bool, 1)
		g.mu.Unlock()
		if lead := <-w.wake; !lead {
			return
		}
		g.mu.Lock() // handed the lead: the writes that came during the last batch wait
	} else {
		// The first write of a run of batches yields once before it leads,
		// so that the requests ready to run reach their writes and join
		// it: with one processor, Go runs a request until it blocks, and
		// writes would never meet otherwise.
		g.leading = true
		g.mu.Unlock()
		runtime.Gosched()
		g.mu.Lock()
	}
	n := min(len(g.waiting), maxBatch)
	batch := append([]*write(nil), g.waiting[:n]...)
	g.waiting = append(g.waiting[:0], g.waiting[n:]...)
	g.mu.Unlock()

	defer func() {
		// A panic in the driver fails the whole batch (what it committed,
		// if anything, is reported failed: never the reverse) and still
		// hands the lead on, so that later writes are not stuck behind it.
		if p := recover(); p != nil {
			err := fmt.Errorf("dbstore: write: panic: %v", p)
			for _, o := range batch {
				o.n, o.err = -1, err
			}
			g.handOff(w, batch)
			panic(p)
		}
	}()
	g.run(batch)
	g.handOff(w, batch)
}

// handOff ends w's lead of batch: the lead goes to the first write
// waiting, if any, and the writes of batch learn their outcome.
func (g *groupCommit) handOff(w *write, batch []*write) {
	g.mu.Lock()
	if len(g.waiting) > 0 {
		g.waiting[0].wake <- true
	} else {
		g.leading = false
	}
	g.mu.Unlock()
	for _, o := range batch {
		if o != w {
			o.wake <- false
		}
	}
}

// run sets the outcome of every write of batch: writes whose context has
// ended get its error, a lone write runs alone, the others in one
// transaction, or alone each if the transaction fails.
func (g *groupCommit) run(batch []*write) {
	live := make([]*write, 0, len(batch))
	for _, w := range batch {
		if w.err = w.ctx.Err(); w.err == nil {
			live = append(live, w)
		}
	}
	if len(live) == 1 {
		g.alone(live[0])
		return
	}
	if len(live) == 0 || g.inTransaction(live) == nil {
		return
	}
	for _, w := range live {
		w.n, w.err = 0, nil
		g.alone(w)
	}
}

// inTransaction runs batch in one transaction; on an error, nothing of
// it is committed and the outcomes it set are to be discarded.
func (g *groupCommit) inTransaction(batch []*write) error {
	// The statements run without the writes' cancellation, as on SQLite
	// alone (see Store.stmtContext); each write's context was checked
	// when the batch was taken.
	ctx := context.Background()
	g.queue.enter(ctx) // never refused: ctx never ends
	defer g.queue.leave()
	tx, err := g.begin(ctx)
	if err != nil {
		return err
	}
	for _, w := range batch {
		var res sql.Result
		res, w.err = tx.StmtContext(ctx, w.st).ExecContext(ctx, w.args...)
		switch {
		case w.err == nil:
			w.n, w.err = res.RowsAffected()
		case g.duplicate(w.err): // this statement backed out, the rest kept
		default:
			tx.Rollback()
			return w.err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	g.batches.Add(1)
	g.batched.Add(int64(len(batch)))
	return nil
}
