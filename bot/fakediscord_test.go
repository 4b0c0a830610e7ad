package bot

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gorilla/websocket"
)

// fakeDiscord is Discord's far end on 127.0.0.1: the REST routes the bot
// uses and the gateway websocket (Hello → Identify → READY, heartbeats,
// dispatches, Reconnect → Resume → RESUMED). Every request body the bot
// sends passes through check, against Discord's limits and its OpenAPI
// schema; problems fail the test at cleanup.
type fakeDiscord struct {
	t     *testing.T
	srv   *httptest.Server
	spec  *apiSpec
	token string // the bot token the bot must send

	appID, botID, sessionID string
	// verifyKey is the application's public key as GET
	// /oauth2/applications/@me reports it (HTTP interactions mode).
	verifyKey string

	mu          sync.Mutex
	requests    []apiRequest
	problems    []string
	identifies  []map[string]any
	resumes     []map[string]any
	connections int
	closedConns int
	conn        *fakeConn
	seq         int64
	// fail, when set, makes matching REST requests fail with a 500 whose
	// body echoes the Authorization header, like a leaky proxy would.
	fail func(method, path string) bool
	// failStatus is the status of those failures (default 500).
	failStatus int
	// files served on /cdn/<name>, as attachments are from Discord's CDN.
	files   map[string][]byte
	cdnReqs []http.Header
	// redirects sends /cdn/<name> elsewhere with a 302.
	redirects map[string]string
	// refuseREST answers every REST call 401, and refuseGateway closes the
	// gateway with 4004 (authentication failed), as for a wrong token.
	refuseREST, refuseGateway bool
}

type apiRequest struct {
	Method, Path string // Path without the /api/v10 prefix
	Body         []byte
	Header       http.Header
}

// JSON decodes the body into a generic value.
func (r apiRequest) JSON(t testing.TB) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(r.Body, &v); err != nil {
		t.Fatalf("%s %s: body %q: %v", r.Method, r.Path, r.Body, err)
	}
	return v
}

type fakeConn struct {
	mu sync.Mutex // gorilla/websocket allows one writer at a time
	ws *websocket.Conn
}

func (c *fakeConn) send(v any) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ws.WriteJSON(v)
}

const apiPrefix = "/api/v10"

