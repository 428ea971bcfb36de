package framework_test

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// This file is a statement of policy, like go/build's deps_test.go: the
// package layers of shared/style.md as data. A package may import packages
// of lower layers, the same-layer edges its row names, the standard library
// and the third-party modules its row names. Never loosen it to fix a build.

const module = "github.com/manouche-go/manouche/"

type layerRule struct {
	layer      int
	sameLayer  []string // same-layer packages it may import
	thirdParty []string // module path prefixes it may import
	deny       []string // lower-layer packages it must not import all the same
}

var layerPolicy = map[string]layerRule{
	"framework/signing":              {layer: 0},
	"framework/settings":             {layer: 0, thirdParty: []string{"github.com/spf13/viper"}},
	"framework/manage":               {layer: 0},
	"framework/registry":             {layer: 0},
	"framework/cache":                {layer: 0},
	"framework/templates":            {layer: 0},
	"framework/scaffold":             {layer: 0},
	"framework/staticfiles":          {layer: 0, thirdParty: []string{"github.com/andybalholm/brotli"}},
	"framework/autoreload":           {layer: 0},
	"migrations":                     {layer: 0, thirdParty: []string{"gorm.io/gorm"}},
	"framework/cache/locmem":         {layer: 1},
	"framework/cache/dummy":          {layer: 1},
	"framework/cache/cachetest":      {layer: 1},
	"framework/cache/redis":          {layer: 1, thirdParty: []string{"github.com/redis/rueidis", "golang.org/x/sys/unix"}},
	"framework/cache/redis/":         {layer: 1, sameLayer: []string{"framework/cache/redis"}, thirdParty: []string{"github.com/redis/rueidis", "golang.org/x/sys/unix"}}, // redistest
	"framework/db":                   {layer: 1, thirdParty: []string{"gorm.io/", "github.com/go-sql-driver/mysql"}},
	"framework/checks":               {layer: 1},
	"migrations/autodetect":          {layer: 1, thirdParty: []string{"gorm.io/"}},
	"framework/session":              {layer: 1},
	"framework":                      {layer: 2},
	"framework/urls":                 {layer: 2, sameLayer: []string{"framework"}, thirdParty: []string{"github.com/go-chi/chi/v5"}},
	"framework/csrf":                 {layer: 2, sameLayer: []string{"framework"}},
	"framework/security":             {layer: 2, sameLayer: []string{"framework"}},
	"framework/clickjacking":         {layer: 2},
	"framework/messages":             {layer: 2, sameLayer: []string{"framework"}},
	"framework/apps":                 {layer: 3, thirdParty: []string{"gorm.io/gorm"}},
	"framework/site":                 {layer: 4, thirdParty: []string{"gorm.io/gorm", "github.com/go-chi/chi/v5"}},
	"framework/commands":             {layer: 5, sameLayer: []string{}},
	"framework/sitetest":             {layer: 5, thirdParty: []string{"gorm.io/"}},
	"framework/djangotest":           {layer: 0}, // runs the real Django peer of the interop tests
	"contrib/sessions":               {layer: 6, sameLayer: []string{"contrib/sessions/"}, thirdParty: []string{"gorm.io/gorm"}},
	"contrib/sessions/dbstore":       {layer: 6, thirdParty: []string{"gorm.io/", "github.com/jackc/pgx/v5/pgconn", "github.com/go-sql-driver/mysql"}},
	"contrib/sessions/filestore":     {layer: 6},
	"contrib/sessions/cachestore":    {layer: 6},
	"contrib/sessions/cookiestore":   {layer: 6},
	"contrib/sessions/sessiontest":   {layer: 6},
	"contrib/sessions/interop":       {layer: 6}, // the Django interop tests: doc.go, then _test.go files only
	"contrib/sessions/cacheddbstore": {layer: 6, sameLayer: []string{"contrib/sessions/dbstore"}, thirdParty: []string{"gorm.io/gorm"}},
	"contrib/messages":               {layer: 6},
	"contrib/messages/interop":       {layer: 6}, // the Django interop tests of CSRF and messages: doc.go, then _test.go files only
	"contrib/contenttypes":           {layer: 6, thirdParty: []string{"gorm.io/gorm"}},
	// auth needs the content types of its permissions, as Django's does
	// (the one sibling app it may import), and its own subpackages.
	"contrib/auth":            {layer: 6, sameLayer: []string{"contrib/auth/", "contrib/contenttypes"}, thirdParty: []string{"gorm.io/gorm", "golang.org/x/text/unicode/norm", "golang.org/x/term"}},
	"contrib/auth/interop":    {layer: 6}, // the Django interop tests: doc.go, then _test.go files only
	"contrib/auth/hashers":    {layer: 6, thirdParty: []string{"golang.org/x/crypto/"}},
	"contrib/auth/validation": {layer: 6},
	"examples/":               {layer: 7, deny: []string{"contrib/"}},
	// The auth example shows contrib/auth's API (its views, LoginRequired,
	// LogoutOthers), as a Django app imports django.contrib.auth; it
	// reaches nothing else of contrib.
	"examples/accounts":      {layer: 7, deny: []string{"contrib/sessions", "contrib/contenttypes", "contrib/auth/"}},
	"examples":               {layer: 7, deny: []string{"contrib/"}},
	"examples/all":           {layer: 7, sameLayer: []string{"examples/"}, deny: []string{"contrib/"}},
	"cmd/internal/loadbench": {layer: 5},
	"cmd/internal/admin":     {layer: 6},
	"cmd/internal/testrun":   {layer: 5},
	"cmd/":                   {layer: 8, sameLayer: []string{"examples/"}},
}

