package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// opsHandler is the operator's endpoints, served at METRICS_ADDR in every
// Discord mode and at HTTP_ADDR as well in HTTP interactions mode:
// GET /healthz, 200 while the process is alive (so that `bot healthcheck`
// has something to ask when the bot holds a gateway connection and serves
// no HTTP of its own); GET /readyz, 200 only while the index is open and
// Discord connected, else 503 saying which is missing; and GET /metrics,
// in Prometheus's text format.
func opsHandler(st *status) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ok, why := st.ready()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if !ok {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		w.Write([]byte(why + "\n"))
	})
	mux.Handle("GET /metrics", st.Handler())
	return mux
}

// serveHealth serves ops at addr (METRICS_ADDR) for as long as the process
// runs. It listens before the index is opened: a long first build is not
// a dead process. The returned function stops it.
func serveHealth(addr string, log *slog.Logger, ops http.Handler) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("METRICS_ADDR=%q: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           ops,
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	served := make(chan struct{})
	go func() {
		defer close(served)
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			log.Error("health endpoint stopped", "err", err)
		}
	}()
	log.Info("health: serving", "addr", ln.Addr().String(), "paths", "/healthz /readyz /metrics")
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		<-served
	}, nil
}
