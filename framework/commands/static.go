package commands

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"

	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/site"
	"github.com/manouche-go/manouche/framework/staticfiles"
)

func collectStaticCommand(st *site.Site) *manage.Command {
	var o staticfiles.CollectOptions
	return &manage.Command{
		Name:  "collectstatic",
		Usage: "collectstatic [-clear] [-dry-run]",
		Short: "collect the static files into STATIC_ROOT",
		Long: "Collectstatic copies the static files of STATICFILES_DIRS and of the installed\n" +
			"apps into STATIC_ROOT, each also under a name holding a hash of its content,\n" +
			"writes staticfiles.json (Django's collectstatic with\n" +
			"ManifestStaticFilesStorage) and .br and .gz variants. With DEBUG off the\n" +
			"site serves STATIC_ROOT itself, with far-future caching for hashed names.",
		Flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&o.Clear, "clear", false, "delete everything in STATIC_ROOT first")
			fs.BoolVar(&o.DryRun, "dry-run", false, "do everything except writing")
		},
		Run: func(ctx context.Context, args []string) error {
			if len(args) != 0 {
				return manage.UsageErrorf("collectstatic takes no arguments")
			}
			root := st.Settings.StaticRoot
			if root == "" {
				return fmt.Errorf("collectstatic: STATIC_ROOT is not set: set it to the directory the static files are collected into")
			}
			if abs, err := filepath.Abs(root); err == nil {
				root = abs
			}
			o.StaticURL = st.Settings.StaticURL
			res, err := staticfiles.Collect(st.StaticFinder(), root, o)
			if err != nil {
				return fmt.Errorf("collectstatic: %w", err)
			}
			fmt.Fprintf(st.Env.Stdout, "\n%s\n", res)
			return nil
		},
	}
}

func findStaticCommand(st *site.Site) *manage.Command {
	return &manage.Command{
		Name:  "findstatic",
		Usage: "findstatic NAME...",
		Short: "show where each static file is found",
		Run: func(ctx context.Context, args []string) error {
			if len(args) == 0 {
				return manage.UsageErrorf("findstatic takes one or more static file names")
			}
			f := st.StaticFinder()
			for _, name := range args {
				src, ok := f.Find(name)
				if !ok {
					fmt.Fprintf(st.Env.Stdout, "No matching file found for '%s'.\n", name)
					continue
				}
				fmt.Fprintf(st.Env.Stdout, "Found '%s' here:\n  %s\n", name, where(src, name))
			}
			return nil
		},
	}
}

// where names the file name of src: its path for a directory, the app
// for an app's embedded files.
func where(src staticfiles.Source, name string) string {
	if len(src.Name) > 4 && src.Name[:4] == "app " {
		return name + " (embedded in " + src.Name + ")"
	}
	return filepath.Join(src.Name, filepath.FromSlash(name))
}
