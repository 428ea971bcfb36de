package interop

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/commands"
)

// settingsFile is manouche's side of the README's settings.
const settingsFile = "testdata/settings.yaml"

// manoucheManage runs a manouche management command as cmd/manage does,
// with the README's settings pointed at the engine's storage, and returns
// what it printed.
func manoucheManage(st *storage, args ...string) (string, error) {
	environ := []string{
		"MANOUCHE_SECRET_KEY=" + secretKey,
		"MANOUCHE_DATABASES_DEFAULT_NAME=" + st.db,
		"MANOUCHE_SESSION_ENGINE=" + st.engine,
		"MANOUCHE_SESSION_FILE_PATH=" + st.files,
	}
	var out, errOut bytes.Buffer
	args = append([]string{"--settings", settingsFile}, args...)
	if code := commands.Run(context.Background(), args, environ, &out, &errOut); code != 0 || errOut.Len() > 0 {
		return out.String(), fmt.Errorf("manouche %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
	}
	return out.String(), nil
}

// TestClearSessions: clearsessions on either side removes the expired
// sessions both sides wrote, and only those.
func TestClearSessions(t *testing.T) {
	requireDjango(t)
	for _, engine := range []string{"db", "cached_db", "file"} {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			st := storageFor(t, engine)
			sides := []side{djangoSide(t, engine, secretKey), manoucheSide(t, engine, secretKey)}
			clear := map[string]func() (string, error){
				"django":   func() (string, error) { return manage(st, secretKey, "clearsessions") },
				"manouche": func() (string, error) { return manoucheManage(st, "clearsessions") },
			}
			for _, by := range []string{"django", "manouche"} {
				t.Run(by+"_clears", func(t *testing.T) {
					live, expired := map[string]*browser{}, map[string]*browser{}
					for _, s := range sides {
						live[s.name] = newSession(t, s, 0)
						expired[s.name] = newSession(t, s, -10)
					}
					if out, err := clear[by](); err != nil {
						t.Fatalf("%s clearsessions: %v\n%s", by, err, out)
					}
					for _, s := range sides {
						if hasRecord(t, st, expired[s.name].cookie) {
							t.Errorf("%s clearsessions kept the expired session %s wrote", by, s.name)
						}
						if !hasRecord(t, st, live[s.name].cookie) {
							t.Errorf("%s clearsessions removed the live session %s wrote", by, s.name)
						}
						for _, reader := range sides {
							checkData(t, reader.name+" reading "+s.name+"'s live session after clearsessions",
								live[s.name].get(reader, "/s/state/").data, map[string]any{"who": s.name})
						}
					}
				})
			}
		})
	}
}

// newSession creates a session on s holding {"who": s.name} and, when
// expiry is not 0, set_expiry(expiry). It returns the session's browser.
func newSession(t *testing.T, s side, expiry int) *browser {
	t.Helper()
	b := &browser{t: t}
	b.post(s, "/s/set/", `{"who": "`+s.name+`"}`)
	if expiry != 0 {
		b.post(s, fmt.Sprintf("/s/expiry/?seconds=%d", expiry), "")
	}
	return b
}