func newFakeDiscord(t *testing.T, token string) *fakeDiscord {
	f := &fakeDiscord{
		t: t, token: token, spec: loadSpec(t),
		appID: "1000000000000000001", botID: "1000000000000000001", sessionID: "session-abc",
		files: map[string][]byte{}, redirects: map[string]string{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc(apiPrefix+"/", f.serveAPI)
	mux.HandleFunc("/gateway-ws/", f.serveGateway) // discordgo adds the slash
	mux.HandleFunc("/cdn/", f.serveCDN)
	f.srv = httptest.NewServer(mux) // listens on 127.0.0.1
	t.Cleanup(f.srv.Close)
	t.Cleanup(f.reportProblems)
	return f
}

// APIURL is what DISCORD_API_URL would be set to.
func (f *fakeDiscord) APIURL() string { return f.srv.URL + apiPrefix + "/" }

func (f *fakeDiscord) wsURL() string {
	return "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/gateway-ws"
}

func (f *fakeDiscord) problem(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.problems = append(f.problems, fmt.Sprintf(format, args...))
}

func (f *fakeDiscord) reportProblems() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range f.problems {
		f.t.Errorf("fake Discord: %s", p)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

var (
	reCommands     = regexp.MustCompile(`^/applications/[^/]+(/guilds/[^/]+)?/commands$`)
	reCallback     = regexp.MustCompile(`^/interactions/[^/]+/[^/]+/callback$`)
	reOriginal     = regexp.MustCompile(`^/webhooks/[^/]+/[^/]+/messages/@original$`)
	reFollowup     = regexp.MustCompile(`^/webhooks/[^/]+/[^/]+$`)
	reChannelMsgs  = regexp.MustCompile(`^/channels/([^/]+)/messages$`)
	reUserChannels = regexp.MustCompile(`^/users/@me/channels$`)
)

func (f *fakeDiscord) serveAPI(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, apiPrefix)
	body, _ := io.ReadAll(r.Body)
	req := apiRequest{Method: r.Method, Path: path, Body: body, Header: r.Header.Clone()}

	f.mu.Lock()
	f.requests = append(f.requests, req)
	fail, refuse := f.fail, f.refuseREST
	f.mu.Unlock()
	if refuse {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "401: Unauthorized", "code": 0})
		return
	}

	if got := r.Header.Get("Authorization"); got != "Bot "+f.token {
		f.problem("%s %s: Authorization header is not \"Bot <token>\"", r.Method, path)
	}
	if r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodPatch {
		f.check(r.Method, path, body)
	}
	if fail != nil && fail(r.Method, path) {
		f.mu.Lock()
		status := f.failStatus
		f.mu.Unlock()
		if status == 0 {
			status = http.StatusInternalServerError
		}
		body := map[string]any{
			"message": "internal error; you sent Authorization: " + r.Header.Get("Authorization") + " to " + r.URL.String(),
			"code":    0,
		}
		if status == http.StatusTooManyRequests {
			body["retry_after"], body["global"] = 0.001, false
		}
		writeJSON(w, status, body)
		return
	}

	switch {
	case r.Method == http.MethodGet && path == "/gateway":
		writeJSON(w, 200, map[string]any{"url": f.wsURL()})
	case r.Method == http.MethodGet && path == "/gateway/bot":
		writeJSON(w, 200, map[string]any{"url": f.wsURL(), "shards": 1,
			"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}})
	case r.Method == http.MethodGet && path == "/users/@me":
		writeJSON(w, 200, f.botUser())
	case r.Method == http.MethodGet && path == "/oauth2/applications/@me":
		f.mu.Lock()
		key := f.verifyKey
		f.mu.Unlock()
		writeJSON(w, 200, map[string]any{"id": f.appID, "name": "storybot", "description": "", "bot_public": true,
			"bot_require_code_grant": false, "verify_key": key, "flags": 0, "bot": f.botUser()})
	case r.Method == http.MethodPut && reCommands.MatchString(path):
		var cmds []map[string]any
		_ = json.Unmarshal(body, &cmds)
		for i, c := range cmds {
			c["id"] = fmt.Sprintf("20000000000000000%02d", i)
			c["application_id"] = f.appID
			c["version"] = "1"
		}
		writeJSON(w, 200, cmds)
	case r.Method == http.MethodPost && reCallback.MatchString(path):
		w.WriteHeader(http.StatusNoContent)
	case (r.Method == http.MethodPatch && reOriginal.MatchString(path)) ||
		(r.Method == http.MethodPost && reFollowup.MatchString(path)):
		writeJSON(w, 200, map[string]any{"id": "3000000000000000001", "channel_id": "4000000000000000001", "content": ""})
	case r.Method == http.MethodDelete && reOriginal.MatchString(path):
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPost && reChannelMsgs.MatchString(path):
		ch := reChannelMsgs.FindStringSubmatch(path)[1]
		writeJSON(w, 200, map[string]any{"id": "3000000000000000002", "channel_id": ch})
	case r.Method == http.MethodPost && reUserChannels.MatchString(path):
		writeJSON(w, 200, map[string]any{"id": "4000000000000000009", "type": 1})
	default:
		f.problem("unexpected request %s %s", r.Method, path)
		writeJSON(w, 404, map[string]any{"message": "404: Not Found", "code": 0})
	}
}

// check is the one place every outgoing body is checked: Discord's OpenAPI
// schema for the route, then the limits and the allowed_mentions rule that
// the schema does not capture.
func (f *fakeDiscord) check(method, path string, body []byte) {
	if err := f.spec.Validate(method, path, body); err != nil {
		f.problem("schema: %v\nbody: %s", err, body)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		f.problem("%s %s: body is not JSON: %v", method, path, err)
		return
	}
	for _, p := range payloadProblems(method, path, v) {
		f.problem("%s %s: %s", method, path, p)
	}
}

// payloadProblems checks a request body against Discord's limits.
func payloadProblems(method, path string, v any) []string {
	obj, _ := v.(map[string]any)
	switch {
	case method == http.MethodPost && reCallback.MatchString(path):
		typ, _ := obj["type"].(float64)
		data, _ := obj["data"].(map[string]any)
		switch typ {
		case 1:
			if len(obj) != 1 {
				return []string{fmt.Sprintf("PONG with more than its type: %v", obj)}
			}
			return nil
		case 4, 5, 7:
			if data == nil {
				return []string{"message callback without data (and so without allowed_mentions)"}
			}
			return messageProblems(data)
		case 8:
			return choiceProblems(data)
		case 9:
			return modalProblems(data)
		}
		return []string{fmt.Sprintf("unexpected callback type %v", obj["type"])}
	case reOriginal.MatchString(path), reFollowup.MatchString(path), reChannelMsgs.MatchString(path):
		return messageProblems(obj)
	}
	return nil
}

func runes(v any) int {
	s, _ := v.(string)
	return utf8.RuneCountInString(s)
}

// messageProblems checks one message body: content and embed limits, and
// allowed_mentions {"parse": []} so nobody is pinged.
func messageProblems(msg map[string]any) []string {
	var ps []string
	add := func(format string, args ...any) { ps = append(ps, fmt.Sprintf(format, args...)) }

	am, ok := msg["allowed_mentions"].(map[string]any)
	if !ok {
		add("no allowed_mentions")
	} else if parse, ok := am["parse"].([]any); !ok || len(parse) != 0 {
		add("allowed_mentions.parse is %v, want []", am["parse"])
	} else if len(am) > 2 || am["users"] != nil || am["roles"] != nil {
		add("allowed_mentions allows users or roles: %v", am)
	}
	if n := runes(msg["content"]); n > MaxContent {
		add("content has %d characters, limit %d", n, MaxContent)
	}
	embeds, _ := msg["embeds"].([]any)
	if len(embeds) > MaxEmbeds {
		add("%d embeds, limit %d", len(embeds), MaxEmbeds)
	}
	total := 0
	for i, e := range embeds {
		em, _ := e.(map[string]any)
		lim := func(what string, n, max int) {
			if n > max {
				add("embed %d: %s has %d characters, limit %d", i, what, n, max)
			}
			total += n
		}
		lim("title", runes(em["title"]), MaxEmbedTitle)
		lim("description", runes(em["description"]), MaxEmbedDescription)
		if ft, ok := em["footer"].(map[string]any); ok {
			lim("footer", runes(ft["text"]), MaxFooter)
		}
		if au, ok := em["author"].(map[string]any); ok {
			lim("author", runes(au["name"]), MaxAuthorName)
		}
		fields, _ := em["fields"].([]any)
		if len(fields) > MaxEmbedFields {
			add("embed %d: %d fields, limit %d", i, len(fields), MaxEmbedFields)
		}
		for _, fl := range fields {
			fm, _ := fl.(map[string]any)
			lim("field name", runes(fm["name"]), MaxFieldName)
			lim("field value", runes(fm["value"]), MaxFieldValue)
		}
	}
	if total > MaxEmbedTotal {
		add("embeds total %d characters, limit %d", total, MaxEmbedTotal)
	}
	return append(ps, componentProblems(msg["components"])...)
}

func choiceProblems(data map[string]any) []string {
	var ps []string
	choices, ok := data["choices"].([]any)
	if !ok {
		return []string{"autocomplete result without a choices array"}
	}
	if len(choices) > MaxChoices {
		ps = append(ps, fmt.Sprintf("%d choices, limit %d", len(choices), MaxChoices))
	}
	for _, c := range choices {
		cm, _ := c.(map[string]any)
		if n := runes(cm["name"]); n < 1 || n > MaxChoiceLen {
			ps = append(ps, fmt.Sprintf("choice name has %d characters, want 1–%d", n, MaxChoiceLen))
		}
		if n := runes(cm["value"]); n < 1 || n > MaxChoiceLen {
			ps = append(ps, fmt.Sprintf("choice value has %d characters, want 1–%d", n, MaxChoiceLen))
		}
	}
	return ps
}

func (f *fakeDiscord) botUser() map[string]any {
	return map[string]any{"id": f.botID, "username": "storybot", "discriminator": "0", "bot": true}
}

var upgrader = websocket.Upgrader{}

// serveGateway plays Discord's gateway for one connection, in plain JSON
// text frames (discordgo asks for encoding=json and inflates only binary
// frames, so uncompressed text is allowed).
func (f *fakeDiscord) serveGateway(w http.ResponseWriter, r *http.Request) {
	if q := r.URL.Query(); q.Get("encoding") != "json" {
		f.problem("gateway URL asks for encoding %q, want json", q.Get("encoding"))
	}
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		f.problem("gateway upgrade: %v", err)
		return
	}
	c := &fakeConn{ws: ws}
	defer func() {
		ws.Close()
		f.mu.Lock()
		f.closedConns++
		if f.conn == c {
			f.conn = nil
		}
		f.mu.Unlock()
	}()
	f.mu.Lock()
	f.connections++
	f.mu.Unlock()

	if err := c.send(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}}); err != nil {
		return
	}
	var first struct {
		Op int             `json:"op"`
		D  json.RawMessage `json:"d"`
	}
	if err := ws.ReadJSON(&first); err != nil {
		f.problem("gateway: reading Identify/Resume: %v", err)
		return
	}
	var d map[string]any
	_ = json.Unmarshal(first.D, &d)
	f.mu.Lock()
	refuse := f.refuseGateway
	f.mu.Unlock()
	if refuse {
		_ = ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4004, "Authentication failed."))
		return
	}
	switch first.Op {
	case 2:
		f.mu.Lock()
		f.identifies = append(f.identifies, d)
		f.seq = 1
		f.mu.Unlock()
		if d["token"] != "Bot "+f.token {
			f.problem("identify: wrong token")
		}
		err = c.send(map[string]any{"op": 0, "s": 1, "t": "READY", "d": map[string]any{
			"v": 10, "session_id": f.sessionID, "resume_gateway_url": f.wsURL(),
			"user":        f.botUser(),
			"application": map[string]any{"id": f.appID, "flags": 0},
			"guilds":      []any{}, "private_channels": []any{},
		}})
	case 6:
		f.mu.Lock()
		f.resumes = append(f.resumes, d)
		f.seq++
		seq := f.seq
		f.mu.Unlock()
		if d["session_id"] != f.sessionID {
			f.problem("resume: session_id %v, want %s", d["session_id"], f.sessionID)
		}
		err = c.send(map[string]any{"op": 0, "s": seq, "t": "RESUMED", "d": map[string]any{}})
	default:
		f.problem("gateway: first op %d, want 2 (Identify) or 6 (Resume)", first.Op)
		return
	}
	if err != nil {
		return
	}
	f.mu.Lock()
	f.conn = c
	f.mu.Unlock()

	for {
		var m struct {
			Op int `json:"op"`
		}
		if err := ws.ReadJSON(&m); err != nil {
			return // the client closed or went away
		}
		if m.Op == 1 { // heartbeat
			if err := c.send(map[string]any{"op": 11}); err != nil {
				return
			}
		}
	}
}

