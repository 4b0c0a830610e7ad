package answer

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestCleanQuestion(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want string
		err  error
	}{
		{"plain", "how many soldiers died?", "how many soldiers died?", nil},
		{"empty", "", "", ErrEmptyQuestion},
		{"whitespace only", " \t\r\n\v\f\u00a0\u2003\u2028 ", "", ErrEmptyQuestion},
		{"control characters only", "\x00\x01\x1b\x7f\u0085\u200b\ufeff", "", ErrEmptyQuestion},
		{"runs of space collapse", "  how   many\t\tsoldiers \n died  ", "how many soldiers died", nil},
		{"NUL becomes a space", "how\x00many", "how many", nil},
		{"C0 and C1 controls become spaces", "how\x07many\u0085soldiers\x7fdied", "how many soldiers died", nil},
		{"format characters become spaces", "how\u200bmany\ufeffsoldiers", "how many soldiers", nil},
		{"invalid UTF-8 becomes a space", "how\xffmany\xc3\x28soldiers", "how many (soldiers", nil},
		{"only invalid UTF-8", "\xff\xfe\xfd", "", ErrEmptyQuestion},
		{"mixed scripts kept", "Сколько солдат 死亡 كم عدد", "Сколько солдат 死亡 كم عدد", nil},
		{"emoji kept", "how many 🪖 died", "how many 🪖 died", nil},
		{"at the limit", strings.Repeat("a", MaxQuestionRunes), strings.Repeat("a", MaxQuestionRunes), nil},
		{"at the limit in runes, not bytes", strings.Repeat("é", MaxQuestionRunes), strings.Repeat("é", MaxQuestionRunes), nil},
		{"one rune over", strings.Repeat("a", MaxQuestionRunes+1), "", ErrLongQuestion},
		{"over after cleaning", strings.Repeat("ab ", MaxQuestionRunes/2), "", ErrLongQuestion},
		{"100 kB", strings.Repeat("how many soldiers died? ", 100<<10/24), "", ErrLongQuestion},
		{"100 kB of one word", strings.Repeat("x", 100<<10), "", ErrLongQuestion},
		{"100 kB of NUL", strings.Repeat("\x00", 100<<10), "", ErrLongQuestion},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cleanQuestion(tc.raw)
			if !errors.Is(err, tc.err) {
				t.Fatalf("cleanQuestion(%.40q) error = %v, want %v", tc.raw, err, tc.err)
			}
			if got != tc.want {
				t.Errorf("cleanQuestion(%.40q) = %.60q, want %.60q", tc.raw, got, tc.want)
			}
		})
	}
}

