package signing

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
)

// B64Encode returns b in URL-safe base64 without "=" padding (Django's
// b64_encode(...).rstrip(b'=')).
func B64Encode(b []byte) string {
	return base64.RawURLEncoding.EncodeToString(b)
}

// B64Decode decodes URL-safe base64 with or without "=" padding (Django's
// b64_decode). Unlike Python, which skips characters outside the alphabet, it
// rejects them; this only matters after a signature has been verified.
func B64Decode(s string) ([]byte, error) {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return nil, fmt.Errorf("signing: base64 decode: %w", err)
	}
	return b, nil
}

// appendB64Decode appends the decoded form of src (padding optional) to dst.
func appendB64Decode(dst, src []byte) ([]byte, error) {
	out, err := base64.RawURLEncoding.AppendDecode(dst, bytes.TrimRight(src, "="))
	if err != nil {
		return dst, fmt.Errorf("signing: base64 decode: %w", err)
	}
	return out, nil
}
