package answer

import (
	"slices"
	"testing"
)

func TestLeansBack(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"He said the troops fought bravely.", true},
		{"They were honoured at a ceremony.", true},
		{"It was held on Friday.", true},
		{"However, the toll is unclear.", true},
		{"But South Korean officials disagreed.", true},
		{"This was the first such ceremony.", true},
		{"Their families attended.", true},
		{"“It proved the power of the army,” he said.", true},
		{"\"They fought bravely,\" Kim said.", true},
		{"Kim said the troops fought bravely.", false},
		{"Heroes were honoured.", false},  // not "he"
		{"Theirs was a hard war.", false}, // not "their"
		{"Italy was not involved.", false},
		{"About 600 soldiers died.", false},
		{"", false},
		{"...", false},
	}
	for _, tc := range tests {
		if got := leansBack(tc.text); got != tc.want {
			t.Errorf("leansBack(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestSimilar(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"About 600 soldiers died in the war.", "About 600 soldiers died in the war.", true},
		{"About 600 soldiers died in the war.", "About 600 soldiers died in the war, officials said.", true},
		{"About 600 troops died in the war.", "ABOUT 600 TROOPS DIED IN THE WAR!", true},
		{"About 600 soldiers died in the war.", "Medals were awarded to the returning troops.", false},
		{"About 600 soldiers died in the war.", "About 4,000 soldiers were sent to Kursk.", false},
		// Words of one or two letters do not count; with none left, nothing is similar.
		{"a b", "a b", false},
		{"", "", false},
		{"", "About 600 soldiers died.", false},
	}
	for _, tc := range tests {
		if got := similar(tc.a, tc.b); got != tc.want {
			t.Errorf("similar(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := similar(tc.b, tc.a); got != tc.want {
			t.Errorf("similar(%q, %q) = %v, want %v (not symmetric)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestContainsWords(t *testing.T) {
	tests := []struct {
		s, w string
		want bool
	}{
		{"how many soldiers died in 2024", "24", false},
		{"how many soldiers died in 2024", "2024", true},
		{"where is kursk", "kursk", true},
		{"where is kursk oblast", "kursk", true},
		{"the kurskaya line", "kursk", false},
		{"24 soldiers, 24 more", "24", true},
		{"x2024 and 2024", "2024", true},
		{"anything", "", true},
	}
	for _, tc := range tests {
		if got := containsWords(tc.s, tc.w); got != tc.want {
			t.Errorf("containsWords(%q, %q) = %v, want %v", tc.s, tc.w, got, tc.want)
		}
	}
}

func TestNumbersAreNotDays(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"On June 30, state television showed coffins.", nil},
		{"state media reported on Aug. 21.", nil},
		{"in this photo released on August 22, 2025", nil},
		{"on 21 August the agency said", nil},
		{"about 600 soldiers died", []string{"600"}},
		{"In May 2,000 troops were sent", []string{"2,000"}},
		{"June 30 brought news of 101 deaths", []string{"101"}},
	}
	for _, tc := range tests {
		if got := found(kindNumber, tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("numbers in %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// found lists the answers of kind k that findKind finds in text.
func found(k kind, text string) []string {
	var out []string
	for _, m := range findKind(k, text) {
		out = append(out, text[m[0]:m[1]])
	}
	return out
}

func TestPlacesAreNotTimesOrTitles(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"state media said on Friday", nil},
		{"confirmed in April that troops were sent", nil},
		{"a message to President Vladimir Putin", nil},
		{"a ceremony held in Pyongyang", []string{"in Pyongyang"}},
		{"sent in April to the Kursk region", []string{"to the Kursk"}},
	}
	for _, tc := range tests {
		if got := found(kindPlace, tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("places in %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A question of a narrower kind wants narrower evidence: one about what
// someone called someone a naming ("hailed them as", "called"), not any
// words said; one about the time of day a time, not any date. One of the
// broader kind takes either.
func TestNarrowerEvidence(t *testing.T) {
	for _, tc := range []struct {
		broad, narrow string
		f             int
		qs            map[string][2]float64 // question → evidence of broad, narrow
	}{
		{
			broad: "Kim said the soldiers had fought bravely.", narrow: "Kim hailed the soldiers as heroes of the nation.", f: fKindSay,
			qs: map[string][2]float64{
				"what did kim call the soldiers":      {0, 1},
				"how did kim describe the soldiers":   {0, 1},
				"what did kim say about the soldiers": {1, 1},
			},
		},
		{
			broad: "The ceremony started on Friday.", narrow: "The ceremony started at 10:30 that morning.", f: fKindDate,
			qs: map[string][2]float64{
				"what time did the ceremony start": {0, 1},
				"when did the ceremony start":      {1, 1},
			},
		},
	} {
		f := newFake(fakeArticle{id: "a", paras: [][]string{{tc.broad}, {tc.narrow}}})
		lex := newLexicon(f)
		for question, want := range tc.qs {
			q := analyse(f, lex, question)
			hits, err := f.Search(t.Context(), queryTerms(f, q), 10)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range describe(f, &q, hits) {
				w := map[string]float64{tc.broad: want[0], tc.narrow: want[1]}[c.quote]
				if got := c.f[tc.f]; got != w {
					t.Errorf("%q: kind evidence of %q = %v, want %v", question, c.quote, got, w)
				}
			}
		}
	}
}
