package synth

import "strings"

// QuestionArticles is how many of a corpus's first articles Questions asks
// about: any corpus at least this large holds their answers.
const QuestionArticles = 500

// Questions returns n questions a reader might ask of the corpus named by
// seed: how many, when, where, who is, who said, what someone said, and
// about one in five that no article answers. Like typed questions, some
// are lower-cased, lack the question mark or have a typo.
func Questions(seed uint64, n int) []string {
	out := make([]string, 0, n)
	for j := 0; j < n; j++ {
		r := newRNG(seed, streamQuestion, j)
		var q string
		if r.chance(20) {
			q = pick(r, offTopicQuestions) + "?"
		} else {
			st := newStory(seed, r.intn(QuestionArticles))
			p0 := st.people[0]
			switch r.intn(7) {
			case 0, 1:
				q = "How many " + st.fact.noun + " " + st.fact.verb + " in " + st.place + "?"
			case 2:
				q = "When did the " + st.event + " in " + st.place + " begin?"
			case 3:
				q = "Where were " + commas(st.count) + " " + st.fact.noun + " " + shortVerb(st.fact.verb) + "?"
			case 4:
				q = "Who is " + pick(r, st.people).name() + "?"
			case 5:
				q = pick(r, []string{"Who said they would ", "Who vowed to ", "Who promised to "}) + st.pledge + "?"
			default:
				q = "What did " + p0.name() + " say about the " + st.event + "?"
			}
		}
		if r.chance(50) {
			q = strings.ToLower(q)
		}
		if r.chance(30) {
			q = strings.TrimSuffix(q, "?")
		}
		if r.chance(8) {
			q = typo(r, q)
		}
		out = append(out, q)
	}
	return out
}

// typo swaps two letters inside one longer word of q.
func typo(r *rng, q string) string {
	words := strings.Fields(q)
	var long []int
	for i, w := range words {
		if len(w) >= 5 && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" {
			long = append(long, i)
		}
	}
	if len(long) == 0 {
		return q
	}
	i := pick(r, long)
	b := []byte(words[i])
	k := r.between(1, len(b)-3)
	b[k], b[k+1] = b[k+1], b[k]
	words[i] = string(b)
	return strings.Join(words, " ")
}
