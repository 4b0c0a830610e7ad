// Package synth generates synthetic news articles in storybot's seed-file
// format, so that benchmarks can index corpora of thousands of articles
// that read like real ones: front matter, page furniture, photo captions,
// direct quotes, people, places and organisations, numbers and dates, with
// words drawn at Zipf-like frequencies from several news beats.
//
// The output depends only on the seed: the generator has its own random
// number generator and uses integer arithmetic only, so a seed names the
// same corpus on every platform and Go release.
package synth

import (
	"fmt"
	"math/bits"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Article returns article i of the corpus named by seed: its file name and
// its contents. It does not depend on the size of the corpus, so the first
// 1,000 articles of a 10,000-article corpus are the 1,000-article corpus.
func Article(seed uint64, i int) (name string, data []byte) {
	st := newStory(seed, i)
	g := &gen{r: newRNG(seed, streamBody, i), v: lexicon(), st: st, b: st.beat, seen: make([]bool, len(st.people))}
	g.article()
	return fmt.Sprintf("synth-%06d-%s.md", i, slug(st.headline)), g.buf
}

// WriteDir writes articles 0 to n-1 of the corpus named by seed into dir,
// creating it if needed.
func WriteDir(dir string, n int, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	for i := 0; i < n; i++ {
		name, data := Article(seed, i)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
	}
	return nil
}

// Streams of random numbers drawn for one seed.
const (
	streamStory = iota + 1
	streamBody
	streamQuestion
)

// SplitMix is SplitMix64, written out here so that no Go release can
// change what a seed generates; the story-heavy generator
// (internal/storysynth) draws from it too.
type SplitMix struct{ State uint64 }

// Mix is SplitMix64's finaliser, also good for deriving seeds.
func Mix(z uint64) uint64 {
	z ^= z >> 30
	z *= 0xbf58476d1ce4e5b9
	z ^= z >> 27
	z *= 0x94d049bb133111eb
	return z ^ z>>31
}

// Next returns the next number of the sequence.
func (r *SplitMix) Next() uint64 {
	r.State += 0x9e3779b97f4a7c15
	return Mix(r.State)
}

type rng struct{ SplitMix }

func newRNG(seed uint64, stream, i int) *rng {
	s := Mix(seed ^ 0x6a09e667f3bcc909)
	s = Mix(s ^ uint64(stream)*0xbf58476d1ce4e5b9)
	return &rng{SplitMix{State: Mix(s ^ uint64(i))}}
}

// intn returns a number in [0, n).
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.Next(), uint64(n))
	return int(hi)
}

// low returns a number in [0, n), small ones more often: the main person
// of a story speaks most, recent years come up most.
func (r *rng) low(n int) int { return min(r.intn(n), r.intn(n)) }

// chance is true pct times in a hundred.
func (r *rng) chance(pct int) bool { return r.intn(100) < pct }

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

// words is a ranked word list. Each entry holds a word's forms: a noun's
// singular and plural; a verb's base, past and -ing forms; else the word.
type words struct {
	forms [][3]string
	// cum holds cumulative weights 1/rank, so that words are drawn with
	// Zipf's law.
	cum []uint32
}

func newWords(forms [][3]string) words {
	w := words{forms: forms, cum: make([]uint32, len(forms))}
	var sum uint32
	for i := range forms {
		sum += 1_000_000 / uint32(i+1)
		w.cum[i] = sum
	}
	return w
}

// zipf draws an entry's index.
func (w *words) zipf(r *rng) int {
	x := uint32(r.intn(int(w.cum[len(w.cum)-1])))
	return sort.Search(len(w.cum), func(i int) bool { return w.cum[i] > x })
}

func (w *words) draw(r *rng, form int) string { return w.forms[w.zipf(r)][form] }

func plainWords(s string) words {
	var forms [][3]string
	for _, f := range strings.Fields(s) {
		forms = append(forms, [3]string{f, f, f})
	}
	return newWords(forms)
}

func nounWords(s string) words {
	var forms [][3]string
	for _, f := range strings.Fields(s) {
		sing, plural, ok := strings.Cut(f, "/")
		if !ok {
			plural = pluralOf(sing)
		}
		forms = append(forms, [3]string{sing, plural, sing})
	}
	return newWords(forms)
}

func verbWords(s string) words {
	var forms [][3]string
	for _, f := range strings.Fields(s) {
		parts := strings.Split(f, "/")
		base := parts[0]
		v := [3]string{base, pastOf(base), ingOf(base)}
		copy(v[1:], parts[1:])
		forms = append(forms, v)
	}
	return newWords(forms)
}

