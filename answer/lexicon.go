package answer

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// synonymGroups are words that news readers and news writers use for the
// same thing. A question word in a group also matches the group's other
// words, at a discount. The groups are news vocabulary (war, casualties,
// ceremonies), not tied to any one question. Each is here because taking
// it out alone makes the story dev set score worse; the groups whose
// removal made no difference (WordNet or the word vectors already link
// their words) or helped were removed, and the model refitted without them
// scores better cross-validated (see QUALITY.md). The two for the
// Koreas ("pyongyang" and "the north" for North Korea, "seoul" for the
// South) are names these articles use; a gazetteer of capitals standing
// for their countries would replace them.
var synonymGroups = [][]string{
	{"die", "died", "dies", "dying", "dead", "death", "deaths", "killed", "kill", "fatalities", "fatality", "perished", "perish", "fallen", "deceased", "toll", "lost", "losses", "martyrs"},
	{"casualties", "casualty", "losses", "wounded", "injured", "killed", "deaths", "toll"},
	{"troops", "soldiers", "soldier", "forces", "servicemen", "fighters", "army", "military", "personnel", "units", "combatants", "troop", "veterans", "guys", "men"},
	{"sent", "send", "sending", "sends", "deploy", "deployed", "deploying", "deployment", "dispatch", "dispatched", "dispatching", "deployments"},
	{"honour", "honor", "honours", "honors", "honoured", "honored", "honouring", "honoring", "honourings", "honorings", "tribute", "tributes", "decorate", "decorated", "decorates", "award", "awarded", "awards", "awarding", "medal", "medals", "commendation", "commend", "recognise", "recognize"},
	{"ceremony", "ceremonies", "event", "events", "commemoration", "memorial", "service", "tribute", "tributes"},
	{"dprk", "pyongyang", "north", "nk", "korea", "hermit"},
	{"seoul", "south"},
	{"war", "conflict", "fighting", "combat", "battle", "battles", "frontline", "front", "warfare"},
	{"return", "returned", "returning", "returns", "back", "home", "homecoming"},
	{"grief", "grieving", "grieve", "mourn", "mourning", "mourned", "sorrow", "tears", "tearful", "teary", "wept", "weep", "weeping", "cry", "cried", "crying", "emotional", "consoled", "console"},
	{"children", "kids", "child", "relatives", "families", "family", "bereaved"},
	{"weapons", "arms", "artillery", "missiles", "missile", "shells", "munitions", "ammunition", "rockets", "weaponry"},
	{"confirm", "confirmed", "acknowledge", "acknowledged", "admit", "admitted", "admits"},
	{"start", "started", "begin", "began", "beginning", "initially", "first"},
	{"photo", "photos", "photographs", "image", "images", "picture", "pictures", "portraits", "portrait"},
	{"receive", "received", "gain", "gained", "obtain", "obtained", "compensation", "return", "get", "gets", "got"},
	{"give", "gave", "given", "giving", "award", "awarded", "awarding", "bestow", "bestowed", "handing", "handed", "present", "presented", "grant", "granted", "decorated", "placing"},
	{"call", "called", "calls", "describe", "described", "describing", "lionizing", "dubbed", "labelled", "labeled", "named", "hailed"},
	{"retake", "retaking", "retook", "recapture", "recaptured", "recapturing", "liberation", "liberate", "liberated", "reclaim", "reclaimed"},
	{"more", "additional", "another", "extra", "further", "expanded", "expand"},
	{"worried", "worry", "worries", "concern", "concerns", "concerned", "fear", "fears", "feared", "alarm"},
	{"apology", "apologies", "apologise", "apologize", "apologised", "apologized", "regret", "sorry"},
}

// inflections are irregular forms of one word: a match between them is
// as good as the word itself (the stemmer only knows regular endings).
var inflections = [][]string{
	{"say", "said", "says"}, {"die", "died", "dies", "dying"},
	{"give", "gave", "given"}, {"go", "went", "gone"}, {"fight", "fought"},
	{"send", "sent"}, {"hold", "held"}, {"meet", "met"}, {"tell", "told"},
	{"take", "took", "taken"}, {"come", "came"}, {"make", "made"},
	{"get", "got", "gotten"}, {"kneel", "knelt"}, {"lead", "led"},
	{"leave", "left"}, {"pay", "paid"}, {"win", "won"}, {"lose", "lost"},
	{"begin", "began", "begun"}, {"bring", "brought"}, {"buy", "bought"},
	{"think", "thought"}, {"see", "saw", "seen"}, {"speak", "spoke", "spoken"},
	{"keep", "kept"}, {"stand", "stood"}, {"wear", "wore", "worn"},
	{"weep", "wept"}, {"feel", "felt"}, {"hear", "heard"}, {"know", "knew", "known"},
	{"bow", "bowed"}, {"put", "puts"}, {"run", "ran"}, {"sell", "sold"},
	{"hide", "hid", "hidden"}, {"show", "shown", "showed"}, {"fly", "flew", "flown"},
	{"fall", "fell", "fallen"}, {"rise", "rose", "risen"}, {"spend", "spent"},
	{"build", "built"}, {"write", "wrote", "written"}, {"choose", "chose", "chosen"},
}

