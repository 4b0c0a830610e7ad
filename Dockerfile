# syntax=docker/dockerfile:1
# Build a static binary, then run it as a non-root user in a minimal image
# with the articles baked in and the index on a volume.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
# Every package the binary imports (go list -deps ./cmd/bot).
COPY answer ./answer
COPY bot ./bot
COPY cmd ./cmd
COPY feedback ./feedback
COPY index ./index
COPY internal/searcher ./internal/searcher
COPY metrics ./metrics
COPY talk ./talk
COPY timeline ./timeline
# What `bot --version` prints, e.g.
#   docker build --build-arg VERSION=$(git describe --tags --always --dirty) .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=${VERSION}" -o /out/bot ./cmd/bot
# /data must exist in the image and belong to the bot's user (65532, distroless's
# nonroot): a fresh named volume mounted there takes its owner from the image,
# and would otherwise be root's, which the bot cannot write its index into.
RUN mkdir -p /out/data/index && chown -R 65532:65532 /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/bot /bot
# Owned by the bot's user, so that /reindex can add an article; mount a
# named volume at /seeds to keep added articles (Docker fills an empty one
# with these) and to share them between shards or replicas.
COPY --chown=nonroot:nonroot seeds /seeds
COPY --from=build --chown=nonroot:nonroot /out/data /data
ENV SEEDS_DIR=/seeds INDEX_DIR=/data/index METRICS_ADDR=:9090
VOLUME /data
# 8080: HTTP interactions mode (HTTP_ADDR); 9090: /healthz (METRICS_ADDR).
EXPOSE 8080 9090
USER nonroot:nonroot
# `bot healthcheck` asks the bot's own /healthz at METRICS_ADDR; there is no
# shell or curl in this image. The start period covers building the index.
HEALTHCHECK --interval=30s --timeout=5s --start-period=1m --retries=3 CMD ["/bot", "healthcheck"]
ENTRYPOINT ["/bot"]
