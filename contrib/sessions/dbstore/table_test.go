package dbstore

import (
	"testing"
	"time"
)

func TestParseDjango(t *testing.T) {
	want := time.Date(2023, 11, 28, 22, 13, 20, 123456000, time.UTC)
	tests := []struct {
		name    string
		src     string
		want    time.Time
		wantErr bool
	}{
		{"Django text", "2023-11-28 22:13:20.123456", want, false},
		{"T separator", "2023-11-28T22:13:20.123456", want, false},
		{"T and offset", "2023-11-28T23:13:20.123456+01:00", want, false},
		{"space and Z", "2023-11-28 22:13:20.123456Z", want, false},
		{"garbage", "tomorrow", time.Time{}, true},
		{"empty", "", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseDjango(tt.src, time.UTC)
			if (err != nil) != tt.wantErr || !got.Equal(tt.want) {
				t.Errorf("got %v, %v, want %v, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}
