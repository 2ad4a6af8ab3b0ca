package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.util.List;

/** {@code http} of the proxy config: request limits and trusted forwarders. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HttpSpec(
        List<String> trustedProxies,
        @Min(256) @Max(1048576) Integer maxRequestLine,
        @Min(1024) @Max(1048576) Integer maxHeaderSize,
        @Min(1) @Max(10000) Integer maxHeaders,
        @Min(0) @Max(100000) Integer maxIdleConnsPerHost,
        @Pattern(Patterns.DURATION) String idleConnTimeout,
        Boolean enableWebsocket,
        Boolean enableHttp2) {
}