func consonantY(w string) bool {
	return len(w) > 1 && w[len(w)-1] == 'y' && !strings.ContainsRune("aeiou", rune(w[len(w)-2]))
}

func pluralOf(w string) string {
	switch {
	case consonantY(w):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	}
	return w + "s"
}

func pastOf(w string) string {
	switch {
	case strings.HasSuffix(w, "e"):
		return w + "d"
	case consonantY(w):
		return w[:len(w)-1] + "ied"
	}
	return w + "ed"
}

func ingOf(w string) string {
	if strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "ee") {
		return w[:len(w)-1] + "ing"
	}
	return w + "ing"
}

// tmpl is a parsed template: literal text and {slot} names, alternately.
type tmpl []segment

type segment struct{ lit, slot string }

func parse(s string) tmpl {
	var t tmpl
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return append(t, segment{lit: s})
		}
		j := strings.IndexByte(s[i:], '}')
		t = append(t, segment{lit: s[:i], slot: s[i+1 : i+j]})
		s = s[i+j+1:]
	}
	return t
}

func parseAll(ss []string) []tmpl {
	out := make([]tmpl, len(ss))
	for i, s := range ss {
		out[i] = parse(s)
	}
	return out
}

// beat is a beatWords parsed.
type beat struct {
	name                 string
	nouns, verbs, adjs   words
	roles                []role
	orgs, events         []string
	facts                []fact
	headlines, sentences []tmpl
}

// role introduces a person: a title before the name ("General") or a
// description after it ("a spokesperson for {org}").
type role struct {
	title bool
	text  tmpl
}

type fact struct{ noun, verb string }

type outlet struct{ name, domain string }

// vocab is the parsed vocabulary, shared by all generators.
type vocab struct {
	nouns, verbs, adjs, advs           words
	beats                              []beat
	female, male, surnames             words
	places, countries                  words
	prefixes, agencies, journals       []string
	outlets                            []outlet
	general, quotes, pledges, captions []tmpl
	furniture                          []tmpl
	countFacts, dateFacts              []tmpl
	pledgeFacts, viewFacts             []tmpl
}

var lexicon = sync.OnceValue(func() *vocab {
	v := &vocab{
		nouns:       nounWords(generalNouns),
		verbs:       verbWords(generalVerbs),
		adjs:        plainWords(generalAdjectives),
		advs:        plainWords(adverbs),
		female:      plainWords(firstNamesFemale),
		male:        plainWords(firstNamesMale),
		countries:   plainWords(countries),
		prefixes:    strings.Split(placePrefixes, "|"),
		agencies:    strings.Split(agencies, "|"),
		journals:    strings.Split(journals, "|"),
		general:     parseAll(generalTemplates),
		quotes:      parseAll(quoteTemplates),
		pledges:     parseAll(pledgeTemplates),
		captions:    parseAll(captionTemplates),
		furniture:   parseAll(furnitureLines),
		countFacts:  parseAll(countFacts),
		dateFacts:   parseAll(dateFacts),
		pledgeFacts: parseAll(pledgeFacts),
		viewFacts:   parseAll(viewFacts),
	}
	for _, line := range strings.Split(outlets, "\n") {
		name, domain, _ := strings.Cut(line, "|")
		v.outlets = append(v.outlets, outlet{name, domain})
	}
	v.surnames = namePool(nameEnds, 1)
	v.places = namePool(placeEnds, 2)
	for _, d := range beatData {
		b := beat{
			name:      d.name,
			nouns:     nounWords(d.nouns),
			verbs:     verbWords(d.verbs),
			adjs:      plainWords(d.adjectives),
			orgs:      strings.Split(d.orgs, "|"),
			events:    strings.Split(d.events, "|"),
			headlines: parseAll(d.headlines),
			sentences: parseAll(d.templates),
		}
		for _, r := range strings.Split(d.roles, "|") {
			kind, text, _ := strings.Cut(r, ":")
			b.roles = append(b.roles, role{title: kind == "T", text: parse(text)})
		}
		for _, f := range strings.Split(d.facts, ";") {
			noun, verb, _ := strings.Cut(f, "|")
			b.facts = append(b.facts, fact{noun, verb})
		}
		v.beats = append(v.beats, b)
	}
	return v
})

