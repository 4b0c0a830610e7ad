package bot

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
)

// holdLargeBody opens a request to /interactions that declares a body of
// maxInteractionBody bytes, sends more than smallBody of it and stops
// there, holding the connection (and, once the bot has read that far, one
// of its slots) until the test ends.
func holdLargeBody(t *testing.T, ep *endpoint) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(ep.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	fmt.Fprintf(conn, "POST /interactions HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", maxInteractionBody)
	if _, err := conn.Write(bytes.Repeat([]byte(" "), 2*smallBody)); err != nil {
		t.Fatal(err)
	}
	return conn
}

// Unsigned bodies must be read whole before their signature can be
// checked: beyond maxLargeBodies large ones at once the bot answers 503
// instead of buffering more, while a signed PING (a small body) is still
// answered.
func TestHTTPUnverifiedBodiesCapped(t *testing.T) {
	t.Parallel()
	h, ep := startHTTPBot(t, nil, nil)
	held := make([]net.Conn, maxLargeBodies)
	for i := range held {
		held[i] = holdLargeBody(t, ep)
	}
	waitUntil(t, "the held requests to take every slot", func() bool {
		return strings.Count(h.logs.String(), "reading a large unverified body") == maxLargeBodies
	})
	large := bytes.Repeat([]byte(" "), smallBody*4)
	if status, _ := ep.do(t, http.MethodPost, "/interactions", large, http.Header{}); status != http.StatusServiceUnavailable {
		t.Errorf("a large request while every slot is taken: %d, want 503", status)
	}

	ping := []byte(`{"id":"7000000000000000001","application_id":"1000000000000000001","type":1,"token":"interaction-token-ping","version":1}`)
	if status, body := ep.do(t, http.MethodPost, "/interactions", ping, ep.sign(ping, now())); status != http.StatusOK || string(body) != `{"type":1}` {
		t.Errorf("signed PING while the slots are taken: %d %s, want 200 {\"type\":1}", status, body)
	}
	if status, _ := ep.do(t, http.MethodPost, "/interactions", ping, http.Header{}); status != http.StatusUnauthorized {
		t.Errorf("unsigned small request while the slots are taken: %d, want 401", status)
	}

	// One held request finishes (unsigned: 401), which frees its slot
	// before the response is written: the next large request is read.
	c := held[0]
	if _, err := c.Write(bytes.Repeat([]byte(" "), maxInteractionBody-2*smallBody)); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("the held request, completed: %d, want 401", resp.StatusCode)
	}
	if status, _ := ep.do(t, http.MethodPost, "/interactions", large, http.Header{}); status != http.StatusUnauthorized {
		t.Errorf("a large request after a slot was freed: %d, want 401", status)
	}
}
