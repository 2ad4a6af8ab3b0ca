package io.balance.release;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a command as the image's numeric user when the build runs as root: {@code setpriv} with the
 * uid:gid of the Dockerfile's USER, else {@code runuser -u nobody}. Without either it skips, or
 * fails under {@code CI=true}. As a non-root user the command runs as it is.
 */
final class Unprivileged {
    private Unprivileged() {
    }

    static List<String> wrap(String user, List<String> command) {
        List<String> prefix = prefix(user);
        List<String> all = new ArrayList<>(prefix);
        all.addAll(command);
        return all;
    }

    private static List<String> prefix(String user) {
        if (!"0".equals(run(List.of("id", "-u")))) {
            return List.of();
        }
        String[] ids = user.split(":");
        String gid = ids.length > 1 ? ids[1] : ids[0];
        List<String> setpriv = List.of("setpriv", "--reuid=" + ids[0], "--regid=" + gid, "--clear-groups");
        if (works(setpriv)) {
            return setpriv;
        }
        List<String> runuser = List.of("runuser", "-u", "nobody", "--");
        if (works(runuser)) {
            return runuser;
        }
        String message = "running as root and neither setpriv nor runuser can drop privileges: the image entrypoints cannot be run as a non-root user";
        if (Repo.ci()) {
            fail(message);
        }
        Assumptions.abort(message);
        return List.of();
    }

    private static boolean works(List<String> prefix) {
        List<String> probe = new ArrayList<>(prefix);
        probe.addAll(List.of("id", "-u"));
        String uid = run(probe);
        return uid != null && !uid.equals("0") && uid.matches("\\d+");
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : null;
        } catch (Exception e) {
            return null;
        }
    }
}
