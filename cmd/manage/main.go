// Command manage is this repository's manage.py: it runs the management
// commands (migrate, runserver, check, clearsessions, ...) for the site
// described by settings.yaml, with contrib.sessions, contrib.messages,
// contrib.contenttypes, contrib.auth and the examples installed.
//
//	go run ./cmd/manage migrate
//	go run ./cmd/manage runserver 127.0.0.1:8000
package main

import (
	"os"

	_ "github.com/manouche-go/manouche/contrib/auth"
	_ "github.com/manouche-go/manouche/contrib/contenttypes"
	_ "github.com/manouche-go/manouche/contrib/messages"
	_ "github.com/manouche-go/manouche/contrib/sessions"
	_ "github.com/manouche-go/manouche/examples/all"
	"github.com/manouche-go/manouche/framework/commands"
)

func main() { os.Exit(commands.Main(os.Args[1:])) }
