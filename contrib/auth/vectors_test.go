package auth_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/contrib/sessions/dbstore"
	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/signing"
)

// vectorsDir holds the golden vectors produced by real Django 3.2.
const vectorsDir = "../../../shared/spec/vectors"

// alicePassword is the password field of the vectors' user alice (pk 1),
// whose password is s3cret-password.
const alicePassword = "pbkdf2_sha256$260000$fixedsalt0123456789abc$SMtVynvW9NAJdwgjYs7VXhI1ZWSdDU6qi1SKDPn8p+U="

// authVector is one vector of auth.json; each kind uses some fields.
type authVector struct {
	Kind, Name            string
	PasswordField         string          `json:"password_field"`
	SessionAuthHash       string          `json:"session_auth_hash"`
	LegacyHash            string          `json:"legacy_sha1_session_auth_hash"`
	Input                 json.RawMessage `json:"input"`
	Encoded               string
	SessionBefore         json.RawMessage `json:"session_before"`
	SessionAfter          json.RawMessage `json:"session_after"`
	Serialized            string
	UserPK                int64   `json:"user_pk"`
	KeyChanged            bool    `json:"key_changed"`
	OldRowStillExists     bool    `json:"old_row_still_exists"`
	ResultUser            *string `json:"result_user"`
	Raises                *string
	SessionFlushed        bool    `json:"session_flushed"`
	SessionRowStillExists bool    `json:"session_row_still_exists"`
	NewPasswordField      string  `json:"new_password_field"`
	KeyBefore             *string `json:"key_before"`
}

