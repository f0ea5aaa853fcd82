# Production image: the API server plus the built PWA.
# Build: docker build -t voronka .   (docker-compose.yml uses it with PostgreSQL)

FROM rust:1.95-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN scripts/install-tools.sh build \
 && frontend/build.sh \
 && cargo build --release -p voronka-server --bin voronka

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /var/lib/voronka --create-home voronka
COPY --from=build /src/target/release/voronka /usr/local/bin/voronka
COPY --from=build /src/frontend/dist /usr/share/voronka/pwa
USER voronka
WORKDIR /var/lib/voronka
ENV VORONKA_HOST=0.0.0.0 \
    VORONKA_PORT=8080 \
    VORONKA_STATIC_DIR=/usr/share/voronka/pwa \
    VORONKA_ENVIRONMENT=production \
    VORONKA_LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s CMD curl -fsS http://127.0.0.1:8080/ready || exit 1
ENTRYPOINT ["voronka"]
CMD ["serve"]