func (f *fakeDiscord) serveCDN(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.cdnReqs = append(f.cdnReqs, r.Header.Clone())
	name := strings.TrimPrefix(r.URL.Path, "/cdn/")
	data, ok := f.files[name]
	to, moved := f.redirects[name]
	f.mu.Unlock()
	if moved {
		http.Redirect(w, r, to, http.StatusFound)
		return
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	// Stream in two chunks, so no Content-Length is declared and only the
	// bot's limited read can catch a file bigger than it said.
	half := len(data) / 2
	_, _ = w.Write(data[:half])
	w.(http.Flusher).Flush()
	_, _ = w.Write(data[half:])
}

// cdnURL serves data as an attachment and returns its URL.
func (f *fakeDiscord) cdnURL(name string, data []byte) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[name] = data
	return f.srv.URL + "/cdn/" + name
}

// cdnRedirect makes the attachment name a redirect to url, and returns
// its URL.
func (f *fakeDiscord) cdnRedirect(name, url string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.redirects[name] = url
	return f.srv.URL + "/cdn/" + name
}

// connected waits for a live gateway connection.
func (f *fakeDiscord) connected(t *testing.T) *fakeConn {
	t.Helper()
	var c *fakeConn
	waitUntil(t, "a gateway connection", func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		c = f.conn
		return c != nil
	})
	return c
}

