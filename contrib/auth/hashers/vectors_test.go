package hashers_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/manouche-go/manouche/contrib/auth/hashers"
)

// vectorsDir holds the golden vectors produced by real Django 3.2.
const vectorsDir = "../../../../shared/spec/vectors"

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden vectors missing: %v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// django32 is Django 3.2's default PASSWORD_HASHERS, which the vectors were
// made with, at its 260000 iterations.
func django32(t *testing.T) *hashers.Set {
	t.Helper()
	s, err := hashers.New([]string{
		"django.contrib.auth.hashers.PBKDF2PasswordHasher",
		"django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
		"django.contrib.auth.hashers.Argon2PasswordHasher",
		"django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
	}, hashers.Options{PBKDF2Iterations: 260000})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPBKDF2_vectors checks every vector of pbkdf2.json, Django 3.2 to
// 5.2's iteration counts included: the same hash for the same salt, the
// verification, and must_update against 3.2's 260000 iterations.
func TestPBKDF2_vectors(t *testing.T) {
	var f struct {
		DefaultIterations map[string]int `json:"default_iterations"`
		Vectors           []struct {
			Password, Salt, Algorithm, Encoded, Note string
			Iterations                               int
			MustUpdate                               bool `json:"django_3_2_must_update"`
		}
	}
	readJSON(t, filepath.Join(vectorsDir, "pbkdf2.json"), &f)
	if got := f.DefaultIterations["5.2"]; got != hashers.DefaultPBKDF2Iterations {
		t.Errorf("Django 5.2's default is %d, hashers.DefaultPBKDF2Iterations %d", got, hashers.DefaultPBKDF2Iterations)
	}
	for _, v := range f.Vectors {
		t.Run(v.Algorithm+"/"+v.Note, func(t *testing.T) {
			h := hashers.NewPBKDF2SHA256(260000)
			if v.Algorithm == "pbkdf2_sha1" {
				h = hashers.NewPBKDF2SHA1(260000)
			}
			got, err := h.EncodeSalt(v.Password, v.Salt, v.Iterations)
			if err != nil || got != v.Encoded {
				t.Errorf("EncodeSalt: got %q, %v, want %q", got, err, v.Encoded)
			}
			// Verify is EncodeSalt and a comparison: at high iteration counts
			// the equality above is the check (the race detector makes each
			// million iterations cost seconds).
			if v.Iterations < 1000 && (!h.Verify(v.Password, v.Encoded) || h.Verify(v.Password+"x", v.Encoded)) {
				t.Errorf("Verify of %q: right password refused or wrong one accepted", v.Encoded)
			}
			if got := h.MustUpdate(v.Encoded); got != v.MustUpdate {
				t.Errorf("MustUpdate = %v, want %v (Django 3.2)", got, v.MustUpdate)
			}
		})
	}
}

// TestSet_Check_vectors checks the check_password vectors of auth.json:
// the result, must_update, and the hash a successful check re-hashes to
// (with the vector's fixed salt).
func TestSet_Check_vectors(t *testing.T) {
	var f struct {
		Vectors []struct {
			Kind, Name, Password, Encoded string
			Result                        bool
			MustUpdate                    *bool   `json:"must_update"`
			Rehashed                      bool    `json:"rehashed_on_success"`
			RehashedTo                    *string `json:"rehashed_to_with_fixed_salt"`
			Algorithm                     *string `json:"identified_algorithm"`
		}
	}
	readJSON(t, filepath.Join(vectorsDir, "auth.json"), &f)
	set := django32(t)
	rehashed := map[string]string{} // password → its re-hash with the fixed salt
	n := 0
	for _, v := range f.Vectors {
		if v.Kind != "check_password" {
			continue
		}
		n++
		t.Run(v.Name, func(t *testing.T) {
			ok, mustUpdate := set.Check(v.Password, v.Encoded)
			if ok != v.Result {
				t.Errorf("Check = %v, want %v", ok, v.Result)
			}
			if want := v.MustUpdate != nil && *v.MustUpdate; mustUpdate != want {
				t.Errorf("mustUpdate = %v, want %v", mustUpdate, want)
			}
			h, err := set.Identify(v.Encoded)
			if (v.Algorithm == nil) != (err != nil) || v.Algorithm != nil && h.Algorithm() != *v.Algorithm {
				t.Errorf("Identify = %v, %v, want %v", h, err, v.Algorithm)
			}
			if ok && mustUpdate != v.Rehashed {
				t.Errorf("re-hash on success = %v, want %v", ok && mustUpdate, v.Rehashed)
			}
			if v.RehashedTo != nil {
				got, ok := rehashed[v.Password]
				if !ok {
					got, _ = set.Preferred().(*hashers.PBKDF2).EncodeSalt(v.Password, "UpgradedSalt0123456789", 260000)
					rehashed[v.Password] = got
				}
				if got != *v.RehashedTo {
					t.Errorf("re-hashed to %q, want %q", got, *v.RehashedTo)
				}
			}
		})
	}
	if n != 12 {
		t.Errorf("found %d check_password vectors, want 12", n)
	}
}

// TestPython checks values made by Python's argon2-cffi, bcrypt and
// hashlib.scrypt in Django's formats (testdata/python.json), with small
// cost parameters.
func TestPython(t *testing.T) {
	var f struct {
		Vectors []struct {
			Algorithm, Variety, Password, Encoded string
			Time, Memory, Threads, Cost, N, R, P  int
		}
	}
	readJSON(t, "testdata/python.json", &f)
	for _, v := range f.Vectors {
		t.Run(v.Algorithm+v.Variety, func(t *testing.T) {
			var h interface {
				hashers.Hasher
				hashers.Updater
			}
			switch v.Algorithm {
			case "argon2":
				h = &hashers.Argon2{Time: uint32(v.Time), Memory: uint32(v.Memory), Threads: uint8(v.Threads)}
			case "bcrypt_sha256":
				h = hashers.NewBCryptSHA256()
			case "bcrypt":
				h = hashers.NewBCrypt()
			case "scrypt":
				h = &hashers.Scrypt{N: v.N, R: v.R, P: v.P}
			}
			if !h.Verify(v.Password, v.Encoded) {
				t.Errorf("%s refuses the right password", v.Encoded)
			}
			if h.Verify("Z"+v.Password, v.Encoded) {
				t.Errorf("%s accepts a wrong password", v.Encoded)
			}
			if v.Algorithm == "bcrypt" && !h.Verify(v.Password[:72]+"other tail", v.Encoded) {
				t.Errorf("bcrypt must read only the first 72 bytes, as Python's bcrypt does")
			}
			wantUpdate := v.Variety == "argon2i" || v.Cost == 4 // Django's costs are argon2id and bcrypt 12
			if got := h.MustUpdate(v.Encoded); got != wantUpdate {
				t.Errorf("MustUpdate = %v, want %v", got, wantUpdate)
			}
		})
	}
}
