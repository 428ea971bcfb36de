package db

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/manouche-go/manouche/framework/settings"
)

// Client is the command line of a database's own client program, as
// Django's DatabaseClient.settings_to_cmd_args_env builds it for dbshell.
type Client struct {
	// Name is the program: "sqlite3", "psql" or "mysql".
	Name string
	// Args are its arguments, without the program name.
	Args []string
	// Env holds the variables to add to the environment ("NAME=value"):
	// the password travels there (PGPASSWORD, MYSQL_PWD), never on the
	// command line, where other users of the machine could see it.
	Env []string
}

// ClientCommand returns the client command that connects to the database
// d describes, from its URL, fields and OPTIONS as [Open] reads them.
func ClientCommand(d settings.Database) (*Client, error) {
	d, err := resolve(d)
	if err != nil {
		return nil, err
	}
	switch d.Engine {
	case "sqlite":
		if d.Name == "" {
			return nil, fmt.Errorf("db: sqlite database NAME is empty")
		}
		return &Client{Name: "sqlite3", Args: []string{d.Name}}, nil
	case "postgres":
		s, err := parseServer(d, "5432")
		if err != nil {
			return nil, err
		}
		return psqlClient(s), nil
	case "mysql":
		s, err := parseServer(d, "3306")
		if err != nil {
			return nil, err
		}
		return mysqlClient(s), nil
	}
	return nil, fmt.Errorf("db: unknown engine %q (want sqlite, postgres or mysql)", d.Engine)
}

// pgEnv maps connection parameters to the libpq variables psql reads.
var pgEnv = map[string]string{
	"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY",
	"application_name": "PGAPPNAME", "passfile": "PGPASSFILE", "service": "PGSERVICE",
}

// psqlClient is Django's PostgreSQL client: psql -U user -h host -p port
// dbname, with the password and TLS settings in libpq's variables and
// other parameters (search_path, ...) as PGOPTIONS.
func psqlClient(s *server) *Client {
	c := &Client{Name: "psql"}
	if s.user != "" {
		c.Args = append(c.Args, "-U", s.user)
	}
	c.Args = append(c.Args, "-h", s.host, "-p", s.port)
	if s.name != "" {
		c.Args = append(c.Args, s.name)
	}
	if s.password != "" {
		c.Env = append(c.Env, "PGPASSWORD="+s.password)
	}
	var opts []string
	for _, k := range slices.Sorted(maps.Keys(s.params)) {
		if env, ok := pgEnv[k]; ok {
			c.Env = append(c.Env, env+"="+s.params.Get(k))
		} else {
			opts = append(opts, "-c "+k+"="+strings.ReplaceAll(s.params.Get(k), " ", `\ `))
		}
	}
	if len(opts) > 0 {
		c.Env = append(c.Env, "PGOPTIONS="+strings.Join(opts, " "))
	}
	return c
}

// mysqlClient is Django's MySQL client: mysql --user --host --port (or
// --socket) --default-character-set dbname, the password in MYSQL_PWD.
func mysqlClient(s *server) *Client {
	c := &Client{Name: "mysql"}
	if s.user != "" {
		c.Args = append(c.Args, "--user="+s.user)
	}
	if strings.HasPrefix(s.host, "/") {
		c.Args = append(c.Args, "--socket="+s.host)
	} else {
		c.Args = append(c.Args, "--host="+s.host, "--port="+s.port)
	}
	charset := s.params.Get("charset")
	if charset == "" {
		charset = "utf8mb4"
	}
	c.Args = append(c.Args, "--default-character-set="+charset)
	if s.name != "" {
		c.Args = append(c.Args, s.name)
	}
	if s.password != "" {
		c.Env = append(c.Env, "MYSQL_PWD="+s.password)
	}
	return c
}
