package talk

import (
	"unicode"
)

// nonLatin are the scripts whose letters say a message is not English
// when they make up most of its letters: a Korean name inside an English
// question does not.
var nonLatin = []*unicode.RangeTable{
	unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Cyrillic,
	unicode.Arabic, unicode.Hebrew, unicode.Greek, unicode.Thai, unicode.Devanagari,
	unicode.Bengali, unicode.Tamil, unicode.Georgian, unicode.Armenian, unicode.Ethiopic,
	unicode.Khmer, unicode.Lao, unicode.Myanmar, unicode.Sinhala, unicode.Tibetan,
	unicode.Gujarati, unicode.Gurmukhi, unicode.Telugu, unicode.Kannada, unicode.Malayalam,
}

// englishWords are common English function words: questions about the
// story are full of them.
var englishWords = set(
	"the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "from", "with", "about", "into",
	"is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "has", "have", "had",
	"will", "would", "can", "could", "should", "may", "might", "must",
	"how", "many", "much", "what", "who", "whom", "whose", "when", "where", "why", "which",
	"and", "or", "but", "not", "no", "if", "than", "then", "so", "that", "this", "these", "those",
	"it", "its", "he", "she", "they", "them", "his", "her", "their", "him", "we", "our", "you", "your",
	"i", "me", "my", "there", "any", "some", "all", "after", "before", "during", "over", "against",
	"say", "said", "says", "tell", "happened", "get", "got", "give", "gave", "did",
)

// foreignWords are frequent words of other languages written in Latin
// letters (French, Spanish, Italian, Portuguese, German, Dutch, and
// Russian, Korean and Japanese transliterated) that are not also English
// words: "die", "son", "come" or "a" are left out on purpose.
var foreignWords = set(
	// French
	"le", "les", "des", "du", "est", "et", "une", "qui", "quoi", "combien", "pourquoi", "où", "comment",
	"quand", "sont", "ont", "pas", "avec", "dans", "sur", "cette", "ce", "il", "elle", "ils", "je", "vous",
	"nous", "c'est", "qu'est", "bonjour", "merci", "salut", "soldats", "morts", "été", "au", "aux", "ou",
	"parle", "guerre", "coréens", "nord",
	// Spanish
	"el", "los", "las", "del", "es", "y", "qué", "que", "cuántos", "cuantos", "cuántas", "cuántos",
	"por", "dónde", "donde", "cómo", "como", "cuándo", "cuando", "quién", "quien", "murieron", "fueron",
	"hola", "gracias", "una", "pero", "sobre", "está", "están", "hay", "soldados", "muertos", "guerra",
	"norcoreanos", "dijo", "para", "sus", "su",
	// Italian and Portuguese
	"il", "gli", "della", "di", "che", "chi", "quanti", "perché", "dove", "sono", "ciao", "grazie", "è",
	"os", "não", "nao", "quantos", "quem", "onde", "porque", "obrigado", "obrigada", "olá", "são", "foram",
	"uma", "morreram", "soldati", "morti", "da", "em", "na", "no",
	// German and Dutch
	"der", "das", "und", "ist", "sind", "wie", "viele", "wer", "wann", "wo", "warum", "ein", "eine",
	"nicht", "mit", "von", "auf", "für", "danke", "haben", "wurden", "getötet", "soldaten", "gestorben",
	"dem", "het", "een", "hoeveel", "waarom", "waar", "zijn", "niet", "bedankt", "ich",
	"guten", "hoi",
	// Russian, Korean and Japanese in Latin letters
	"kak", "chto", "kto", "skolko", "gde", "kogda", "pochemu", "privet", "spasibo", "eto", "byli",
	"soldat", "soldaty", "zdravstvuyte", "poka", "annyeong", "annyeonghaseyo", "kamsahamnida",
	"gamsahamnida", "konnichiwa", "arigato", "arigatou", "desu", "nani",
)

// notEnglish reports whether msg, as a whole, is in another language: most
// of its letters are of a non-Latin script, or it holds more common words
// of other languages than of English (at least two, or one when it is all
// there is, as in "hola" or "merci").
func notEnglish(msg string) bool {
	latin, other := 0, 0
	for _, r := range msg {
		switch {
		case !unicode.IsLetter(r):
		case unicode.Is(unicode.Latin, r):
			latin++
		case isNonLatin(r):
			other++
		}
	}
	if other > latin {
		return true
	}
	en, fx := 0, 0
	ws := words(msg)
	for _, w := range ws {
		// "no" and the like are in both lists: they count for English.
		switch {
		case englishWords[w]:
			en++
		case foreignWords[w]:
			fx++
		}
	}
	if fx == 0 || fx <= en {
		return false
	}
	return fx >= 2 || len(ws) == 1
}

func isNonLatin(r rune) bool {
	for _, t := range nonLatin {
		if unicode.Is(t, r) {
			return true
		}
	}
	return false
}
