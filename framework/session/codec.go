package session

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/manouche-go/manouche/framework/signing"
)

// KeySalt is the salt of session data: "django.contrib.sessions." plus the
// class name of every built-in Django session store (SessionBase.key_salt).
const KeySalt = "django.contrib.sessions.SessionStore"

// Codec encodes session data the way Django's SessionBase.encode and
// decode do: signing.dumps with salt [KeySalt], the JSON serializer and
// compression, read back without a max age (a record's expiry is the
// store's business). Its output is what Django keeps in
// django_session.session_data and in session files, and what a [Store]
// keeps.
//
// A Codec derives its keys once (a [signing.Serializer]) and is safe for
// concurrent use.
type Codec struct {
	ser     *signing.Serializer
	secrets [][]byte // SECRET_KEY then SECRET_KEY_FALLBACKS, for legacy data
	logger  *slog.Logger
	cache   *decodeCache // verified decodes of large data, see decodecache.go
}

// NewCodec returns a Codec signing with key (SECRET_KEY) and also
// accepting data signed with any of fallbacks (SECRET_KEY_FALLBACKS,
// Django ≥ 4.1) or with HMAC-SHA1 (accepted by Django 3.2). It reads the
// pre-3.1 legacy format too, as Django 3.1 and 3.2 do. Corrupted data is
// reported to logger; nil means slog.Default() at the time of logging.
func NewCodec(key string, fallbacks []string, logger *slog.Logger) (*Codec, error) {
	ser, err := signing.NewSerializer(signing.DumpOptions{
		Options: signing.Options{
			Key:          key,
			FallbackKeys: fallbacks,
			Salt:         KeySalt,
			AcceptSHA1:   true,
		},
		Compress: true,
	})
	if err != nil {
		return nil, fmt.Errorf("session: new codec: %w", err)
	}
	c := &Codec{ser: ser, logger: logger, cache: newDecodeCache(DecodeCacheBytes)}
	for _, k := range append([]string{key}, fallbacks...) {
		c.secrets = append(c.secrets, []byte(k))
	}
	return c, nil
}

// Encode returns d signed and timestamped at now (Django's encode): the
// compact ASCII JSON of d, zlib-compressed when that saves more than one
// byte, base64url-encoded and signed with HMAC-SHA256 under SECRET_KEY.
// The error reports a value JSON cannot hold.
//
// Encode does not remember d for a later Decode of its result: d holds Go
// values (an int, a struct) that decode as JSON's (an int64, a map).
func (c *Codec) Encode(d *signing.Dict, now time.Time) (string, error) {
	s, err := c.ser.DumpsAt(d, now)
	if err != nil {
		return "", fmt.Errorf("session: encode: %w", err)
	}
	return s, nil
}

// Decode returns the data encoded in data (Django's decode); it never
// fails. Data whose signature does not verify under any accepted key, and
// that is not valid legacy data either, is tampered or foreign: Decode
// logs one warning "session data corrupted" (never the data itself) and
// returns an empty Dict. Data that verifies but does not decode, and the
// empty string, give an empty Dict silently, as in Django ≥ 4.0.
//
// The Dict is the caller's own: changing it never changes what a later
// Decode returns. Data that verified is remembered, by its exact
// bytes, in a cache bounded by [DecodeCacheBytes]; decoding the same
// bytes again returns a share of the remembered Dict (copied once
// changed, see [signing.Dict.Share]), skipping the
// signature check, the decompression and the JSON parse.
func (c *Codec) Decode(data string) *signing.Dict {
	if d := c.cache.get(data); d != nil {
		return d
	}
	d, verified := c.decode(data)
	if verified {
		c.cache.add(data, d)
	}
	return d
}

// decode is Decode without the cache; verified reports data whose
// signature verified under SECRET_KEY or a fallback and decoded.
func (c *Codec) decode(data string) (d *signing.Dict, verified bool) {
	if data == "" {
		return signing.NewDict(), false
	}
	d, err := c.ser.LoadDict(data, signing.NoMaxAge, time.Time{})
	switch {
	case errors.Is(err, signing.ErrBadSignature):
		d, tampered := c.decodeLegacy(data)
		if tampered {
			c.log().Warn("session data corrupted")
		}
		return d, false
	case err != nil || d == nil:
		return signing.NewDict(), false
	}
	return d, true
}

func (c *Codec) log() *slog.Logger {
	if c.logger != nil {
		return c.logger
	}
	return slog.Default()
}
