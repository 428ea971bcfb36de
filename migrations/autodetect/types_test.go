package autodetect

import "testing"

func TestCanonical(t *testing.T) {
	tests := []struct{ dialect, server, gorm string }{
		{"postgres", "character varying(200)", "varchar(200)"},
		{"postgres", "bigint", "bigserial"},
		{"postgres", "integer", "serial"},
		{"postgres", "numeric", "decimal"},
		{"postgres", "numeric(10,2)", "numeric(10, 2)"},
		{"postgres", "timestamp with time zone", "timestamptz"},
		{"postgres", "timestamp(3) with time zone", "timestamptz(3)"},
		{"postgres", "boolean", "boolean"},
		{"mysql", "bigint(20)", "bigint AUTO_INCREMENT"},
		{"mysql", "int(10) unsigned", "int unsigned"},
		{"mysql", "tinyint(1)", "boolean"},
		{"mysql", "datetime(3)", "datetime(3) NULL"},
		{"mysql", "decimal(10,2)", "decimal(10, 2)"},
		{"sqlite", "integer", "integer PRIMARY KEY AUTOINCREMENT"},
		{"sqlite", "varchar(200)", "varchar(200)"},
		{"sqlite", "decimal(10,2)", "decimal(10,2)"},
	}
	for _, tt := range tests {
		if s, g := canonical(tt.dialect, tt.server), canonical(tt.dialect, tt.gorm); s != g {
			t.Errorf("%s: %q is %q but %q is %q; want the same", tt.dialect, tt.server, s, tt.gorm, g)
		}
	}
	different := []struct{ dialect, a, b string }{
		{"postgres", "character varying(200)", "varchar(300)"},
		{"postgres", "bigint", "integer"},
		{"mysql", "tinyint(4)", "boolean"},
		{"mysql", "int(10) unsigned", "int"},
		{"sqlite", "varchar(100)", "text"},
	}
	for _, tt := range different {
		if canonical(tt.dialect, tt.a) == canonical(tt.dialect, tt.b) {
			t.Errorf("%s: %q and %q are the same (%q); want different", tt.dialect, tt.a, tt.b, canonical(tt.dialect, tt.a))
		}
	}
}
