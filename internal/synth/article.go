package synth

import (
	"fmt"
	"strings"
)

// article writes the story as a seed file: front matter, then a body of
// page furniture, captions and six to twelve paragraphs holding about
// thirty sentences.
func (g *gen) article() {
	st, r := g.st, g.r
	g.buf = make([]byte, 0, 8<<10)
	outlet := ""
	if r.chance(90) {
		outlet = st.outlet.name
	}
	date, url := "", ""
	if r.chance(85) {
		date = fmt.Sprintf("%04d-%02d-%02d", st.year, st.month, st.day)
	}
	if outlet != "" && date != "" && r.chance(60) {
		url = fmt.Sprintf("https://www.%s/%s/%s/%s", st.outlet.domain, st.beat.name, strings.ReplaceAll(date, "-", "/"), slug(st.headline))
	}
	fmt.Fprintf((*appender)(&g.buf), "---\ntitle: %s\noutlet: %s\nauthor: %s\ndate: %s\nurl: %s\n---\n", st.headline, outlet, st.author, date, url)

	// Pasted pages separate paragraphs by a blank line or by a newline.
	sep := "\n"
	if r.chance(60) {
		sep = "\n\n"
	}
	if r.chance(70) {
		g.str(st.headline + sep)
	}
	if r.chance(25) {
		g.put(pick(r, g.v.furniture))
		g.str(sep)
	}
	if st.author != "" && r.chance(50) {
		g.str("By " + st.author + sep)
	}
	if r.chance(40) {
		g.put(pick(r, g.v.captions))
		g.str(sep)
	}

	n, paras := r.between(26, 34), r.between(6, 12)
	sizes := make([]int, paras)
	for i := range sizes {
		sizes[i] = 1
	}
	for k := paras; k < n; k++ {
		sizes[r.intn(paras)]++
	}
	// The facts the questions ask about sit in the first half.
	facts := make([]tmpl, n)
	for _, f := range []tmpl{pick(r, g.v.dateFacts), pick(r, g.v.pledgeFacts), pick(r, g.v.viewFacts)} {
		for {
			if i := r.between(1, n/2); facts[i] == nil {
				facts[i] = f
				break
			}
		}
	}
	i := 0
	for p, size := range sizes {
		if p > 0 && r.chance(10) {
			g.put(pick(r, g.v.captions))
			g.str(sep)
		}
		if p > 0 && r.chance(5) {
			g.put(pick(r, g.v.furniture))
			g.str(sep)
		}
		for k := 0; k < size; k++ {
			if k > 0 {
				g.str(" ")
			}
			switch {
			case i == 0:
				g.lead()
			case facts[i] != nil:
				g.sentence(facts[i])
			default:
				g.filler()
			}
			i++
		}
		g.str(sep)
	}

	if r.chance(35) {
		g.tags()
	}
	if st.author != "" && !strings.Contains(st.author, " and ") && r.chance(25) {
		fmt.Fprintf((*appender)(&g.buf), "%s is a %s correspondent for %s, based in %s.%s", st.author, st.beat.name, st.outlet.name, g.place(), sep)
	}
	if r.chance(25) {
		fmt.Fprintf((*appender)(&g.buf), "(Reporting by %s; editing by %s and %s)\n", g.newPerson().name(), g.newPerson().name(), g.newPerson().name())
	}
}

// lead opens the article: a dateline, then the count the story turns on.
func (g *gen) lead() {
	switch g.r.intn(4) {
	case 0:
		g.str(strings.ToUpper(g.st.place) + " — ")
	case 1:
		g.str(strings.ToUpper(g.st.place) + ", " + g.st.country + " — ")
	}
	g.sentence(pick(g.r, g.v.countFacts))
}

// filler writes one of the article's other sentences.
func (g *gen) filler() {
	switch x := g.r.intn(100); {
	case x < 40:
		g.sentence(pick(g.r, g.b.sentences))
	case x < 78:
		g.sentence(pick(g.r, g.v.general))
	default:
		g.quote()
	}
}

// quote writes a direct quotation and who said it.
func (g *gen) quote() {
	r := g.r
	q := capitalise(g.text(pick(r, g.v.quotes)))
	if r.chance(10) {
		q += ". " + capitalise(g.text(pick(r, g.v.quotes)))
	}
	who := r.low(len(g.st.people))
	start := len(g.buf)
	switch r.intn(4) {
	case 0:
		g.str(`"` + q + `," said `)
		g.mention(who)
		g.str(".")
	case 1:
		g.str("“" + q + ",” ")
		g.mention(who)
		g.str(" said.")
	case 2:
		g.mention(who)
		g.str(` said: "` + q + `."`)
	default:
		g.str(`"` + q + `," `)
		g.mention(who)
		g.str(" told " + g.st.outlet.name + ".")
	}
	g.finish(start)
}

// tags writes a page's tag list, which has no sentence punctuation.
func (g *gen) tags() {
	st := g.st
	tags := []string{capitalise(st.beat.name), st.place, st.country, g.st.people[0].name()}
	if g.r.chance(50) {
		g.str("Tags: " + strings.Join(tags, ", ") + "\n")
	} else {
		g.str(strings.Join(tags, "") + "\n")
	}
}
