package io.balance.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Version, git commit and build time: baked in at build time, overridable by the image's
 * {@code BALANCE_VERSION}, {@code BALANCE_GIT_COMMIT} and {@code BALANCE_BUILD_TIME}.
 */
public record BuildInfo(String version, String gitCommit, String buildTime) {

    public static BuildInfo load() {
        Properties props = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build-info.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            // fall through to defaults
        }
        return new BuildInfo(
                pick("BALANCE_VERSION", props.getProperty("version")),
                pick("BALANCE_GIT_COMMIT", props.getProperty("git.commit")),
                pick("BALANCE_BUILD_TIME", props.getProperty("build.time")));
    }

    private static String pick(String env, String baked) {
        String value = System.getenv(env);
        if (value != null && !value.isBlank()) {
            return value;
        }
        return baked == null || baked.isBlank() || baked.startsWith("${") ? "unknown" : baked;
    }
}
