package loadbench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// cookieName is the session cookie's name (Django's default).
const cookieName = "sessionid"

var errNoWrk = errors.New("loadbench: wrk is not installed and apt-get could not install it")

// ensureWrk installs Debian's wrk with apt-get when it is missing.
func ensureWrk(ctx context.Context, o *Options) error {
	if _, err := exec.LookPath("wrk"); err == nil {
		return nil
	}
	fmt.Fprintln(o.Log, "loadtest: installing wrk with apt-get")
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	install := func() error {
		cmd := exec.CommandContext(ctx, "apt-get", "install", "-y", "-qq", "wrk")
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		cmd.Stdout, cmd.Stderr = o.Log, o.Log
		return cmd.Run()
	}
	if install() != nil {
		exec.CommandContext(ctx, "apt-get", "update", "-qq").Run()
		if err := install(); err != nil {
			return fmt.Errorf("%w: %w", errNoWrk, err)
		}
	}
	return nil
}

// luaScript is the wrk script of one run. Each request carries one of the
// sessions' cookies in turn (wrk's Lua has no per-connection hook, so the
// cookies rotate over requests; there is one session per connection), or
// none for the session-creation run. done prints one machine-readable line.
const luaScript = `local cookies = {%s}
local i = 0
local n = 0
function setup(thread)
  thread:set("offset", n)
  n = n + 1
end
function init(args)
  i = (offset or 0) * 7
end
%s
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("LOADTEST requests=%%d duration_us=%%d status=%%d socket=%%d p99_us=%%d\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(99)))
end
`

const luaRequest = `function request()
  i = i % #cookies + 1
  wrk.headers["Cookie"] = cookies[i]
  return wrk.format()
end`

// writeScript writes the wrk script sending cookies (none: no Cookie
// header at all) and returns its path.
func writeScript(dir string, cookies []string) (string, error) {
	return writeScriptAs(dir, fmt.Sprintf("wrk-%d.lua", len(cookies)), cookies)
}

// writeScriptAs is writeScript to the file name in dir.
func writeScriptAs(dir, name string, cookies []string) (string, error) {
	quoted := make([]string, len(cookies))
	for i, c := range cookies {
		quoted[i] = strconv.Quote(c)
	}
	req := ""
	if len(cookies) > 0 {
		req = luaRequest
	}
	path := filepath.Join(dir, name)
	script := fmt.Sprintf(luaScript, strings.Join(quoted, ", "), req)
	if err := os.WriteFile(path, []byte(script), 0o600); err != nil {
		return "", fmt.Errorf("loadbench: write wrk script: %w", err)
	}
	return path, nil
}

// sample is the outcome of one wrk run.
type sample struct {
	requests int64
	duration time.Duration
	errors   int64 // responses with status >= 400
	socket   int64 // connect, read, write and timeout errors
	p99      time.Duration
}

// runWrk runs wrk with script against url for d and returns its numbers.
func runWrk(ctx context.Context, o *Options, script, url string, d time.Duration) (sample, error) {
	secs := max(1, int(d.Round(time.Second)/time.Second))
	argv := pinned(o.ClientCPU, "wrk", "-t", strconv.Itoa(o.Threads), "-c", strconv.Itoa(o.Connections),
		"-d", strconv.Itoa(secs)+"s", "--timeout", "5s", "-s", script, url)
	ctx, cancel := context.WithTimeout(ctx, time.Duration(secs)*time.Second+30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, argv[0], argv[1:]...).CombinedOutput()
	if err != nil {
		return sample{}, fmt.Errorf("loadbench: wrk %s: %w\n%s", url, err, out)
	}
	return parseWrk(string(out))
}

// parseWrk reads the LOADTEST line that the script's done prints.
func parseWrk(out string) (sample, error) {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		fields, ok := strings.CutPrefix(sc.Text(), "LOADTEST ")
		if !ok {
			continue
		}
		v := map[string]int64{}
		for f := range strings.FieldsSeq(fields) {
			k, n, _ := strings.Cut(f, "=")
			v[k], _ = strconv.ParseInt(n, 10, 64)
		}
		return sample{
			requests: v["requests"], duration: time.Duration(v["duration_us"]) * time.Microsecond,
			errors: v["status"], socket: v["socket"], p99: time.Duration(v["p99_us"]) * time.Microsecond,
		}, nil
	}
	return sample{}, fmt.Errorf("loadbench: no result line in wrk output:\n%s", out)
}
