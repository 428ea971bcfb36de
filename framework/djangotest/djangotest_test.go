package djangotest_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/djangotest"
)

// site is testdata/site: one view, /hello/, answering $GREETING.
var site = djangotest.Site{Dir: "testdata/site", Env: []string{"GREETING=bonjour"}}

func TestVersion(t *testing.T) {
	v, err := djangotest.Version()
	djangotest.Require(t, err)
	if !strings.HasPrefix(v, "3.") && !strings.HasPrefix(v, "4.") && !strings.HasPrefix(v, "5.") {
		t.Errorf("Version() = %q, want a Django 3, 4 or 5 version", v)
	}
}

func TestSite_Manage(t *testing.T) {
	_, err := djangotest.Version()
	djangotest.Require(t, err)
	out, err := site.Manage(context.Background(), "check")
	if err != nil || !strings.Contains(out, "System check identified no issues") {
		t.Fatalf("check: %v: %q", err, out)
	}
	out, err = site.Manage(context.Background(), "no_such_command")
	if err == nil || !strings.Contains(err.Error(), "Unknown command") {
		t.Errorf("no_such_command: got %v (%q), want an error carrying Django's message", err, out)
	}
}

func TestSite_Start(t *testing.T) {
	_, err := djangotest.Version()
	djangotest.Require(t, err)
	srv, err := site.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	resp, err := http.Get(srv.URL + "/hello/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || string(body) != "bonjour" {
		t.Errorf("GET /hello/: %d %q, want 200 \"bonjour\"", resp.StatusCode, body)
	}
	srv.Stop()
	if _, err := http.Get(srv.URL + "/hello/"); err == nil {
		t.Error("the server still answers after Stop")
	}
}

func TestSite_StartFails(t *testing.T) {
	_, err := djangotest.Version()
	djangotest.Require(t, err)
	broken := djangotest.Site{Dir: t.TempDir()} // no settings.py
	if srv, err := broken.Start(); err == nil {
		srv.Stop()
		t.Fatal("Start of a site without settings.py succeeded")
	}
}
