package session

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/manouche-go/manouche/framework/signing"
)

var (
	_ Store       = (*fakeStore)(nil)
	_ Exister     = (*existerStore)(nil)
	_ CookieStore = fakeCookies{}
)

// fakeStore is an in-memory Store that counts calls and can be told to
// fail: loadErr is returned by Load, collisions makes that many Create
// calls report ErrKeyExists first, deleteErr is returned by Delete.
type fakeStore struct {
	mu      sync.Mutex
	now     func() time.Time
	records map[string]fakeRecord

	loads, creates, saves, deletes int

	loadErr    error
	collisions int
	deleteErr  error
}

type fakeRecord struct {
	data   string
	expiry time.Time
}

func newFakeStore(now func() time.Time) *fakeStore {
	return &fakeStore{now: now, records: map[string]fakeRecord{}}
}

func (f *fakeStore) Load(_ context.Context, key string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.loads++
	if f.loadErr != nil {
		return "", f.loadErr
	}
	r, ok := f.records[key]
	if !ok || !r.expiry.After(f.now()) {
		return "", ErrNotFound
	}
	return r.data, nil
}

func (f *fakeStore) Create(_ context.Context, key, data string, expiry time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.creates++
	if f.collisions > 0 {
		f.collisions--
		return ErrKeyExists
	}
	if _, ok := f.records[key]; ok {
		return ErrKeyExists
	}
	f.records[key] = fakeRecord{data, expiry}
	return nil
}

func (f *fakeStore) Save(_ context.Context, key, data string, expiry time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.saves++
	if _, ok := f.records[key]; !ok {
		return ErrNotFound
	}
	f.records[key] = fakeRecord{data, expiry}
	return nil
}

func (f *fakeStore) Delete(_ context.Context, key string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.deletes++
	if f.deleteErr != nil {
		return f.deleteErr
	}
	delete(f.records, key)
	return nil
}

func (f *fakeStore) put(key, data string, expiry time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.records[key] = fakeRecord{data, expiry}
}

func (f *fakeStore) get(key string) (fakeRecord, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.records[key]
	return r, ok
}

func (f *fakeStore) counts() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return fmt.Sprintf("loads=%d creates=%d saves=%d deletes=%d", f.loads, f.creates, f.saves, f.deletes)
}

// existerStore is a fakeStore that also implements Exister, counting
// expired records as existing (as Django's db backend does).
type existerStore struct{ *fakeStore }

func (e existerStore) Exists(_ context.Context, key string) (bool, error) {
	_, ok := e.get(key)
	return ok, nil
}

// fakeCookies is a CookieStore whose cookie is "fake:" + base64(JSON).
type fakeCookies struct{}

var errBadCookie = errors.New("fake cookie: bad value")

func (fakeCookies) EncodeCookie(d *signing.Dict, _ time.Time) (string, error) {
	js, err := signing.MarshalJSON(d)
	if err != nil {
		return "", err
	}
	return "fake:" + base64.RawURLEncoding.EncodeToString(js), nil
}

func (fakeCookies) DecodeCookie(v string, _ time.Time) (*signing.Dict, error) {
	b64, ok := strings.CutPrefix(v, "fake:")
	if !ok {
		return nil, errBadCookie
	}
	js, err := base64.RawURLEncoding.DecodeString(b64)
	if err != nil {
		return nil, err
	}
	return signing.UnmarshalDict(js)
}
