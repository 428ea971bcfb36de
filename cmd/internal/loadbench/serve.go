package loadbench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"time"

	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/site"
	"github.com/manouche-go/manouche/migrations"
)

// Serve is the bench server of one configuration: it loads the settings
// file (and no MANOUCHE_* variable, so that the file alone describes the
// configuration), applies the migrations, listens on addr and prints
// "listening on HOST:PORT" to stdout once it accepts connections, then
// serves the site until ctx is cancelled.
//
// The handler is the one runserver serves, minus runserver's access log:
// a log line per request would cost more than some of the session work
// being measured. Logs go to stderr at warning level and above. When
// cpuProfile is not empty, a CPU profile of the whole serving time is
// written there on the way out.
func Serve(ctx context.Context, settingsFile, addr, cpuProfile string, stdout, stderr io.Writer) error {
	if cpuProfile != "" {
		stop, err := startProfile(cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	s, err := settings.Load(settingsFile, nil)
	if err != nil {
		return fmt.Errorf("loadbench: settings: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := site.New(s, site.Options{Logger: logger, Stdout: io.Discard, Stderr: stderr})
	if err != nil {
		return fmt.Errorf("loadbench: site: %w", err)
	}
	db, err := st.Env.DB()
	if err != nil {
		return fmt.Errorf("loadbench: database: %w", err)
	}
	if err := migrations.Apply(ctx, db, st.Migrations(), io.Discard); err != nil {
		return fmt.Errorf("loadbench: migrate: %w", err)
	}
	h, err := st.Handler()
	if err != nil {
		return fmt.Errorf("loadbench: handler: %w", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("loadbench: listen: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "listening on %s\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("loadbench: serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("loadbench: shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("loadbench: serve: %w", err)
	}
	return nil
}

// startProfile starts a CPU profile into path and returns what stops it.
func startProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("loadbench: cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("loadbench: cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// LifelineEnv is the variable that tells the bench server its stdin is a
// pipe from the load test: when set to "stdin", the server stops once
// stdin reaches end of file, which happens when the load test exits, even
// when it is killed.
const LifelineEnv = "LOADBENCH_LIFELINE"

// UntilEOF returns a copy of ctx that is cancelled when r reaches end of
// file or fails. It reads r in a goroutine that ends then.
func UntilEOF(ctx context.Context, r io.Reader) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		io.Copy(io.Discard, r)
		cancel()
	}()
	return ctx
}
