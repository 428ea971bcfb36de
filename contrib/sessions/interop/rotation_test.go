package interop

import (
	"strconv"
	"strings"
	"testing"
)

// TestSecretKeyRotation: after SECRET_KEY changes, manouche reads the
// sessions Django signed with the old key when the old key is in
// SECRET_KEY_FALLBACKS, and saves them again under the new key, which
// Django (new key) then reads. Django 3.2 has no SECRET_KEY_FALLBACKS, so
// the reverse (Django reading what manouche signed with the old key) runs
// only on Django 4.1 and later.
func TestSecretKeyRotation(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		oldDjango := djangoSide(t, engine, oldSecretKey)
		newDjango := djangoSide(t, engine, secretKey)
		rotated := manoucheSide(t, engine, secretKey, oldSecretKey)
		unrotated := manoucheSide(t, engine, secretKey)

		t.Run("manouche_reads_fallback", func(t *testing.T) {
			data := map[string]any{"user": "alice", "n": 1.0}
			b := &browser{t: t}
			b.post(oldDjango, "/s/set/", `{"user": "alice", "n": 1.0}`)
			old := b.cookie

			for _, s := range []side{unrotated, newDjango} { // without the fallback
				if got := b.get(s, "/s/state/"); len(got.data) != 0 {
					t.Errorf("%s without the old key in SECRET_KEY_FALLBACKS: got %v, want an empty session", s.name, got.data)
				}
				b.cookie = old
			}

			checkData(t, "manouche with SECRET_KEY_FALLBACKS", b.get(rotated, "/s/state/").data, data)
			b.post(rotated, "/s/incr/?name=visits", "") // saves under the new key
			data["visits"] = int64(1)
			checkData(t, "Django with the new SECRET_KEY", b.get(newDjango, "/s/state/").data, data)
			if got := b.get(oldDjango, "/s/state/"); len(got.data) != 0 {
				t.Errorf("Django with the old SECRET_KEY read the re-saved session (%v): manouche did not sign it with the new key", got.data)
			}
		})

		t.Run("django_reads_fallback", func(t *testing.T) {
			if !djangoAtLeast(4, 1) {
				t.Skipf("Django %s has no SECRET_KEY_FALLBACKS (Django 4.1+)", djangoVersion)
			}
			fallbackDjango := djangoSide(t, engine, secretKey, oldSecretKey)
			oldManouche := manoucheSide(t, engine, oldSecretKey)
			b := &browser{t: t}
			b.post(oldManouche, "/s/set/", `{"user": "bob"}`)
			checkData(t, "Django with SECRET_KEY_FALLBACKS", b.get(fallbackDjango, "/s/state/").data, map[string]any{"user": "bob"})
		})
	})
}

// djangoAtLeast reports whether the Django under test is at least
// major.minor.
func djangoAtLeast(major, minor int) bool {
	parts := strings.SplitN(djangoVersion, ".", 3)
	if len(parts) < 2 {
		return false
	}
	ma, err1 := strconv.Atoi(parts[0])
	mi, err2 := strconv.Atoi(parts[1])
	return err1 == nil && err2 == nil && (ma > major || ma == major && mi >= minor)
}
