package session

import (
	"bytes"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"

	"github.com/manouche-go/manouche/framework/signing"
)

// legacyHashSalt is the key salt of the pre-3.1 session format:
// "django.contrib.sessions" and the class name, with no dot between them.
const legacyHashSalt = "django.contrib.sessionsSessionStore"

// decodeLegacy reads the session format Django used before 3.1, which
// 3.1 and 3.2 still read (and write under DEFAULT_HASHING_ALGORITHM =
// "sha1"): b64std(hex(salted_hmac_sha1(legacyHashSalt, json)) + ":" +
// json). tampered reports the cases Django logs as corrupted: data that is
// not base64, or whose hash does not match. The Dict is never nil.
func (c *Codec) decodeLegacy(data string) (d *signing.Dict, tampered bool) {
	raw, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return signing.NewDict(), true
	}
	hash, serialized, ok := bytes.Cut(raw, []byte(":"))
	if !ok {
		return signing.NewDict(), false
	}
	if !c.legacyHashOK(hash, serialized) {
		return signing.NewDict(), true
	}
	if d, err = signing.UnmarshalDict(serialized); err != nil {
		return signing.NewDict(), false
	}
	return d, false
}

// legacyHashOK compares hash, in constant time, with the legacy hash of
// serialized under SECRET_KEY and each fallback key.
func (c *Codec) legacyHashOK(hash, serialized []byte) bool {
	ok := 0
	for _, secret := range c.secrets {
		mac, err := signing.SaltedHMAC([]byte(legacyHashSalt), serialized, secret, "sha1")
		if err != nil {
			return false
		}
		want := make([]byte, hex.EncodedLen(len(mac)))
		hex.Encode(want, mac)
		ok |= subtle.ConstantTimeCompare(hash, want)
	}
	return ok == 1
}
