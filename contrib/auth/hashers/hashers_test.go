package hashers_test

import (
	"errors"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/manouche-go/manouche/contrib/auth/hashers"
)

// cheap returns the built-in hashers with small cost parameters, and the
// shape of the values each makes (bcrypt has its own test).
func cheap() []struct {
	h     hashers.Hasher
	shape *regexp.Regexp
} {
	return []struct {
		h     hashers.Hasher
		shape *regexp.Regexp
	}{
		{hashers.NewPBKDF2SHA256(1000), regexp.MustCompile(`^pbkdf2_sha256\$1000\$[a-zA-Z0-9]{22}\$[A-Za-z0-9+/]{43}=$`)},
		{hashers.NewPBKDF2SHA1(1000), regexp.MustCompile(`^pbkdf2_sha1\$1000\$[a-zA-Z0-9]{22}\$[A-Za-z0-9+/]{27}=$`)},
		{&hashers.Argon2{Time: 1, Memory: 64, Threads: 2}, regexp.MustCompile(`^argon2\$argon2id\$v=19\$m=64,t=1,p=2\$[A-Za-z0-9+/]{30}\$[A-Za-z0-9+/]{43}$`)},
		{hashers.MD5{}, regexp.MustCompile(`^md5\$[a-zA-Z0-9]{22}\$[0-9a-f]{32}$`)},
		{&hashers.Scrypt{N: 16, R: 8, P: 1}, regexp.MustCompile(`^scrypt\$16\$[a-zA-Z0-9]{22}\$8\$1\$[A-Za-z0-9+/]{86}==$`)},
	}
}

func TestHashers_roundTrip(t *testing.T) {
	for _, c := range cheap() {
		t.Run(c.h.Algorithm(), func(t *testing.T) {
			enc, err := c.h.Encode("pässword 🔑")
			if err != nil {
				t.Fatal(err)
			}
			if !c.shape.MatchString(enc) {
				t.Errorf("Encode = %q, not of the form %s", enc, c.shape)
			}
			if !c.h.Verify("pässword 🔑", enc) {
				t.Error("Verify refuses the right password")
			}
			for _, wrong := range []string{"", "pässword", "pässword 🔑 ", "Pässword 🔑"} {
				if c.h.Verify(wrong, enc) {
					t.Errorf("Verify accepts %q", wrong)
				}
			}
			if again, _ := c.h.Encode("pässword 🔑"); again == enc {
				t.Error("two encodings share a salt")
			}
			if u, ok := c.h.(hashers.Updater); ok && u.MustUpdate(enc) {
				t.Error("a fresh hash must not need an update")
			}
		})
	}
}

func TestBCrypt_roundTrip(t *testing.T) {
	for _, h := range []*hashers.BCrypt{hashers.NewBCryptSHA256(), hashers.NewBCrypt()} {
		t.Run(h.Algorithm(), func(t *testing.T) {
			h.Cost = 4
			enc, err := h.Encode("correct horse")
			if err != nil {
				t.Fatal(err)
			}
			if want := h.Algorithm() + "$$2b$04$"; !strings.HasPrefix(enc, want) || len(enc) != len(want)+53 {
				t.Errorf("Encode = %q, want %s and 53 characters, as Python's bcrypt writes", enc, want)
			}
			if !h.Verify("correct horse", enc) || h.Verify("correct horsE", enc) {
				t.Error("Verify is wrong")
			}
			h.Cost = 5
			if !h.MustUpdate(enc) {
				t.Error("a cost-4 hash must be updated when the cost is 5")
			}
		})
	}
	long := strings.Repeat("a", 100)
	sha := hashers.NewBCryptSHA256()
	sha.Cost = 4
	enc, _ := sha.Encode(long)
	if sha.Verify(long[:72], enc) {
		t.Error("bcrypt_sha256 must read the whole password, not 72 bytes")
	}
}

