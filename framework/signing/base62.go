package signing

import (
	"errors"
	"math"
)

const b62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

var errBase62 = errors.New("signing: invalid base62 number")

// B62Encode returns n in base62 with Django's alphabet (digits, then A–Z, then
// a–z), most significant digit first; negative numbers get a leading "-".
// It is Django's b62_encode (3.2: django.utils.baseconv.base62.encode):
// 1700000000 encodes as "1r31eq".
func B62Encode(n int64) string {
	var buf [12]byte // 11 digits hold 62^11 > 2^64, plus the sign
	return string(appendB62(buf[:0], n))
}

// appendB62 appends the base62 form of n to dst.
func appendB62(dst []byte, n int64) []byte {
	if n == 0 {
		return append(dst, '0')
	}
	u := uint64(n)
	if n < 0 {
		dst = append(dst, '-')
		u = -u
	}
	var buf [11]byte
	i := len(buf)
	for u > 0 {
		i--
		buf[i] = b62Alphabet[u%62]
		u /= 62
	}
	return append(dst, buf[i:]...)
}

// B62Decode parses a base62 number written by [B62Encode] (Django's
// b62_decode). Leading zeros are accepted; an empty string, a character outside
// the alphabet or a value that overflows int64 is an error.
func B62Decode(s string) (int64, error) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if s == "" {
		return 0, errBase62
	}
	var u uint64
	for i := 0; i < len(s); i++ {
		d := b62Digit(s[i])
		if d < 0 {
			return 0, errBase62
		}
		if u > (math.MaxUint64-uint64(d))/62 {
			return 0, errBase62
		}
		u = u*62 + uint64(d)
	}
	switch {
	case !neg && u <= math.MaxInt64:
		return int64(u), nil
	case neg && u <= 1<<63:
		return int64(-u), nil
	}
	return 0, errBase62
}

// b62Digit returns the value of one base62 digit, or -1.
func b62Digit(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'A' <= c && c <= 'Z':
		return int(c-'A') + 10
	case 'a' <= c && c <= 'z':
		return int(c-'a') + 36
	}
	return -1
}