// TestCleanQuestionANSI: a question pasted from a terminal keeps its colour
// codes. The ESC byte becomes a space, but the rest of each escape sequence
// ("[31m") sticks to the next word, so "how" is lost and a word no article
// holds ("31mhow") is added.
// TestWithoutChatMarkup: mentions, custom emoji and links say nothing of
// what is asked; as words no article has, they made a question look less
// answerable.
func TestWithoutChatMarkup(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"<@123456789> how many <@!42> soldiers died <@&7> <#99>", "how many soldiers died"},
		{"how many died <:salute:1234> <a:cry:5678>", "how many died"},
		{"how many died https://example.com/a?b=c", "how many died"},
		{"<@123456789>", ""},
		{"is 3 < 4: yes", "is 3 < 4: yes"},
		// A label before the question: before, "Q: how many died" was
		// answered at confidence 0.30 against 0.69, "q" a word no article
		// has.
		{"Q: how many died?", "how many died?"},
		{"question - who wrote it", "who wrote it"},
		{"quick q:how many died", "how many died"},
		{"qatar: how many died", "qatar: how many died"},
		{"what is q: the answer", "what is q: the answer"},
		{"troops - how many", "troops - how many"},
	} {
		if got := withoutChatMarkup(tc.text); got != tc.want {
			t.Errorf("withoutChatMarkup(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestCleanQuestionANSI(t *testing.T) {
	for _, raw := range []string{
		"\x1b[31mhow many soldiers died\x1b[0m",
		"\x1b[1;32mhow many soldiers died\x1b[m",
		"\x1b]0;title\x07how many soldiers died",
	} {
		got, err := cleanQuestion(raw)
		if err != nil || got != "how many soldiers died" {
			t.Errorf("cleanQuestion(%q) = %q, %v; want %q", raw, got, err, "how many soldiers died")
		}
	}
}

func TestQuestionKind(t *testing.T) {
	tests := []struct {
		q    string
		want kind
	}{
		{"how many soldiers died", kindNumber},
		{"how much money was paid", kindNumber},
		{"so how many soldiers died", kindNumber},
		{"ok, how many troops were sent", kindNumber},
		{"what number of troops went", kindNumber},
		{"toll of the war?", kindNumber},
		{"tell me where the ceremony was", kindPlace},
		{"where was the ceremony", kindPlace},
		{"which city hosted the ceremony", kindPlace},
		{"when did kim meet the soldiers", kindDate},
		{"what day was the ceremony", kindDate},
		{"since when have troops been in russia", kindDate},
		{"who awarded the medals", kindPerson},
		{"which leader spoke", kindPerson},
		{"i wonder who spoke", kindPerson},
		{"why did kim hold the ceremony", kindReason},
		{"how come troops were sent", kindReason},
		{"and why were they sent", kindReason},
		{"what was the purpose of the deployment", kindReason},
		{"what did putin say about the soldiers", kindSay},
		{"what did the south korean officials call it", kindSay},
		{"how did kim describe the troops", kindSay},
		{"kim's words on kursk?", kindSay},
		{"what were putin's exact words", kindSay},
		{"zelensky's remarks", kindSay},
		// Relative clauses do not say what kind of answer is wanted.
		{"soldiers who died", kindAny},
		{"the soldiers who died in kursk", kindAny},
		{"kim knelt when he looked at the portraits", kindAny},
		{"the place where they fought", kindAny},
		{"medals for troops who fought", kindAny},
		// A greeting or a name before the question word ("hey bot", a
		// mention): a cue that is never relative still counts.
		{"hey bot how many soldiers died", kindNumber},
		{"@storybot where was the ceremony held", kindPlace},
		{"<@123> when did north korea admit it", kindDate},
		{"storybot why did kim hold the ceremony", kindReason},
		{"yo bot what did putin say about the soldiers", kindSay},
		// But not a relative "who", nor "where" or "when" before a subject.
		{"soldiers who were killed", kindAny},
		{"the day when they came back", kindAny},
		{"the place where troops were sent", kindAny},
		// The earliest opening cue wins over a relative one.
		{"how many soldiers who fought died", kindNumber},
		{"where did the soldiers who died fight", kindPlace},
		{"who honoured soldiers when they returned", kindPerson},
		{"", kindAny},
		{"soldiers", kindAny},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			got, loc := questionKind(tc.q)
			if got != tc.want {
				t.Fatalf("questionKind(%q) = %v, want %v", tc.q, got, tc.want)
			}
			if got == kindAny && loc != nil {
				t.Errorf("questionKind(%q) = any with a cue at %v", tc.q, loc)
			}
			if got != kindAny && (loc == nil || loc[0] < 0 || loc[1] > len(tc.q) || loc[0] >= loc[1]) {
				t.Errorf("questionKind(%q) cue at %v, not a span of the question", tc.q, loc)
			}
		})
	}
}

// TestSayCueIsTheVerb: asking what someone said, only the verb is the
// cue; the speaker stays a word to look for.
func TestSayCueIsTheVerb(t *testing.T) {
	q := "what did putin say about the soldiers"
	k, loc := questionKind(q)
	if k != kindSay || q[loc[0]:loc[1]] != "say" {
		t.Fatalf("questionKind(%q) = %v at %v, want say at the verb", q, k, loc)
	}
}

// TestQuestionKindNounCues: the number cues "number of", "toll" and "%"
// are nouns, which seldom open a clause, yet questionKind only takes a cue
// that opens one, so they count only at the very start of a question.
func TestQuestionKindNounCues(t *testing.T) {
	for _, q := range []string{
		"what was the death toll",
		"what is the number of soldiers killed",
		"the death toll?",
		"what % of the troops died",
		"total troops deployed?",
		"whats the casualty count",
	} {
		if got, _ := questionKind(q); got != kindNumber {
			t.Errorf("questionKind(%q) = %v, want number", q, got)
		}
	}
}

func TestQuestionKindChatSpellings(t *testing.T) {
	tests := []struct {
		q    string
		want kind
	}{
		{"wat day was the ceremony", kindDate},
		{"wut number of troops", kindNumber},
		{"hw many soldiers died", kindNumber},
		{"hou many died", kindNumber},
		{"y did kim cry", kindReason},
		{"wy were they sent", kindReason},
		{"wen did they return", kindDate},
		{"wher was the ceremony", kindPlace},
		{"hoo gave the medals", kindPerson},
		// Chat spellings are whole words only.
		{"yes the soldiers died", kindAny},
		{"wattage of the lights", kindAny},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			if got, _ := questionKind(chatNormal(tc.q)); got != tc.want {
				t.Errorf("questionKind(chatNormal(%q)) = %v (normal %q), want %v", tc.q, got, chatNormal(tc.q), tc.want)
			}
		})
	}
}

