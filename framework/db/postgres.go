package db

import (
	"database/sql"
	"net"
	"net/url"
	"strconv"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/settings"
)

func init() { engines["postgres"] = openPostgres }

// openPostgres opens PostgreSQL through pgx's database/sql driver "pgx",
// which gorm.io/driver/postgres registers.
func openPostgres(d settings.Database, cfg *gorm.Config) (*gorm.DB, error) {
	s, err := parseServer(d, "5432")
	if err != nil {
		return nil, err
	}
	dialect := func(conn *sql.DB) gorm.Dialector { return postgres.New(postgres.Config{Conn: conn}) }
	return s.open("pgx", postgresDSN(s), dialect, cfg)
}

// postgresDSN is s as a libpq URL, which pgx parses; parameters pgx does
// not know (search_path, timezone, ...) are sent to the server as run-time
// settings.
func postgresDSN(s *server) string {
	q := url.Values{}
	for k, v := range s.params {
		q[k] = v
	}
	q.Set("connect_timeout", strconv.Itoa(int(s.connectTimeout/1e9)))
	u := url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword(s.user, s.password),
		Host:     net.JoinHostPort(s.host, s.port),
		Path:     "/" + s.name,
		RawQuery: q.Encode(),
	}
	switch {
	case s.user == "" && s.password == "":
		u.User = nil // pgx's default: the operating system user
	case s.password == "":
		u.User = url.User(s.user)
	}
	return u.String()
}
