package session

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned by [Store.Load] when a key has no record or its
// record has expired, and by [Store.Save] when the record vanished meanwhile
// (Django's UpdateError).
var ErrNotFound = errors.New("session: not found")

// ErrKeyExists is returned by [Store.Create] when the key already has a record
// (Django's CreateError). The existing record is left untouched.
var ErrKeyExists = errors.New("session: key exists")

// ErrUnavailable marks a store error that means the store cannot be
// reached right now (a refused connection, a timeout, a server restarting).
// Stores wrap such errors with it, and the session middleware answers 503
// Service Unavailable instead of 500: the request may succeed once the
// store is back.
var ErrUnavailable = errors.New("session: store unavailable")

// Store keeps encoded session strings by session key. It is the Go form of the
// abstract methods of Django's SessionBase (load, create, save, delete).
//
// A Store moves opaque strings: encoding, signing and tamper checks happen
// above it, in the [Codec]. Implementations must be safe for concurrent use.
// Every sentence of this contract is a case of the conformance suite in
// contrib/sessions/sessiontest.
type Store interface {
	// Load returns the data stored under key. It returns ErrNotFound when
	// the key has no record or the record has expired. Load never creates
	// a record.
	Load(ctx context.Context, key string) (data string, err error)

	// Create stores data under a key that must not exist yet. It returns
	// ErrKeyExists, and changes nothing, when the key already has a record.
	// The record expires at expiry.
	Create(ctx context.Context, key, data string, expiry time.Time) error

	// Save replaces the data of an existing record and moves its expiry.
	// It returns ErrNotFound when the record no longer exists; it never
	// brings a deleted session back.
	Save(ctx context.Context, key, data string, expiry time.Time) error

	// Delete removes the record of key. Deleting a missing key is not an
	// error.
	Delete(ctx context.Context, key string) error
}

// ErrConflict is returned by [ConditionalSaver.SaveIf] when the record no
// longer holds the data the caller loaded: another request saved it
// meanwhile. The record is left untouched.
var ErrConflict = errors.New("session: conflict")

// ConditionalSaver is implemented by stores that can save a record only if
// it still holds the data the request loaded, in one atomic step (an
// UPDATE … WHERE session_data = ?, a Redis script, a lock). A session saved
// through it merges the writes of concurrent requests to different keys
// instead of losing one; a store without it keeps plain Save, where the
// last writer wins, as in Django.
type ConditionalSaver interface {
	// SaveIf replaces the data of key with data, and moves its expiry, only
	// if the record still holds exactly old. It returns ErrConflict, and
	// changes nothing, when the record holds other data, and ErrNotFound
	// when the record no longer exists.
	SaveIf(ctx context.Context, key, old, data string, expiry time.Time) error
}

// ExpiredClearer is implemented by stores that can remove expired records
// (Django's clear_expired). The clearsessions command looks for it.
type ExpiredClearer interface {
	// ClearExpired removes every record whose expiry has passed, and only
	// those.
	ClearExpired(ctx context.Context) error
}

// Exister is implemented by stores that can tell whether a key has a record
// without reading it (Django's exists). Stores without it are asked with Load.
type Exister interface {
	// Exists reports whether key has a record, expired or not.
	Exists(ctx context.Context, key string) (bool, error)
}
