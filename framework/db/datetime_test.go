package db_test

import (
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/db"
)

func TestFormatDateTime(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC), "2023-11-14 22:13:20"},
		{time.Date(2023, 11, 14, 22, 13, 20, 500000000, time.UTC), "2023-11-14 22:13:20.500000"},
		{time.Date(2023, 11, 14, 22, 13, 20, 1000, time.UTC), "2023-11-14 22:13:20.000001"},
		{time.Date(2023, 11, 14, 22, 13, 20, 999, time.UTC), "2023-11-14 22:13:20"},
	}
	for _, tt := range tests {
		if got := db.FormatDateTime(tt.t); got != tt.want {
			t.Errorf("FormatDateTime(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

func TestDateTime_Scan(t *testing.T) {
	want := time.Date(2023, 11, 28, 22, 13, 20, 123456000, time.UTC)
	tests := []struct {
		name    string
		src     any
		want    time.Time
		wantErr bool
	}{
		{"time", want, want, false},
		{"Django text", "2023-11-28 22:13:20.123456", want, false},
		{"bytes", []byte("2023-11-28 22:13:20.123456"), want, false},
		{"T and offset", "2023-11-28T23:13:20.123456+01:00", want, false},
		{"null", nil, time.Time{}, false},
		{"garbage", "tomorrow", time.Time{}, true},
		{"number", 42, time.Time{}, true},
	}
	for _, tt := range tests {
		var got db.DateTime
		err := got.Scan(tt.src)
		if (err != nil) != tt.wantErr || !got.Equal(tt.want) {
			t.Errorf("%s: got %v, %v, want %v, error %v", tt.name, got.Time, err, tt.want, tt.wantErr)
		}
	}
}