func TestAnalyseKindAndCueWords(t *testing.T) {
	f := newFake(storyArticles()...)
	lex := newLexicon(f)
	tests := []struct {
		q         string
		kind      kind
		wantWords []string // content words, in order
	}{
		{"how many soldiers died", kindNumber, []string{"soldiers", "died"}},
		{"hw many soldiers died", kindNumber, []string{"soldiers", "died"}},
		// "day" is the cue's word, not what the question is about.
		{"what day was the ceremony", kindDate, []string{"ceremony"}},
		{"soldiers who died", kindAny, []string{"soldiers", "died"}},
		{"tell me where the ceremony was", kindPlace, []string{"ceremony"}},
		{"which country did the soldiers fight in", kindPlace, []string{"soldiers", "fight"}},
		{"which leader awarded medals", kindPerson, []string{"awarded", "medals"}},
		// What an impatient reader says to the bot is not what about.
		{"ugh, where was the damn ceremony", kindPlace, []string{"ceremony"}},
		// Nor are chat's fillers and asides.
		{"ok how many soldiers died fr", kindNumber, []string{"soldiers", "died"}},
		{"btw who wrote it, idk", kindPerson, []string{"wrote"}},
		// Nor are the words that frame a request before its question
		// word, when all before it do.
		{"can you tell me how many soldiers died", kindNumber, []string{"soldiers", "died"}},
		{"(sorry) where did the soldiers die", kindPlace, []string{"soldiers", "die"}},
		{"i want to know where the ceremony was", kindPlace, []string{"ceremony"}},
		{"any idea why the soldiers died", kindReason, []string{"soldiers", "died"}},
		{"hi storybot! how many soldiers died", kindNumber, []string{"soldiers", "died"}},
		{"dude where did the soldiers die", kindPlace, []string{"soldiers", "die"}},
		{"one more question - how many soldiers died", kindNumber, []string{"soldiers", "died"}},
		{"sorry if this was asked before but where was the ceremony", kindPlace, []string{"ceremony"}},
		{"this bot is useless. where did the soldiers die", kindPlace, []string{"soldiers", "die"}},
		{"does anyone have the soldiers' names", kindAny, []string{"soldiers", "names"}},
		{"can you give me the death toll", kindNumber, []string{"death"}},
		{"info on the medals pls", kindAny, []string{"medals"}},
		// Nor does asking for a quote: any quote of the articles is one.
		{"kim apology quote", kindAny, []string{"kim", "apology"}},
		{"putin quotes pls", kindAny, []string{"putin"}},
		{"kim wanted to know how many soldiers died", kindNumber, []string{"kim", "wanted", "soldiers", "died"}},
		// Nor is what a reader adds after the question for courtesy.
		{"how many soldiers died? thanks", kindNumber, []string{"soldiers", "died"}},
		{"how many soldiers died, just curious", kindNumber, []string{"soldiers", "died"}},
		{"how many soldiers died thank you", kindNumber, []string{"soldiers", "died"}},
		{"kim hugged the children, is that true?", kindAny, []string{"kim", "hugged", "children"}},
		{"hey quick q, when did the soldiers die", kindDate, []string{"soldiers", "die"}},
		{"who did kim hug, the children?", kindPerson, []string{"kim", "hug", "children"}},
		// "What X said" asks what someone said, as "what did X say" does.
		{"what kim told the soldiers", kindSay, []string{"kim", "soldiers"}},
		{"can you tell me what kim said", kindSay, []string{"kim"}},
		// "ones" stands for a noun said elsewhere: "the dead ones".
		{"what did he call the dead ones", kindSay, []string{"he", "dead"}},
		// Asking what someone said, the speaker stays: only the verb is the cue.
		{"what did kim tell the soldiers", kindSay, []string{"kim", "soldiers"}},
		// A word typed short moves the words after it, but its cue is
		// still no word of the question, nor is a short stop word.
		{"what did u say about the soldiers", kindSay, []string{"about", "soldiers"}},
		{"hw many soldiers died r they heroes", kindNumber, []string{"soldiers", "died", "heroes"}},
		// A question word left to the end asks as it would at the start.
		{"the soldiers died when exactly", kindDate, []string{"soldiers", "died"}},
		{"the ceremony was where?", kindPlace, []string{"ceremony"}},
		{"kim hugged who", kindPerson, []string{"kim", "hugged"}},
		// Not a "who" or "when" inside it.
		{"soldiers who died when the war began", kindAny, []string{"soldiers", "died", "war", "began"}},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			q := analyse(f, lex, tc.q)
			if q.kind != tc.kind {
				t.Errorf("kind = %v, want %v", q.kind, tc.kind)
			}
			var words []string
			for _, c := range q.concepts {
				words = append(words, c.word)
			}
			if strings.Join(words, " ") != strings.Join(tc.wantWords, " ") {
				t.Errorf("concepts = %q, want %q", words, tc.wantWords)
			}
		})
	}
}