// rule finds the policy row of a package: an exact row, else the longest
// row ending in "/" that prefixes it.
func rule(pkg string) (layerRule, string, bool) {
	if r, ok := layerPolicy[pkg]; ok {
		return r, pkg, true
	}
	best := ""
	for k := range layerPolicy {
		if strings.HasSuffix(k, "/") && strings.HasPrefix(pkg, k) && len(k) > len(best) {
			best = k
		}
	}
	r, ok := layerPolicy[best]
	return r, best, ok
}

func allowed(from layerRule, to string) bool {
	r, _, ok := rule(to)
	if !ok || hasPrefix(to, from.deny) {
		return false
	}
	if r.layer < from.layer {
		return true
	}
	for _, p := range from.sameLayer {
		if to == p || (strings.HasSuffix(p, "/") && strings.HasPrefix(to, p)) {
			return true
		}
	}
	return false
}

type listedPackage struct {
	ImportPath string
	Imports    []string
	Standard   bool
}

func TestLayering(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list over the whole module")
	}
	out, err := exec.Command("go", "list", "-json", module+"...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p listedPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		checkImports(t, p)
	}
}

func checkImports(t *testing.T, p listedPackage) {
	t.Helper()
	pkg := strings.TrimPrefix(p.ImportPath, module)
	if p.ImportPath == strings.TrimSuffix(module, "/") {
		return
	}
	r, row, ok := rule(pkg)
	if !ok {
		t.Errorf("%s has no row in layerPolicy: add it where style.md's layout puts it", pkg)
		return
	}
	for _, imp := range p.Imports {
		switch {
		case strings.HasPrefix(imp, module):
			to := strings.TrimPrefix(imp, module)
			if strings.HasSuffix(to, "test") && !strings.HasPrefix(to, "examples/") {
				t.Errorf("%s imports test helper %s outside _test.go files", pkg, to)
			}
			if !allowed(r, to) {
				t.Errorf("%s (row %q) may not import %s", pkg, row, to)
			}
		case !strings.Contains(strings.SplitN(imp, "/", 2)[0], "."):
			// standard library
		default:
			if !hasPrefix(imp, r.thirdParty) {
				t.Errorf("%s may not import third-party %s", pkg, imp)
			}
		}
	}
}

func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
