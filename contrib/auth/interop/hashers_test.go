package interop

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/contrib/auth/hashers"
)

// checkScript runs in Django's shell: it verifies manouche's values with
// Django's hashers (subclassed with the same small costs, so that
// must_update compares like with like) and makes values of its own.
const checkScript = `
import json, sys
from django.contrib.auth import hashers as h
class Argon2(h.Argon2PasswordHasher):
    time_cost, memory_cost, parallelism = 1, 64, 2
class BCryptSHA256(h.BCryptSHA256PasswordHasher):
    rounds = 4
class PBKDF2(h.PBKDF2PasswordHasher):
    iterations = 1000
ours = json.loads(sys.stdin.read())
out = {"verified": {}, "must_update": {}, "theirs": {}}
for name, cls in (("argon2", Argon2), ("bcrypt_sha256", BCryptSHA256), ("pbkdf2_sha256", PBKDF2)):
    hasher = cls()
    out["verified"][name] = h.check_password("pässword 🔑", ours[name], preferred=hasher)
    out["must_update"][name] = hasher.must_update(ours[name])
    out["theirs"][name] = h.make_password("pässword 🔑", hasher=hasher)
print(json.dumps(out))
`

// TestHashers checks that Django's argon2, bcrypt_sha256 and pbkdf2_sha256
// hashers (argon2-cffi and bcrypt underneath) and manouche's verify each
// other's values, and agree that a value made with the current parameters
// needs no update.
func TestHashers(t *testing.T) {
	requireDjango(t)
	ours := map[string]hashers.Hasher{
		// Debian 12's argon2-cffi (21.1) makes 16-byte hashes; Django's
		// must_update wants that length.
		"argon2":        &hashers.Argon2{Time: 1, Memory: 64, Threads: 2, HashLen: 16},
		"bcrypt_sha256": &hashers.BCrypt{Cost: 4},
		"pbkdf2_sha256": hashers.NewPBKDF2SHA256(1000),
	}
	sha := hashers.NewBCryptSHA256()
	sha.Cost = 4
	ours["bcrypt_sha256"] = sha
	values := map[string]string{}
	for name, h := range ours {
		v, err := h.Encode("pässword 🔑")
		if err != nil {
			t.Fatal(err)
		}
		values[name] = v
	}
	in, _ := json.Marshal(values)
	site := djangoSite(storage{engine: "db", database: filepath.Join(t.TempDir(), "db.sqlite3")})
	out, err := site.ManageInput(context.Background(), strings.NewReader(string(in)), "shell", "-c", checkScript)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Verified   map[string]bool
		MustUpdate map[string]bool `json:"must_update"`
		Theirs     map[string]string
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if json.Unmarshal([]byte(lines[len(lines)-1]), &got) != nil {
		t.Fatalf("Django's output: %s", out)
	}
	for name, h := range ours {
		if !got.Verified[name] {
			t.Errorf("Django refuses manouche's %s value %s", name, values[name])
		}
		if got.MustUpdate[name] {
			t.Errorf("Django wants manouche's fresh %s value updated", name)
		}
		theirs := got.Theirs[name]
		if !strings.HasPrefix(theirs, name+"$") || !h.Verify("pässword 🔑", theirs) || h.Verify("password", theirs) {
			t.Errorf("manouche does not verify Django's %s value %s exactly", name, theirs)
		}
		if u, ok := h.(hashers.Updater); ok && u.MustUpdate(theirs) {
			t.Errorf("manouche wants Django's fresh %s value %s updated", name, theirs)
		}
	}
}
