package session

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/signing"
)

const twoWeeks = 1209600

func TestSession_SetExpiry(t *testing.T) {
	tests := []struct {
		name    string
		v       any
		want    int64
		wantErr string
	}{
		{"int", 3600, 3600, ""},
		{"int32", int32(60), 60, ""},
		{"zero: browser close", 0, 0, ""},
		{"negative: expired", -5, -5, ""},
		{"duration", 90 * time.Minute, 5400, ""},
		{"duration rounds up", 1500 * time.Millisecond, 2, ""},
		{"tiny duration is not browser close", time.Nanosecond, 1, ""},
		{"zero duration: expired", time.Duration(0), -1, ""},
		{"negative duration rounds down", -1500 * time.Millisecond, -2, ""},
		{"time", frozen.Add(time.Hour), 3600, ""},
		{"time now: expired", frozen, -1, ""},
		{"past time", frozen.Add(-time.Hour), -3600, ""},
		{"float", 1.5, 0, "unsupported type float64"},
		{"string", "3600", 0, "unsupported type string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			s := e.session("")
			err := s.SetExpiry(tt.v)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("SetExpiry(%v): got %v, want an error containing %q", tt.v, err, tt.wantErr)
				}
				if s.Has(ExpiryKey) {
					t.Errorf("rejected SetExpiry stored a value")
				}
				return
			}
			if err != nil {
				t.Fatalf("SetExpiry(%v): %v", tt.v, err)
			}
			if got, _ := s.Get(ExpiryKey); got != tt.want {
				t.Errorf("stored %s: got %v (%T), want %d (int64)", ExpiryKey, got, got, tt.want)
			}
			if !s.Modified() {
				t.Errorf("got modified false, want true")
			}
		})
	}
}

func TestSession_SetExpiry_nil(t *testing.T) {
	e := newEnv(t)
	e.seed(t, key1, `{"_session_expiry":60,"a":1}`)
	s := e.session(key1)
	if err := s.SetExpiry(nil); err != nil {
		t.Fatal(err)
	}
	if s.Has(ExpiryKey) || !s.Modified() {
		t.Errorf("SetExpiry(nil): got present=%v modified=%v, want false, true", s.Has(ExpiryKey), s.Modified())
	}
	if got := s.ExpiryAge(); got != twoWeeks {
		t.Errorf("ExpiryAge after reset: got %d, want %d", got, twoWeeks)
	}
}

// TestSession_expiryReading is spec §5.4 with now frozen at
// 2023-11-14T22:13:20Z: how each stored _session_expiry form is read.
func TestSession_expiryReading(t *testing.T) {
	tests := []struct {
		name   string
		stored string // JSON of _session_expiry, "" for absent
		age    int
		date   time.Time
		close  bool // ExpireAtBrowserClose with the global setting false
		warns  int
	}{
		{"absent", "", twoWeeks, frozen.Add(twoWeeks * time.Second), false, 0},
		{"null", `null`, twoWeeks, frozen.Add(twoWeeks * time.Second), false, 0},
		{"zero", `0`, twoWeeks, frozen.Add(twoWeeks * time.Second), true, 0},
		{"zero float", `0.0`, twoWeeks, frozen.Add(twoWeeks * time.Second), true, 0},
		{"int", `3600`, 3600, frozen.Add(time.Hour), false, 0},
		{"negative int", `-10`, -10, frozen.Add(-10 * time.Second), false, 0},
		{"float", `3600.5`, 3600, frozen.Add(3600500 * time.Millisecond), false, 0},
		{"huge int", `12345678901234567890`, maxExpirySeconds, frozen.Add(maxExpirySeconds * time.Second), false, 0},
		{"ISO with offset", `"2023-11-15T22:13:20+00:00"`, 86400, frozen.Add(24 * time.Hour), false, 0},
		{"ISO other offset", `"2023-11-15T23:13:20+01:00"`, 86400, frozen.Add(24 * time.Hour), false, 0},
		{"ISO Z", `"2023-11-15T22:13:20Z"`, 86400, frozen.Add(24 * time.Hour), false, 0},
		{"ISO naive is UTC", `"2023-11-15T22:13:20"`, 86400, frozen.Add(24 * time.Hour), false, 0},
		{"ISO micro floors", `"2023-11-15T22:13:20.500000+00:00"`, 86400, frozen.Add(24*time.Hour + 500*time.Millisecond), false, 0},
		{"ISO space separator", `"2023-11-15 22:13:20+00:00"`, 86400, frozen.Add(24 * time.Hour), false, 0},
		{"ISO just past floors", `"2023-11-14T22:13:19.500000+00:00"`, -1, frozen.Add(-500 * time.Millisecond), false, 0},
		{"empty string", `""`, twoWeeks, frozen.Add(twoWeeks * time.Second), false, 0},
		{"unreadable string", `"soon"`, twoWeeks, frozen.Add(twoWeeks * time.Second), false, 1},
		{"unreadable list", `[1]`, twoWeeks, frozen.Add(twoWeeks * time.Second), false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			data := `{"a":1}`
			if tt.stored != "" {
				data = `{"_session_expiry":` + tt.stored + `}`
			}
			e.seed(t, key1, data)
			s := e.session(key1)
			if got := s.ExpiryAge(); got != tt.age {
				t.Errorf("ExpiryAge(): got %d, want %d", got, tt.age)
			}
			if got := s.ExpiryDate(); !got.Equal(tt.date) {
				t.Errorf("ExpiryDate(): got %v, want %v", got, tt.date)
			}
			if got := s.ExpireAtBrowserClose(); got != tt.close {
				t.Errorf("ExpireAtBrowserClose(): got %v, want %v", got, tt.close)
			}
			if got := len(e.logs.take()); got != tt.warns {
				t.Errorf("warnings: got %d, want %d", got, tt.warns)
			}
		})
	}
}

