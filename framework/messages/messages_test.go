package messages_test

import (
	"testing"

	"github.com/manouche-go/manouche/framework/messages"
)

func TestMessage(t *testing.T) {
	tests := []struct {
		m                  messages.Message
		tags, html, string string
	}{
		{messages.Message{Text: "a < b", LevelTag: "info"}, "info", "a &lt; b", "a < b"},
		{messages.Message{Text: "<b>x</b>", Safe: true, ExtraTags: "alert"}, "alert", "<b>x</b>", "<b>x</b>"},
		{messages.Message{Text: "x", ExtraTags: "alert dismissible", LevelTag: "success"}, "alert dismissible success", "x", "x"},
		{messages.Message{Text: "x"}, "", "x", "x"},
	}
	for _, tt := range tests {
		if got := tt.m.Tags(); got != tt.tags {
			t.Errorf("%+v Tags: got %q, want %q", tt.m, got, tt.tags)
		}
		if got := string(tt.m.HTML()); got != tt.html {
			t.Errorf("%+v HTML: got %q, want %q", tt.m, got, tt.html)
		}
		if got := tt.m.String(); got != tt.string {
			t.Errorf("%+v String: got %q, want %q", tt.m, got, tt.string)
		}
	}
}

func TestDefaultTags(t *testing.T) {
	tags := messages.DefaultTags()
	want := map[messages.Level]string{10: "debug", 20: "info", 25: "success", 30: "warning", 40: "error"}
	for l, tag := range want {
		if tags[l] != tag {
			t.Errorf("level %d: got %q, want %q", l, tags[l], tag)
		}
	}
	tags[10] = "changed"
	if messages.DefaultTags()[10] != "debug" {
		t.Error("DefaultTags: the map is shared, want a new one per call")
	}
}
