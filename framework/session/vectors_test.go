package session

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/manouche-go/manouche/framework/signing"
)

// vectorsDir holds the golden vectors produced by real Django 3.2.
const vectorsDir = "../../../shared/spec/vectors"

func readVectors(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(vectorsDir, name))
	if err != nil {
		t.Fatalf("golden vectors missing (%s): %v", vectorsDir, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// canonical returns the JSON object text (UTF-8, as in the vector files)
// as this package writes it, so that two objects compare equal when their
// keys, order and value types (int vs float) match.
func canonical(t *testing.T, js []byte) string {
	t.Helper()
	// The session decoder reads bytes as latin-1, like Django's; session
	// payloads are ASCII. Escape the files' raw UTF-8 the same way.
	var ascii []byte
	for _, r := range string(js) {
		if r < utf8.RuneSelf {
			ascii = append(ascii, byte(r))
			continue
		}
		for _, u := range utf16.Encode([]rune{r}) {
			ascii = fmt.Appendf(ascii, `\u%04x`, u)
		}
	}
	d, err := signing.UnmarshalDict(ascii)
	if err != nil {
		t.Fatalf("input %s: %v", js, err)
	}
	return marshal(t, d)
}

func marshal(t *testing.T, d *signing.Dict) string {
	t.Helper()
	b, err := signing.MarshalJSON(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// vectorCodec returns a Codec for secret whose warnings land in logs.
func vectorCodec(t *testing.T, secret string) (*Codec, *recordHandler) {
	t.Helper()
	logs := &recordHandler{}
	c, err := NewCodec(secret, nil, slog.New(logs))
	if err != nil {
		t.Fatalf("NewCodec: %v", err)
	}
	return c, logs
}

type sessionEncodeFile struct {
	SecretKey  string `json:"secret_key"`
	FrozenTime int64  `json:"frozen_time"`
	KeySalt    string `json:"key_salt"`
	Vectors    []struct {
		Name         string          `json:"name"`
		Input        json.RawMessage `json:"input"`
		Serialized   string          `json:"serialized"`
		Compressed   bool            `json:"compressed"`
		Encoded      string          `json:"encoded"`
		Reproducible bool            `json:"reproducible"`
		NeedsLibz    bool            `json:"exact_bytes_need_libz"`
	} `json:"vectors"`
	DecodeOnly []struct {
		Name           string          `json:"name"`
		Input          json.RawMessage `json:"input"`
		Encoded        string          `json:"encoded"`
		ExpectKeyOrder []string        `json:"expect_key_order"`
	} `json:"decode_only"`
	DecodeFailures []struct {
		Name    string `json:"name"`
		Encoded string `json:"encoded"`
	} `json:"decode_failures"`
}

// TestCodec_djangoVectors checks session_encode.json: every reproducible
// vector not needing libz is re-encoded byte for byte at the frozen time;
// every vector decodes to its input with the same value types.
func TestCodec_djangoVectors(t *testing.T) {
	var f sessionEncodeFile
	readVectors(t, "session_encode.json", &f)
	if f.KeySalt != KeySalt {
		t.Errorf("KeySalt: got %q, want %q", KeySalt, f.KeySalt)
	}
	c, logs := vectorCodec(t, f.SecretKey)
	now := time.Unix(f.FrozenTime, 0)
	reencoded := 0
	for _, v := range f.Vectors {
		t.Run(v.Name, func(t *testing.T) {
			d := c.Decode(v.Encoded)
			if got := marshal(t, d); got != v.Serialized || got != canonical(t, v.Input) {
				t.Errorf("Decode: got %s, want %s", got, v.Serialized)
			}
			enc, err := c.Encode(d, now)
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if v.Reproducible && !v.NeedsLibz {
				reencoded++
				if enc != v.Encoded {
					t.Errorf("Encode:\n got %s\nwant %s", enc, v.Encoded)
				}
			}
			// Payloads Django leaves uncompressed must stay so; those it
			// compresses (all decode-only, needing libz for their bytes)
			// stay uncompressed here under 1 KiB (Django reads both forms).
			want := v.Compressed && len(v.Serialized) >= 1<<10
			if got := strings.HasPrefix(enc, "."); got != want {
				t.Errorf("Encode compressed: got %v, want %v (Django: %v)", got, want, v.Compressed)
			}
			if got := marshal(t, c.Decode(enc)); got != v.Serialized {
				t.Errorf("Decode(Encode): got %s, want %s", got, v.Serialized)
			}
		})
	}
	if reencoded < 8 {
		t.Errorf("re-encoded %d vectors byte for byte, want at least 8", reencoded)
	}
	if got := logs.take(); len(got) != 0 {
		t.Errorf("valid vectors logged %d records, want none", len(got))
	}
}

// TestCodec_djangoDecodeOnly: a dict in non-sorted insertion order keeps
// Django's order.
func TestCodec_djangoDecodeOnly(t *testing.T) {
	var f sessionEncodeFile
	readVectors(t, "session_encode.json", &f)
	c, _ := vectorCodec(t, f.SecretKey)
	if len(f.DecodeOnly) == 0 {
		t.Fatal("no decode_only vectors")
	}
	for _, v := range f.DecodeOnly {
		t.Run(v.Name, func(t *testing.T) {
			d := c.Decode(v.Encoded)
			if got, want := marshal(t, d), canonical(t, v.Input); got != want {
				t.Errorf("Decode: got %s, want %s", got, want)
			}
			if got := d.Keys(); !slices.Equal(got, v.ExpectKeyOrder) {
				t.Errorf("key order: got %v, want %v", got, v.ExpectKeyOrder)
			}
		})
	}
}

// TestCodec_djangoDecodeFailures: every decode_failures entry reads as an
// empty session; tampered or foreign data logs exactly one warning.
func TestCodec_djangoDecodeFailures(t *testing.T) {
	var f sessionEncodeFile
	readVectors(t, "session_encode.json", &f)
	silent := map[string]bool{"valid_signature_invalid_json": true, "empty_string": true}
	if len(f.DecodeFailures) == 0 {
		t.Fatal("no decode_failures vectors")
	}
	for _, v := range f.DecodeFailures {
		t.Run(v.Name, func(t *testing.T) {
			c, logs := vectorCodec(t, f.SecretKey)
			if d := c.Decode(v.Encoded); d == nil || d.Len() != 0 {
				t.Fatalf("Decode: got %v, want an empty Dict", d)
			}
			want := 1
			if silent[v.Name] {
				want = 0
			}
			records := logs.take()
			if len(records) != want {
				t.Fatalf("log records: got %d, want %d", len(records), want)
			}
			for _, r := range records {
				if r.Level != slog.LevelWarn || r.Message != "session data corrupted" || r.NumAttrs() != 0 {
					t.Errorf("log record: got %v %q with %d attrs, want WARN \"session data corrupted\" without attrs",
						r.Level, r.Message, r.NumAttrs())
				}
			}
		})
	}
}

type legacyFile struct {
	SecretKey string `json:"secret_key"`
	Vectors   []struct {
		Kind      string          `json:"kind"`
		SecretKey string          `json:"secret_key"`
		Salt      string          `json:"salt"`
		Input     json.RawMessage `json:"input"`
		Encoded   string          `json:"encoded"`
		Note      string          `json:"note"`
	} `json:"vectors"`
}

// TestCodec_legacyVectors decodes what Django 3.1/3.2 still read: the
// pre-3.1 format (including Django's own test vector, under its own
// secret), its DEFAULT_HASHING_ALGORITHM='sha1' twin, and current-format
// session data signed with HMAC-SHA1.
func TestCodec_legacyVectors(t *testing.T) {
	var f legacyFile
	readVectors(t, "legacy.json", &f)
	decoded := 0
	for i, v := range f.Vectors {
		sha1Session := v.Kind == "signing_dumps_sha1" && v.Salt == KeySalt
		if v.Kind != "session_legacy_format" && v.Kind != "session_encode_with_DEFAULT_HASHING_ALGORITHM_sha1" && !sha1Session {
			continue
		}
		secret := f.SecretKey
		if v.SecretKey != "" {
			secret = v.SecretKey
		}
		t.Run(fmt.Sprintf("%s/%d", v.Kind, i), func(t *testing.T) {
			decoded++
			c, logs := vectorCodec(t, secret)
			if got, want := marshal(t, c.Decode(v.Encoded)), canonical(t, v.Input); got != want {
				t.Errorf("Decode: got %s, want %s", got, want)
			}
			if n := len(logs.take()); n != 0 {
				t.Errorf("log records: got %d, want 0", n)
			}
		})
	}
	if decoded < 7 {
		t.Errorf("decoded %d legacy vectors, want at least 7", decoded)
	}
}