// namePool combines name parts into about ten thousand names in a fixed
// shuffled order, so that the most frequent names are not all alike.
func namePool(ends string, stream int) words {
	var names []string
	for _, s := range strings.Fields(nameStarts) {
		for _, m := range strings.Fields(nameMiddles) {
			for _, e := range strings.Fields(ends) {
				if m == "-" {
					m = ""
				}
				names = append(names, s+m+e)
			}
		}
	}
	r := newRNG(0, stream, 0)
	for i := len(names) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		names[i], names[j] = names[j], names[i]
	}
	forms := make([][3]string, len(names))
	for i, n := range names {
		forms[i] = [3]string{n, n, n}
	}
	return newWords(forms)
}

// person is someone a story quotes.
type person struct {
	first, last string
	female      bool
	title       bool
	// role is the title ("Defence Minister") or the description ("a
	// spokesperson for the Varnholm Fire Service").
	role string
}

func (p person) name() string { return p.first + " " + p.last }

// story is what one article is about. It is drawn from its own stream of
// random numbers, so that Questions can ask about an article without
// writing it.
type story struct {
	beat           *beat
	place, country string
	org, event     string
	fact           fact
	count          int
	people         []person
	pledge         string
	// The article's date, and the day the event began.
	year, month, day int
	eventDay         int
	outlet           outlet
	author           string
	headline         string
}

func newStory(seed uint64, i int) *story {
	v := lexicon()
	r := newRNG(seed, streamStory, i)
	st := &story{beat: &v.beats[r.intn(len(v.beats))]}
	g := &gen{r: r, v: v, st: st, b: st.beat}
	st.place = g.place()
	st.country = v.countries.draw(r, 0)
	st.org = g.org()
	st.event = pick(r, st.beat.events)
	st.fact = pick(r, st.beat.facts)
	st.count = g.number()
	st.year, st.month, st.day = r.between(2023, 2025), r.between(1, 12), r.between(5, 28)
	st.eventDay = st.day - r.intn(5)
	st.outlet = pick(r, v.outlets)
	for n := r.between(2, 4); len(st.people) < n; {
		p := g.newPerson()
		rl := pick(r, st.beat.roles)
		p.title = rl.title
		p.role = g.text(rl.text)
		st.people = append(st.people, p)
	}
	if r.chance(80) {
		st.author = g.newPerson().name()
		if r.chance(10) {
			st.author += " and " + g.newPerson().name()
		}
	}
	st.pledge = g.text(pick(r, v.pledges))
	st.headline = capitalise(g.text(pick(r, st.beat.headlines)))
	return st
}

// gen writes one article (or fills in one story) from a stream of random
// numbers.
type gen struct {
	r   *rng
	v   *vocab
	st  *story
	b   *beat
	buf []byte
	// seen marks the story's people already introduced in the article.
	seen []bool
}

// put expands t. A slot written {^name} is capitalised.
func (g *gen) put(t tmpl) {
	for _, s := range t {
		g.buf = append(g.buf, s.lit...)
		if name, ok := strings.CutPrefix(s.slot, "^"); ok {
			start := len(g.buf)
			g.slot(name)
			capitaliseBytes(g.buf[start:])
		} else if s.slot != "" {
			g.slot(s.slot)
		}
	}
}

// text expands t to a string.
func (g *gen) text(t tmpl) string {
	start := len(g.buf)
	g.put(t)
	s := string(g.buf[start:])
	g.buf = g.buf[:start]
	return s
}

// sentence writes t as a sentence.
func (g *gen) sentence(t tmpl) {
	start := len(g.buf)
	g.put(t)
	g.finish(start)
}

// finish tidies the sentence written since start: capitalised, and
// without the comma an appositive leaves before a full stop ("said Ana
// Ostrik, a nurse,.").
func (g *gen) finish(start int) {
	s := g.buf[start:]
	n := 0
	for i, c := range s {
		if c == ',' && i+1 < len(s) && (s[i+1] == '.' || s[i+1] == ',' || s[i+1] == ':') {
			continue
		}
		s[n] = c
		n++
	}
	g.buf = g.buf[:start+n]
	capitaliseBytes(g.buf[start:])
	if needsAn(g.buf[start:]) {
		fixed := anBeforeVowels(g.buf[start:])
		g.buf = append(g.buf[:start], fixed...)
	}
}

// needsAn reports whether s has "a" before a word starting with a vowel.
func needsAn(s []byte) bool {
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == 'a' || s[i] == 'A') && s[i+1] == ' ' && (i == 0 || s[i-1] == ' ') && vowelSound(s[i+2:]) {
			return true
		}
	}
	return false
}

// anBeforeVowels returns s with "a" made "an" before vowels.
func anBeforeVowels(s []byte) []byte {
	out := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); i++ {
		out = append(out, s[i])
		if (s[i] == 'a' || s[i] == 'A') && i+2 < len(s) && s[i+1] == ' ' && (i == 0 || s[i-1] == ' ') && vowelSound(s[i+2:]) {
			out = append(out, 'n')
		}
	}
	return out
}

