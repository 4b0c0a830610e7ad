// Package answer turns a reader's question into ranked, verbatim, cited
// passages. It is plain Go: the full-text index behind it is reached through
// the small Searcher interface declared here.
package answer

// Source says where a quote comes from. Unknown fields stay empty: the
// articles are cited with what they show about themselves, never more.
type Source struct {
	File   string `json:"file"`
	Outlet string `json:"outlet"`
	Title  string `json:"title"`
	Author string `json:"author"`
	Date   string `json:"date"`
	URL    string `json:"url"`
}

// Answer is one quote, cut word for word from an article, with its source.
type Answer struct {
	Quote  string  `json:"quote"`
	Source Source  `json:"source"`
	Score  float64 `json:"score"`
	// Caption is true when the quote is a photo caption rather than the
	// article's own prose, so front ends can label it as such.
	Caption bool `json:"caption,omitempty"`
}

// Result is the reply to one question. Answered is false, with no answers,
// when the articles hold nothing that answers it.
type Result struct {
	Question string   `json:"question"`
	Answered bool     `json:"answered"`
	Answers  []Answer `json:"answers"`
	// Confidence is the calibrated probability (0–1) that the first quote
	// answers the question, from the fitted abstention model; below the
	// model's threshold the question is not answered.
	Confidence float64 `json:"confidence"`
	// Note says why a question was not answered when the engine can say
	// more than that the articles do not answer it: "The ABC article does
	// not name its author."
	Note string `json:"note,omitempty"`
}

// MaxAnswers bounds the answers in one Result.
const MaxAnswers = 5
