package bot

import (
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"
)

func TestShards(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		id, count int
		wantShard any // Identify's "shard", as JSON decodes it; nil: absent
		registers bool
	}{
		{"unsharded", 0, 0, nil, true},
		{"shard 0 of 1", 0, 1, []any{0.0, 1.0}, true},
		{"shard 0 of 2", 0, 2, []any{0.0, 2.0}, true},
		{"shard 2 of 3", 2, 3, []any{2.0, 3.0}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := startBot(t, nil, nil, func(c *Config, _ *fakeDiscord) {
				c.ShardID, c.ShardCount, c.GuildID = tc.id, tc.count, "6000000000000000001"
			})
			// Every shard answers the interactions Discord routes to it.
			if msg := h.direct(t, h.slash(t, member, "ask", strOpt("question", "who was decorated?"))); !strings.Contains(textOf(msg), "Kursk") {
				t.Errorf("shard did not answer /ask: %s", textOf(msg))
			}
			// Once Run has returned, every step of its start is done.
			if err := h.stop(); err != nil {
				t.Fatalf("Run: %v", err)
			}
			h.f.mu.Lock()
			ids := h.f.identifies
			h.f.mu.Unlock()
			if len(ids) != 1 {
				t.Fatalf("%d identifies, want 1", len(ids))
			}
			got, present := ids[0]["shard"]
			if (tc.wantShard == nil) == present || (present && !reflect.DeepEqual(got, tc.wantShard)) {
				t.Errorf("identify shard = %v (present %v), want %v", got, present, tc.wantShard)
			}
			puts := h.f.count("PUT", `/commands$`)
			if tc.registers && puts != 2 {
				t.Errorf("%d command registrations, want global and guild", puts)
			}
			if !tc.registers && puts != 0 {
				t.Errorf("shard %d registered commands %d times; only shard 0 should", tc.id, puts)
			}
			if tag := fmt.Sprintf("shard=%d/%d", tc.id, tc.count); tc.count > 0 && !strings.Contains(h.logs.String(), tag) {
				t.Errorf("logs do not say %s:\n%s", tag, h.logs.String())
			}
		})
	}
}

// Bad settings fail before any network call, with a message naming them.
func TestRunRejectsBadConfig(t *testing.T) {
	const key = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"
	for _, tc := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"negative shard count", Config{ShardCount: -1}, "SHARD_COUNT ≥ 1"},
		{"shard ID past the count", Config{ShardID: 3, ShardCount: 3}, "0 ≤ SHARD_ID < SHARD_COUNT"},
		{"negative shard ID", Config{ShardID: -1, ShardCount: 2}, "0 ≤ SHARD_ID < SHARD_COUNT"},
		{"shard ID without a count", Config{ShardID: 1}, "SHARD_COUNT"},
		{"public key not hex", Config{PublicKey: "not-a-key"}, "DISCORD_PUBLIC_KEY"},
		{"public key too short", Config{PublicKey: key[:62]}, "64 hex digits"},
		{"sharding in HTTP mode", Config{PublicKey: key, ShardCount: 2}, "HTTP interactions mode"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.cfg
			cfg.Token = testToken
			cfg.APIURL = "http://127.0.0.1:1/api/v10/" // nothing listens: no call may be made
			cfg.Logger = slog.New(slog.DiscardHandler)
			err := Run(t.Context(), cfg, &fakeAnswerer{}, &fakeLibrary{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Run = %v, want an error saying %q", err, tc.want)
			}
		})
	}
}
