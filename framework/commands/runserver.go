package commands

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"

	"github.com/manouche-go/manouche/framework/autoreload"
	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/site"
)

// DefaultAddr is where runserver listens when no address is given.
const DefaultAddr = defaultHost + ":" + defaultPort

const runserverLong = `Runserver serves the site, as Django's runserver does. It listens on
ADDR:PORT (default ` + DefaultAddr + `; "8001" is 127.0.0.1:8001, "0:8000"
every interface), runs the system checks and stops on an error, checks that
the database and caches answer, then serves until SIGINT or SIGTERM, when
it lets requests in flight finish (SERVER_SHUTDOWN_TIMEOUT).

With DEBUG on, a program run from its source (go run . runserver) reloads
itself: it watches the project's Go files, the files they embed and the
settings file, rebuilds and restarts on a change, prints the compiler's
errors and waits when the build fails. The listening socket stays open
throughout, so requests sent meanwhile wait instead of being refused.
Templates are read from the source directories, so their edits show on
the next request without a rebuild. --noreload serves in this process.`

func runserverCommand(st *site.Site, inv *invocation) *manage.Command {
	var noreload bool
	return &manage.Command{
		Name:  "runserver",
		Usage: "runserver [--noreload] [ADDR:PORT | PORT]",
		Short: "serve the site over HTTP (default " + DefaultAddr + "), reloading on changes",
		Long:  runserverLong,
		Flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&noreload, "noreload", false, "serve in this process, without the autoreloader")
		},
		Run: func(ctx context.Context, args []string) error {
			if len(args) > 1 {
				return manage.UsageErrorf("runserver takes at most one ADDR:PORT or PORT")
			}
			arg := ""
			if len(args) == 1 {
				arg = args[0]
			}
			addr, err := parseAddrPort(arg)
			if err != nil {
				return err
			}
			r := &runner{st: st, inv: inv, addr: addr}
			return r.run(ctx, noreload)
		},
	}
}

// runner is one runserver: the parent that reloads, or the process that
// serves.
type runner struct {
	st   *site.Site
	inv  *invocation
	addr string
}

func (r *runner) run(ctx context.Context, noreload bool) error {
	child, err := autoreload.ChildOf(r.inv.environ)
	if err != nil {
		return err
	}
	if child != nil {
		return r.serve(ctx, child.Listener, child)
	}
	if err := r.preconditions(); err != nil {
		return err
	}
	ln, err := site.Listen(r.addr) // before any banner: a port in use stops here
	if err != nil {
		return err
	}
	if dir := r.reloadDir(noreload); dir != "" {
		return r.reload(ctx, ln, dir)
	}
	return r.serve(ctx, ln, nil)
}

// preconditions are Django's runserver refusals, each one line.
func (r *runner) preconditions() error {
	s := r.st.Settings
	if !s.Debug && len(s.AllowedHosts) == 0 {
		return errors.New("You must set settings.ALLOWED_HOSTS if DEBUG is False.")
	}
	if s.SecretKey == "" {
		return errors.New("The SECRET_KEY setting must not be empty: set SECRET_KEY in the settings file or MANOUCHE_SECRET_KEY in the environment.")
	}
	return nil
}

// reloadDir returns the main package's directory when runserver should
// reload itself: DEBUG on, no --noreload, a program run from its source
// by [Main], and a go command to rebuild it with.
func (r *runner) reloadDir(noreload bool) string {
	if noreload || !r.inv.reload || !r.st.Settings.Debug || r.inv.mainDir == "" || runtime.GOOS == "windows" {
		return ""
	}
	if _, err := exec.LookPath("go"); err != nil {
		fmt.Fprintln(r.st.Env.Stderr, "Autoreload is off: no go command in PATH to rebuild the program with.")
		return ""
	}
	return r.inv.mainDir
}

// reload runs the autoreloader on ln; the children are this program,
// started with the same arguments.
func (r *runner) reload(ctx context.Context, ln net.Listener, dir string) error {
	o := autoreload.Options{
		Dir: dir, Args: r.inv.args, Env: r.inv.environ, Listener: ln,
		BuildFlags: buildFlags(), Live: absAll(r.st.LiveDirs()),
		Stdout: r.st.Env.Stdout, Stderr: r.st.Env.Stderr,
	}
	if f := r.inv.settingsFile; f != "" {
		o.Restart = absAll([]string{f})
	}
	err := autoreload.Run(ctx, o)
	var se *autoreload.StartError
	if errors.As(err, &se) {
		return &manage.ExitError{Code: se.Code} // the child said why
	}
	return err
}

// serve is runserver proper: checks, services, handler, banner, then
// serving on ln until ctx is done or, in a child, the parent says stop.
func (r *runner) serve(ctx context.Context, ln net.Listener, child *autoreload.Child) error {
	if child != nil {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		go func() {
			select {
			case <-child.Stopped():
				cancel()
			case <-ctx.Done():
			}
		}()
	}
	h, err := r.start(ctx)
	if err != nil {
		ln.Close()
		return err
	}
	r.banner()
	if child != nil {
		child.Ready()
	}
	return r.st.ServeListener(ctx, ln, h)
}

// buildFlags are the go build flags of a rebuild: those of the running
// program that change what it does (-race, -tags, -ldflags), plus -w,
// which leaves out the DWARF tables debuggers read and halves the link
// time (stack traces do not need them).
func buildFlags() []string {
	ldflags := "-w"
	var flags []string
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch {
			case s.Key == "-race" && s.Value == "true":
				flags = append(flags, "-race")
			case s.Key == "-tags" && s.Value != "":
				flags = append(flags, "-tags="+s.Value)
			case s.Key == "-ldflags" && s.Value != "":
				ldflags = s.Value + " -w"
			}
		}
	}
	return append(flags, "-ldflags="+ldflags)
}

func absAll(paths []string) []string {
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		if a, err := filepath.Abs(p); err == nil {
			out = append(out, a)
		}
	}
	return out
}
