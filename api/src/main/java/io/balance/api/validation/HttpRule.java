package io.balance.api.validation;

import io.balance.api.config.Cidr;
import io.balance.api.config.HttpConfig;
import io.balance.api.config.ProxyConfig;
import java.util.List;

/** HTTP limits, trusted proxies and the backend connection pool. */
final class HttpRule implements Rule {
    private static final FieldPath BASE = FieldPath.of("http");

    @Override
    public void check(ProxyConfig config, Problems problems) {
        HttpConfig http = config.http();
        List<String> trusted = http.trustedProxies();
        for (int i = 0; i < trusted.size(); i++) {
            if (trusted.get(i) == null) {
                problems.error(BASE.field("trustedProxies").index(i), "empty entry; list networks such as 10.0.0.0/8");
                continue;
            }
            try {
                Cidr.parse(trusted.get(i));
            } catch (IllegalArgumentException e) {
                problems.error(BASE.field("trustedProxies").index(i), e.getMessage());
            }
        }
        Checks.range(problems, BASE.field("maxRequestLine"), http.maxRequestLine(), 256, 1_048_576);
        Checks.range(problems, BASE.field("maxHeaderSize"), http.maxHeaderSize(), 1024, 1_048_576);
        Checks.range(problems, BASE.field("maxHeaders"), http.maxHeaders(), 1, 10_000);
        Checks.range(problems, BASE.field("maxIdleConnsPerHost"), http.maxIdleConnsPerHost(), 0, 100_000);
        if (http.maxIdleConnsPerHost() == 0) {
            // legal, but the Go original read 0 as "the default": say what it means here
            problems.warning(BASE.field("maxIdleConnsPerHost"), "0 keeps no idle backend connections, so every request opens a new one;"
                    + " the original Balance read 0 as the default (" + HttpConfig.DEFAULT_MAX_IDLE_CONNS_PER_HOST + ")");
        }
        Checks.positive(problems, BASE.field("idleConnTimeout"), http.idleConnTimeout());
    }
}
