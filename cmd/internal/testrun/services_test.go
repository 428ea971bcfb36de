package testrun

import (
	"context"
	"errors"
	"net"
	"slices"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	saved := Services
	t.Cleanup(func() { Services = saved })
	probed := map[string]bool{}
	fake := func(ctx context.Context, url string) error {
		probed[url] = true
		if strings.Contains(url, closed) {
			return errors.New("dial tcp " + closed + ": connect: connection refused")
		}
		return nil
	}
	Services = []Service{
		{"Set", "T_SET", "set://default", fake},
		{"Up", "T_UP", "up://127.0.0.1/0", fake},
		{"Down", "T_DOWN", "down://" + closed + "/0", probeRedis},
	}
	found := Detect(context.Background(), func(name string) string { return map[string]string{"T_SET": "set://mine"}[name] })
	if f := found[0]; !f.FromEnv || f.URL != "set://mine" || probed["set://default"] {
		t.Errorf("set variable: got %+v, probed %v; want its value, no probe", f, probed)
	}
	if f := found[1]; f.FromEnv || f.URL != "up://127.0.0.1/0" {
		t.Errorf("answering default: got %+v", f)
	}
	if f := found[2]; f.URL != "" || f.Err == nil {
		t.Errorf("closed port: got %+v, want an error", f)
	}
	env := Environ([]string{"PATH=/bin", "T_SET=set://mine"}, found)
	if want := []string{"PATH=/bin", "T_SET=set://mine", "T_UP=up://127.0.0.1/0"}; !slices.Equal(env, want) {
		t.Errorf("Environ: got %q, want %q", env, want)
	}
	var out strings.Builder
	Report(&out, found)
	for _, want := range []string{"testrun: Set: set://mine (from T_SET)\n", "testrun: Up: up://127.0.0.1/0 answers; T_UP set for the tests\n",
		"testrun: Down: not at down://" + closed + "/0 ("} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report %q lacks %q", out.String(), want)
		}
	}
}

// TestProbe_closedPorts: the real probes fail fast on a closed port.
func TestProbe_closedPorts(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	for _, url := range []string{"postgres://postgres@" + addr + "/test?sslmode=disable", "mysql://root@" + addr + "/test"} {
		if err := probeDB(context.Background(), url); err == nil || !strings.Contains(err.Error(), "refused") {
			t.Errorf("%s: got %v, want connection refused", url, err)
		}
	}
	if err := probeRedis(context.Background(), "redis://"+addr+"/0"); err == nil {
		t.Errorf("redis: got nil, want an error")
	}
}
