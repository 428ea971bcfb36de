package signing

import (
	"bytes"
	"encoding/base64"
	"time"
)

// DumpOptions configures [Dumps]. An empty Salt means [DefaultDumpsSalt]
// ("django.core.signing"), Django's dumps default.
type DumpOptions struct {
	Options
	// Compress zlib-compresses the JSON when that saves more than one byte
	// (Django's compress=True); the payload then starts with ".". Unlike
	// Django, JSON shorter than 1 KiB is left uncompressed: compressing it
	// gains little and costs much, on every write and every later read.
	// Django reads both forms.
	Compress bool
}

// LoadOptions configures [Loads]. An empty Salt means [DefaultDumpsSalt].
type LoadOptions struct {
	Options
	// MaxAge rejects values signed longer ago than this (Django's max_age).
	// A negative MaxAge ([NoMaxAge]) disables the check. Note that the zero
	// value is a max age of zero seconds, not "no max age".
	MaxAge time.Duration
	// Now is the current time for the age check; zero means time.Now().
	Now time.Time
}

// Serializer is a reusable [Dumps]/[Loads] pair with its keys derived once:
// build one per salt and key set (for example the session codec) and use it
// on every request instead of the package-level functions, which derive keys
// on each call. It is safe for concurrent use.
type Serializer struct {
	ts       *TimestampSigner
	compress bool
}

// NewSerializer returns a Serializer for o. Salt "" means [DefaultDumpsSalt].
func NewSerializer(o DumpOptions) (*Serializer, error) {
	if o.Salt == "" {
		o.Salt = DefaultDumpsSalt
	}
	ts, err := NewTimestampSigner(o.Options)
	if err != nil {
		return nil, err
	}
	return &Serializer{ts: ts, compress: o.Compress}, nil
}

// Dumps returns obj as a signed, timestamped, URL-safe string (Django's
// signing.dumps): b64url(JSON or "." + zlib(JSON)) + ":" + base62 time + ":" +
// signature. See [MarshalJSON] for the values accepted.
func Dumps(obj any, o DumpOptions) (string, error) {
	return DumpsAt(obj, o, time.Now())
}

// DumpsAt is [Dumps] with the timestamp taken from t.
func DumpsAt(obj any, o DumpOptions, t time.Time) (string, error) {
	s, err := NewSerializer(o)
	if err != nil {
		return "", err
	}
	return s.DumpsAt(obj, t)
}

// DumpBytesAt is [DumpsAt] for a payload that is already serialized JSON.
func DumpBytesAt(serialized []byte, o DumpOptions, t time.Time) (string, error) {
	s, err := NewSerializer(o)
	if err != nil {
		return "", err
	}
	return s.DumpBytesAt(serialized, t), nil
}

// Loads verifies s and returns the decoded object (Django's signing.loads):
// signature first (wrapping [ErrBadSignature]), then age (wrapping
// [ErrSignatureExpired]), then base64, zlib and JSON as [UnmarshalJSON].
func Loads(s string, o LoadOptions) (any, error) {
	sr, err := NewSerializer(DumpOptions{Options: o.Options})
	if err != nil {
		return nil, err
	}
	return sr.Loads(s, o.MaxAge, o.Now)
}

// LoadBytes is [Loads] returning the verified, decompressed JSON bytes.
func LoadBytes(s string, o LoadOptions) ([]byte, error) {
	sr, err := NewSerializer(DumpOptions{Options: o.Options})
	if err != nil {
		return nil, err
	}
	return sr.LoadBytes(s, o.MaxAge, o.Now)
}

// Dumps is the method form of the package-level [Dumps].
func (s *Serializer) Dumps(obj any) (string, error) {
	return s.DumpsAt(obj, time.Now())
}

// DumpsAt is the method form of the package-level [DumpsAt].
func (s *Serializer) DumpsAt(obj any, t time.Time) (string, error) {
	bp := getBuf()
	b, err := AppendJSON(*bp, obj)
	if err != nil {
		putBuf(bp, b)
		return "", err
	}
	out := s.DumpBytesAt(b, t)
	putBuf(bp, b)
	return out, nil
}

// DumpBytesAt is the method form of the package-level [DumpBytesAt].
func (s *Serializer) DumpBytesAt(serialized []byte, t time.Time) string {
	mp := getBuf()
	msg := *mp
	compressed := false
	if s.compress && worthCompressing(serialized) {
		zp := getBuf()
		z := appendCompressed(*zp, serialized)
		// Django keeps the compressed form only if it saves more than a byte.
		if compressed = len(z) < len(serialized)-1; compressed {
			msg = append(msg, '.')
			msg = base64.RawURLEncoding.AppendEncode(msg, z)
		}
		putBuf(zp, z)
	}
	if !compressed {
		msg = base64.RawURLEncoding.AppendEncode(msg, serialized)
	}
	msg = s.ts.appendTimestamp(msg, t)
	out := s.ts.s.signMsg(msg)
	putBuf(mp, msg)
	return out
}

// Loads is the method form of the package-level [Loads].
func (s *Serializer) Loads(signed string, maxAge time.Duration, now time.Time) (any, error) {
	bp := getBuf()
	b, err := s.appendPayload(*bp, signed, maxAge, now)
	var v any
	if err == nil {
		v, err = UnmarshalJSON(b)
	}
	putBuf(bp, b)
	return v, err
}

// LoadDict is [Serializer.Loads] for a JSON object, decoded by
// [UnmarshalDict] so that its key order is kept.
func (s *Serializer) LoadDict(signed string, maxAge time.Duration, now time.Time) (*Dict, error) {
	bp := getBuf()
	b, err := s.appendPayload(*bp, signed, maxAge, now)
	var d *Dict
	if err == nil {
		d, err = UnmarshalDict(b)
	}
	putBuf(bp, b)
	return d, err
}

// LoadBytes is the method form of the package-level [LoadBytes].
func (s *Serializer) LoadBytes(signed string, maxAge time.Duration, now time.Time) ([]byte, error) {
	bp := getBuf()
	b, err := s.appendPayload(*bp, signed, maxAge, now)
	var out []byte
	if err == nil {
		out = bytes.Clone(b)
	}
	putBuf(bp, b)
	return out, err
}

// appendPayload verifies signed and appends its decoded JSON bytes to dst.
func (s *Serializer) appendPayload(dst []byte, signed string, maxAge time.Duration, now time.Time) ([]byte, error) {
	payload, _, err := s.ts.Unsign(signed, maxAge, now)
	if err != nil {
		return dst, err
	}
	compressed := len(payload) > 0 && payload[0] == '.'
	if compressed {
		payload = payload[1:]
	}
	sp := getBuf()
	src := append(*sp, payload...) // base64 decoding wants bytes
	if compressed {
		rp := getBuf()
		var raw []byte
		if raw, err = appendB64Decode(*rp, src); err == nil {
			dst, err = appendDecompressed(dst, raw)
		}
		putBuf(rp, raw)
	} else {
		dst, err = appendB64Decode(dst, src)
	}
	putBuf(sp, src)
	return dst, err
}