// lightVerbs carry little of a question's meaning ("why did Kim *hold*
// the ceremony"): they count for a fraction of their rarity.
var lightVerbs = map[string]bool{
	"get": true, "got": true, "gotten": true, "gets": true, "do": true, "did": true, "does": true, "done": true,
	"make": true, "made": true, "take": true, "took": true, "taken": true,
	"have": true, "has": true, "had": true, "hold": true, "held": true, "holding": true,
	"go": true, "went": true, "gone": true, "come": true, "came": true, "put": true,
	"keep": true, "kept": true, "let": true, "seem": true, "show": true, "happen": true,
	"staging": true, "stage": true, "use": true, "used": true,
}

const lightVerbWeight = 0.3

// chatSpellings are how question words get typed in a hurry.
var chatSpellings = map[string]string{
	"wat": "what", "wut": "what", "whut": "what", "wht": "what", "hw": "how", "hou": "how",
	"wen": "when", "whn": "when", "wer": "where", "wher": "where", "whr": "where",
	"y": "why", "wy": "why", "hoo": "who", "u": "you", "r": "are", "ur": "your",
	// Dictionary words too ("the whats and hows"), but in a question the
	// question word with its "is", the apostrophe left out.
	"whats": "what's", "whos": "who's", "wheres": "where's", "whens": "when's", "hows": "how's", "whys": "why's",
}

// chatWords are how words a question is about get shortened in a hurry
// ("how many ppl died", "what did the govt say"): each stands for the
// word, as a concept of the question.
var chatWords = map[string]string{
	"ppl": "people", "peeps": "people", "govt": "government", "gov": "government",
	"pres": "president", "prez": "president", "intl": "international", "natl": "national",
	"yr": "year", "yrs": "years", "mins": "minutes", "approx": "approximately",
	"abt": "about", "bc": "because", "cuz": "because", "coz": "because", "thru": "through",
	"tho": "though", "msg": "message", "pics": "pictures", "pic": "picture", "vid": "video",
}

// numberVariants writes a number with and without thousands separators,
// so "4000" finds "4,000".
func numberVariants(w string) []string {
	plain := strings.ReplaceAll(w, ",", "")
	for _, r := range plain {
		if r < '0' || r > '9' {
			return nil
		}
	}
	if len(plain) < 4 {
		return nil
	}
	var b strings.Builder
	for i, r := range plain {
		if i > 0 && (len(plain)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if grouped := b.String(); grouped != w {
		return []string{grouped}
	}
	return []string{plain}
}

// regularForms are a word's regular inflections, or an inflected word's
// base and other forms ("sacrifice" → sacrificed, sacrificing;
// "honoring" → honor, honored). The stemmer usually gives them the word's
// own term, but not always ("sacrifice" is sacrific, "sacrificed"
// sacrif), and then only these find each other. Plurals are left to the
// stemmer: taking off an s makes other words ("news" → new).
func regularForms(w string) []string {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return nil
		}
	}
	if len(w) < 4 || strings.HasSuffix(w, "s") {
		return nil // a plural, or a verb's -s form: the stemmer's
	}
	cut := func(suffix string) (string, bool) {
		b, ok := strings.CutSuffix(w, suffix)
		return b, ok && len(b) >= 3
	}
	if b, ok := cut("ied"); ok {
		return []string{b + "y", b + "ies", b + "ying"}
	}
	if b, ok := cut("ed"); ok {
		return []string{b, b + "e", b + "ing", b + "es", b + "s"}
	}
	if b, ok := cut("ing"); ok {
		return []string{b, b + "e", b + "ed", b + "es", b + "s"}
	}
	if b, ok := strings.CutSuffix(w, "e"); ok {
		return []string{w + "d", w + "s", b + "ing"}
	}
	if b, ok := strings.CutSuffix(w, "y"); ok && !strings.ContainsRune("aeiou", rune(b[len(b)-1])) {
		return []string{b + "ied", b + "ies", w + "ing"}
	}
	return []string{w + "ed", w + "ing", w + "s"}
}

// spellingVariants turns British spellings into American ones and back, so
// "honour" finds "honor" and "defence" finds "defense".
func spellingVariants(w string) []string {
	var out []string
	swap := func(from, to string) {
		if i := strings.Index(w, from); i > 0 {
			out = append(out, w[:i]+to+w[i+len(from):])
		}
	}
	swap("our", "or")
	if !strings.Contains(w, "our") {
		swap("or", "our")
	}
	swap("ence", "ense")
	swap("ense", "ence")
	swap("ise", "ize")
	swap("ize", "ise")
	swap("yse", "yze")
	swap("yze", "yse")
	swap("tre", "ter")
	swap("ogue", "og")
	swap("ll", "l")
	return out
}

