package io.balance.api.config;

/**
 * {@code admin}: the admin API listener. Writes ({@code PUT /backends}, {@code PUT /config},
 * {@code POST /drain}) need the bearer token read from {@code token_file}; without a token file
 * every write is refused.
 */
public record AdminConfig(String listen, String tokenFile) {

    public AdminConfig {
        listen = listen == null ? ":9090" : listen;
    }

    public static AdminConfig defaults() {
        return new AdminConfig(null, null);
    }
}
