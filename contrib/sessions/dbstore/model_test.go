package dbstore

import (
	"testing"
	"time"
)

func TestModel(t *testing.T) {
	db := openDB(t, nil)
	exp := time.Date(2023, 11, 28, 22, 13, 20, 500000000, time.UTC)
	if err := db.Create(&Session{SessionKey: key, SessionData: "via model", ExpireDate: Time{exp}}).Error; err != nil {
		t.Fatal(err)
	}
	if r := readRow(t, db); r.ExpireRaw != "2023-11-28 22:13:20.500000" {
		t.Errorf("got expire_date %q written by the model, want %q", r.ExpireRaw, "2023-11-28 22:13:20.500000")
	}
	var got Session
	if err := db.First(&got, "session_key = ?", key).Error; err != nil {
		t.Fatal(err)
	}
	if got.SessionData != "via model" || !got.ExpireDate.Equal(exp) {
		t.Errorf("got %+v, want data %q, expire %v", got, "via model", exp)
	}
}

func TestTimeScan(t *testing.T) {
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
		{"nil", nil, time.Time{}, false},
		{"garbage", "tomorrow", time.Time{}, true},
		{"number", 42, time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got Time
			err := got.Scan(tt.src)
			if (err != nil) != tt.wantErr || !got.Equal(tt.want) {
				t.Errorf("got %v, %v, want %v, error %v", got.Time, err, tt.want, tt.wantErr)
			}
		})
	}
}
