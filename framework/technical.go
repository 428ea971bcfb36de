package framework

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"
)

// failure is what the technical 500 page reports: the error, whether it
// was a panic, and the stack where it happened.
type failure struct {
	err      error
	panicked bool
	value    any // the panic value
	stack    Stack
}

// technicalData is the technical 500 page's context (Django's
// ExceptionReporter.get_traceback_data).
type technicalData struct {
	Type, Value, Path, Method, URL string
	Version, GoVersion, Executable string
	ServerTime, SettingsFile       string
	HasRequest                     bool
	Location                       *frameView
	Frames                         []frameView
	Chain                          []pair // the wrapped errors, outermost first
	GET, POST, FILES, COOKIES      []pair
	Headers, Settings              []pair
	SessionKeys                    []string
	SessionNote, User              string
}

// pair is a row of the page's tables.
type pair struct{ Key, Value string }

// frameView is one frame of the traceback with its source.
type frameView struct {
	Frame
	ID      int
	User    bool
	Pre     []sourceLine
	Context sourceLine
	Post    []sourceLine
	HasCode bool
}

// newTechnicalData gathers the page's context; every secret is cleansed
// here, before any template sees it.
func newTechnicalData(req *Request, env *Env, f failure) *technicalData {
	d := &technicalData{
		Type: errorType(f), Value: errorValue(f),
		Version: Version(), GoVersion: runtime.Version(),
		ServerTime: time.Now().Format(time.RFC1123Z), SettingsFile: env.SettingsFile,
	}
	d.Executable, _ = os.Executable()
	d.Frames, d.Location = frameViews(f.stack)
	d.Chain = errorChain(f.err)
	for _, s := range env.Settings {
		d.Settings = append(d.Settings, pair{s.Name, display(CleanseSetting(s.Name, s.Value))})
	}
	slices.SortFunc(d.Settings, func(a, b pair) int { return strings.Compare(a.Key, b.Key) })
	if req != nil {
		d.addRequest(req)
	}
	return d
}

// addRequest fills the request tables: POST values and headers under
// sensitive names and every cookie value are hidden.
func (d *technicalData) addRequest(req *Request) {
	d.HasRequest, d.Method, d.Path, d.URL = true, req.Method, req.Path, req.Path
	if r := req.HTTP; r != nil {
		d.URL = requestURL(r)
		for _, name := range sortedKeys(r.Header) {
			for _, v := range r.Header[name] {
				d.Headers = append(d.Headers, pair{name, cleanseHeader(name, v)})
			}
		}
	}
	for _, k := range sortedKeys(req.GET) {
		d.GET = append(d.GET, pair{k, display(req.GET[k])})
	}
	for _, k := range sortedKeys(req.POST) {
		d.POST = append(d.POST, pair{k, display(CleanseSetting(k, req.POST[k]))})
	}
	for _, k := range sortedKeys(req.FILES) {
		for _, f := range req.FILES[k] {
			d.FILES = append(d.FILES, pair{k, f.String()})
		}
	}
	for _, k := range sortedKeys(req.COOKIES) {
		d.COOKIES = append(d.COOKIES, pair{k, CleansedSubstitute})
	}
	d.addSession(req)
	d.User = userString(req.User)
}

// userString is Django's user_str: the username, "AnonymousUser", or why
// there is none; a user the view did not load is not loaded here.
func userString(u User) string {
	if l, ok := u.(*LazyUser); ok {
		switch {
		case l.Err() != nil:
			return "[unable to retrieve the current user]"
		case !l.Loaded():
			return "The view did not use the user"
		}
		u, _ = l.Get()
	}
	if u == nil || !u.IsAuthenticated() {
		return "AnonymousUser"
	}
	return u.GetUsername()
}

// addSession lists the session's keys, never its values, and only when the
// view has loaded it: the page must not read the store itself.
func (d *technicalData) addSession(req *Request) {
	s := req.Session
	switch {
	case s == nil || errors.Is(s.Err(), ErrNoSession):
		d.SessionNote = "No session (no session middleware)"
	case s.Err() != nil:
		d.SessionNote = "The session could not be loaded: " + s.Err().Error()
	case !s.Accessed():
		d.SessionNote = "The view did not use the session"
	default:
		d.SessionKeys = s.Keys()
		slices.Sort(d.SessionKeys)
		if len(d.SessionKeys) == 0 {
			d.SessionNote = "The session is empty"
		}
	}
}

func requestURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + r.URL.RequestURI()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// frameViews reads the source around each frame; the location is the
// innermost frame of the site's own code, or the innermost frame.
func frameViews(s Stack) ([]frameView, *frameView) {
	cache := map[string][]string{}
	views := make([]frameView, len(s))
	var loc *frameView
	for i, f := range s {
		v := frameView{Frame: f, ID: i, User: userFrame(f)}
		v.Pre, v.Context, v.Post, v.HasCode = sourceContext(cache, f.File, f.Line)
		views[i] = v
		if loc == nil && v.User {
			loc = &views[i]
		}
	}
	if loc == nil && len(views) > 0 {
		loc = &views[0]
	}
	return views, loc
}

// errorType is the page's "Exception Type": "panic" and the panic value's
// type, or the type of the outermost error in the chain that is not a
// plain wrapper (fmt.Errorf's, errors.Join's), "error" when there is none.
func errorType(f failure) string {
	if f.panicked {
		return fmt.Sprintf("panic (%T)", f.value)
	}
	for e := f.err; e != nil; e = errors.Unwrap(e) {
		switch t := fmt.Sprintf("%T", e); t {
		case "*errors.errorString", "*fmt.wrapError", "*fmt.wrapErrors", "*errors.joinError":
		default:
			return t
		}
	}
	return "error"
}

func errorValue(f failure) string {
	if f.panicked {
		return fmt.Sprint(f.value)
	}
	return f.err.Error()
}

// errorChain lists err and the errors it wraps, one level each (Django's
// "The above exception was the direct cause of ...").
func errorChain(err error) []pair {
	var chain []pair
	for e := err; e != nil && len(chain) < 32; e = errors.Unwrap(e) {
		chain = append(chain, pair{fmt.Sprintf("%T", e), e.Error()})
	}
	if len(chain) < 2 {
		return nil
	}
	return chain
}

// Version returns the version of manouche's module in the running program:
// its tag, or "(devel)" when it is built from a local checkout (a replace
// directive, or manouche's own repository), or "unknown".
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	const mod = "github.com/manouche-go/manouche"
	for _, d := range append([]*debug.Module{&bi.Main}, bi.Deps...) {
		switch {
		case d.Path != mod:
		case d.Replace != nil && (d.Replace.Version == "" || d.Replace.Version == "(devel)"), d.Version == "":
			return "(devel)"
		case d.Replace != nil:
			return d.Replace.Version
		default:
			return d.Version
		}
	}
	return "unknown"
}
