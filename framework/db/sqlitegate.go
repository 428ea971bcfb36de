package db

// This file queues a SQLite database's writers in the process, in arrival
// order, instead of letting them poll SQLite's write lock.

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"
)

// writeGate lets one connection at a time write to a SQLite database:
// an Exec outside a transaction holds it for the statement, a transaction
// from BEGIN (IMMEDIATE, which takes SQLite's write lock at once) to its
// end. SQLite lets one writer in and makes the others retry with sleeps
// of 1 to 100 ms (its busy handler); under load a writer can lose many
// rounds in a row, which is what made p99 reach seconds at 1,024
// connections. Waiting here, on a channel, serves writers first come,
// first served and wakes the next one the moment the lock is free.
//
// A writer that has waited for the busy timeout goes on without the gate,
// so that a caller holding a transaction while it writes on another
// connection (which SQLite itself refuses with SQLITE_BUSY) fails as it
// did without the gate rather than waiting forever. Reads never pass
// through the gate: WAL lets them run beside the writer.
type writeGate struct {
	slot chan struct{}
	wait time.Duration
}

func newWriteGate(wait time.Duration) *writeGate {
	return &writeGate{slot: make(chan struct{}, 1), wait: wait}
}

// enter waits for the gate and returns what leaves it; after g.wait, or
// when ctx ends, it returns without holding the gate.
func (g *writeGate) enter(ctx context.Context) (leave func()) {
	select {
	case g.slot <- struct{}{}:
		return g.leave
	default:
	}
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slot <- struct{}{}:
		return g.leave
	case <-t.C:
	case <-ctx.Done():
	}
	return func() {}
}

func (g *writeGate) leave() { <-g.slot }

// sqliteDriver returns the driver registered as "sqlite3" (go-sqlite3,
// which gorm's SQLite dialector imports).
func sqliteDriver() (driver.Driver, error) {
	probe, err := sql.Open("sqlite3", "")
	if err != nil {
		return nil, fmt.Errorf("db: sqlite driver: %w", err)
	}
	defer probe.Close()
	return probe.Driver(), nil
}

// gatedConnector opens connections to dsn whose writes pass the gate.
type gatedConnector struct {
	drv  driver.Driver
	dsn  string
	gate *writeGate
}

func (c *gatedConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.drv.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return &gatedConn{Conn: conn, gate: c.gate}, nil
}

func (c *gatedConnector) Driver() driver.Driver { return c.drv }

// gatedConn is a connection whose Exec and transactions pass the gate.
// database/sql uses a connection from one goroutine at a time.
type gatedConn struct {
	driver.Conn
	gate    *writeGate
	inTx    bool   // a transaction holds the gate for this connection
	leaveTx func() // ends the transaction's turn
}

var errNoContext = errors.New("db: the sqlite driver lacks a context method")

func (c *gatedConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	p, ok := c.Conn.(driver.ConnPrepareContext)
	if !ok {
		return nil, errNoContext
	}
	st, err := p.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &gatedStmt{Stmt: st, conn: c}, nil
}

func (c *gatedConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := c.Conn.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	defer c.write(ctx)()
	return e.ExecContext(ctx, query, args)
}

func (c *gatedConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := c.Conn.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	return q.QueryContext(ctx, query, args)
}

func (c *gatedConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	b, ok := c.Conn.(driver.ConnBeginTx)
	if !ok {
		return nil, errNoContext
	}
	leave := c.gate.enter(ctx)
	tx, err := b.BeginTx(ctx, opts)
	if err != nil {
		leave()
		return nil, err
	}
	c.inTx, c.leaveTx = true, leave
	return &gatedTx{Tx: tx, conn: c}, nil
}

func (c *gatedConn) Ping(ctx context.Context) error {
	if p, ok := c.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

// write enters the gate for one statement, unless a transaction of this
// connection holds it already.
func (c *gatedConn) write(ctx context.Context) (leave func()) {
	if c.inTx {
		return func() {}
	}
	return c.gate.enter(ctx)
}

func (c *gatedConn) endTx() {
	if c.inTx {
		c.inTx = false
		c.leaveTx()
	}
}

// gatedTx leaves the gate when the transaction ends.
type gatedTx struct {
	driver.Tx
	conn *gatedConn
}

func (t *gatedTx) Commit() error {
	defer t.conn.endTx()
	return t.Tx.Commit()
}

func (t *gatedTx) Rollback() error {
	defer t.conn.endTx()
	return t.Tx.Rollback()
}

// gatedStmt is a prepared statement whose Exec passes the gate.
type gatedStmt struct {
	driver.Stmt
	conn *gatedConn
}

func (s *gatedStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	e, ok := s.Stmt.(driver.StmtExecContext)
	if !ok {
		return nil, errNoContext
	}
	defer s.conn.write(ctx)()
	return e.ExecContext(ctx, args)
}

func (s *gatedStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := s.Stmt.(driver.StmtQueryContext)
	if !ok {
		return nil, errNoContext
	}
	return q.QueryContext(ctx, args)
}
