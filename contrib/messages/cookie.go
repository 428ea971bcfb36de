package messages

import (
	"crypto/hmac"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/messages"
	"github.com/manouche-go/manouche/framework/signing"
)

// Django's cookie storage constants (CookieStorage).
const (
	// CookieName is the messages cookie.
	CookieName = "messages"
	// MaxCookieSize is the longest cookie value stored (half of uwsgi's 4 KB
	// header limit, as Django reasons).
	MaxCookieSize = 2048
	// keySalt salts the cookie's signature; the key is Django's cookie
	// signer's, "django.http.cookies" + SECRET_KEY.
	keySalt = "django.contrib.messages"
)

// cookieCodec signs and reads the messages cookie exactly as Django does
// (signing.get_cookie_signer(salt="django.contrib.messages").sign_object).
type cookieCodec struct {
	ser    *signing.Serializer
	ts     *signing.TimestampSigner
	secret []byte // SECRET_KEY, for the cookies of Django before 3.1
	now    func() time.Time
}

func newCookieCodec(secret string, fallbacks []string, now func() time.Time) (*cookieCodec, error) {
	const prefix = "django.http.cookies"
	o := signing.Options{Key: prefix + secret, Salt: keySalt, AcceptSHA1: true}
	for _, k := range fallbacks {
		o.FallbackKeys = append(o.FallbackKeys, prefix+k)
	}
	ser, err := signing.NewSerializer(signing.DumpOptions{Options: o, Compress: true})
	if err != nil {
		return nil, err
	}
	ts, err := signing.NewTimestampSigner(o)
	if err != nil {
		return nil, err
	}
	return &cookieCodec{ser: ser, ts: ts, secret: []byte(secret), now: now}, nil
}

// encode returns the signed cookie value of msgs (and the sentinel).
func (c *cookieCodec) encode(msgs []messages.Message, sentinel bool) string {
	return c.ser.DumpBytesAt(appendList(nil, msgs, sentinel, compact), c.now())
}

// decode reads a cookie value as Django 3.2 does: the current format, then
// Django 3.1's signed raw JSON, then the SHA-1 hash format of older
// versions. ok is false for anything that does not verify and decode.
func (c *cookieCodec) decode(value string) (msgs []messages.Message, more, ok bool) {
	b, err := c.ser.LoadBytes(value, signing.NoMaxAge, time.Time{})
	if err == nil {
		if msgs, more, err = decodeList(b); err == nil {
			return msgs, more, true
		}
	}
	if err != nil && errors.Is(err, signing.ErrBadSignature) {
		return c.decodeLegacy(value)
	}
	// A verified payload that is no base64 JSON: Django 3.1's format.
	payload, _, err := c.ts.Unsign(value, signing.NoMaxAge, time.Time{})
	if err != nil {
		return nil, false, false
	}
	msgs, more, err = decodeList([]byte(payload))
	return msgs, more, err == nil
}

// decodeLegacy reads Django < 3.1's "hex(salted_hmac sha1)$json".
func (c *cookieCodec) decodeLegacy(value string) ([]messages.Message, bool, bool) {
	hash, data, found := strings.Cut(value, "$")
	if !found {
		return nil, false, false
	}
	sum, err := signing.SaltedHMAC([]byte(keySalt), []byte(data), c.secret, "sha1")
	if err != nil || !hmac.Equal([]byte(hex.EncodeToString(sum)), []byte(hash)) {
		return nil, false, false
	}
	msgs, more, err := decodeList([]byte(data))
	return msgs, more, err == nil
}

// cookieStorage is Django's CookieStorage for one site.
type cookieStorage struct {
	codec  *cookieCodec
	cookie framework.Cookie // the SESSION_COOKIE_* attributes, Path "/"
}

// get reads the request's cookie: found is false without one (or with an
// empty one); bad is true when it does not decode (no messages then).
func (c *cookieStorage) get(r *http.Request) (msgs []messages.Message, allRetrieved, found, bad bool) {
	v, ok := framework.CookieValue(r, CookieName)
	if !ok || v == "" {
		return nil, true, false, false
	}
	msgs, more, ok := c.codec.decode(v)
	if !ok {
		return nil, true, false, true
	}
	return msgs, !more, true, false
}

// store sets the cookie to msgs, or deletes it when msgs is empty. While
// the value is longer than MaxCookieSize it drops a message (the oldest,
// or with removeOldest false the newest) and ends the list with the
// sentinel. It returns the messages it dropped, in order.
func (c *cookieStorage) store(h http.Header, msgs []messages.Message, removeOldest bool) []messages.Message {
	var unstored []messages.Message
	msgs = append([]messages.Message(nil), msgs...)
	value := ""
	if len(msgs) > 0 {
		value = c.codec.encode(msgs, false)
	}
	for value != "" && len(value) > MaxCookieSize {
		if removeOldest {
			unstored, msgs = append(unstored, msgs[0]), msgs[1:]
		} else {
			unstored, msgs = append([]messages.Message{msgs[len(msgs)-1]}, unstored...), msgs[:len(msgs)-1]
		}
		value = c.codec.encode(msgs, true)
	}
	if value == "" {
		h.Add("Set-Cookie", framework.FormatDeleteCookie(c.cookie))
		return unstored
	}
	ck := c.cookie
	ck.Value = value
	h.Add("Set-Cookie", framework.FormatSetCookie(ck))
	return unstored
}
