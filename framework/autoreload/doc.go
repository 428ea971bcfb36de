// Package autoreload is runserver's autoreloader, the Go form of Django's
// django.utils.autoreload: a parent process that watches the project's
// files, rebuilds the program with the go command when one changes, and
// runs it as a child process, again and again, on one listening socket.
//
// # Parent and child
//
// The parent (the process the user started with `go run . runserver`)
// listens on the address itself and keeps the socket for as long as it
// runs. It hands the socket to each child as an inherited file, so that a
// request sent while a child restarts or the program rebuilds waits in the
// socket's queue instead of being refused, and is answered by the new
// child. The child finds the socket with [ChildOf], serves on it, and tells
// the parent with [Child.Ready] once it serves: a first child that exits
// before that failed to start, and [Run] returns a [StartError] with its
// exit code.
//
// # What is watched
//
// [Run] asks `go list -deps` which packages the program is built from and
// watches, in every package of the main module or of a module replaced by
// a local directory, the .go files and the files the package embeds
// (templates, static files). go.mod and go.sum are watched too, and
// [Options.Restart] names more files (the settings file) whose change
// restarts the child without a rebuild. Changes under [Options.Live], the
// directories the child reads at each request (templates under DEBUG),
// need nothing. Files are polled every [Options.Interval] by their size
// and modification time, as Django's StatReloader does, which works on
// every file system and editor.
//
// # Rebuilds
//
// On a change the parent stops the child (which drains its requests in
// flight), builds the program with `go build` into a temporary directory,
// and starts the new binary. When the build fails it prints the compiler's
// errors, answers requests with them (status 500, plain text), and waits
// for the next change.
package autoreload
