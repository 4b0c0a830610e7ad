package answer

import (
	"bufio"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// gatedPatterns are the patterns asked of questions through mayMatch.
func gatedPatterns() map[string]*regexp.Regexp {
	out := map[string]*regexp.Regexp{
		"sayQuestionRE": sayQuestionRE, "possessiveSayRE": possessiveSayRE,
		"metaArticleNounRE": metaArticleNounRE, "metaArticleRE": metaArticleRE, "metaAuthorRE": metaAuthorRE,
		"metaCalledRE": metaCalledRE, "metaDateRE": metaDateRE, "metaEditorRE": metaEditorRE,
		"metaEditorReportRE": metaEditorReportRE, "metaFiledRE": metaFiledRE, "metaForOutletRE": metaForOutletRE,
		"metaGistRE": metaGistRE, "metaHeadlineRE": metaHeadlineRE, "metaNewestRE": metaNewestRE,
		"metaOldestRE": metaOldestRE, "metaOutletSaysRE": metaOutletSaysRE, "metaOutletsRE": metaOutletsRE,
		"metaPublishRE": metaPublishRE, "metaPublishedRE": metaPublishedRE, "metaReadRE": metaReadRE,
		"metaUpdateRE": metaUpdateRE, "metaWhoIsRE": metaWhoIsRE, "metaWriterBehindRE": metaWriterBehindRE,
		"metaArticleNamedRE": metaArticleNamedRE, "metaRecentRE": metaRecentRE,
	}
	for i, c := range kindCues {
		out["kindCues "+c.kind.String()+string(rune('0'+i))] = c.re
	}
	for i, c := range anywhereCues {
		out["anywhereCues "+c.kind.String()+string(rune('0'+i))] = c.re
	}
	for i, c := range nounCues {
		out["nounCues "+c.kind.String()+string(rune('0'+i))] = c.re
	}
	return out
}

// TestGatesNeverMissAMatch: a gate only ever skips a pattern that would
// not have matched, over the story's questions, the phrasings of
// questions about the articles and the suggestions, as the engine reads
// them (lower-cased, and as chatNormal spells them).
func TestGatesNeverMissAMatch(t *testing.T) {
	var questions []string
	f, err := os.Open("../cmd/bot/testdata/devset.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var d struct {
			Q string `json:"q"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		questions = append(questions, d.Q)
	}
	phrasings, err := os.ReadFile("testdata/meta_phrasings.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(phrasings), "\n") {
		if cols := strings.SplitN(line, "|", 4); len(cols) == 4 && !strings.HasPrefix(line, "#") {
			questions = append(questions, strings.TrimSpace(cols[3]))
		}
	}
	questions = append(questions, starters...)
	gated := 0
	for name, re := range gatedPatterns() {
		if gateOf(re) != nil {
			gated++
		}
		for _, q := range questions {
			for _, lower := range []string{strings.ToLower(q), chatNormal(asciiLower(q)), metaNormal(strings.ToLower(q))} {
				if re.MatchString(lower) && !mayMatch(re, lower) {
					t.Errorf("%s: gate %q skips %q, which it matches", name, gateOf(re), lower)
				}
			}
		}
	}
	if gated < len(gatedPatterns())/2 {
		t.Errorf("only %d of %d patterns have a gate", gated, len(gatedPatterns()))
	}
}

func TestGateOf(t *testing.T) {
	for _, tc := range []struct {
		re   string
		want []string
	}{
		{`\bwhat (?:did|does) (\w+ ){1,3}say\b`, []string{"what "}},
		{`\b(?:who|whom)\b`, []string{"who"}}, // simplified to who(?:m)?
		{`(?i)\bSAID\b`, []string{"said"}},
		{`\bx?y*\b`, nil},
		{`\bNorth\b`, nil}, // never in a lower-cased question: no gate
		{`(?:a|b*)c{0,2}`, nil},
	} {
		got := gateOf(regexp.MustCompile(tc.re))
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("gateOf(%s) = %q, want %q", tc.re, got, tc.want)
		}
	}
}