// dispatch sends a gateway event (op 0) with the next sequence number.
func (f *fakeDiscord) dispatch(t *testing.T, event string, d any) {
	t.Helper()
	c := f.connected(t)
	f.mu.Lock()
	f.seq++
	seq := f.seq
	f.mu.Unlock()
	if err := c.send(map[string]any{"op": 0, "s": seq, "t": event, "d": d}); err != nil {
		t.Fatalf("dispatch %s: %v", event, err)
	}
}

// reconnect asks the client to reconnect (op 7), as Discord does before
// moving a session.
func (f *fakeDiscord) reconnect(t *testing.T) {
	t.Helper()
	c := f.connected(t)
	if err := c.send(map[string]any{"op": 7, "d": nil}); err != nil {
		t.Fatalf("send op 7: %v", err)
	}
}

// find returns the requests matching method and path pattern.
func (f *fakeDiscord) find(method string, path *regexp.Regexp) []apiRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []apiRequest
	for _, r := range f.requests {
		if r.Method == method && path.MatchString(r.Path) {
			out = append(out, r)
		}
	}
	return out
}

// waitRequest waits for the n-th (1-based) request matching method and path.
func (f *fakeDiscord) waitRequest(t *testing.T, n int, method, path string) apiRequest {
	t.Helper()
	re := regexp.MustCompile(path)
	var got []apiRequest
	waitUntil(t, fmt.Sprintf("request #%d %s %s", n, method, path), func() bool {
		got = f.find(method, re)
		return len(got) >= n
	})
	return got[n-1]
}

func (f *fakeDiscord) count(method, path string) int {
	return len(f.find(method, regexp.MustCompile(path)))
}

// waitUntil polls cond; the fake's events arrive on other goroutines.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
