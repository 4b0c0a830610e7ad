package index

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// seedsDir is the real seed articles the bot ships with.
var seedsDir = filepath.Join("..", "seeds")

// texts returns the passages of a as text, in order.
func texts(a Article, ps []Passage) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Text(a.Body)
	}
	return out
}

// checkPassages asserts what must hold for every passage of every body:
// each is an exact, trimmed, non-empty byte range of the body, in reading
// order, and none overlaps the one before.
func checkPassages(t testing.TB, body string, ps []Passage) {
	t.Helper()
	prevEnd := 0
	for i, p := range ps {
		if p.Seq != i {
			t.Errorf("passage %d has Seq %d", i, p.Seq)
		}
		if p.Start < prevEnd || p.Start >= p.End || p.End > len(body) {
			t.Fatalf("passage %d is [%d:%d], previous ended at %d, body is %d bytes", i, p.Start, p.End, prevEnd, len(body))
		}
		if i > 0 && p.Para < ps[i-1].Para {
			t.Errorf("passage %d is in paragraph %d, after paragraph %d", i, p.Para, ps[i-1].Para)
		}
		text := p.Text(body)
		if text != body[p.Start:p.End] {
			t.Errorf("passage %d: Text %q is not body[%d:%d]", i, text, p.Start, p.End)
		}
		first, _ := utf8.DecodeRuneInString(text)
		last, _ := utf8.DecodeLastRuneInString(text)
		if unicode.IsSpace(first) || unicode.IsSpace(last) {
			t.Errorf("passage %d %q has surrounding white space", i, text)
		}
		prevEnd = p.End
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{
			name: "honorific Mr.",
			body: "Mr. Kim met the troops on Friday. He gave them medals.",
			want: []string{"Mr. Kim met the troops on Friday.", "He gave them medals."},
		},
		{
			name: "abbreviated month",
			body: "The ceremony was held on Aug. 22 in Pyongyang. It lasted two hours.",
			want: []string{"The ceremony was held on Aug. 22 in Pyongyang.", "It lasted two hours."},
		},
		{
			name: "the items of a list a sentence introduces",
			body: "Triumph Motorcycles may refer to:\nTriumph Engineering Co Ltd, a defunct British motorcycle manufacturer\nTriumph Motorcycles Ltd , a current British motorcycle manufacturer\nTriumph (TWN) , a defunct German motorcycle manufacturer",
			want: []string{"Triumph Motorcycles may refer to:", "Triumph Engineering Co Ltd, a defunct British motorcycle manufacturer",
				"Triumph Motorcycles Ltd , a current British motorcycle manufacturer", "Triumph (TWN) , a defunct German motorcycle manufacturer"},
		},
		{
			name: "marked items",
			body: "The new measures include the following:\n- higher tariffs on steel and aluminium\n- new controls on exports of chips",
			want: []string{"The new measures include the following:", "- higher tariffs on steel and aluminium", "- new controls on exports of chips"},
		},
		{
			name: "a newsletter box, related headlines and buttons are no list",
			body: "Sign up for our newsletter:\nGet the latest news delivered to your inbox every morning\nWe respect your privacy, and you can unsubscribe at any time\n" +
				"You may also be interested in:\nKim honours troops who fought for Russia\nNorth Korea says its soldiers were heroes in Kursk\n" +
				"Follow us on social media:\nLike us on Facebook",
			want: []string{"You may also be interested in:"},
		},
		{
			name: "a label's line, a tag list and a headline are no list",
			body: "Read more:\nKim honours troops who fought for Russia\nThe story is filed under these tags:\nPolitics World Asia North Korea\nKim Jong Un Hails Troops As Heroes",
			want: []string{"The story is filed under these tags:"},
		},
		{
			name: "closing quotes spaced off, as tokenised newswire writes them",
			body: "He borrowed his mantra , `` Greed is good , '' from the film `` Wall Street. ''",
			want: []string{"He borrowed his mantra , `` Greed is good , '' from the film `` Wall Street. ''"},
		},
		{
			name: "U.S. mid-sentence",
			body: "U.S. officials said the troops were in Kursk. They gave no number.",
			want: []string{"U.S. officials said the troops were in Kursk.", "They gave no number."},
		},
		{
			name: "U.S. before officials at the end",
			body: "The figure came from South Korean, Ukrainian and U.S. officials. Russia did not comment.",
			want: []string{"The figure came from South Korean, Ukrainian and U.S. officials.", "Russia did not comment."},
		},
		{
			name: "hyphenated name",
			body: "Kim Jong-un spoke at the ceremony in the capital. Relatives of the dead wept.",
			want: []string{"Kim Jong-un spoke at the ceremony in the capital.", "Relatives of the dead wept."},
		},
		{
			name: "middle initial",
			body: "After President Vladimir V. Putin met with Mr. Kim in Pyongyang, they signed a treaty. Troops followed.",
			want: []string{"After President Vladimir V. Putin met with Mr. Kim in Pyongyang, they signed a treaty.", "Troops followed."},
		},
		{
			name: "straight quote after full stop",
			body: `He said the troops were "heroes of the nation." The crowd cheered loudly.`,
			want: []string{`He said the troops were "heroes of the nation."`, "The crowd cheered loudly."},
		},
		{
			name: "curly quote after full stop",
			body: "He called them “great heroes and patriots.” The crowd cheered loudly.",
			want: []string{"He called them “great heroes and patriots.”", "The crowd cheered loudly."},
		},
		{
			name: "comma inside curly quote",
			body: "They were hailed as “martyrs,” the agency said in its report. Nobody disputed it.",
			want: []string{"They were hailed as “martyrs,” the agency said in its report.", "Nobody disputed it."},
		},
		{
			name: "thousands separator",
			body: "About 15,000 troops were sent to Russia last year. Many have returned.",
			want: []string{"About 15,000 troops were sent to Russia last year.", "Many have returned."},
		},
		{
			name: "number range with en dash",
			body: "An additional 20,000–30,000 troops may be sent soon. That is an estimate.",
			want: []string{"An additional 20,000–30,000 troops may be sent soon.", "That is an estimate."},
		},
		{
			name: "p.m. mid-sentence",
			body: "The ceremony began at 7 p.m. local time in the capital. It ended late.",
			want: []string{"The ceremony began at 7 p.m. local time in the capital.", "It ended late."},
		},
		{
			name: "p.m. ends a sentence",
			body: "The ceremony began at 7 p.m. It ended late at night.",
			want: []string{"The ceremony began at 7 p.m.", "It ended late at night."},
		},
		{
			name: "ellipsis inside a quote",
			body: `Kim said: "The combat activities of overseas operational forces... proved without regret the power of the heroic army", KCNA said. Officials agreed.`,
			want: []string{`Kim said: "The combat activities of overseas operational forces... proved without regret the power of the heroic army", KCNA said.`, "Officials agreed."},
		},
		{
			name: "spaced ellipsis character inside a quote",
			body: "“The combat activities of overseas operational forces … proved without regret the power of the heroic army,” Kim said. Officials agreed.",
			want: []string{"“The combat activities of overseas operational forces … proved without regret the power of the heroic army,” Kim said.", "Officials agreed."},
		},
		{
			name: "several abbreviations",
			body: "Dr. Lee and Gen. Park arrived on Jan. 5 at 10 a.m. sharp. Nobody met them.",
			want: []string{"Dr. Lee and Gen. Park arrived on Jan. 5 at 10 a.m. sharp.", "Nobody met them."},
		},
		{
			name: "question and exclamation",
			body: "Why did the troops go to Kursk? Nobody in Seoul could say! The ministry declined to comment.",
			want: []string{"Why did the troops go to Kursk?", "Nobody in Seoul could say!", "The ministry declined to comment."},
		},
		{
			name: "paragraphs never share a passage",
			body: "The first paragraph ends here without a break\nThe second paragraph is a full sentence of prose.\n\n  The third one is indented and has trailing space.  \n",
			want: []string{"The second paragraph is a full sentence of prose.", "The third one is indented and has trailing space."},
		},
		{
			name: "a paragraph that introduces a list",
			body: "Some inputs are faster to solve than others. We define the following complexities:\n\nRead more:\n\nBest case\n",
			want: []string{"Some inputs are faster to solve than others.", "We define the following complexities:"},
		},
		{
			name: "a page reference after the last full stop",
			body: "If no external force acts on the system, its centre of mass does not accelerate. If one does, the acceleration is the force divided by the mass of the system.:19-1\nRelated topics in physics",
			want: []string{"If no external force acts on the system, its centre of mass does not accelerate.", "If one does, the acceleration is the force divided by the mass of the system.:19-1"},
		},
		{
			name: "CRLF line ends",
			body: "The first paragraph is a full sentence of prose.\r\n\r\nThe second one is also a sentence. It has two.\r\n",
			want: []string{"The first paragraph is a full sentence of prose.", "The second one is also a sentence.", "It has two."},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Article{ID: "a.md", Body: tc.body}
			ps := Split(a)
			checkPassages(t, a.Body, ps)
			got := texts(a, ps)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("sentences:\n got %q\nwant %q", got, tc.want)
			}
			for _, p := range ps {
				if p.Caption || p.ArticleID != a.ID {
					t.Errorf("passage %q: Caption=%v ArticleID=%q", p.Text(a.Body), p.Caption, p.ArticleID)
				}
			}
		})
	}
}

