package auth

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/manouche-go/manouche/framework/apps"
)

// errCancelled ends an interactive command whose input ended.
var errCancelled = errors.New("Operation cancelled.")

// prompter asks questions on a command's standard input and output. On a
// terminal, secrets are read without echo (Python's getpass); otherwise
// every answer is a line of input, so that scripts and tests can answer.
type prompter struct {
	in   *bufio.Reader
	tty  *os.File // stdin when it is a terminal
	out  io.Writer
	errs io.Writer
}

func newPrompter(env *apps.Env) *prompter {
	var in io.Reader = os.Stdin
	if env.Stdin != nil {
		in = env.Stdin
	}
	p := &prompter{in: bufio.NewReader(in), out: env.Stdout, errs: env.Stderr}
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.tty = f
	}
	return p
}

// line prints prompt and returns the answer without its line end.
func (p *prompter) line(prompt string) (string, error) {
	fmt.Fprint(p.out, prompt)
	s, err := p.in.ReadString('\n')
	if err != nil && (s == "" || !errors.Is(err, io.EOF)) {
		fmt.Fprintln(p.out)
		return "", errCancelled
	}
	return strings.TrimRight(s, "\r\n"), nil
}

// secret asks for a password: without echo on a terminal.
func (p *prompter) secret(prompt string) (string, error) {
	if p.tty == nil {
		return p.line(prompt)
	}
	fmt.Fprint(p.out, prompt)
	b, err := term.ReadPassword(int(p.tty.Fd()))
	fmt.Fprintln(p.out)
	if err != nil {
		return "", errCancelled
	}
	return string(b), nil
}
