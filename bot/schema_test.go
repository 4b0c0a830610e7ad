package bot

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// apiSpec checks request bodies against Discord's own OpenAPI 3.1 schema
// (testdata/discord-api-spec, see SOURCE.md there).
type apiSpec struct {
	compiler *jsonschema.Compiler
	routes   []specRoute

	mu      sync.Mutex
	schemas map[string]*jsonschema.Schema // by "METHOD template"
}

type specRoute struct {
	template string
	re       *regexp.Regexp
	literals int // literal segments: "/users/@me/channels" beats "/users/{user_id}/channels"
	methods  map[string]bool
}

const specURL = "file:///discord-api-spec/openapi.json"

var (
	specOnce sync.Once
	spec     *apiSpec
	specErr  error
)

// loadSpec parses the spec once per test binary: it is over a megabyte.
func loadSpec(t testing.TB) *apiSpec {
	t.Helper()
	specOnce.Do(func() { spec, specErr = newAPISpec(filepath.Join("testdata", "discord-api-spec", "openapi.json")) })
	if specErr != nil {
		t.Fatalf("load Discord OpenAPI spec: %v", specErr)
	}
	return spec
}

func newAPISpec(file string) (*apiSpec, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", file, err)
	}
	acceptPermissionStrings(doc)
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(specURL, doc); err != nil {
		return nil, err
	}
	a := &apiSpec{compiler: c, schemas: map[string]*jsonschema.Schema{}}
	paths, _ := doc.(map[string]any)["paths"].(map[string]any)
	for tmpl, item := range paths {
		r := specRoute{template: tmpl, methods: map[string]bool{}}
		var pat strings.Builder
		for _, seg := range strings.Split(strings.TrimPrefix(tmpl, "/"), "/") {
			pat.WriteString("/")
			if strings.HasPrefix(seg, "{") {
				pat.WriteString("[^/]+")
			} else {
				pat.WriteString(regexp.QuoteMeta(seg))
				r.literals++
			}
		}
		r.re = regexp.MustCompile("^" + pat.String() + "$")
		for m := range item.(map[string]any) {
			r.methods[strings.ToUpper(m)] = true
		}
		a.routes = append(a.routes, r)
	}
	// Deterministic choice between templates that match the same path.
	sort.Slice(a.routes, func(i, j int) bool {
		if a.routes[i].literals != a.routes[j].literals {
			return a.routes[i].literals > a.routes[j].literals
		}
		return a.routes[i].template < a.routes[j].template
	})
	return a, nil
}

// acceptPermissionStrings lets permission bit sets be decimal strings.
// Discord documents them as strings and discordgo sends them so, while this
// schema types them as integers in 0 … 2^54−1 (see SOURCE.md).
func acceptPermissionStrings(v any) {
	switch v := v.(type) {
	case map[string]any:
		if isPermissionBitset(v) {
			types := []any{"integer", "string"}
			if ts, ok := v["type"].([]any); ok {
				for _, t := range ts {
					if t == "null" {
						types = append(types, "null")
					}
				}
			}
			v["type"] = types
			v["pattern"] = "^[0-9]+$" // applies to strings only
		}
		for _, x := range v {
			acceptPermissionStrings(x)
		}
	case []any:
		for _, x := range v {
			acceptPermissionStrings(x)
		}
	}
}

func isPermissionBitset(m map[string]any) bool {
	max, ok := m["maximum"]
	return ok && fmt.Sprint(max) == "18014398509481983"
}

// route finds the spec's path template for a request path such as
// /applications/1/commands (without the /api/vN prefix).
func (a *apiSpec) route(method, path string) (string, bool) {
	for _, r := range a.routes {
		if r.methods[method] && r.re.MatchString(path) {
			return r.template, true
		}
	}
	return "", false
}

// Validate checks a JSON request body against the schema of its route.
func (a *apiSpec) Validate(method, path string, body []byte) error {
	tmpl, ok := a.route(method, path)
	if !ok {
		return fmt.Errorf("%s %s: no such route in Discord's API", method, path)
	}
	sch, err := a.schema(method, tmpl)
	if err != nil {
		return err
	}
	if sch == nil {
		if len(bytes.TrimSpace(body)) > 0 {
			return fmt.Errorf("%s %s: route takes no body, got %d bytes", method, tmpl, len(body))
		}
		return nil
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s %s: body is not JSON: %w", method, tmpl, err)
	}
	if err := sch.Validate(v); err != nil {
		return fmt.Errorf("%s %s: %w", method, tmpl, err)
	}
	return nil
}

// schema compiles (once) the application/json request body schema of a
// route; nil means the route takes no body.
func (a *apiSpec) schema(method, tmpl string) (*jsonschema.Schema, error) {
	key := method + " " + tmpl
	a.mu.Lock()
	defer a.mu.Unlock()
	if s, ok := a.schemas[key]; ok {
		return s, nil
	}
	ptr := "/paths/" + escapePointer(tmpl) + "/" + strings.ToLower(method) + "/requestBody/content/application~1json/schema"
	s, err := a.compiler.Compile(specURL + "#" + (&url.URL{Fragment: ptr}).EscapedFragment())
	if err != nil {
		if strings.Contains(err.Error(), "not found") || strings.Contains(err.Error(), "JSON pointer") {
			a.schemas[key] = nil
			return nil, nil
		}
		return nil, fmt.Errorf("compile schema for %s: %w", key, err)
	}
	a.schemas[key] = s
	return s, nil
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