// A question whose only words the articles hold are ones that usually say
// how it asks ("article", "number") is about those words.
func TestAnalyseScaffoldingAlone(t *testing.T) {
	f := newFake(fakeArticle{id: "a", paras: [][]string{{"Article Five of the Constitution describes how it may be altered."}}})
	lex := newLexicon(f)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"what is article 5 about", []string{"article", "5", "about"}},
		// With another word the articles hold, "article" says how.
		{"what does the article say about the constitution", []string{"about", "constitution"}},
	} {
		var words []string
		for _, c := range analyse(f, lex, tc.q).concepts {
			words = append(words, c.word)
		}
		if strings.Join(words, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%q: concepts = %q, want %q", tc.q, words, tc.want)
		}
	}
}

func TestAnalyseMissingWord(t *testing.T) {
	f := newFake(storyArticles()...)
	q := analyse(f, newLexicon(f), "brazil soldiers")
	if len(q.concepts) != 2 {
		t.Fatalf("concepts = %+v, want brazil and soldiers", q.concepts)
	}
	brazil, soldiers := q.concepts[0], q.concepts[1]
	if !brazil.missing || len(brazil.alts) != 0 {
		t.Errorf("brazil: missing = %v, alts %v; want missing with no forms", brazil.missing, brazil.alts)
	}
	if soldiers.missing || soldiers.alts["soldier"] != matchExact {
		t.Errorf("soldiers: missing = %v, alts %v; want the exact term soldier", soldiers.missing, soldiers.alts)
	}
}

func TestAnalyseMisspelling(t *testing.T) {
	f := newFake(storyArticles()...)
	q := analyse(f, newLexicon(f), "ceremny")
	if len(q.concepts) != 1 {
		t.Fatalf("concepts = %+v", q.concepts)
	}
	if got := q.concepts[0].alts["ceremony"]; got != matchMisspelt {
		t.Errorf("ceremny → ceremony at %v, want %v (alts %v)", got, matchMisspelt, q.concepts[0].alts)
	}
}

// TestAnalyseCueOffsets: analyse finds the cue in the lower-cased question
// and skips the tokens at the cue's byte offsets in the original text. Some
// letters change length when lower-cased (Ⱥ is 2 bytes, ⱥ 3), so after them
// the offsets point past the cue, at the question's content words.
func TestAnalyseCueOffsets(t *testing.T) {
	f := newFake(storyArticles()...)
	q := analyse(f, newLexicon(f), "ȺȺȺȺȺȺ: what day did soldiers die")
	var words []string
	for _, c := range q.concepts {
		words = append(words, c.word)
	}
	if got, want := strings.Join(words, " "), "ⱥⱥⱥⱥⱥⱥ soldiers die"; got != want {
		t.Errorf("concepts %q, want %q", got, want)
	}
}

// TestAnalyseRegularForms: a question word finds the articles' other
// forms of it where the stemmer gives them different terms.
func TestAnalyseRegularForms(t *testing.T) {
	f := newFake(fakeArticle{id: "a", paras: [][]string{{"They sacrificed their youth and lives."}}})
	q := analyse(f, newLexicon(f), "what did they sacrifice")
	want := f.Analyze("sacrificed")[0].Term
	if want == f.Analyze("sacrifice")[0].Term {
		t.Fatalf("the fake stems sacrifice and sacrificed alike (%q): the test shows nothing", want)
	}
	if len(q.concepts) != 1 || q.concepts[0].alts[want] != matchExact {
		t.Errorf("concepts = %+v, want sacrifice matching %q exactly", q.concepts, want)
	}
}