// lexicon is synonymGroups analysed the way the index analyses text, built
// once: the analysis is fixed for an index format.
type lexicon struct {
	byWord map[string][]string // surface word → synonym terms
	byTerm map[string][]string // analysed term → synonym terms
	forms  map[string][]string // surface word → terms of its irregular forms
	// initial lists byWord's words by their first byte, sorted, so a
	// misspelling is compared only with words it could be near.
	initial map[byte][]string
}

func newLexicon(s Searcher) *lexicon {
	lex := &lexicon{byWord: map[string][]string{}, byTerm: map[string][]string{}, forms: map[string][]string{}}
	analysed := func(group []string) []string {
		var terms []string
		for _, w := range group {
			for _, t := range s.Analyze(w) {
				terms = append(terms, t.Term)
			}
		}
		return terms
	}
	for _, group := range inflections {
		terms := analysed(group)
		for _, w := range group {
			lex.forms[w] = append(lex.forms[w], terms...)
		}
	}
	for _, group := range synonymGroups {
		terms := analysed(group)
		for _, w := range group {
			lex.byWord[w] = append(lex.byWord[w], terms...)
		}
		for _, t := range terms {
			lex.byTerm[t] = append(lex.byTerm[t], terms...)
		}
	}
	lex.initial = map[byte][]string{}
	for w := range lex.byWord {
		if w != "" {
			lex.initial[w[0]] = append(lex.initial[w[0]], w)
		}
	}
	for _, ws := range lex.initial {
		sort.Strings(ws)
	}
	return lex
}

// Where synonyms come from: the news vocabulary above, and WordNet.
var (
	useNewsGroups = true
	useWordNet    = true
)

