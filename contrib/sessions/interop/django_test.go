package interop

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/djangotest"
)

// djangoSite is the Django test site of engine's storage, signing with key
// and, on Django 4.1+, accepting fallbacks (testdata/djangosite/settings.py
// reads them from the environment).
func djangoSite(st *storage, key string, fallbacks []string) djangotest.Site {
	fb, _ := json.Marshal(append([]string{}, fallbacks...))
	return djangotest.Site{Dir: "testdata/djangosite", Log: &logs, Env: []string{
		"SECRET_KEY=" + key,
		"SECRET_KEY_FALLBACKS=" + string(fb),
		"DATABASE=" + st.db,
		"SESSION_ENGINE=" + st.engine,
		"SESSION_FILE_PATH=" + st.files,
	}}
}

// manage runs Django's manage.py with args on the engine's storage and
// returns what it printed.
func manage(st *storage, key string, args ...string) (string, error) {
	return djangoSite(st, key, nil).Manage(context.Background(), args...)
}

// djangoSide returns the Django site of engine signing with key (and, on
// Django 4.1+, accepting fallbacks), starting it on first use.
func djangoSide(t testing.TB, engine, key string, fallbacks ...string) side {
	t.Helper()
	st := storageFor(t, engine)
	id := strings.Join(append([]string{engine, key}, fallbacks...), "|")
	d, err := entry(djangos, id).get(djangoSite(st, key, fallbacks).Start)
	if err != nil {
		t.Fatalf("engine %s: Django: %v", engine, err)
	}
	return side{name: "django", url: d.URL}
}