func authVectors(t *testing.T, kind string) []authVector {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(vectorsDir, "auth.json"))
	if err != nil {
		t.Fatalf("golden vectors: %v", err)
	}
	var f struct {
		SecretKey string `json:"secret_key"`
		Vectors   []authVector
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if f.SecretKey != vectorSecret {
		t.Fatalf("auth.json's secret_key is %q, want %q", f.SecretKey, vectorSecret)
	}
	var out []authVector
	for _, v := range f.Vectors {
		if v.Kind == kind {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no %s vectors", kind)
	}
	return out
}

// vectorSecret is the SECRET_KEY the vectors were made with.
const vectorSecret = "django-insecure-test-vector-key"

func TestSessionAuthHash_vectors(t *testing.T) {
	for _, v := range authVectors(t, "session_auth_hash") {
		u := &auth.User{Password: v.PasswordField}
		if got := u.SessionAuthHash(vectorSecret); got != v.SessionAuthHash {
			t.Errorf("SessionAuthHash(%q) = %s, want %s", v.PasswordField, got, v.SessionAuthHash)
		}
	}
	v := authVectors(t, "logged_in_session")[0]
	codec, _ := session.NewCodec(vectorSecret, nil, nil)
	got, _ := signing.MarshalJSON(codec.Decode(v.Encoded))
	if want := canonical(t, v.Input); string(got) != want {
		t.Errorf("logged_in_session decodes to %s, want %s", got, want)
	}
}

// vectorSite is a site keyed like the vectors, with their users: alice
// (pk 1, the vectors' password field), bob (pk 2) and the inactive carol
// (pk 3), on PBKDF2_ITERATIONS 260000 as Django 3.2.
type vectorSite struct {
	*testSite
	store *dbstore.Store
	codec *session.Codec
}

func newVectorSite(t *testing.T) *vectorSite {
	t.Helper()
	ts := newSite(t, func(s *settings.Settings) {
		s.SecretKey = vectorSecret
		s.PBKDF2Iterations = 260000
	})
	now := db.DateTime{Time: time.Now().UTC()}
	for _, u := range []auth.User{
		{ID: 1, Username: "alice", Password: alicePassword, IsActive: true, DateJoined: now},
		{ID: 2, Username: "bob", Password: "md5$0123456789abcdefghijkl$bob", IsActive: true, DateJoined: now},
		{ID: 3, Username: "carol", Password: alicePassword, IsActive: false, DateJoined: now},
	} {
		if err := ts.db.Omit("Groups", "UserPermissions").Create(&u).Error; err != nil {
			t.Fatal(err)
		}
	}
	codec, err := session.NewCodec(vectorSecret, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &vectorSite{testSite: ts, store: dbstore.New(ts.db, dbstore.Options{}), codec: codec}
}

// seed stores a session holding raw (a JSON object, in its order) under
// key.
func (vs *vectorSite) seed(t *testing.T, key string, raw json.RawMessage) {
	t.Helper()
	d, err := signing.UnmarshalDict(raw)
	if err != nil {
		t.Fatal(err)
	}
	data, err := vs.codec.Encode(d, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := vs.store.Create(context.Background(), key, data, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
}

// row returns the decoded data of key's session as JSON, or "" when the
// row is gone.
func (vs *vectorSite) row(t *testing.T, key string) string {
	t.Helper()
	data, err := vs.store.Load(context.Background(), key)
	if err != nil {
		return ""
	}
	b, err := signing.MarshalJSON(vs.codec.Decode(data))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// canonical rewrites a JSON object as the session encoder writes it.
func canonical(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	d, err := signing.UnmarshalDict(raw)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := signing.MarshalJSON(d)
	return string(b)
}

// cookie is the request header of a session cookie.
func cookie(key string) http.Header { return http.Header{"Cookie": {"sessionid=" + key}} }

// TestGetUser_vectors replays the get_user vectors of auth.json: who the
// request's user is, and whether the session is kept or flushed. Django
// 3.2 answers 500 for a non-numeric id; manouche makes that request
// anonymous and keeps the session.
func TestGetUser_vectors(t *testing.T) {
	vs := newVectorSite(t)
	for i, v := range authVectors(t, "get_user") {
		t.Run(v.Name, func(t *testing.T) {
			key := fmt.Sprintf("getuser%025d", i)
			vs.seed(t, key, v.SessionBefore)
			if v.Name == "password_changed" {
				vs.db.Model(&auth.User{}).Where("id = 1").Update("password", alicePassword+"changed")
				defer vs.db.Model(&auth.User{}).Where("id = 1").Update("password", alicePassword)
			}
			resp := vs.NewClient(t).Request("GET", "/whoami/", cookie(key), nil)
			want := "anonymous"
			if v.ResultUser != nil && *v.ResultUser == "alice" {
				want = "alice"
			}
			if resp.StatusCode != 200 || resp.Body != want {
				t.Errorf("got %d %q, want 200 %q (Django raises: %v)", resp.StatusCode, resp.Body, want, v.Raises)
			}
			after := vs.row(t, key)
			if exists := after != ""; exists != v.SessionRowStillExists {
				t.Errorf("session row exists: %v, want %v", exists, v.SessionRowStillExists)
			}
			if v.SessionRowStillExists && after != canonical(t, v.SessionAfter) {
				t.Errorf("session after: %s, want %s", after, canonical(t, v.SessionAfter))
			}
			if ck, ok := resp.SetCookie("sessionid"); ok != v.SessionFlushed || ok && !ck.Deletes() {
				t.Errorf("session cookie deleted: %v, want %v", ok, v.SessionFlushed)
			}
		})
	}
}

// TestLogin_vectors replays the login vectors: whether the key changes,
// whether the old row survives, and the exact JSON (key order included) of
// the session afterwards. bob's password field is not in the vectors, so
// his hash is the one of his password here.
func TestLogin_vectors(t *testing.T) {
	vs := newVectorSite(t)
	for _, v := range authVectors(t, "login") {
		t.Run(v.Name, func(t *testing.T) {
			c := vs.NewClient(t)
			h := http.Header{}
			var before string
			if v.KeyBefore != nil {
				before = fmt.Sprintf("login%027d", len(v.Name)*1000+int(v.Name[len(v.Name)-1]))
				vs.seed(t, before, v.SessionBefore)
				h = cookie(before)
			}
			resp := c.Request("GET", "/login-as/?id="+strconv.FormatInt(v.UserPK, 10), h, nil)
			if resp.StatusCode != 200 {
				t.Fatalf("login: %d %q", resp.StatusCode, resp.Body)
			}
			ck, _ := resp.SetCookie("sessionid")
			key := ck.Value
			if key == "" {
				key = before // not sent: the key did not change and the session was not modified
			}
			if changed := key != before; changed != v.KeyChanged {
				t.Errorf("key changed: %v, want %v", changed, v.KeyChanged)
			}
			if before != "" && key != before {
				if exists := vs.row(t, before) != ""; exists != v.OldRowStillExists {
					t.Errorf("old row exists: %v, want %v", exists, v.OldRowStillExists)
				}
			}
			want := v.Serialized
			if v.UserPK == 2 {
				var bob auth.User
				vs.db.First(&bob, 2)
				want = strings.Replace(want, "285fad3f73480754d6ff1ee3479b3a3ac3e2bb556bfed22cf59499b55ff65ea8", bob.SessionAuthHash(vectorSecret), 1)
			}
			if got := vs.row(t, key); got != want {
				t.Errorf("session after login:\n got %s\nwant %s", got, want)
			}
		})
	}
}

// TestUpdateSessionAuthHash_vector replays update_session_auth_hash: the
// key is cycled, the row of the old key deleted, and the new hash stored in
// place, other data kept.
func TestUpdateSessionAuthHash_vector(t *testing.T) {
	vs := newVectorSite(t)
	v := authVectors(t, "update_session_auth_hash")[0]
	before := `{"_auth_user_id":"1","_auth_user_backend":"django.contrib.auth.backends.ModelBackend","_auth_user_hash":"6fc9785d1b7927002272b02c02ffcdb6579dd941875fc65e880cbca4a54e0f7c","anon":"kept"}`
	const key = "updatehash000000000000000000ush1"
	vs.seed(t, key, json.RawMessage(before))
	resp := vs.NewClient(t).Request("GET", "/update-hash/?password="+url.QueryEscape(v.NewPasswordField), cookie(key), nil)
	ck, ok := resp.SetCookie("sessionid")
	if resp.StatusCode != 200 || !ok || ck.Value == key {
		t.Fatalf("got %d %q, cookie %+v; want 200 and a new key", resp.StatusCode, resp.Body, ck)
	}
	if vs.row(t, key) != "" {
		t.Error("the old key's row survived the cycle")
	}
	if got, want := vs.row(t, ck.Value), canonical(t, v.SessionAfter); got != want {
		t.Errorf("session after:\n got %s\nwant %s", got, want)
	}
}

// TestGetUser_secretKeyFallbacks: a session hash made with a key of
// SECRET_KEY_FALLBACKS logs in, and is replaced by the current key's under
// a new session key (Django 4.1+); without the fallback it is flushed.
func TestGetUser_secretKeyFallbacks(t *testing.T) {
	for _, withFallback := range []bool{true, false} {
		ts := newSite(t, func(s *settings.Settings) {
			s.SecretKey = "the-new-secret-key-0123456789-0123456789-0123456789"
			if withFallback {
				s.SecretKeyFallbacks = []string{vectorSecret}
			}
		})
		vs := &vectorSite{testSite: ts, store: dbstore.New(ts.db, dbstore.Options{})}
		vs.codec, _ = session.NewCodec(ts.Site.Settings.SecretKey, nil, nil)
		alice := ts.user(t, "alice", "pw-alice-1")
		const key = "fallback000000000000000000000001"
		vs.seed(t, key, json.RawMessage(`{"_auth_user_id":"`+strconv.FormatInt(alice.ID, 10)+
			`","_auth_user_backend":"django.contrib.auth.backends.ModelBackend","_auth_user_hash":"`+alice.SessionAuthHash(vectorSecret)+`"}`))
		resp := vs.NewClient(t).Request("GET", "/whoami/", cookie(key), nil)
		ck, _ := resp.SetCookie("sessionid")
		if !withFallback {
			if resp.Body != "anonymous" || !ck.Deletes() || vs.row(t, key) != "" {
				t.Errorf("without the fallback: %q, cookie %+v; want anonymous and the session flushed", resp.Body, ck)
			}
			continue
		}
		if resp.Body != "alice" || ck.Value == "" || ck.Value == key || vs.row(t, key) != "" {
			t.Fatalf("with the fallback: %q, cookie %+v; want alice under a new key", resp.Body, ck)
		}
		if got := vs.row(t, ck.Value); !strings.Contains(got, alice.SessionAuthHash(ts.Site.Settings.SecretKey)) {
			t.Errorf("the new session %s does not hold the current key's hash", got)
		}
	}
}
