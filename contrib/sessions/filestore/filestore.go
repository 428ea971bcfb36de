package filestore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/manouche-go/manouche/framework/session"
)

// ErrInvalidKey is returned by [Store.Create] for a key with characters
// outside [a-z0-9] or longer than 128 (Django's InvalidSessionKey).
var ErrInvalidKey = errors.New("filestore: invalid session key")

// Options configures [New]. The zero value is Django's defaults.
type Options struct {
	// Dir is SESSION_FILE_PATH, an existing directory; "" means
	// os.TempDir().
	Dir string
	// Prefix is SESSION_COOKIE_NAME, which starts every file name; ""
	// means "sessionid".
	Prefix string
	// CookieAge is SESSION_COOKIE_AGE; zero means two weeks and a
	// negative value zero seconds ([session.CookieAgeSetting]).
	CookieAge time.Duration
	// Codec decodes a file's data to read its _session_expiry. Nil means
	// expiry by modification time only.
	Codec *session.Codec
	// Location is the time zone of _session_expiry dates without a UTC
	// offset, as session.Config.Location; nil means UTC.
	Location *time.Location
	// Now is the clock for expiry checks; nil means time.Now.
	Now func() time.Time
}

// Store is a [session.Store] keeping one file per session. It also
// implements [session.ConditionalSaver], [session.ExpiredClearer] and
// [session.Exister]. It is safe for concurrent use, also by several
// processes sharing the directory.
type Store struct {
	dir, prefix string
	age         time.Duration
	codec       *session.Codec
	loc         *time.Location
	now         func() time.Time
	mu          sync.Mutex // SaveIf's lock where flock is missing
}

var (
	_ session.Store            = (*Store)(nil)
	_ session.ConditionalSaver = (*Store)(nil)
	_ session.ExpiredClearer   = (*Store)(nil)
	_ session.Exister          = (*Store)(nil)
)

const maxKeyLen = 128