func TestMustUpdate_parameters(t *testing.T) {
	p := hashers.NewPBKDF2SHA256(1000)
	enc, _ := p.EncodeSalt("pw", "0123456789abcdefghijkl", 1000)
	short, _ := p.EncodeSalt("pw", "0123456789abcdefghijk", 1000) // 21 characters: 125 bits
	more, _ := p.EncodeSalt("pw", "0123456789abcdefghijkl", 2000)
	a := &hashers.Argon2{Time: 1, Memory: 64, Threads: 1}
	aenc := a.EncodeSalt("pw", "0123456789abcdefghijkl")
	short16 := (&hashers.Argon2{Time: 1, Memory: 64, Threads: 1, HashLen: 16}).EncodeSalt("pw", "0123456789abcdefghijkl")
	if !strings.HasSuffix(short16, "$"+strings.Split(short16, "$")[5]) || len(strings.Split(short16, "$")[5]) != 22 || !a.Verify("pw", short16) {
		t.Errorf("a 16-byte argon2 hash: %q, verified %v", short16, a.Verify("pw", short16))
	}
	s := &hashers.Scrypt{N: 16, R: 8, P: 1}
	senc, _ := s.EncodeSalt("pw", "x", 16, 8, 1)
	tests := []struct {
		name string
		u    hashers.Updater
		enc  string
		want bool
	}{
		{"pbkdf2 same", p, enc, false},
		{"pbkdf2 short salt", p, short, true},
		{"pbkdf2 more iterations", p, more, true},
		{"pbkdf2 fewer iterations", hashers.NewPBKDF2SHA256(3000), more, true},
		{"pbkdf2 malformed", p, "pbkdf2_sha256$x$y", true},
		{"argon2 same", a, aenc, false},
		{"argon2 16-byte hash (older argon2-cffi)", a, short16, false},
		{"argon2 other memory", &hashers.Argon2{Time: 1, Memory: 128, Threads: 1}, aenc, true},
		{"argon2 other time", &hashers.Argon2{Time: 2, Memory: 64, Threads: 1}, aenc, true},
		{"scrypt same (no salt rule)", s, senc, false},
		{"scrypt other N", &hashers.Scrypt{N: 32, R: 8, P: 1}, senc, true},
		{"md5 short salt", hashers.MD5{}, hashers.MD5{}.EncodeSalt("pw", "seasalt"), true},
	}
	for _, tt := range tests {
		if got := tt.u.MustUpdate(tt.enc); got != tt.want {
			t.Errorf("%s: MustUpdate = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestNew_errors(t *testing.T) {
	tests := []struct {
		name  string
		names []string
	}{
		{"empty", nil},
		{"unknown", []string{"django.contrib.auth.hashers.SHA1PasswordHasher"}},
		{"twice", []string{"pbkdf2_sha256", "django.contrib.auth.hashers.PBKDF2PasswordHasher"}},
	}
	for _, tt := range tests {
		if _, err := hashers.New(tt.names, hashers.Options{}); err == nil {
			t.Errorf("%s: New(%q) succeeded", tt.name, tt.names)
		}
	}
	_, err := hashers.New([]string{"nope"}, hashers.Options{})
	if !errors.Is(err, hashers.ErrUnknownAlgorithm) || !strings.Contains(err.Error(), "pbkdf2_sha256") {
		t.Errorf("unknown name: got %v, want ErrUnknownAlgorithm listing the known names", err)
	}
}

func TestNew_defaultIterations(t *testing.T) {
	s, err := hashers.New([]string{"pbkdf2_sha256"}, hashers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Preferred().(*hashers.PBKDF2).Iterations; got != 1_000_000 {
		t.Errorf("default iterations = %d, want Django 5.2's 1000000", got)
	}
}

func TestSet_Make(t *testing.T) {
	s, _ := hashers.New([]string{"md5", "pbkdf2_sha256"}, hashers.Options{PBKDF2Iterations: 10})
	enc, err := s.Make("secret")
	if err != nil || !strings.HasPrefix(enc, "md5$") {
		t.Fatalf("Make = %q, %v, want an md5 value from the preferred hasher", enc, err)
	}
	if ok, up := s.Check("secret", enc); !ok || up {
		t.Errorf("Check of a fresh value = %v, %v, want true, false", ok, up)
	}
	if _, err := s.Make(strings.Repeat("p", hashers.MaxPasswordLength+1)); !errors.Is(err, hashers.ErrPasswordTooLong) {
		t.Errorf("Make of 4097 bytes: got %v, want ErrPasswordTooLong", err)
	}
	if _, err := s.Make(strings.Repeat("p", hashers.MaxPasswordLength)); err != nil {
		t.Errorf("Make of 4096 bytes: %v", err)
	}
}

func TestSet_Check(t *testing.T) {
	s, _ := hashers.New([]string{"pbkdf2_sha256", "md5"}, hashers.Options{PBKDF2Iterations: 10})
	md5enc := hashers.MD5{}.EncodeSalt("pw", "0123456789abcdefghijkl")
	pb, _ := s.Make("pw")
	tests := []struct {
		name, password, encoded string
		ok, update              bool
	}{
		{"preferred", "pw", pb, true, false},
		{"preferred wrong", "px", pb, false, false},
		{"other hasher", "pw", md5enc, true, true},
		{"other hasher wrong", "px", md5enc, false, true},
		{"unusable", "pw", hashers.MakeUnusable(), false, false},
		{"bare unusable", "", "!", false, false},
		{"empty", "", "", false, false},
		{"unsalted md5 shape", "pw", strings.Repeat("a", 32), false, false},
		{"unknown algorithm", "pw", "sha1$salt$hash", false, false},
		{"plain text", "pw", "pw", false, false},
		{"too long", strings.Repeat("p", 4097), pb, false, false},
	}
	for _, tt := range tests {
		if ok, up := s.Check(tt.password, tt.encoded); ok != tt.ok || up != tt.update {
			t.Errorf("%s: Check = %v, %v, want %v, %v", tt.name, ok, up, tt.ok, tt.update)
		}
	}
}

func TestMakeUnusable(t *testing.T) {
	u := hashers.MakeUnusable()
	if !regexp.MustCompile(`^![a-zA-Z0-9]{40}$`).MatchString(u) || hashers.IsUsable(u) {
		t.Errorf("MakeUnusable = %q, usable %v; want ! and 40 letters or digits, unusable", u, hashers.IsUsable(u))
	}
	if u == hashers.MakeUnusable() {
		t.Error("two unusable passwords are equal")
	}
	if !hashers.IsUsable("pbkdf2_sha256$1$s$h") || !hashers.IsUsable("") {
		t.Error("IsUsable refuses a value without the ! prefix")
	}
}

// spy is a hasher that records its calls, to check what Check runs.
type spy struct {
	mu                         sync.Mutex
	algo                       string
	encodes, verifies, hardens int
	update                     bool
}

func (s *spy) Algorithm() string { return s.algo }
func (s *spy) Encode(string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.encodes++
	return s.algo + "$x", nil
}
func (s *spy) Verify(password, _ string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.verifies++
	return password == "right"
}
func (s *spy) MustUpdate(string) bool { return s.update }
func (s *spy) HardenRuntime(string, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hardens++
}

var (
	spyA = &spy{algo: "spy_a"}
	spyB = &spy{algo: "spy_b"}
)

func init() {
	hashers.Register(func(hashers.Options) hashers.Hasher { return spyA }, "test.SpyA")
	hashers.Register(func(hashers.Options) hashers.Hasher { return spyB }, "test.SpyB")
}

// TestSet_Check_timing checks which work a check does, as Django's
// check_password does it: one preferred-hasher run for a value that cannot
// match, and harden_runtime only after a failed check of an outdated value
// of the preferred algorithm.
func TestSet_Check_timing(t *testing.T) {
	s, err := hashers.New([]string{"test.SpyA", "test.SpyB"}, hashers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, password, encoded      string
		update                       bool
		encodes, verifiesA, hardensA int
		verifiesB, hardensB          int
	}{
		{"unusable costs one run", "right", "!abc", false, 1, 0, 0, 0, 0},
		{"unknown costs one run", "right", "nope$x", false, 1, 0, 0, 0, 0},
		{"outdated wrong hardens", "wrong", "spy_a$x", true, 0, 1, 1, 0, 0},
		{"outdated right does not harden", "right", "spy_a$x", true, 0, 1, 0, 0, 0},
		{"current wrong does not harden", "wrong", "spy_a$x", false, 0, 1, 0, 0, 0},
		{"other hasher wrong does not harden", "wrong", "spy_b$x", true, 0, 0, 0, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			*spyA = spy{algo: "spy_a", update: tt.update}
			*spyB = spy{algo: "spy_b"}
			s.Check(tt.password, tt.encoded)
			got := [5]int{spyA.encodes, spyA.verifies, spyA.hardens, spyB.verifies, spyB.hardens}
			want := [5]int{tt.encodes, tt.verifiesA, tt.hardensA, tt.verifiesB, tt.hardensB}
			if got != want {
				t.Errorf("calls (encodes, verifies A, hardens A, verifies B, hardens B) = %v, want %v", got, want)
			}
		})
	}
}
