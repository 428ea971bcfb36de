// Package signing is Django's django.core.signing in Go, byte for byte: the
// signatures, signed values and JSON it produces are accepted by Django, and
// it accepts Django's.
//
// # Building blocks
//
// [SaltedHMAC] is django.utils.crypto.salted_hmac: HMAC keyed with
// H(key_salt ‖ secret). [B62Encode] and [B64Encode] are the base62 timestamps
// and unpadded URL-safe base64 of Django's wire formats.
//
// # Signers
//
// A [Signer] (Django's Signer) appends ":" and an HMAC-SHA256 signature to a
// string; a [TimestampSigner] (Django's TimestampSigner) also embeds the
// signing time so that old values can be rejected with a max age. Both take
// [Options] whose zero value, plus a Key (SECRET_KEY), gives Django's
// defaults, including FallbackKeys (SECRET_KEY_FALLBACKS) and the Django 3.2
// acceptance of SHA-1 signatures (AcceptSHA1). Keys are derived once when the
// signer is built; signing and verifying use pooled hashers. Verification is
// constant-time. [NewCookieSigner] gives the signer of Django's signed cookies.
//
// # Signed objects
//
// [Dumps] and [Loads] are signing.dumps and signing.loads: JSON, optionally
// zlib-compressed, base64, timestamped and signed. Session data (Django's
// SessionBase.encode) and the signed_cookies session backend are built on
// them. For repeated use build a [Serializer] once.
//
//	o := signing.DumpOptions{Options: signing.Options{Key: secretKey, Salt: "django.contrib.sessions.SessionStore"}, Compress: true}
//	s, err := signing.NewSerializer(o)
//	// ...
//	encoded, err := s.Dumps(map[string]any{"a test key": "a test value"})
//	// ...
//	obj, err := s.Loads(encoded, signing.NoMaxAge, time.Time{})
//
// # JSON
//
// [MarshalJSON] writes exactly what Django's JSONSerializer (Python's
// json.dumps with compact separators and ensure_ascii) writes: ASCII only,
// Python float repr, no HTML escaping. [UnmarshalJSON] reads as json.loads
// does and keeps ints and floats apart (int64 and float64). [Dict] is an
// insertion-ordered object, like the Python dict of a session.
//
// Compressed payloads use Go's compress/zlib, whose bytes differ from libz's;
// Django decompresses them all the same. JSON under 1 KiB is never
// compressed, where Django would when that saves two bytes: Django reads
// uncompressed payloads as well, and compressing small ones costs more than
// it saves (see [DumpOptions]).
package signing
