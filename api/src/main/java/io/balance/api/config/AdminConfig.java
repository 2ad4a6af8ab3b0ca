package io.balance.api.config;

/**
 * {@code admin}: the admin API listener, which also serves the metrics. Writes
 * ({@code PUT /backends}, {@code PUT /config}, {@code POST /drain}) need the bearer token read
 * from {@code token_file}; without a token file every write is refused.
 *
 * <p>{@code listen} may be null here: {@link ProxyConfig} resolves it (to {@code metrics.listen}
 * when only that is set, else {@link #DEFAULT_LISTEN}), so {@code config.admin().listen()} is
 * never null on a {@link ProxyConfig}.
 */
public record AdminConfig(String listen, String tokenFile) {

    public static final String DEFAULT_LISTEN = ":9090";

    public static AdminConfig defaults() {
        return new AdminConfig(null, null);
    }
}