// TestAnalyseNarrowerTerms: a question word finds the words of the
// articles that name a kind of it ("flowers": chrysanthemums), a little
// below a synonym; never the other way ("chrysanthemums" does not find
// "flowers"). Before, "were there flowers" was declined: no article holds
// the word.
func TestAnalyseNarrowerTerms(t *testing.T) {
	f := newFake(fakeArticle{id: "a", paras: [][]string{
		{"Soldiers carried white chrysanthemums.", "Two sergeants saluted."},
		{"Flowers lined the hall."},
	}})
	lex := newLexicon(f)
	term := func(w string) string { return f.Analyze(w)[0].Term }
	for _, tc := range []struct{ q, word, kind string }{
		{"were there flowers", "flowers", "chrysanthemums"},
		{"what did the officers do", "officers", "sergeants"},
	} {
		q := analyse(f, lex, tc.q)
		i := slices.IndexFunc(q.concepts, func(c concept) bool { return c.word == tc.word })
		if i < 0 {
			t.Fatalf("%q: no concept for %s: %+v", tc.q, tc.word, q.concepts)
		}
		if got := q.concepts[i].alts[term(tc.kind)]; got != matchNarrower {
			t.Errorf("%q: %s stands for %s at %v, want %v (alts %v)", tc.q, tc.word, tc.kind, got, matchNarrower, q.concepts[i].alts)
		}
	}
	q := analyse(f, lex, "were there chrysanthemums")
	if _, ok := q.concepts[0].alts[term("flowers")]; ok {
		t.Errorf("chrysanthemums stands for flowers: %v", q.concepts[0].alts)
	}
	// A kind of another sense than the question's: WordNet has a banquet
	// as a kind of party, but the word vectors of the two lie far apart
	// (a party is more often political).
	if !slices.Contains(wordnet().narrower("party"), "banquet") {
		t.Fatal("WordNet no longer has a banquet as a kind of party: the test shows nothing")
	}
	f = newFake(fakeArticle{id: "a", paras: [][]string{{"A banquet followed."}}})
	q = analyse(f, newLexicon(f), "which party does he lead")
	if i := slices.IndexFunc(q.concepts, func(c concept) bool { return c.word == "party" }); i < 0 || len(q.concepts[i].alts) != 0 {
		t.Errorf("party stands for a word of the article: %+v", q.concepts)
	}
}

