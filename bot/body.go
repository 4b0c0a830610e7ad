package bot

import (
	"bytes"
	"errors"
	"io"
	"net/http"
)

// Bodies are buffered before their signature can be checked, so unsigned
// requests could make the bot hold many large bodies at once. The first
// smallBody bytes of any request are read freely: every ordinary
// interaction, a PING above all, fits, so Discord's signed requests are
// never turned away. Past that, a request needs one of maxLargeBodies
// slots until its signature has been checked, and gets 503 when none is
// free: at most maxLargeBodies × maxInteractionBody bytes of unverified
// large bodies are held at a time.
const (
	smallBody      = 16 << 10
	maxLargeBodies = 16
)

// bodyGate hands out the slots for large unverified bodies.
type bodyGate struct{ slots chan struct{} }

func newBodyGate(n int) *bodyGate { return &bodyGate{slots: make(chan struct{}, n)} }

// bodyError is a request whose body was not read, with its HTTP status.
type bodyError struct {
	status int
	msg    string
}

func (e *bodyError) Error() string { return e.msg }

// read reads r's body, up to maxInteractionBody; large is called when a
// large body has taken a slot. release gives back the slot: call it once
// the signature has been checked.
func (g *bodyGate) read(w http.ResponseWriter, r *http.Request, large func()) (body []byte, release func(), err error) {
	release = func() {}
	src := http.MaxBytesReader(w, r.Body, maxInteractionBody)
	var buf bytes.Buffer
	buf.Grow(min(smallBody+1, int(max(r.ContentLength, 512))))
	n, err := buf.ReadFrom(io.LimitReader(src, smallBody+1))
	if err != nil {
		return nil, release, readError(err)
	}
	if n <= smallBody {
		return buf.Bytes(), release, nil
	}
	select {
	case g.slots <- struct{}{}:
		release = func() { <-g.slots }
		large()
	default:
		return nil, release, &bodyError{http.StatusServiceUnavailable, "too many large requests at once; try again shortly"}
	}
	if r.ContentLength > 0 && r.ContentLength <= maxInteractionBody {
		buf.Grow(int(r.ContentLength) - buf.Len())
	}
	if _, err := buf.ReadFrom(src); err != nil {
		release()
		return nil, func() {}, readError(err)
	}
	return buf.Bytes(), release, nil
}

func readError(err error) error {
	if tooBig := (*http.MaxBytesError)(nil); errors.As(err, &tooBig) {
		return &bodyError{http.StatusRequestEntityTooLarge, "request body too large"}
	}
	return &bodyError{http.StatusBadRequest, "cannot read the request body"}
}