func vowelSound(w []byte) bool {
	switch w[0] {
	case 'a', 'e', 'i', 'o', 'A', 'E', 'I', 'O':
		return true
	case 'u', 'U':
		return !(len(w) > 2 && (string(w[1:3]) == "ni" || string(w[1:3]) == "na"))
	}
	return false
}

func (g *gen) str(s string) { g.buf = append(g.buf, s...) }

func (g *gen) slot(name string) {
	r, v, st, b := g.r, g.v, g.st, g.b
	switch name {
	case "n":
		g.str(v.nouns.draw(r, 0))
	case "ns":
		g.str(v.nouns.draw(r, 1))
	case "vb":
		g.str(v.verbs.draw(r, 0))
	case "v":
		g.str(v.verbs.draw(r, 1))
	case "vi":
		g.str(v.verbs.draw(r, 2))
	case "a":
		g.str(v.adjs.draw(r, 0))
	case "adv":
		g.str(v.advs.draw(r, 0))
	case "N":
		g.str(b.nouns.draw(r, 0))
	case "Ns":
		g.str(b.nouns.draw(r, 1))
	case "Vb":
		g.str(b.verbs.draw(r, 0))
	case "V":
		g.str(b.verbs.draw(r, 1))
	case "Vi":
		g.str(b.verbs.draw(r, 2))
	case "A":
		g.str(b.adjs.draw(r, 0))
	case "p":
		g.mention(r.low(len(st.people)))
	case "p0":
		g.mention(0)
	case "p0_last":
		g.str(st.people[0].last)
	case "p_name":
		g.str(pick(r, st.people).name())
	case "photographer":
		g.str(g.newPerson().name())
	case "org":
		g.str(st.org)
	case "org2":
		g.str(g.org())
	case "place":
		g.str(st.place)
	case "place2":
		g.str(g.place())
	case "country":
		g.str(st.country)
	case "country2":
		g.str(v.countries.draw(r, 0))
	case "event":
		g.str(st.event)
	case "kn":
		g.str(st.fact.noun)
	case "kv":
		g.str(st.fact.verb)
	case "kv_short":
		g.str(shortVerb(st.fact.verb))
	case "count":
		g.str(commas(st.count))
	case "pledge":
		g.str(st.pledge)
	case "edate":
		g.str(dateText(st.month, st.eventDay, r.intn(3)))
	case "num":
		g.str(commas(g.number()))
	case "numw":
		g.str(numberWords[r.intn(len(numberWords))])
	case "ordinal":
		g.str(ordinals[r.intn(len(ordinals))])
	case "digit":
		g.str(strconv.Itoa(r.between(2, 9)))
	case "minute":
		g.str(ordinal(r.between(2, 90)))
	case "score":
		fmt.Fprintf((*appender)(&g.buf), "%d-%d", r.between(1, 4), r.intn(3))
	case "pct":
		g.percent()
	case "money":
		g.money()
	case "day":
		g.dayPhrase()
	case "date":
		g.str(dateText(r.between(1, 12), r.between(1, 28), r.intn(3)))
	case "weekday":
		g.str(weekdays[r.intn(7)])
	case "month":
		g.str(months[r.intn(12)])
	case "year":
		g.str(strconv.Itoa(2025 - r.low(15)))
	case "year_next":
		g.str(strconv.Itoa(st.year + r.between(1, 5)))
	case "journal":
		g.str(pick(r, v.journals))
	case "agency":
		g.str(pick(r, v.agencies))
	case "outlet":
		g.str(st.outlet.name)
	case "outlet2":
		g.str(pick(r, v.outlets).name)
	case "said":
		g.str(pick(r, saidForms))
	default:
		panic("synth: template slot {" + name + "} is not defined")
	}
}

// appender lets fmt write into a gen's buffer.
type appender []byte

func (a *appender) Write(p []byte) (int, error) {
	*a = append(*a, p...)
	return len(p), nil
}

var saidForms = []string{"said", "said", "said", "told reporters", "said in a statement", "added", "wrote on social media"}

// mention names person j: in full with their role the first time, then
// by surname.
func (g *gen) mention(j int) {
	p := g.st.people[j]
	switch {
	case !g.seen[j] && p.title:
		g.str(p.role + " " + p.name())
	case !g.seen[j]:
		g.str(p.name() + ", " + p.role + ",")
	case p.title && g.r.chance(40):
		g.str(p.role + " " + p.last)
	case g.r.chance(25) && p.female:
		g.str("Ms. " + p.last)
	case g.r.chance(25):
		g.str("Mr. " + p.last)
	default:
		g.str(p.last)
	}
	g.seen[j] = true
}

