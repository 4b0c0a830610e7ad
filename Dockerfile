# syntax=docker/dockerfile:1
# Build a static binary, then run it as a non-root user in a minimal image
# with the articles baked in and the index on a volume.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY answer ./answer
COPY bot ./bot
COPY cmd ./cmd
COPY index ./index
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/bot ./cmd/bot

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/bot /bot
# Owned by the bot's user, so that /reindex can add an article; mount a
# named volume at /seeds to keep added articles (Docker fills an empty one
# with these) and to share them between shards or replicas.
COPY --chown=nonroot:nonroot seeds /seeds
ENV SEEDS_DIR=/seeds INDEX_DIR=/data/index
VOLUME /data
USER nonroot:nonroot
ENTRYPOINT ["/bot"]