func TestSession_ExpireAtBrowserClose_global(t *testing.T) {
	tests := []struct {
		stored string
		want   bool
	}{
		{`{}`, true},
		{`{"_session_expiry":null}`, true},
		{`{"_session_expiry":0}`, true},
		{`{"_session_expiry":60}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.stored, func(t *testing.T) {
			e := newEnv(t)
			e.cfg.ExpireAtBrowserClose = true
			e.seed(t, key1, tt.stored)
			if got := e.session(key1).ExpireAtBrowserClose(); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSession_expiryLocation(t *testing.T) {
	e := newEnv(t)
	e.cfg.Location = time.FixedZone("CST", -6*3600)
	e.seed(t, key1, `{"_session_expiry":"2023-11-15T16:13:20"}`)
	if got := e.session(key1).ExpiryAge(); got != 86400 {
		t.Errorf("naive date in CST: got %d, want 86400", got)
	}
}

// TestSession_Save_expiry checks the expiry each save gives the store:
// now + ExpiryAge, or the stored date.
func TestSession_Save_expiry(t *testing.T) {
	tests := []struct {
		name      string
		cookieAge time.Duration
		expiry    any
		want      time.Time
	}{
		{"default", 0, nil, frozen.Add(twoWeeks * time.Second)},
		{"cookie age", time.Minute, nil, frozen.Add(time.Minute)},
		{"custom seconds", 0, 3600, frozen.Add(time.Hour)},
		{"browser close uses cookie age", time.Minute, 0, frozen.Add(time.Minute)},
		{"fixed time", 0, frozen.Add(30 * time.Minute), frozen.Add(30 * time.Minute)},
		{"SESSION_COOKIE_AGE 0 expires now", CookieAgeSetting(0), nil, frozen},
		{"SESSION_COOKIE_AGE 0 keeps a custom expiry", CookieAgeSetting(0), 60, frozen.Add(time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.cfg.CookieAge = tt.cookieAge
			s := e.session("")
			if err := s.SetExpiry(tt.expiry); err != nil {
				t.Fatal(err)
			}
			s.Set("a", 1)
			if err := s.Save(t.Context()); err != nil {
				t.Fatal(err)
			}
			r, _ := e.store.get(s.Key())
			if !r.expiry.Equal(tt.want) {
				t.Errorf("store expiry: got %v, want %v", r.expiry, tt.want)
			}
		})
	}
}

func TestCookieAgeSetting(t *testing.T) {
	tests := []struct {
		seconds int
		want    time.Duration
	}{
		{0, 0},
		{1, time.Second},
		{1209600, DefaultCookieAge},
	}
	for _, tt := range tests {
		if got := CookieAgeOf(CookieAgeSetting(tt.seconds)); got != tt.want {
			t.Errorf("CookieAgeOf(CookieAgeSetting(%d)): got %v, want %v", tt.seconds, got, tt.want)
		}
	}
	if got := CookieAgeOf(0); got != DefaultCookieAge {
		t.Errorf("CookieAgeOf(0): got %v, want the default %v", got, DefaultCookieAge)
	}
}

func TestReadExpiry(t *testing.T) {
	cst := time.FixedZone("CST", -6*3600)
	tests := []struct {
		name    string
		stored  string // JSON of _session_expiry, "" for absent
		loc     *time.Location
		want    Expiry
		wantErr bool
	}{
		{"absent", "", nil, Expiry{}, false},
		{"null", `null`, nil, Expiry{}, false},
		{"zero", `0`, nil, Expiry{}, false},
		{"false", `false`, nil, Expiry{}, false},
		{"true is 1", `true`, nil, Expiry{Seconds: 1}, false},
		{"empty string", `""`, nil, Expiry{}, false},
		{"seconds", `3600`, nil, Expiry{Seconds: 3600}, false},
		{"negative", `-1`, nil, Expiry{Seconds: -1}, false},
		{"clamped", `1e300`, nil, Expiry{Seconds: maxExpirySeconds}, false},
		{"naive date in UTC", `"2023-11-15T22:13:20"`, nil, Expiry{At: frozen.Add(24 * time.Hour)}, false},
		{"naive date in loc", `"2023-11-15T16:13:20"`, cst, Expiry{At: frozen.Add(24 * time.Hour)}, false},
		{"offset wins over loc", `"2023-11-15T22:13:20+00:00"`, cst, Expiry{At: frozen.Add(24 * time.Hour)}, false},
		{"unreadable string", `"soon"`, nil, Expiry{}, true},
		{"list", `[1]`, nil, Expiry{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			js := `{}`
			if tt.stored != "" {
				js = `{"_session_expiry":` + tt.stored + `}`
			}
			d, err := signing.UnmarshalDict([]byte(js))
			if err != nil {
				t.Fatal(err)
			}
			got, err := ReadExpiry(d, tt.loc)
			if (err != nil) != tt.wantErr || (err != nil && !errors.Is(err, ErrBadExpiry)) {
				t.Errorf("error: got %v, want ErrBadExpiry: %v", err, tt.wantErr)
			}
			if got.Seconds != tt.want.Seconds || !got.At.Equal(tt.want.At) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
