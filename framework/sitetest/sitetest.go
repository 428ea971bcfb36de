// Package sitetest is manouche's test client, Django's django.test.Client
// over real HTTP: it serves a [site.Site] built from settings on an
// httptest server bound to 127.0.0.1, and drives it with clients that each
// have their own cookie jar, so each client is one browser with its own
// session. Helpers read the attributes of Set-Cookie headers exactly as sent.
// [ServiceURL] and [NewDatabase] give tests the servers that the
// MANOUCHE_TEST_* variables name, each test in a database of its own.
//
// It is imported only by _test.go files.
//
//	srv := sitetest.NewServer(t, s, site.Options{BaseDir: root})
//	srv.Migrate(t)
//	c := srv.NewClient(t)
//	resp := c.Get("/catalog/")
//	if !strings.Contains(resp.Body, "0 times") { ... }
//	ck, _ := resp.SetCookie("sessionid")
//	if !ck.HttpOnly() { ... }
package sitetest

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http/httptest"
	"testing"

	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/site"
)

// Server is a running test site: an httptest server (URL, Close) in front of
// the site's handler.
type Server struct {
	*httptest.Server
	// Site is the site being served.
	Site *site.Site
}

// Start builds the site described by s and serves it on 127.0.0.1 on a
// random port. The caller must Close the server. Use [NewServer] inside a
// single test; Start suits servers shared by several tests (TestMain).
func Start(s *settings.Settings, o site.Options) (*Server, error) {
	st, err := site.New(s, o)
	if err != nil {
		return nil, fmt.Errorf("sitetest: build site: %w", err)
	}
	h, err := st.Handler()
	if err != nil {
		return nil, fmt.Errorf("sitetest: build handler: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("sitetest: listen: %w", err)
	}
	hs := httptest.NewUnstartedServer(h)
	hs.Listener.Close()
	hs.Listener = ln
	hs.Start()
	return &Server{Server: hs, Site: st}, nil
}

// NewServer is [Start] for one test: it fails the test if the site cannot
// be built, and closes the server when the test ends.
func NewServer(t testing.TB, s *settings.Settings, o site.Options) *Server {
	t.Helper()
	srv, err := Start(s, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

// Migrate applies every migration of the site's installed apps to its
// database and runs their post-migrate steps (what `manage migrate` does),
// e.g. to create django_session, content types and permissions.
func (s *Server) Migrate(ctx context.Context) error {
	if err := s.Site.Migrate(ctx, io.Discard); err != nil {
		return fmt.Errorf("sitetest: migrate: %w", err)
	}
	return nil
}

// NewClient returns a client of the server with an empty cookie jar: a
// new browser, hence a new session. Requests that cannot be sent fail t.
func (s *Server) NewClient(t testing.TB) *Client {
	return newClient(t, s.URL)
}