// TestSplitNoSentences: a text with no sentence at all, such as a list of
// names and dates, keeps its lines that read as prose but for the full
// stop; its title and a button do not become passages.
func TestSplitNoSentences(t *testing.T) {
	data := "Artists and the years they were born\n\nROBERT RAUSCHENBERG -LRB- American , born in 1925 -RRB-\n" +
		"Read Entire Article\nLike us on Facebook\nFRANK GEHRY -LRB- American , born in 1929 -RRB-\n"
	a, ps, err := parse("artists.txt", []byte(data), true)
	if err != nil {
		t.Fatal(err)
	}
	checkPassages(t, a.Body, ps)
	want := []string{"ROBERT RAUSCHENBERG -LRB- American , born in 1925 -RRB-", "FRANK GEHRY -LRB- American , born in 1929 -RRB-"}
	if got := texts(a, ps); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("passages %q, want %q", got, want)
	}
	// Where the text has a sentence, such lines stay furniture.
	a, ps, err = parse("artists.txt", []byte(data+"Both are American artists.\n"), true)
	if err != nil {
		t.Fatal(err)
	}
	if got := texts(a, ps); len(got) != 1 || got[0] != "Both are American artists." {
		t.Errorf("with a sentence: passages %q, want only the sentence", got)
	}
}

