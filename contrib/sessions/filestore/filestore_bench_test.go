package filestore

import (
	"testing"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework/signing"
)

// BenchmarkStore is the file engine's Load (which decodes the data to read
// _session_expiry) and Save (temporary file and rename).
func BenchmarkStore(b *testing.B) {
	s := newStore(b, Options{})
	d := signing.NewDict()
	d.Set("_auth_user_id", "42")
	d.Set("cart", []any{int64(1), int64(2), int64(3)})
	data, err := s.codec.Encode(d, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	sessiontest.Bench(b, s, data)
}