func (g *gen) newPerson() person {
	p := person{female: g.r.chance(50), last: g.v.surnames.draw(g.r, 0)}
	if p.female {
		p.first = g.v.female.draw(g.r, 0)
	} else {
		p.first = g.v.male.draw(g.r, 0)
	}
	return p
}

func (g *gen) place() string {
	p := g.v.places.draw(g.r, 0)
	if g.r.chance(8) {
		p = pick(g.r, g.v.prefixes) + " " + p
	}
	return p
}

// org names an organisation of the beat (see beatWords.orgs).
func (g *gen) org() string {
	kind := pick(g.r, g.b.orgs)
	switch {
	case strings.HasPrefix(kind, "the "):
		return kind
	case kind[0] == '+':
		return g.place() + " " + kind[1:]
	case kind[0] == '*':
		return g.v.surnames.draw(g.r, 0) + " " + kind[1:]
	case kind[0] == '^':
		return g.v.countries.draw(g.r, 0) + "'s " + kind[1:]
	}
	return "the " + g.place() + " " + kind
}

// number draws a count: mostly tens and hundreds, sometimes thousands.
func (g *gen) number() int {
	r := g.r
	switch x := r.intn(100); {
	case x < 45:
		return r.between(2, 99)
	case x < 80:
		return r.between(100, 999)
	case x < 97:
		return r.between(100, 2000) * 10
	default:
		return r.between(20, 500) * 1000
	}
}

func (g *gen) percent() {
	r := g.r
	switch r.intn(3) {
	case 0:
		fmt.Fprintf((*appender)(&g.buf), "%d.%d percent", r.between(1, 60), r.intn(10))
	case 1:
		fmt.Fprintf((*appender)(&g.buf), "%d per cent", r.between(1, 90))
	default:
		fmt.Fprintf((*appender)(&g.buf), "%d%%", r.between(1, 99))
	}
}

func (g *gen) money() {
	r := g.r
	switch r.intn(4) {
	case 0:
		fmt.Fprintf((*appender)(&g.buf), "$%d.%d billion", r.between(1, 40), r.intn(10))
	case 1:
		fmt.Fprintf((*appender)(&g.buf), "%d million euros", r.between(2, 900))
	case 2:
		fmt.Fprintf((*appender)(&g.buf), "£%s", commas(r.between(10, 999)*1000))
	default:
		fmt.Fprintf((*appender)(&g.buf), "$%d million", r.between(2, 900))
	}
}

func (g *gen) dayPhrase() {
	r := g.r
	switch r.intn(6) {
	case 0, 1:
		g.str("on " + weekdays[r.intn(7)])
	case 2:
		g.str("on " + weekdays[r.intn(7)] + " " + pick(r, []string{"morning", "night", "evening"}))
	case 3:
		g.str(pick(r, []string{"last week", "earlier this month", "this week", "overnight"}))
	default:
		g.str("on " + dateText(g.st.month, g.st.day-r.intn(3), 0))
	}
}

var (
	weekdays    = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	months      = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	numberWords = []string{"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "dozens of", "several"}
	ordinals    = []string{"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
)

// dateText writes a day of a month as "March 4", "4 March" or "March 4th".
func dateText(month, day, style int) string {
	m := months[month-1]
	switch style {
	case 1:
		return strconv.Itoa(day) + " " + m
	case 2:
		return m + " " + ordinal(day)
	}
	return m + " " + strconv.Itoa(day)
}

func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

// commas writes n with thousands separators: 4,700.
func commas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// shortVerb is a fact's verb as a headline has it: "were killed" → "killed".
func shortVerb(v string) string {
	for _, aux := range []string{"were ", "was "} {
		if rest, ok := strings.CutPrefix(v, aux); ok {
			return rest
		}
	}
	return v
}

func capitalise(s string) string {
	b := []byte(s)
	capitaliseBytes(b)
	return string(b)
}

// capitaliseBytes upper-cases the first letter of b, after any opening
// quotation mark.
func capitaliseBytes(b []byte) {
	for i := 0; i < len(b) && i < 4; i++ {
		c := b[i]
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
			return
		}
		if c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			return
		}
	}
}

// slug is the first words of a headline for a file name.
func slug(headline string) string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(headline), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		words = append(words, w)
		if len(words) == 6 {
			break
		}
	}
	return strings.Join(words, "-")
}