// New returns a store over opts.Dir. It fails when the directory does not
// exist or is not a directory, naming it, and when the prefix contains a
// path separator or a dot-dot.
func New(opts Options) (*Store, error) {
	s := &Store{dir: opts.Dir, prefix: opts.Prefix, age: session.CookieAgeOf(opts.CookieAge),
		codec: opts.Codec, loc: opts.Location, now: opts.Now}
	if s.dir == "" {
		s.dir = os.TempDir()
	}
	if s.prefix == "" {
		s.prefix = "sessionid"
	}
	if s.now == nil {
		s.now = time.Now
	}
	if fi, err := os.Stat(s.dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("filestore: the session storage path %q doesn't exist or is not a directory; set SESSION_FILE_PATH to an existing directory", s.dir)
	}
	if strings.ContainsAny(s.prefix, `/\`) || strings.Contains(s.prefix, "..") || len(s.prefix) > 100 {
		return nil, fmt.Errorf("filestore: SESSION_COOKIE_NAME %q cannot start a file name", s.prefix)
	}
	return s, nil
}

// validKey reports whether key may name a file: 1 to 128 of [a-z0-9].
func validKey(key string) bool {
	if key == "" || len(key) > maxKeyLen {
		return false
	}
	for i := range len(key) {
		if c := key[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// path builds the file name of a key already checked by validKey.
func (s *Store) path(key string) string {
	return filepath.Join(s.dir, s.prefix+key)
}

// Load returns the file's data, or ErrNotFound when the key is invalid,
// the file is missing, or it has expired (the file is then deleted).
func (s *Store) Load(_ context.Context, key string) (string, error) {
	if !validKey(key) {
		return "", session.ErrNotFound
	}
	data, err := s.read(s.path(key))
	if err != nil {
		return "", err
	}
	return data, nil
}

// read returns the data of the session file name, deleting it if expired.
func (s *Store) read(name string) (string, error) {
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return "", session.ErrNotFound
	}
	if err != nil {
		return "", fail("load", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", fail("load", err)
	}
	data, err := readAll(f, fi.Size())
	if err != nil {
		return "", fail("load", err)
	}
	if s.expired(data, fi.ModTime()) {
		// Delete only the file read: a Save may have renamed a fresh one
		// over it meanwhile.
		if cur, err := os.Lstat(name); err == nil && os.SameFile(cur, fi) {
			if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return "", fail("delete expired", err)
			}
		}
		return "", session.ErrNotFound
	}
	return data, nil
}

// Create writes a new file; ErrKeyExists when the file exists already.
func (s *Store) Create(_ context.Context, key, data string, expiry time.Time) error {
	if !validKey(key) {
		return ErrInvalidKey
	}
	name := s.path(key)
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return session.ErrKeyExists
	}
	if err != nil {
		return fail("create", err)
	}
	f.Close()
	if err := s.write(name, data, expiry); err != nil {
		os.Remove(name) // the placeholder is ours; do not leave it empty
		return fail("create", err)
	}
	return nil
}

// Save replaces the data of an existing file; ErrNotFound when it is gone
// or the key is invalid.
func (s *Store) Save(_ context.Context, key, data string, expiry time.Time) error {
	return s.save(key, nil, data, expiry)
}

// SaveIf replaces the data of key's file only while it holds old:
// ErrConflict when it holds other data, ErrNotFound when it is gone or
// the key is invalid. The file format is Django's: the lock is on the
// file itself, no lock file is left behind.
func (s *Store) SaveIf(_ context.Context, key, old, data string, expiry time.Time) error {
	return s.save(key, &old, data, expiry)
}

// save renames a new file over key's file holding an exclusive flock on
// it, and, when old is not nil, only if the file holds *old. Saves and
// Deletes of one key, in this process or in another one sharing the
// directory, take turns (on systems without flock, only those of one
// process do), so a save never brings back a file a Delete removed.
func (s *Store) save(key string, old *string, data string, expiry time.Time) error {
	if !validKey(key) {
		return session.ErrNotFound
	}
	name := s.path(key)
	f, size, release, err := s.lockCurrent(name)
	if errors.Is(err, fs.ErrNotExist) {
		return session.ErrNotFound
	}
	if err != nil {
		return fail("save", err)
	}
	defer release()
	defer f.Close()
	if old != nil {
		cur, err := readAll(f, size)
		switch {
		case err != nil:
			return fail("save", err)
		case cur != *old:
			return session.ErrConflict
		}
	}
	if err := s.write(name, data, expiry); err != nil {
		return fail("save", err)
	}
	return nil
}

// lockCurrent opens name and locks it, then checks that name still is the
// file locked: a save that held the lock before may have renamed a new
// file over it, which is then locked instead. It returns the locked file
// and its size (files are replaced whole, never changed in place), and
// the function that releases the lock after f is closed.
func (s *Store) lockCurrent(name string) (f *os.File, size int64, release func(), err error) {
	for {
		if f, err = os.Open(name); err != nil {
			return nil, 0, nil, err
		}
		fi, err := f.Stat()
		if err == nil {
			release, err = s.lock(f)
		}
		if err != nil {
			f.Close()
			return nil, 0, nil, err
		}
		cur, err := os.Lstat(name)
		if err == nil && os.SameFile(cur, fi) {
			return f, fi.Size(), release, nil
		}
		f.Close()
		release()
		if err != nil {
			return nil, 0, nil, err
		}
	}
}

// Delete removes the file of key, holding the flock saves take, so a
// save racing it cannot bring the file back. An invalid or missing key is not an
// error.
func (s *Store) Delete(_ context.Context, key string) error {
	if !validKey(key) {
		return nil
	}
	name := s.path(key)
	f, _, release, err := s.lockCurrent(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fail("delete", err)
	}
	defer release()
	defer f.Close()
	if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fail("delete", err)
	}
	return nil
}

// Exists reports whether key has a file, expired or not.
func (s *Store) Exists(_ context.Context, key string) (bool, error) {
	if !validKey(key) {
		return false, nil
	}
	_, err := os.Lstat(s.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fail("exists", err)
	}
	return true, nil
}