// synonyms lists the terms that may stand for word (whose term is term),
// other than term itself: from the news vocabulary, and from WordNet's
// synonyms of the word's most common senses, analysed as s analyses.
func (lex *lexicon) synonyms(s Searcher, word, term string) []string {
	seen := map[string]bool{term: true}
	var out []string
	lists := [][]string{}
	if useNewsGroups {
		lists = append(lists, lex.byWord[word], lex.byTerm[term])
	}
	if useWordNet {
		var terms []string
		wn := wordnet()
		for _, syn := range wn.synonyms(wn.lemma(word)) {
			for _, t := range s.Analyze(syn) {
				terms = append(terms, t.Term)
			}
		}
		lists = append(lists, terms)
	}
	for _, list := range lists {
		for _, t := range list {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// narrower lists the terms of the words that are kinds of word, from
// WordNet ("flowers" → chrysanthemum), that the articles hold and whose
// word vectors lie near word's: WordNet knows a word's kinds by its most
// common sense, and the articles may use it in another ("weather" →
// hail, in "the hail of bullets").
func (lex *lexicon) narrower(s Searcher, word string) []string {
	if !useWordNet {
		return nil
	}
	wn := wordnet()
	base := wn.base(word)
	vecs := gloveVectors()
	id := vecs.id(base)
	var out []string
	for _, w := range wn.narrower(base) {
		for _, t := range s.Analyze(w) {
			if s.DocFreq(t.Term) > 0 && vecs.cos(id, vecs.id(w)) >= narrowerCos {
				out = append(out, t.Term)
			}
		}
	}
	return out
}

// narrowerCos is how near a kind's word vector must lie to the word's
// for the articles' use of it to count as that kind (see QUALITY.md).
const narrowerCos = 0.4

// irregular lists the terms of word's irregular forms and base, from the
// list above and WordNet ("fought" → fight; "fight" → fought).
func (lex *lexicon) irregular(s Searcher, word string) []string {
	out := append([]string(nil), lex.forms[word]...)
	if useWordNet {
		wn := wordnet()
		base := wn.lemma(word)
		for _, w := range append([]string{base}, wn.forms[base]...) {
			if w == word {
				continue
			}
			for _, t := range s.Analyze(w) {
				out = append(out, t.Term)
			}
		}
	}
	return out
}

// near lists lexicon words one edit (two for long words) from word.
func (lex *lexicon) near(word string) []string {
	maxEdits := 1
	if len(word) >= 7 {
		maxEdits = 2
	}
	if len(word) < 3 {
		return nil
	}
	var out []string
	for _, w := range lex.initial[word[0]] {
		if w != word && editDistance(w, word, maxEdits) <= maxEdits {
			out = append(out, w)
		}
	}
	return out
}

// editDistance is the edit distance of a and b, counting a swap of two
// adjacent letters ("sya" for "say") as one edit as a typist makes it
// (optimal string alignment), or more than limit once it is sure to
// exceed it.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	back := make([]int, len(b)+1) // the row before prev
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], back[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		// A swap reaches back one row only, past a row that is no
		// nearer: once a whole row exceeds limit, so does the rest.
		if rowMin > limit {
			return limit + 1
		}
		back, prev, cur = prev, cur, back
	}
	return prev[len(b)]
}

// Number words, for reading a count a reader spells out ("six hundred").
var (
	unitWords = map[string]int{
		"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
		"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
		"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
		"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	}
	scaleWords = map[string]int{"hundred": 100, "thousand": 1_000, "million": 1_000_000}
)

// numbersAsDigits writes the counts a question spells out in words as the
// articles write them, in digits ("were six hundred soldiers killed" →
// "were 600 soldiers killed", "fifteen thousand" → "15000"). One to nine
// alone stay words, as news style writes them ("three rows"). Words that
// are not a count are left as they are.
func numbersAsDigits(text string) string {
	words := strings.Fields(text)
	var out []string
	for i := 0; i < len(words); {
		n, used := countAt(words[i:])
		if used == 0 || n < 10 {
			out = append(out, words[i])
			i++
			continue
		}
		out = append(out, strconv.Itoa(n)+trailingPunct(words[i+used-1]))
		i += used
	}
	return strings.Join(out, " ")
}

// countAt reads the count that the words at the start of ws spell ("four
// thousand seven hundred", "twenty-five", "a hundred"), and how many words
// it took; 0, 0 for none.
func countAt(ws []string) (n, used int) {
	total, group := 0, 0
	for used < len(ws) {
		w := strings.ToLower(strings.TrimRight(ws[used], ".,;:!?"))
		if w == "a" && used == 0 && len(ws) > 1 && scaleWords[strings.ToLower(strings.TrimRight(ws[1], ".,;:!?"))] > 0 {
			group = 1 // "a hundred"
			used++
			continue
		}
		if w == "and" && used > 0 && used+1 < len(ws) {
			if _, ok := unitWords[strings.ToLower(strings.TrimRight(ws[used+1], ".,;:!?"))]; ok {
				used++ // "a hundred and fifty"
				continue
			}
		}
		if tens, unit, ok := strings.Cut(w, "-"); ok && unitWords[tens] >= 20 && unitWords[unit] > 0 && unitWords[unit] < 10 {
			group += unitWords[tens] + unitWords[unit]
		} else if v, ok := unitWords[w]; ok {
			group += v
		} else if s, ok := scaleWords[w]; ok && (group > 0 || total > 0) {
			if group == 0 {
				group = 1
			}
			if s == 100 {
				group *= 100
			} else {
				total += group * s
				group = 0
			}
		} else {
			break
		}
		used++
		if ws[used-1] != strings.TrimRight(ws[used-1], ".,;:!?") {
			break // punctuation ends the count
		}
	}
	if used == 0 {
		return 0, 0
	}
	return total + group, used
}

// trailingPunct is the punctuation w ends with.
func trailingPunct(w string) string {
	return w[len(strings.TrimRight(w, ".,;:!?")):]
}

// prepositionHeads are words that, followed by the word given, make a
// preposition ("according to", "due to"): alone they are content words
// the stemmer shares with a noun or verb ("accord", "thank"), so a
// question about a treaty would find every "according to" of the news.
var prepositionHeads = map[string]string{
	"according": "to", "owing": "to", "thanks": "to", "due": "to", "prior": "to",
	"regardless": "of", "instead": "of", "spite": "of",
}

// partOfPreposition reports whether the token of text at [start, end) is
// the head of such a preposition, or "well" in "as well as".
func partOfPreposition(text string, start, end int) bool {
	w := strings.ToLower(text[start:end])
	next := strings.TrimLeft(text[end:], " ")
	if w == "well" {
		return strings.HasSuffix(strings.ToLower(strings.TrimRight(text[:start], " ")), "as") && hasWord(next, "as")
	}
	if want, ok := prepositionHeads[w]; ok {
		return hasWord(next, want)
	}
	return false
}

// hasWord reports whether s opens with word w (any case) as a whole word.
func hasWord(s, w string) bool {
	if len(s) < len(w) || !strings.EqualFold(s[:len(w)], w) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[len(w):])
	return !isWordRune(r)
}

// withoutPrepositions is toks less the heads of prepositions (see
// partOfPreposition), or toks itself when it has none.
func withoutPrepositions(text string, toks []Token) []Token {
	for i, t := range toks {
		if partOfPreposition(text, t.Start, t.End) {
			out := slices.Clone(toks[:i])
			for _, u := range toks[i+1:] {
				if !partOfPreposition(text, u.Start, u.End) {
					out = append(out, u)
				}
			}
			return out
		}
	}
	return toks
}
