package db

import (
	"database/sql"
	"net"
	"net/url"
	"strings"

	"gorm.io/driver/mysql"
	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/settings"
)

func init() { engines["mysql"] = openMySQL }

// openMySQL opens MySQL or MariaDB through go-sql-driver's database/sql
// driver "mysql", which gorm.io/driver/mysql registers.
func openMySQL(d settings.Database, cfg *gorm.Config) (*gorm.DB, error) {
	s, err := parseServer(d, "3306")
	if err != nil {
		return nil, err
	}
	dialect := func(conn *sql.DB) gorm.Dialector { return mysql.New(mysql.Config{Conn: conn}) }
	return s.open("mysql", mysqlDSN(s), dialect, cfg)
}

// mysqlParams are go-sql-driver's parameter names by their lower-case
// spelling: settings keys reach OPTIONS in lower case, and the driver
// would send an unknown name to the server as a system variable.
var mysqlParams = func() map[string]string {
	m := map[string]string{}
	for _, p := range []string{
		"allowAllFiles", "allowCleartextPasswords", "allowFallbackToPlaintext", "allowNativePasswords",
		"allowOldPasswords", "charset", "checkConnLiveness", "clientFoundRows", "collation",
		"columnsWithAlias", "compress", "connectionAttributes", "interpolateParams", "loc",
		"maxAllowedPacket", "multiStatements", "parseTime", "readTimeout", "rejectReadOnly",
		"serverPubKey", "timeTruncate", "timeout", "tls", "writeTimeout",
	} {
		m[strings.ToLower(p)] = p
	}
	return m
}()

// mysqlDSN is s in go-sql-driver's form,
// user:password@tcp(host:port)/name?params, with the parameters the
// session store relies on forced and manouche's defaults filled in.
func mysqlDSN(s *server) string {
	q := url.Values{"charset": {"utf8mb4"}, "interpolateParams": {"true"}}
	for k, v := range s.params {
		if p, ok := mysqlParams[strings.ToLower(k)]; ok {
			k = p
		}
		q[k] = v
	}
	q.Set("timeout", s.connectTimeout.String())
	q.Set("parseTime", "true")
	q.Set("loc", "UTC")
	q.Set("clientFoundRows", "true")
	user := s.user
	if s.password != "" {
		user += ":" + s.password
	}
	if user != "" {
		user += "@"
	}
	return user + "tcp(" + net.JoinHostPort(s.host, s.port) + ")/" + url.PathEscape(s.name) + "?" + q.Encode()
}