func TestSplitParagraphNumbers(t *testing.T) {
	a := Article{ID: "a.md", Body: "Headline without a stop\n\nOne sentence here is prose. Another sentence follows it.\n\nA third sentence stands alone here."}
	ps := Split(a)
	checkPassages(t, a.Body, ps)
	var paras []int
	for _, p := range ps {
		paras = append(paras, p.Para)
	}
	// The two sentences of one paragraph share a number; the next
	// paragraph's differs.
	if len(paras) != 3 || paras[0] != paras[1] || paras[1] == paras[2] {
		t.Errorf("paragraph numbers %v, want two equal then a different one", paras)
	}
}

// loadSeeds loads the real seeds and fails if any is skipped.
func loadSeeds(t testing.TB) map[string]Article {
	t.Helper()
	articles, skipped, err := loadDir(seedsDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(skipped) > 0 || len(articles) != 5 {
		t.Fatalf("loaded %d seeds, skipped %v; want 5 and none", len(articles), skipped)
	}
	out := map[string]Article{}
	for _, a := range articles {
		if !slices.Equal(a.passages, Split(a.Article)) {
			t.Errorf("%s: the passages kept from loading are not Split's", a.ID)
		}
		out[a.ID] = a.Article
	}
	return out
}

func TestSplitSeedsInvariants(t *testing.T) {
	for id, a := range loadSeeds(t) {
		t.Run(id, func(t *testing.T) {
			ps := Split(a)
			if len(ps) < 8 {
				t.Fatalf("%d passages, want at least 8", len(ps))
			}
			checkPassages(t, a.Body, ps)
		})
	}
}

func TestSplitSeedsDropFurniture(t *testing.T) {
	seeds := loadSeeds(t)
	var all []string
	for _, a := range seeds {
		all = append(all, texts(a, Split(a))...)
	}
	// Each of these is page furniture in a seed; no passage may hold it.
	furniture := []string{
		"2 hours ago 2",
		"Read Entire Article",
		"From Twitter",
		"Comments",
		"Become a member",
		"2 min read",
		"Avatar",
		"By Joyce Lee and Ju-min Park",
		"by Olena Goncharova",
		"Choe Sang-Hun is the lead reporter",
		"Olena Goncharova is the Head of North America desk",
		"She is based in Edmonton",
		"Head of North America desk",
		"North KoreaRussiaKim Jong UnMilitary aidRussian troops",
		"ABC.es",
		"(Reporting by",
		"additional reporting by Heejin Kim",
		"Aug. 22, 2025, 7:12 a.m. ET",
		"Credit...",
		"Korean Central News Agency, via Reuters",
		"(Photo by",
		"Brendan Smialowski",
		"KCNA via REUTERS",
		"PHOTO CAPTION",
		"date 2025-08-22",
	}
	for _, f := range furniture {
		t.Run(f, func(t *testing.T) {
			for _, p := range all {
				if strings.Contains(p, f) {
					t.Errorf("passage %q holds furniture %q", p, f)
				}
			}
		})
	}
	// Article text that must come back whole, as one passage each.
	prose := []struct {
		id, text string
	}{
		{"000-reuters-kim-decorates-soldiers.md", "About 600 North Korean troops have been killed fighting for Russia against Ukraine out of a total deployment of 15,000, South Korean lawmakers said in April, citing the country's intelligence agency."},
		{"000-reuters-kim-decorates-soldiers.md", `Kim said in a speech quoted by KCNA: "The combat activities of overseas operational forces... proved without regret the power of the heroic (North Korean) army", and the "liberation of Kursk" proved the "fighting spirit of the heroes".`},
		{"001-nyt-north-korea-honors-soldiers.md", "After President Vladimir V. Putin met with Mr. Kim in Pyongyang in June last year and signed a treaty of mutual defense and cooperation, North Korea also began sending troops."},
		{"001-nyt-north-korea-honors-soldiers.md", "North Korea has sent an estimated 14,000 to 15,000 troops, as well as large shipments of artillery shells, missiles and other weapons, to aid Russia’s war efforts, according to South Korean, Ukrainian and U.S. officials."},
		{"001-nyt-north-korea-honors-soldiers.md", "The North’s state media quoted Mr. Kim as saying that his country’s overseas military operations had reached a “victorious conclusion.”"},
		{"002-kyiv-independent-kim-awards-troops.md", "North Korean leader Kim Jong Un publicly decorated soldiers who fought alongside Russian forces in the war against Ukraine, state media reported on Aug. 21."},
		{"002-kyiv-independent-kim-awards-troops.md", "Ukrainian officials now assess that Pyongyang has expanded its deployment, sending an additional 20,000 to 30,000 troops, though a senior Western diplomat told the Kyiv Independent that the true number may be lower."},
		{"003-kim-praises-soldiers-as-heroes.md", "“The combat activities of overseas operational forces … proved without regret the power of the heroic [North Korean] army,” Kim was quoted by the Korean Central News Agency (KCNA) as saying."},
		{"004-abc-kim-pays-tribute.md", "US President Donald Trump has held high-level talks with Russian and Ukrainian leaders in recent days in an attempt to end the conflict, but there has been little tangible progress since then."},
	}
	for _, tc := range prose {
		t.Run("prose "+tc.id+" "+tc.text[:30], func(t *testing.T) {
			a := seeds[tc.id]
			for _, p := range Split(a) {
				if p.Text(a.Body) == tc.text {
					if p.Caption {
						t.Errorf("prose %q is marked as a caption", tc.text)
					}
					return
				}
			}
			t.Errorf("no passage of %s is exactly %q", tc.id, tc.text)
		})
	}
}

func TestSplitSeedsCaptions(t *testing.T) {
	seeds := loadSeeds(t)
	// Each seed's photo captions, without label or credit.
	want := map[string][]string{
		"000-reuters-kim-decorates-soldiers.md": {
			"North Korean leader Kim Jong attends a national commendation ceremony for the commanders and fighters of the Korean People's Army's overseas operations unit, at the headquarters of the Central Committee of the Korean Workers' Party, in Pyongyang, North Korea, in this photo released on August 22, 2025 by North Korea's Korean Central News Agency (KCNA).",
		},
		"001-nyt-north-korea-honors-soldiers.md": {
			"Kim Jong-un stands before a wall of photos of soldiers in uniform.",
			"A photo released by North Korean state media on Friday showed Kim Jong Un, the leader of North Korea, at a ceremony for soldiers who had fought in the war in Ukraine.",
		},
		"002-kyiv-independent-kim-awards-troops.md": {
			"North Korean dictator Kim Jong Un in June, 2019.",
		},
		"003-kim-praises-soldiers-as-heroes.md": nil,
		"004-abc-kim-pays-tribute.md":           nil,
	}
	for id, captions := range want {
		t.Run(id, func(t *testing.T) {
			a := seeds[id]
			var got []string
			for _, p := range Split(a) {
				if p.Caption {
					got = append(got, p.Text(a.Body))
				}
			}
			if strings.Join(got, "\n") != strings.Join(captions, "\n") {
				t.Errorf("captions:\n got %q\nwant %q", got, captions)
			}
		})
	}
}

func TestSplitCaptionForms(t *testing.T) {
	tests := []struct {
		name, line, want string
	}{
		{"label", "PHOTO CAPTION: Soldiers line up for the ceremony in Pyongyang. KCNA via REUTERS", "Soldiers line up for the ceremony in Pyongyang."},
		{"NYT credit", "Soldiers line up for the ceremony in Pyongyang.Credit...Korean Central News Agency, via Reuters", "Soldiers line up for the ceremony in Pyongyang."},
		{"photo by", "Soldiers line up for the ceremony in Pyongyang. (Photo by Jane Doe / AFP via Getty Images)", "Soldiers line up for the ceremony in Pyongyang."},
		{"image label", "Image: Kim hugs a returning soldier at the ceremony.", "Kim hugs a returning soldier at the ceremony."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Two sentences above the caption are prose; a lone one would
			// be taken for the photo's alt text.
			a := Article{ID: "a.md", Body: "The first sentence of the article is here. A second one follows it.\n" + tc.line + "\n"}
			ps := Split(a)
			checkPassages(t, a.Body, ps)
			if len(ps) != 3 || ps[0].Caption || ps[1].Caption || !ps[2].Caption || ps[2].Text(a.Body) != tc.want {
				t.Errorf("passages %q (captions %v), want two of prose then caption %q", texts(a, ps), captionFlags(ps), tc.want)
			}
		})
	}
}

func TestSplitAltTextAboveCaption(t *testing.T) {
	a := Article{ID: "a.md", Body: "Kim stands before a wall of photos.\nA photo released on Friday showed Kim at the ceremony.Credit...KCNA, via Reuters\n"}
	ps := Split(a)
	checkPassages(t, a.Body, ps)
	want := []string{"Kim stands before a wall of photos.", "A photo released on Friday showed Kim at the ceremony."}
	if got := texts(a, ps); strings.Join(got, "\n") != strings.Join(want, "\n") || !ps[0].Caption || !ps[1].Caption {
		t.Errorf("passages %q (captions %v), want %q both captions", got, captionFlags(ps), want)
	}
}

func captionFlags(ps []Passage) []bool {
	out := make([]bool, len(ps))
	for i, p := range ps {
		out[i] = p.Caption
	}
	return out
}

// readSeed reads one real seed file.
func readSeed(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(seedsDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
