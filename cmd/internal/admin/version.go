package admin

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/manouche-go/manouche/framework/manage"
)

func version(o Options) *manage.Command {
	return &manage.Command{
		Name:  "version",
		Short: "print manouche's version",
		Long: "Version prints manouche's version (Django's django-admin version), the Go\n" +
			"version it was built with and the checkout startproject builds projects against.",
		Run: func(ctx context.Context, args []string) error {
			if len(args) != 0 {
				return manage.UsageErrorf("version takes no arguments")
			}
			fmt.Fprintf(o.Stdout, "manouche %s %s %s/%s\n", Version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			if dir, err := o.checkout(); err == nil {
				fmt.Fprintf(o.Stdout, "checkout %s\n", dir)
			} else {
				fmt.Fprintf(o.Stdout, "checkout none: %v\n", err)
			}
			return nil
		},
	}
}

// Version is the manouche module's version in the running binary: its
// module version when it was built from a module proxy, else "devel",
// with the commit it was built from when the build recorded it
// ("devel+8db97df3b2c1", "+dirty" for uncommitted changes).
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	v := "devel"
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		v += "+" + rev[:min(12, len(rev))]
		if settings["vcs.modified"] == "true" {
			v += "+dirty"
		}
	}
	return v
}
