package interop

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"testing"
)

// TestMessages adds messages on one side and shows them on the other, in
// each MESSAGE_STORAGE.
func TestMessages(t *testing.T) {
	for _, name := range []string{"cookie", "session", "fallback"} {
		t.Run(name, func(t *testing.T) {
			django, manouche := sites(t, name)
			for _, d := range []struct{ name, adder, shower string }{
				{"django_to_manouche", django, manouche},
				{"manouche_to_django", manouche, django},
			} {
				t.Run(d.name, func(t *testing.T) { testMessagesAcross(t, d.adder, d.shower) })
			}
		})
	}
}

func testMessagesAcross(t *testing.T, adder, shower string) {
	c := newBrowser(t)
	addMessages(t, c, adder, 25, "alert", "Saved ✓ <b>")
	addMessages(t, c, adder, 40, "", "Oops — “quoted”")
	if fallback := modeOf(adder) == "fallback"; fallback && hasCookie(t, c, adder, "sessionid") {
		t.Error("fallback: two small messages created a session, want them in the cookie only")
	}
	want := []any{
		[]any{float64(25), "Saved ✓ <b>", "alert", "alert success"},
		[]any{float64(40), "Oops — “quoted”", "", "error"},
	}
	if got := showMessages(t, c, shower); !reflect.DeepEqual(got, want) {
		t.Errorf("shown by the other side: got %v, want %v", got, want)
	}
	for _, s := range []string{shower, adder} {
		if got := showMessages(t, c, s); len(got) != 0 {
			t.Errorf("after showing, %s shows %v, want none", s, got)
		}
	}
}

// TestMessages_fallbackOverflow adds forty messages, more than the cookie
// holds: the rest goes to the session, and the other side shows them all.
func TestMessages_fallbackOverflow(t *testing.T) {
	django, manouche := sites(t, "fallback")
	for _, d := range []struct{ name, adder, shower string }{
		{"django_to_manouche", django, manouche},
		{"manouche_to_django", manouche, django},
	} {
		t.Run(d.name, func(t *testing.T) {
			c := newBrowser(t)
			var texts []string
			var want []any
			for i := range 40 {
				text := fmt.Sprintf("Message %02d %x", i, sha256.Sum256([]byte{byte(i)})) // compresses little
				texts = append(texts, text)
				want = append(want, []any{float64(20), text, "", "info"})
			}
			addMessages(t, c, d.adder, 20, "", texts...)
			if !hasCookie(t, c, d.adder, "sessionid") || !hasCookie(t, c, d.adder, "messages") {
				t.Fatal("after adding 40 messages: want the messages cookie and a session for the overflow")
			}
			if got := showMessages(t, c, d.shower); !reflect.DeepEqual(got, want) {
				t.Errorf("shown by the other side: got %d messages, want the 40 in order", len(got))
			}
			if got := showMessages(t, c, d.adder); len(got) != 0 {
				t.Errorf("after showing: got %d messages, want none", len(got))
			}
		})
	}
}

func addMessages(t *testing.T, c *http.Client, base string, level int, tags string, texts ...string) {
	t.Helper()
	form := url.Values{"level": {strconv.Itoa(level)}, "extra_tags": {tags}, "text": texts}
	if status, body := send(t, c, http.MethodPost, base+"/m/add/", form.Encode(), nil); status != http.StatusOK {
		t.Fatalf("add: got %d %.300q", status, body)
	}
}

func showMessages(t *testing.T, c *http.Client, base string) []any {
	t.Helper()
	status, body := send(t, c, http.MethodGet, base+"/m/show/", "", nil)
	var out []any
	if err := json.Unmarshal([]byte(body), &out); status != http.StatusOK || err != nil {
		t.Fatalf("show: got %d %.300q (%v)", status, body, err)
	}
	return out
}

// hasCookie reports whether the browser holds the cookie name for base.
func hasCookie(t *testing.T, c *http.Client, base, name string) bool {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == name {
			return true
		}
	}
	return false
}

// modeOf returns the mode a site's URL serves.
func modeOf(base string) string {
	mu.Lock()
	defer mu.Unlock()
	for name, p := range pairs {
		if p.djangoURL == base || p.url == base {
			return name
		}
	}
	return ""
}
