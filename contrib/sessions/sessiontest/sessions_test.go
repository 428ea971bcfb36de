package sessiontest_test

import (
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/signing"
)

const testKey = "sessiontest-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"

// cookieStore is the smallest correct session.CookieStore: RunSessions
// must pass on it, as on MemStore.
type cookieStore struct{ ser *signing.Serializer }

var errTooLarge = errors.New("cookie too large")

func (c cookieStore) DecodeCookie(value string, now time.Time) (*signing.Dict, error) {
	d, err := c.ser.LoadDict(value, session.DefaultCookieAge, now)
	if err == nil && d == nil {
		err = errors.New("not a JSON object")
	}
	return d, err
}

func (c cookieStore) EncodeCookie(d *signing.Dict, now time.Time) (string, error) {
	v, err := c.ser.DumpsAt(d, now)
	if err == nil && len(v) > 4093 {
		err = errTooLarge
	}
	return v, err
}

func TestRunSessions(t *testing.T) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	codec, err := session.NewCodec(testKey, nil, logger)
	if err != nil {
		t.Fatal(err)
	}
	ser, err := signing.NewSerializer(signing.DumpOptions{
		Options:  signing.Options{Key: testKey, Salt: "sessiontest"},
		Compress: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name      string
		newConfig func(*testing.T) *session.Config
	}{
		{"store", func(*testing.T) *session.Config {
			return &session.Config{Store: &sessiontest.MemStore{}, Codec: codec, Logger: logger}
		}},
		{"cookie", func(*testing.T) *session.Config {
			return &session.Config{Cookie: cookieStore{ser}, Logger: logger}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) { sessiontest.RunSessions(t, tt.newConfig) })
	}
}
