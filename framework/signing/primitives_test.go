package signing

import (
	"encoding/hex"
	"errors"
	"testing"
)

func TestB62_vectors(t *testing.T) {
	for i, v := range loadList(t, "primitives.json", "base62") {
		t.Run(v.name(i), func(t *testing.T) {
			n, want := v.int(t, "int"), v.str("b62")
			if got := B62Encode(n); got != want {
				t.Errorf("B62Encode(%d): got %q, want %q", n, got, want)
			}
			got, err := B62Decode(want)
			if err != nil || got != n {
				t.Errorf("B62Decode(%q): got %d, %v, want %d", want, got, err, n)
			}
		})
	}
}

func TestB62Decode_cases(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{in: "1r31eq", want: 1700000000},
		{in: "001", want: 1},
		{in: "AzL8n0Y58m7", want: 9223372036854775807},
		{in: "-AzL8n0Y58m8", want: -9223372036854775808},
		{in: "AzL8n0Y58m8", wantErr: true},
		{in: "zzzzzzzzzzzz", wantErr: true},
		{in: "", wantErr: true},
		{in: "-", wantErr: true},
		{in: "1r3.eq", wantErr: true},
		{in: "1r31eq ", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := B62Decode(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("B62Decode(%q): got %d, %v, want %d (error %v)", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestB64_vectors(t *testing.T) {
	for i, v := range loadList(t, "primitives.json", "b64url") {
		t.Run(v.name(i), func(t *testing.T) {
			raw, _ := hex.DecodeString(v.str("bytes_hex"))
			want := v.str("b64url_nopad")
			if got := B64Encode(raw); got != want {
				t.Errorf("B64Encode(%x): got %q, want %q", raw, got, want)
			}
			got, err := B64Decode(want)
			if err != nil || hex.EncodeToString(got) != v.str("bytes_hex") {
				t.Errorf("B64Decode(%q): got %x, %v, want %s", want, got, err, v.str("bytes_hex"))
			}
		})
	}
}

func TestB64Decode_cases(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{in: "Zg", want: "f"},
		{in: "Zg==", want: "f"}, // padding tolerated, as Django
		{in: "-__-", want: "\xfb\xff\xfe"},
		{in: "Z", wantErr: true},
		{in: "Zm9v!", wantErr: true},
		{in: "+/", wantErr: true}, // standard alphabet
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := B64Decode(tt.in)
			if (err != nil) != tt.wantErr || string(got) != tt.want {
				t.Errorf("B64Decode(%q): got %q, %v, want %q (error %v)", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestSaltedHMAC_vectors(t *testing.T) {
	for i, v := range loadList(t, "primitives.json", "salted_hmac") {
		t.Run(v.name(i)+"_"+v.str("algorithm"), func(t *testing.T) {
			newHash, err := hashFunc(v.str("algorithm"))
			if err != nil {
				t.Fatal(err)
			}
			derived := deriveKey(newHash, []byte(v.str("key_salt")), []byte(v.str("secret")))
			if got := hex.EncodeToString(derived); got != v.str("derived_key_hex") {
				t.Errorf("derived key: got %s, want %s", got, v.str("derived_key_hex"))
			}
			mac, err := SaltedHMAC([]byte(v.str("key_salt")), []byte(v.str("value")), []byte(v.str("secret")), v.str("algorithm"))
			if err != nil {
				t.Fatalf("SaltedHMAC: %v", err)
			}
			if got := hex.EncodeToString(mac); got != v.str("hexdigest") {
				t.Errorf("hexdigest: got %s, want %s", got, v.str("hexdigest"))
			}
			if got := B64Encode(mac); got != v.str("b64url_nopad_digest") {
				t.Errorf("b64url digest: got %s, want %s", got, v.str("b64url_nopad_digest"))
			}
		})
	}
}

// TestPrimitives_allVectors checks that the three lists cover the whole
// "vectors" list, so no primitive vector goes untested.
func TestPrimitives_allVectors(t *testing.T) {
	f := loadFile(t, "primitives.json")
	n := 0
	for _, k := range []string{"base62", "b64url", "salted_hmac"} {
		n += len(f[k].([]any))
	}
	if got := len(f["vectors"].([]any)); got != n {
		t.Errorf("vectors: got %d entries, want %d (base62+b64url+salted_hmac)", got, n)
	}
}

func TestSaltedHMAC_unknownAlgorithm(t *testing.T) {
	for _, alg := range []string{"whatever", "", "SHA256", "blake2b"} {
		t.Run(alg, func(t *testing.T) {
			_, err := SaltedHMAC([]byte("s"), []byte("v"), []byte("k"), alg)
			if !errors.Is(err, ErrInvalidAlgorithm) {
				t.Errorf("SaltedHMAC(%q): got error %v, want ErrInvalidAlgorithm", alg, err)
			}
		})
	}
}

func TestSaltedHMAC_algorithms(t *testing.T) {
	sizes := map[string]int{"md5": 16, "sha1": 20, "sha224": 28, "sha256": 32, "sha384": 48,
		"sha512": 64, "sha512_224": 28, "sha512_256": 32, "sha3_224": 28, "sha3_256": 32, "sha3_384": 48, "sha3_512": 64}
	for alg, size := range sizes {
		t.Run(alg, func(t *testing.T) {
			mac, err := SaltedHMAC([]byte("s"), []byte("v"), []byte("k"), alg)
			if err != nil || len(mac) != size {
				t.Errorf("SaltedHMAC(%q): got %d bytes, %v, want %d bytes", alg, len(mac), err, size)
			}
		})
	}
}