func TestWordNetBase(t *testing.T) {
	wn := wordnet()
	for _, tc := range []struct{ word, want string }{
		{"flowers", "flower"},
		{"flower", "flower"},
		{"fought", "fight"}, // irregular
		{"news", "news"},    // a word of its own, not "new"
		{"qwzx", "qwzx"},
	} {
		if got := wn.base(tc.word); got != tc.want {
			t.Errorf("base(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
	if !slices.Contains(wn.narrower("flower"), "chrysanthemum") {
		t.Errorf("narrower(flower) = %v, want chrysanthemum among them", wn.narrower("flower"))
	}
}

func TestSpeakerSpan(t *testing.T) {
	tests := []struct{ q, want string }{
		{"what did putin say about the soldiers", "putin "},
		{"what did south korea's president say about the ceremony?", "south korea's president "},
		{"so what has kim told the families", "kim "},
		{"how did the kremlin react", "the kremlin "},
		// The first cue does not open a clause; the second does.
		{"the man who asked what did kim say, and what did putin say", "putin "},
		{"what did he call the dead ones", "he "},
		// Not a question about what someone said.
		{"how many soldiers died", ""},
		{"kim medals", ""},
		// Someone's words asked for by a noun.
		{"kim's words on kursk", "kim"},
		{"zelensky’s remarks", "zelensky"},
		// None opens a clause: a greeting comes first.
		{"hey bot what did putin say", "putin "},
	}
	for _, tc := range tests {
		if got := spanText(tc.q, speakerSpan(tc.q)); got != tc.want {
			t.Errorf("speakerSpan(%q) = %q, want %q", tc.q, got, tc.want)
		}
	}
}

func TestSpeakerOwner(t *testing.T) {
	tests := []struct{ q, speaker, owner string }{
		{"what did south korea's president say about the ceremony?", "president ", "south korea"},
		{"how did ukraine’s government react", "government ", "ukraine"},
		{"what did the soldiers' families say", "families ", "the soldiers"},
		// What was said is no speaker: its owner is.
		{"what did putin's message to kim actually say", "putin", ""},
		{"what did kim's speech say", "kim", ""},
		// No possessive.
		{"what did the western diplomat say", "the western diplomat ", ""},
		{"what did 'the leader' say", "'the leader' ", ""},
	}
	for _, tc := range tests {
		speaker, owner := speakerOwner(tc.q, speakerSpan(tc.q))
		if got, gotOwner := spanText(tc.q, speaker), spanText(tc.q, owner); got != tc.speaker || gotOwner != tc.owner {
			t.Errorf("speakerOwner(%q) = %q, %q; want %q, %q", tc.q, got, gotOwner, tc.speaker, tc.owner)
		}
	}
}

// spanText is the text of q that span covers, or "" for none.
func spanText(q string, span []int) string {
	if span == nil {
		return ""
	}
	return q[span[0]:span[1]]
}

func TestCountedSpan(t *testing.T) {
	tests := []struct{ q, want string }{
		{"how many medals did kim hand out", "medals"},
		{"how many north korean soldiers died", "soldiers"},
		{"how many photos of dead soldiers were on the wall?", "photos"},
		{"how many of the soldiers have come home?", "soldiers"},
		{"how many people went to the banquet", "people"},
		{"how much oil did north korea get", "oil"},
		{"how many troops?", "troops"},
		{"how many wounded soldiers were there", "soldiers"},
		{"how many armed drones did russia get", "drones"},
		// A word that only ends as a past form does: "med", "hundred".
		{"how many club med vacation spots are there", "spots"},
		{"how many hundred soldiers died", "soldiers"},
		{"how many soldiers hugged kim", "soldiers"},
		{"how many soldiers stopped fighting", "soldiers"},
		{"how many soldiers tried to flee", "soldiers"},
		// Nothing counted before the verb.
		{"how many died", ""},
		{"how many were killed", ""},
	}
	for _, tc := range tests {
		_, loc := questionKind(tc.q)
		if got := spanText(tc.q, countedSpan(tc.q, loc[1])); got != tc.want {
			t.Errorf("countedSpan(%q) = %q, want %q", tc.q, got, tc.want)
		}
	}
}

// TestConstraintFeatures: a question about what someone said marks the
// quotes that name the speaker, a "how many" question those with a number
// near what it counts; the abstention feature says when the best quote is
// not one of them.
func TestConstraintFeatures(t *testing.T) {
	tests := []struct {
		name, q, word string // word: the concept the question constrains
		role          role
		rank, abstain int
		marked        string // in the quote the rank feature marks, not in the other
		paras         [][]string
	}{
		{
			name: "speaker", q: "what did putin say about the soldiers", word: "putin",
			role: roleSpeaker, rank: fSpeaker, abstain: aSpeakerLacking,
			marked: "Putin",
			paras:  [][]string{{"Lawmakers said 600 soldiers died."}, {"Putin said the soldiers were heroes."}},
		},
		{
			// The speaker named by a possessive is named where it stands
			// beside its owner; the owner named elsewhere is not enough.
			name: "possessive speaker", q: "what did france's president say about the soldiers", word: "president",
			role: roleSpeaker, rank: fSpeaker, abstain: aSpeakerLacking,
			marked: "of France",
			paras: [][]string{
				{"The Russian president praised the soldiers, whose medals came from France."},
				{"The president of France said the soldiers were heroes."},
			},
		},
		{
			name: "counted", q: "how many soldiers died", word: "soldiers",
			role: roleCounted, rank: fCounted, abstain: aCountedLacking,
			marked: "600",
			paras: [][]string{
				{"Kim handed out medals to the soldiers."},
				{"About 600 soldiers died, and 4,000 were wounded."},
				// A number, but far from the soldiers.
				{"In 2024 the country, which has long been under the heaviest of sanctions, sent soldiers."},
			},
		},
		{
			// A number near the word, but counting something else in
			// another phrase.
			name: "counted in its phrase", q: "how many shells were sent", word: "shells",
			role: roleCounted, rank: fCounted, abstain: aCountedLacking,
			marked: "9,000",
			paras: [][]string{
				{"The North sent 15,000 troops, as well as large shipments of shells."},
				{"It later sent 9,000 more shells."},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(fakeArticle{id: "a", paras: tc.paras})
			q := analyse(f, newLexicon(f), tc.q)
			if cs := q.withRole(tc.role); len(cs) != 1 || q.concepts[cs[0]].word != tc.word {
				t.Fatalf("constrained concepts %v of %+v, want %s", cs, q.concepts, tc.word)
			}
			hits, err := f.Search(context.Background(), queryTerms(f, q), 10)
			if err != nil {
				t.Fatal(err)
			}
			cands := describe(f, &q, hits)
			marked := map[bool]bool{}
			for _, c := range cands {
				marked[strings.Contains(c.quote, tc.marked)] = c.f[tc.rank] == 1
			}
			if !marked[true] || marked[false] {
				t.Errorf("feature on the quote with %q %v, on the other %v; want true, false", tc.marked, marked[true], marked[false])
			}
			for i, c := range cands {
				a := abstainFeatures(&q, cands, make([]float64, len(cands)), []int{i}, i)
				if want := c.f[tc.rank] == 0; (a[tc.abstain] == 1) != want {
					t.Errorf("best quote %q: abstention feature %v, want %v", c.quote, a[tc.abstain], want)
				}
			}
		})
	}
	// Other questions constrain nothing.
	f := newFake(storyArticles()...)
	if q := analyse(f, newLexicon(f), "when did the soldiers die"); q.withRole(roleSpeaker) != nil || q.withRole(roleCounted) != nil {
		t.Errorf("speaker %v, counted %v for a date question", q.withRole(roleSpeaker), q.withRole(roleCounted))
	}
}

// TestRolesSurviveOutletWords: a question naming an outlet drops the
// outlet's words from its concepts; the speaker stays with the concept it
// was given to, not with whatever concept takes its place.
func TestRolesSurviveOutletWords(t *testing.T) {
	f := newFake(storyArticles()...)
	q := analyse(f, newLexicon(f), "what did the wire paper say about the soldiers")
	if len(q.withRole(roleSpeaker)) == 0 {
		t.Fatalf("no speaker in %+v", q.concepts)
	}
	q.forOutlets([]string{"Wire Paper", "Other"})
	for _, c := range q.concepts {
		if c.role == roleSpeaker && c.word != "wire" && c.word != "paper" {
			t.Errorf("%q is the speaker once the outlet's words are dropped (%+v)", c.word, q.concepts)
		}
	}
}

// TestOutletIsNoSpeaker: what an outlet "says" is its whole article, so a
// question asking it is asked for what the words after "say" ask for:
// before, "what does the wire paper say the death toll is" wanted a
// quotation and got the sentence with "said" in it.
func TestOutletIsNoSpeaker(t *testing.T) {
	f := newFake(storyArticles()...)
	tests := []struct {
		q    string
		want kind
	}{
		{"what does the wire paper say the death toll is", kindNumber},
		{"what did the wire paper say about when the ceremony was", kindDate},
		{"what did the wire paper say about the soldiers", kindAny},
		{"what did kim say about the death toll", kindSay},
		{"what did kim tell the wire paper about the soldiers", kindSay},
	}
	for _, tt := range tests {
		q := analyse(f, newLexicon(f), tt.q)
		q.forOutlets([]string{"Wire Paper", "Other"})
		if q.kind != tt.want {
			t.Errorf("%q: kind %v, want %v", tt.q, q.kind, tt.want)
		}
	}
}

func TestTypedCue(t *testing.T) {
	tests := []struct{ q, want string }{
		{"hwo many soldiers died", "how many soldiers died"},
		{"how mnay soldiers died", "how many soldiers died"},
		{"hwo awarded the medals", "who awarded the medals"},
		{"waht did putin say", "what did putin say"},
		{"wehre was the ceremony", "where was the ceremony"},
		{"whyd kim hold the ceremony", "why kim hold the ceremony"},
		{"wich outlet reported it", "which outlet reported it"},
		// English words, names and the ambiguous are left alone.
		{"how was the ceremony", "how was the ceremony"},
		{"whan was it", "whan was it"},
		{"who won", "who won"},
		{"kim jong un", "kim jong un"},
		{"hot news", "hot news"},
	}
	for _, tc := range tests {
		if got := chatNormal(tc.q); got != tc.want {
			t.Errorf("chatNormal(%q) = %q, want %q", tc.q, got, tc.want)
		}
	}
}

// A word shortened in a hurry stands for the word ("ppl", "govt").
func TestAnalyseChatWords(t *testing.T) {
	f := newFake(fakeArticle{id: "a", paras: [][]string{{"The government said 600 people died."}}})
	q := analyse(f, newLexicon(f), "how many ppl died, says the govt")
	var words []string
	for _, c := range q.concepts {
		words = append(words, c.word)
		if c.missing {
			t.Errorf("%q is missing: %+v", c.word, c)
		}
	}
	if got := strings.Join(words, " "); got != "people died says government" {
		t.Errorf("concepts = %q, want people died says government", got)
	}
}

// A question word typed without its apostrophe ("whats") or with a slip
// ("hwo") is the question word, no word the articles could lack.
func TestAnalyseTypedCueIsNoConcept(t *testing.T) {
	f := newFake(fakeArticle{id: "a", paras: [][]string{{"The ceremony was held in Pyongyang."}}})
	lex := newLexicon(f)
	for _, q := range []string{"whats the ceremony", "wheres the ceremony", "hwo held the ceremony"} {
		var words []string
		for _, c := range analyse(f, lex, q).concepts {
			words = append(words, c.word)
		}
		if got := strings.Join(words, " "); got != "ceremony" && got != "held ceremony" {
			t.Errorf("%q: concepts %q, want ceremony (and held)", q, got)
		}
	}
}

func TestSameShape(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"how many died", "hwo many died", true},
		{"what why x", "wat whyd x", false}, // the same length, words moved
		{"how many", "how  many", false},
	}
	for _, tc := range tests {
		if got := sameShape(tc.a, tc.b); got != tc.want {
			t.Errorf("sameShape(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// A past participle that describes a noun is an adjective: "the fallen
// soldiers" are not the "fall" of 2024, while "prices have fallen" is
// what "prices fell" says.
func TestAnalyseParticipleAsAdjective(t *testing.T) {
	f := newFake(fakeArticle{id: "a", paras: [][]string{{"In the fall of 2024, prices fell and soldiers died."}}})
	lex := newLexicon(f)
	fall := f.Analyze("fall")[0].Term
	for _, tc := range []struct {
		q    string
		want bool
	}{
		{"what did kim say about the fallen soldiers", false},
		{"how many fallen soldiers were there", false},
		{"have prices fallen", true},
	} {
		q := analyse(f, lex, tc.q)
		i := slices.IndexFunc(q.concepts, func(c concept) bool { return c.word == "fallen" })
		if i < 0 {
			t.Fatalf("%q: no concept for fallen: %+v", tc.q, q.concepts)
		}
		if _, got := q.concepts[i].alts[fall]; got != tc.want {
			t.Errorf("%q: fallen stands for %q: %v, want %v", tc.q, fall, got, tc.want)
		}
	}
}

// Words typed with the spaces left out ("kimjongun") stand for the
// articles' words they split into; an English word, or one that does not
// split into the articles' words, does not.
func TestAnalyseRunTogether(t *testing.T) {
	f := newFake(fakeArticle{id: "a", paras: [][]string{{"North Korean leader Kim Jong Un met the soldiers nowhere near the front."}}})
	lex := newLexicon(f)
	for _, tc := range []struct {
		q    string
		want []string // the terms the question's one concept stands for
	}{
		{"kimjongun", []string{"jong", "kim", "un"}},
		{"northkorean soldiers", []string{"korean", "north"}},
		{"bitcoin", nil},
		{"kimékim", nil}, // split only between letters
	} {
		q := analyse(f, lex, tc.q)
		if len(q.concepts) == 0 {
			t.Fatalf("%q: no concepts", tc.q)
		}
		c := q.concepts[0]
		var got []string
		for term := range c.alts {
			got = append(got, term)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) || c.missing != (tc.want == nil) {
			t.Errorf("%q: %q stands for %q (missing %v), want %q", tc.q, c.word, got, c.missing, tc.want)
		}
	}
}

// A word drawn out for effect is read as the word it stands for; a word
// with a run of letters of its own, or none to stand for, as typed.
func TestWithoutElongation(t *testing.T) {
	for in, want := range map[string]string{
		"whyyy did kim apologize":  "why did kim apologize",
		"how manyyy died":          "how many died",
		"WHYYYY":                   "WHY",
		"coool":                    "cool",
		"sooo many died":           "so many died",
		"where was the ceremonyyy": "where was the ceremony",
		"bookkeeper":               "bookkeeper",
		"Brrrzkt":                  "Brrrzkt",
		"how many died":            "how many died",
	} {
		if got := withoutElongation(in); got != want {
			t.Errorf("withoutElongation(%q) = %q, want %q", in, got, want)
		}
	}
}

// A phrasal verb stands for what WordNet says it means: "came back" for
// "returned", which neither "came" nor "back" would find. Its particle is
// no word of the question by itself.
func TestAnalysePhrasalVerb(t *testing.T) {
	f := newFake(fakeArticle{id: "a", paras: [][]string{
		{"The soldiers returned to Pyongyang in June."},
		{"The news came days later, and the back pages carried it."},
	}})
	q := analyse(f, newLexicon(f), "when did the soldiers come back")
	var words []string
	for _, c := range q.concepts {
		words = append(words, c.word)
	}
	if strings.Join(words, " ") != "soldiers come" {
		t.Fatalf("concepts %q, want soldiers, come", words)
	}
	come := q.concepts[1]
	if come.alts["return"] != matchSynonym || come.missing {
		t.Errorf(`"come back" alts %v, want "return" as a synonym`, come.alts)
	}
	for term, quality := range come.alts {
		if term != "return" && quality > matchSynonym {
			t.Errorf(`"come" alone (%q) counts %v in "come back", want at most a synonym's %v`, term, quality, matchSynonym)
		}
	}
	// Without its particle, the verb is itself.
	q = analyse(f, newLexicon(f), "when did the soldiers come to pyongyang")
	if c := q.concepts[1]; c.word != "come" || c.alts["return"] != 0 {
		t.Errorf(`"come" alone: %+v, want no "return"`, c)
	}
}
